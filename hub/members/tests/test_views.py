"""Member directory and profile pages, each checked for an allowed and a denied persona."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest

from conftest import as_viewer
from conftest import client_for
from hub.core.models import Visibility
from hub.members.models import Member
from hub.members.models import MemberNote
from hub.members.services import member_note_create


@pytest.fixture
def notes(member_a, secretariat):
    out = {}
    for level in Visibility.values:
        out[level] = MemberNote.objects.create(
            member=member_a, author=secretariat, visibility=level, text=f"note at {level} level"
        )
    return out


def test_anyone_sees_the_directory_with_the_synthetic_banner(member_a, member_b):
    page = client_for(None).get("/members/").content.decode()
    assert "Alphaland" in page
    assert "Betaland" in page
    assert "Synthetic demo data." in page


def test_the_directory_filters_by_region(member_a, member_b):
    page = client_for(None).get("/members/", {"region": "Africa"}).content.decode()
    assert "Betaland" in page
    assert "Alphaland" not in page


def test_a_member_hidden_from_the_public_is_not_listed_counted_or_found(member_a, secretariat):
    hidden = Member.objects.create(name="Hiddenia", slug="hiddenia", kind="government", visibility="secretariat")
    page = client_for(None).get("/members/").content.decode()
    assert "Hiddenia" not in page
    assert "1 member shown" in page
    assert client_for(None).get("/members/hiddenia/").status_code == 404
    assert client_for(secretariat).get(f"/members/{hidden.slug}/").status_code == 200


def test_directory_exports_as_csv_xlsx_and_json(member_a):
    client = client_for(None)
    csv_body = client.get("/members/export.csv").content.decode()
    assert csv_body.splitlines()[0].startswith("name,kind,iso3166")
    book = openpyxl.load_workbook(io.BytesIO(client.get("/members/export.xlsx").content))
    assert book.active.cell(row=2, column=1).value == "Alphaland"
    rows = json.loads(client.get("/members/export.json").content)
    assert rows[0]["synthetic"] == "yes"
    assert client.get("/members/export.pdfx").status_code == 404


def test_profile_shows_notes_by_level(notes, member_a, official_a, official_b, secretariat):
    anonymous = client_for(None).get("/members/alphaland/").content.decode()
    own = client_for(official_a).get("/members/alphaland/").content.decode()
    other = client_for(official_b).get("/members/alphaland/").content.decode()
    secretariat_page = client_for(secretariat).get("/members/alphaland/").content.decode()
    assert "note at public level" in anonymous
    assert "note at taskforce level" not in anonymous
    assert "note at member level" in own
    assert "note at secretariat level" not in own
    assert "note at taskforce level" in other
    assert "note at member level" not in other
    assert "note at secretariat level" in secretariat_page


def test_officials_are_shown_to_the_taskforce_only(member_a, official_a, official_b):
    assert official_a.email in client_for(official_b).get("/members/alphaland/").content.decode()
    assert official_a.email not in client_for(None).get("/members/alphaland/").content.decode()


def test_secretariat_notes_are_for_the_secretariat_only(member_a, secretariat, official_a):
    Member.objects.filter(pk=member_a.pk).update(secretariat_notes="internal remark")
    assert "internal remark" in client_for(secretariat).get("/members/alphaland/").content.decode()
    assert "internal remark" not in client_for(official_a).get("/members/alphaland/").content.decode()


def test_an_official_adds_a_note_to_their_own_member(member_a, official_a):
    response = client_for(official_a).post("/members/alphaland/notes/", {"text": "our update", "visibility": "member"})
    assert response.status_code == 302
    assert MemberNote.objects.get().text == "our update"


def test_an_empty_note_is_refused_naming_the_field(member_a, official_a):
    response = client_for(official_a).post("/members/alphaland/notes/", {"text": "", "visibility": "member"})
    assert response.status_code == 422
    assert "There is a problem" in response.content.decode()
    assert not MemberNote.objects.exists()


def test_another_members_official_cannot_add_a_note(member_a, official_b):
    response = client_for(official_b).post("/members/alphaland/notes/", {"text": "x", "visibility": "member"})
    assert response.status_code == 404
    assert not MemberNote.objects.exists()


def test_a_member_official_may_not_choose_secretariat_visibility(member_a, official_a):
    from hub.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as exc:
        member_note_create(viewer=as_viewer(official_a), member=member_a, text="x", visibility="secretariat")
    assert exc.value.problems[0].field == "visibility"


def test_home_page_counts_only_visible_members(member_a):
    Member.objects.create(name="Hiddenia", slug="hiddenia", kind="government", visibility="secretariat")
    page = client_for(None).get("/").content.decode()
    assert "lists 1 member." in page


def test_dashboard_counts_members_without_a_focal_point_and_links_to_them(
    member_a, focal_point_a, member_b, secretariat
):
    client = client_for(secretariat)
    page = client.get("/dashboard/").content.decode()
    assert '<a href="/members/?focal_point=missing">1 active member has no focal point</a>' in page
    listed = client.get("/members/?focal_point=missing").content.decode()
    assert "Betaland" in listed
    assert "Alphaland" not in listed


def test_only_the_registry_filters_the_directory_by_focal_point(member_a, focal_point_a, member_b, official_a):
    listed = client_for(official_a).get("/members/?focal_point=missing").content.decode()
    assert "Betaland" in listed
    assert "Alphaland" in listed
    assert 'name="focal_point"' not in listed


def test_dashboard_shows_an_official_their_own_member(member_a, official_a):
    page = client_for(official_a).get("/dashboard/").content.decode()
    assert "Alphaland" in page
    assert "no focal point" not in page
