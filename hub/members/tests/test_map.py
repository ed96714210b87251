"""The world map: its own cached, compressed SVG, drawn through the policy layer."""

from __future__ import annotations

import gzip

from django.test import Client

from hub.members.models import Member


def test_the_map_is_served_compressed_with_an_etag_and_answers_304_when_unchanged(member_a):
    Member.objects.filter(pk=member_a.pk).update(country="FR")
    client = Client()
    response = client.get("/members/map.svg", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    svg = gzip.decompress(response.content)
    assert svg.startswith(b"<svg")
    assert b"<script" not in svg
    etag = response["ETag"]
    assert client.get("/members/map.svg", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_the_map_changes_when_a_member_changes(member_a):
    Member.objects.filter(pk=member_a.pk).update(country="FR")
    first = Client().get("/members/map.svg")["ETag"]
    member_a.refresh_from_db()
    member_a.founding_member = True
    member_a.save()
    assert Client().get("/members/map.svg")["ETag"] != first


def test_hidden_members_are_not_drawn(member_a):
    Member.objects.create(name="Hiddenia", slug="hiddenia", kind="government", country="JP", visibility="secretariat")
    svg = Client().get("/members/map.svg").content
    assert b'class="country jp' not in svg
    assert Client().get("/members/map.svg")["Content-Type"] == "image/svg+xml"


def test_the_directory_shows_the_map_with_a_text_alternative(member_a):
    page = Client().get("/members/").content.decode()
    assert 'src="/members/map.svg"' in page
    assert "The same members are listed in the table below" in page
