"""The checklist's pages: published versions are public; a draft is the secretariat's, which loads a
new version from a file (a dry run first) and publishes it after confirming."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import as_viewer
from conftest import client_for
from hub.legal.models import ChecklistVersion
from hub.legal.services.checklist import checklist_version_load
from hub.legal.tests.legal_world import checklist
from hub.legal.tests.test_checklist_helpers import SOURCE
from hub.legal.tests.test_checklist_helpers import csv_file
from hub.legal.tests.test_checklist_helpers import draft_next
from hub.legal.tests.test_checklist_helpers import next_rows
from hub.legal.tests.test_checklist_helpers import published_next

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _reference(db):
    checklist()


def _upload(rows=None, *, dry_run=False, code="2027-1"):
    data = {
        "code": code,
        "title": "Second edition",
        "source": SOURCE,
        "file": SimpleUploadedFile("checklist.csv", csv_file(rows or next_rows()), content_type="text/csv"),
    }
    if dry_run:
        data["dry_run"] = "on"
    return data


def test_anyone_reads_the_published_checklist_by_group_without_signing_in():
    page = client_for(None).get("/legal/checklist/2026-1/")
    assert page.status_code == 200
    text = page.content.decode()
    for heading in ("Definitions", "Offences", "Grooming and extortion", "Victims"):
        assert f">{heading}</h2>" in text
    assert "Simple possession" in text
    assert "Graded: met, partial or not met" in text
    assert "Binary: met or not met" in text
    assert "Lanzarote Art 20(1)(e)" in text
    assert "Model legal checklist of the Taskforce Hub project" in text
    assert "Unofficial translation" not in text


def test_the_french_page_shows_the_unofficial_translation_and_says_so():
    page = client_for(None).get("/legal/checklist/2026-1/", HTTP_ACCEPT_LANGUAGE="fr")
    text = page.content.decode()
    assert "Simple détention" in text
    assert "Unofficial translation" in text or "traduction" in text.lower()


def test_the_list_shows_the_current_version_first_and_drafts_to_the_secretariat_only(secretariat, official_a):
    published_next(secretariat)
    checklist_version_load(
        viewer=as_viewer(secretariat), code="2028-1", source=SOURCE, name="c.csv", content=csv_file(next_rows_2027())
    )
    staff = client_for(secretariat).get("/legal/checklist/").content.decode()
    assert staff.index("2027-1") < staff.index("2026-1") < staff.index("2028-1")
    assert "Load a new version" in staff
    other = client_for(official_a).get("/legal/checklist/").content.decode()
    assert "2028-1" not in other
    assert "Load a new version" not in other


def next_rows_2027():
    rows = []
    for r in next_rows():
        rows.append({**r, "maps_to": r["id"], "relation": "same"})
    return rows


def test_a_draft_version_and_its_provisions_are_404_for_everyone_but_the_secretariat(secretariat, official_a):
    draft_next(secretariat)
    for url in ("/legal/checklist/2027-1/", "/legal/checklist/2027-1/O5a/"):
        assert client_for(secretariat).get(url).status_code == 200
        assert client_for(official_a).get(url).status_code == 404
        assert client_for(None).get(url).status_code == 404


def test_a_provision_page_shows_what_it_became_only_where_the_later_version_is_seen(secretariat, official_a):
    draft_next(secretariat)
    staff = client_for(secretariat).get("/legal/checklist/2026-1/O5/").content.decode()
    assert "Split into O5a" in staff
    assert "O5a" not in client_for(official_a).get("/legal/checklist/2026-1/O5/").content.decode()


def test_a_provision_page_names_where_it_comes_from(secretariat):
    published_next(secretariat)
    text = client_for(None).get("/legal/checklist/2027-1/O9/").content.decode()
    assert "Merged from O9 of version 2026-1" in text
    assert "Merged from O10 of version 2026-1" in text
    page = client_for(None).get("/legal/checklist/2027-1/").content.decode()
    assert "Split from" in page
    assert client_for(None).get("/legal/checklist/2026-1/Z9/").status_code == 404


def test_the_secretariat_checks_a_file_with_a_dry_run_then_loads_it(secretariat):
    client = client_for(secretariat)
    assert client.get("/legal/checklist/load/").status_code == 200
    preview = client.post("/legal/checklist/load/", _upload(dry_run=True))
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "A new draft version would be created." in text
    assert "O5a Possession" in text
    assert not ChecklistVersion.objects.filter(code="2027-1").exists()
    loaded = client.post("/legal/checklist/load/", _upload())
    assert loaded.status_code == 302
    assert loaded["Location"] == "/legal/checklist/2027-1/"
    assert ChecklistVersion.objects.get(code="2027-1").status == ChecklistVersion.Status.DRAFT


def test_a_bad_file_is_shown_with_its_row_and_column_and_loads_nothing(secretariat):
    rows = next_rows()
    rows[4]["scoring"] = "scored"
    page = client_for(secretariat).post("/legal/checklist/load/", _upload(rows))
    assert page.status_code == 422
    assert "Row 6, column scoring: Use graded or binary." in page.content.decode()
    assert not ChecklistVersion.objects.filter(code="2027-1").exists()


def test_others_cannot_reach_the_load_page(official_a, focal_point_a):
    for user in (official_a, focal_point_a):
        assert client_for(user).get("/legal/checklist/load/").status_code == 404
        assert client_for(user).post("/legal/checklist/load/", _upload()).status_code == 404
    assert client_for(None).get("/legal/checklist/load/").status_code == 302
    assert not ChecklistVersion.objects.filter(code="2027-1").exists()


def test_publishing_asks_once_more_then_publishes(secretariat):
    draft_next(secretariat)
    client = client_for(secretariat)
    confirm = client.post("/legal/checklist/2027-1/publish/")
    assert confirm.status_code == 200
    assert "Publish the version" in confirm.content.decode()
    assert ChecklistVersion.objects.get(code="2027-1").status == ChecklistVersion.Status.DRAFT
    done = client.post("/legal/checklist/2027-1/publish/", {"confirmed": "yes"})
    assert done.status_code == 302
    assert ChecklistVersion.objects.get(code="2027-1").status == ChecklistVersion.Status.PUBLISHED
    again = client.post("/legal/checklist/2027-1/publish/", {"confirmed": "yes"}, follow=True)
    assert "already published" in again.content.decode()


def test_others_cannot_publish(secretariat, official_a):
    draft_next(secretariat)
    assert client_for(official_a).post("/legal/checklist/2027-1/publish/", {"confirmed": "yes"}).status_code == 404
    assert client_for(official_a).post("/legal/checklist/2026-1/publish/", {"confirmed": "yes"}).status_code == 404
    assert ChecklistVersion.objects.get(code="2027-1").status == ChecklistVersion.Status.DRAFT
