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
    assert 'src="/members/map.svg?lang=en"' in page
    assert "The same members are listed in the table below" in page


def test_the_map_address_names_the_language_of_the_page(member_a):
    client = Client()
    client.cookies["django_language"] = "fr"
    assert 'src="/members/map.svg?lang=fr"' in client.get("/members/").content.decode()
    client.cookies["django_language"] = "es"
    assert 'src="/members/map.svg?lang=es"' in client.get("/members/").content.decode()


def test_each_language_has_its_own_map_whatever_the_browser_sends(member_a):
    Member.objects.filter(pk=member_a.pk).update(country="FR")
    client = Client()
    maps = {lang: client.get(f"/members/map.svg?lang={lang}") for lang in ("en", "fr", "es")}
    assert len({r["ETag"] for r in maps.values()}) == 3
    assert {lang: r["Content-Language"] for lang, r in maps.items()} == {"en": "en", "fr": "fr", "es": "es"}
    # The address decides, not the cookie: a French page's map stays French after switching to Spanish.
    client.cookies["django_language"] = "es"
    assert client.get("/members/map.svg?lang=fr")["ETag"] == maps["fr"]["ETag"]
    assert client.get("/members/map.svg?lang=xx")["Content-Language"] == "es"
    assert "Accept-Language" in maps["en"]["Vary"]
