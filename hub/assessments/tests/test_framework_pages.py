"""The framework and phases pages: published versions and the phases are read by everyone; a draft is
the secretariat's (404 for a member official), which loads a new version from a file (a dry run first),
publishes it after confirming, and names and describes the phases."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import client_for
from hub.assessments.models import Framework
from hub.assessments.models import Phase
from hub.assessments.tests.assessment_world import framework
from hub.assessments.tests.test_framework_helpers import SOURCE
from hub.assessments.tests.test_framework_helpers import csv_file
from hub.assessments.tests.test_framework_helpers import draft_next
from hub.assessments.tests.test_framework_helpers import next_rows
from hub.assessments.tests.test_framework_helpers import published_next
from hub.assessments.tests.test_framework_helpers import xlsx_file

pytestmark = pytest.mark.django_db
LOAD = "/assessments/frameworks/load/"


@pytest.fixture(autouse=True)
def _reference(db):
    framework()


def _upload(rows=None, *, dry_run=False, xlsx=False):
    rows = next_rows() if rows is None else rows
    name, body = ("mnr.xlsx", xlsx_file(rows)) if xlsx else ("mnr.csv", csv_file(rows))
    data = {"code": "mnr-2026", "title": "MNR 2026", "source": SOURCE, "file": SimpleUploadedFile(name, body)}
    if dry_run:
        data["dry_run"] = "on"
    return data


def test_the_list_shows_versions_with_their_state_date_and_source(secretariat, official_a):
    draft_next(secretariat)
    staff = client_for(secretariat).get("/assessments/frameworks/").content.decode()
    assert "Current version" in staff and "Draft: seen by the secretariat only" in staff
    assert "WeProtect Model National Response (2016)" in staff
    assert staff.index("mnr-2016") < staff.index("mnr-2026")
    assert "Load a new version" in staff
    other = client_for(official_a).get("/assessments/frameworks/").content.decode()
    assert "mnr-2016" in other and "mnr-2026" not in other
    assert "Load a new version" not in other


def test_a_version_shows_its_capabilities_by_domain_with_their_source(official_a):
    page = client_for(official_a).get("/assessments/frameworks/mnr-2016/")
    assert page.status_code == 200
    text = page.content.decode()
    for domain in ("Policy and Governance", "Criminal Justice", "Victim", "Societal", "Industry"):
        assert f">{domain}</h2>" in text
    assert "1. Leadership" in text and "21. Universal Terminology" in text
    assert "domain names confirmed by INHOPE" in text
    assert Framework.objects.get(code="mnr-2016").get_absolute_url() == "/assessments/frameworks/mnr-2016/"


def test_a_later_version_names_its_predecessors_and_the_earlier_its_successors_in_words(secretariat, official_a):
    published_next(secretariat)
    text = client_for(official_a).get("/assessments/frameworks/mnr-2026/").content.decode()
    assert "The same capability as" in text
    assert "Split from" in text and "Merged from" in text
    assert "New in this version" in text
    assert "not carried over" in text and "21. Universal Terminology" in text
    earlier = client_for(official_a).get("/assessments/frameworks/mnr-2016/").content.decode()
    assert "Split into 22. Online Investigation (among others) in version mnr-2026" in earlier
    assert "Merged into 5. Justice System in version mnr-2026" in earlier
    assert "Kept as 1. Leadership in version mnr-2026" in earlier


def test_a_draft_is_404_for_a_member_official_and_its_successors_are_hidden(secretariat, official_a):
    draft_next(secretariat)
    assert client_for(secretariat).get("/assessments/frameworks/mnr-2026/").status_code == 200
    assert client_for(official_a).get("/assessments/frameworks/mnr-2026/").status_code == 404
    assert client_for(None).get("/assessments/frameworks/mnr-2026/").status_code == 404
    assert "mnr-2026" not in client_for(official_a).get("/assessments/frameworks/mnr-2016/").content.decode()
    assert "mnr-2026" in client_for(secretariat).get("/assessments/frameworks/mnr-2016/").content.decode()
    assert client_for(official_a).get("/assessments/frameworks/mnr-1999/").status_code == 404


def test_the_secretariat_checks_a_file_with_a_dry_run_then_loads_it_and_sees_the_warnings(secretariat):
    client = client_for(secretariat)
    assert client.get(LOAD).status_code == 200
    preview = client.post(LOAD, _upload(dry_run=True))
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "A new draft version would be created." in text
    assert "22. Online Investigation" in text
    assert "no capability maps to" in text and "21. Universal Terminology" in text
    assert not Framework.objects.filter(code="mnr-2026").exists()
    loaded = client.post(LOAD, _upload())
    assert loaded.status_code == 200
    text = loaded.content.decode()
    assert "loaded as a draft" in text and "21. Universal Terminology" in text
    assert Framework.objects.get(code="mnr-2026").status == Framework.Status.DRAFT
    again = client.post(LOAD, _upload(xlsx=True)).content.decode()
    assert "Nothing changed" in again


def test_a_bad_file_is_shown_with_its_rows_and_columns_and_loads_nothing(secretariat):
    rows = next_rows()
    rows[4]["maps_to"] = "5"  # row 6: merged from one
    rows[6]["id"] = "7.5"  # row 8
    page = client_for(secretariat).post(LOAD, _upload(rows))
    assert page.status_code == 422
    text = page.content.decode()
    assert "Row 6, column maps_to: A capability merged from others names two or more" in text
    assert "Row 8, column id: Use a whole number from 1 to 999." in text
    assert not Framework.objects.filter(code="mnr-2026").exists()


def test_others_cannot_reach_the_load_page(official_a, focal_point_a):
    for user in (official_a, focal_point_a):
        assert client_for(user).get(LOAD).status_code == 404
        assert client_for(user).post(LOAD, _upload()).status_code == 404
    assert client_for(None).get(LOAD).status_code == 302
    assert not Framework.objects.filter(code="mnr-2026").exists()


def test_publishing_asks_once_more_then_publishes_and_a_second_time_is_refused(secretariat):
    draft_next(secretariat)
    client = client_for(secretariat)
    url = "/assessments/frameworks/mnr-2026/publish/"
    assert "Publish this version" in client.get("/assessments/frameworks/mnr-2026/").content.decode()
    confirm = client.post(url)
    assert confirm.status_code == 200 and "Publish the version" in confirm.content.decode()
    assert Framework.objects.get(code="mnr-2026").status == Framework.Status.DRAFT
    done = client.post(url, {"confirmed": "yes"})
    assert done.status_code == 302 and done["Location"] == "/assessments/frameworks/mnr-2026/"
    assert Framework.objects.get(code="mnr-2026").is_published
    again = client.post(url, {"confirmed": "yes"}, follow=True)
    assert "already published" in again.content.decode()


def test_others_cannot_publish(secretariat, official_a):
    draft_next(secretariat)
    url = "/assessments/frameworks/mnr-2026/publish/"
    assert client_for(official_a).post(url, {"confirmed": "yes"}).status_code == 404
    assert client_for(official_a).post("/assessments/frameworks/mnr-2016/publish/").status_code == 404
    assert not Framework.objects.get(code="mnr-2026").is_published


def test_the_phases_in_order_with_their_labels_and_the_unconfirmed_names_said(official_a):
    page = client_for(official_a).get("/assessments/phases/")
    assert page.status_code == 200
    text = page.content.decode()
    assert text.index(">Building<") < text.index(">Phase 2<") < text.index(">Phase 3<") < text.index(">Maturity<")
    assert text.count("name not yet confirmed") == 2
    assert "MNR Maturity Model" in text
    assert "Change phase" not in text


def test_the_secretariat_names_a_phase_and_a_stale_edit_is_refused(secretariat, official_a):
    client = client_for(secretariat)
    edit = "/assessments/phases/2/edit/"
    form = client.get(edit)
    assert form.status_code == 200
    version = form.context["form"]["row_version"].value()
    data = {"label": "Developing", "description": "Foundations in place.", "confirmed": "on", "row_version": version}
    saved = client.post(edit, data)
    assert saved.status_code == 302 and saved["Location"] == "/assessments/phases/#phase-2"
    stale = client.post(edit, {**data, "label": "Emerging"})
    assert stale.status_code == 422 and "changed by someone else" in stale.content.decode()
    phase = Phase.objects.get(number=2)
    assert (phase.label, phase.confirmed) == ("Developing", True)
    text = client.get("/assessments/phases/").content.decode()
    assert "Developing" in text and text.count("name not yet confirmed") == 1 and "Change phase 2" in text
    assert client_for(official_a).get(edit).status_code == 404
    assert client_for(official_a).post(edit, data).status_code == 404
    assert client.get("/assessments/phases/9/edit/").status_code == 404


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_pages_and_api_read_in_as_many_queries_whatever_the_number_of_capabilities(secretariat):
    from hub.assessments.tests.test_framework_helpers import load_next

    published_next(secretariat)
    rows = [{**r, "maps_to": "", "relation": ""} for r in next_rows()]
    rows += [
        {"id": str(n), "domain": f"Domain {n % 7}", "name": f"Capability {n}", "source": "same"} for n in range(30, 90)
    ]
    load_next(secretariat, rows=rows, code="mnr-2030")
    client = client_for(secretariat)
    small, large = "/assessments/frameworks/mnr-2026/", "/assessments/frameworks/mnr-2030/"
    assert _queries(client, small) == _queries(client, large)
    assert _queries(client, "/assessments/frameworks/") == _queries(client, "/assessments/frameworks/")
    assert _queries(client, "/api/v1/assessments/frameworks/mnr-2026") == _queries(
        client, "/api/v1/assessments/frameworks/mnr-2030"
    )
