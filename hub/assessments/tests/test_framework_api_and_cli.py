"""The framework API and commands: the same reads and writes as the pages, through the same services."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from conftest import as_viewer
from hub.accounts.services import api_token_create
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
API = "/api/v1/assessments"


@pytest.fixture(autouse=True)
def _reference(db):
    framework()


def auth(user: Any, scope: str = "read-write") -> dict[str, str]:
    _t, raw = api_token_create(viewer=as_viewer(user), name="t", scope=scope, days=1)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def upload(headers: dict[str, str], rows=None, *, xlsx: bool = False, **extra: Any) -> Any:
    rows = next_rows() if rows is None else rows
    name, body = ("mnr.xlsx", xlsx_file(rows)) if xlsx else ("mnr.csv", csv_file(rows))
    data = {"code": "mnr-2026", "source": SOURCE, "file": SimpleUploadedFile(name, body), **extra}
    return Client().post(f"{API}/frameworks/load", data, **headers)


def test_anyone_lists_the_published_versions_and_reads_one_with_its_capabilities():
    listed = Client().get(f"{API}/frameworks").json()
    assert [f["code"] for f in listed["items"]] == ["mnr-2016"]
    assert listed["items"][0]["status_label"] == "Published"
    one = Client().get(f"{API}/frameworks/mnr-2016").json()
    assert one["is_current"] is True and one["previous"] is None
    assert len(one["capabilities"]) == 21
    first = one["capabilities"][0]
    assert (first["number"], first["domain"], first["name"]) == (1, "Policy and Governance", "Leadership")
    assert "WeProtect" in first["source"]
    assert first["maps_to"] == [] and first["successors"] == []


def test_a_version_maps_its_capabilities_to_the_previous_one(secretariat):
    published_next(secretariat)
    one = Client().get(f"{API}/frameworks/mnr-2026").json()
    assert one["previous"] == "mnr-2016"
    assert one["not_carried_over"] == [{"number": 21, "name": "Universal Terminology"}]
    five = next(c for c in one["capabilities"] if c["number"] == 5)
    assert sorted((m["number"], m["relation"]) for m in five["maps_to"]) == [(5, "merged"), (6, "merged")]
    assert five["maps_to"][0]["relation_label"] == "merged from"
    old = Client().get(f"{API}/frameworks/mnr-2016").json()
    four = next(c for c in old["capabilities"] if c["number"] == 4)
    assert sorted((s["number"], s["framework"], s["relation"]) for s in four["successors"]) == [
        (4, "mnr-2026", "split"),
        (22, "mnr-2026", "split"),
    ]


def test_a_draft_is_404_for_others_and_hidden_from_their_lists(secretariat, official_a):
    draft_next(secretariat)
    assert Client().get(f"{API}/frameworks/mnr-2026", **auth(secretariat)).status_code == 200
    assert Client().get(f"{API}/frameworks/mnr-2026", **auth(official_a)).status_code == 404
    assert Client().get(f"{API}/frameworks/mnr-2026").status_code == 404
    assert "mnr-2026" not in Client().get(f"{API}/frameworks", **auth(official_a)).content.decode()
    assert "mnr-2026" not in Client().get(f"{API}/frameworks/mnr-2016", **auth(official_a)).content.decode()
    assert "mnr-2026" in Client().get(f"{API}/frameworks", **auth(secretariat)).content.decode()


def test_the_secretariat_uploads_a_dry_run_then_the_file_then_again(secretariat):
    dry = upload(auth(secretariat), dry_run="true")
    assert dry.status_code == 200, dry.content
    assert dry.json()["dry_run"] is True and len(dry.json()["capabilities"]) == 21
    assert dry.json()["not_carried_over"] == [{"number": 21, "name": "Universal Terminology"}]
    assert not Framework.objects.filter(code="mnr-2026").exists()
    done = upload(auth(secretariat))
    assert done.status_code == 201
    assert done.json()["previous"] == "mnr-2016" and len(done.json()["created"]) == 21
    again = upload(auth(secretariat), xlsx=True)
    assert again.status_code == 200
    assert again.json()["created"] == [] and again.json()["updated"] == [] and again.json()["unchanged"] == 21


def test_a_bad_file_is_a_422_naming_every_row_and_column(secretariat):
    rows = next_rows()
    rows[3]["maps_to"] = "4; 99"  # row 5: split from two, one unknown
    rows[8]["relation"] = ""  # row 10
    response = upload(auth(secretariat), rows)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert [(e["row"], e["field"]) for e in response.json()["errors"]] == [
        (5, "maps_to"),
        (5, "maps_to"),
        (10, "relation"),
    ]
    assert not Framework.objects.filter(code="mnr-2026").exists()


def test_others_uploading_are_told_there_is_no_such_thing(official_a, focal_point_a, secretariat):
    for user in (official_a, focal_point_a):
        assert upload(auth(user)).status_code == 404
    assert upload({}).status_code == 401
    assert upload(auth(secretariat, "read")).status_code == 403
    assert not Framework.objects.filter(code="mnr-2026").exists()


def test_publishing_through_the_api_then_again_is_a_409(secretariat, official_a):
    draft_next(secretariat)
    url = f"{API}/frameworks/mnr-2026/publish"
    assert Client().post(url, **auth(official_a)).status_code == 404
    first = Client().post(url, **auth(secretariat))
    assert first.status_code == 200
    assert first.json()["is_current"] is True and first.json()["status"] == "published"
    second = Client().post(url, **auth(secretariat))
    assert second.status_code == 409
    assert "already published" in second.json()["detail"]


def test_the_phases_in_order_and_their_edit_with_if_match_or_a_version(secretariat, official_a):
    listed = Client().get(f"{API}/phases").json()
    assert [(p["number"], p["label"], p["confirmed"]) for p in listed] == [
        (1, "Building", True),
        (2, "Phase 2", False),
        (3, "Phase 3", False),
        (4, "Maturity", True),
    ]
    one = Client().get(f"{API}/phases/3")
    tag = one["ETag"]
    body = {"label": "Established", "confirmed": True}
    patch = Client().patch(
        f"{API}/phases/3", body, content_type="application/json", HTTP_IF_MATCH=tag, **auth(secretariat)
    )
    assert patch.status_code == 200, patch.content
    assert (patch.json()["label"], patch.json()["confirmed"]) == ("Established", True)
    assert patch.json()["description"] == ""
    stale = Client().patch(
        f"{API}/phases/3", {"label": "Other"}, content_type="application/json", HTTP_IF_MATCH=tag, **auth(secretariat)
    )
    assert stale.status_code == 409
    stale_body = Client().patch(
        f"{API}/phases/3",
        {"label": "Other", "version": tag.strip('"')},
        content_type="application/json",
        **auth(secretariat),
    )
    assert stale_body.status_code == 409
    fresh = Client().patch(
        f"{API}/phases/3",
        {"description": "Sustained.", "version": patch["ETag"].strip('"')},
        content_type="application/json",
        **auth(secretariat),
    )
    assert fresh.status_code == 200 and fresh.json()["label"] == "Established"
    assert Phase.objects.get(number=3).description == "Sustained."
    assert (
        Client().patch(f"{API}/phases/3", body, content_type="application/json", **auth(official_a)).status_code == 404
    )
    assert (
        Client().patch(f"{API}/phases/5", body, content_type="application/json", **auth(secretariat)).status_code == 422
    )
    blank = Client().patch(f"{API}/phases/2", {"label": " "}, content_type="application/json", **auth(secretariat))
    assert blank.status_code == 422 and blank.json()["errors"][0]["field"] == "label"


def test_the_commands_load_a_dry_run_the_file_and_publish_it(tmp_path):
    path = tmp_path / "mnr-2026.csv"
    path.write_bytes(csv_file(next_rows()))
    args = [str(path), "--code", "mnr-2026", "--source", SOURCE, "--title", "MNR 2026", "--previous", "mnr-2016"]
    out, err = StringIO(), StringIO()
    call_command("load_mnr_framework", *args, "--dry-run", stdout=out, stderr=err)
    assert "[dry run]" in out.getvalue()
    assert "capability 21 (Universal Terminology) of mnr-2016 is mapped to by none" in err.getvalue()
    assert not Framework.objects.filter(code="mnr-2026").exists()
    out = StringIO()
    call_command("load_mnr_framework", *args, stdout=out, stderr=StringIO())
    assert "version mnr-2026 (draft) created, mapped to mnr-2016" in out.getvalue()
    assert "21 capabilities created" in out.getvalue()
    out = StringIO()
    call_command("load_mnr_framework", *args, stdout=out, stderr=StringIO())
    assert "version mnr-2026 (draft) unchanged" in out.getvalue()
    assert "0 capabilities created, 0 updated, 0 removed, 21 unchanged" in out.getvalue()
    out = StringIO()
    call_command("publish_mnr_framework", "mnr-2026", stdout=out)
    assert "Published version mnr-2026" in out.getvalue()
    assert Framework.objects.get(code="mnr-2026").is_published


def test_the_load_command_exits_non_zero_naming_every_bad_row(tmp_path):
    rows = next_rows()
    rows[3]["id"] = "four"
    rows[5]["maps_to"] = "77"
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_file(rows))
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was loaded"):
        call_command("load_mnr_framework", str(path), "--code", "mnr-2026", "--source", SOURCE, stderr=err)
    assert "bad.csv row 5, id: Use a whole number from 1 to 999." in err.getvalue()
    assert "bad.csv row 7, maps_to: Not a capability of the previous version: 77." in err.getvalue()
    assert not Framework.objects.filter(code="mnr-2026").exists()
    with pytest.raises(CommandError, match="No such file"):
        call_command("load_mnr_framework", str(tmp_path / "none.csv"), "--code", "mnr-2026", "--source", SOURCE)


def test_the_publish_command_exits_non_zero_on_a_published_or_unknown_version():
    err = StringIO()
    with pytest.raises(CommandError, match="already published"):
        call_command("publish_mnr_framework", "mnr-2016", stderr=err)
    with pytest.raises(CommandError, match="No framework version mnr-1999"):
        call_command("publish_mnr_framework", "mnr-1999", stderr=err)
