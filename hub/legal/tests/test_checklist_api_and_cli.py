"""The checklist API and commands: the same reads and writes as the pages, through the same services."""

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
from hub.legal.models import ChecklistVersion
from hub.legal.tests.legal_world import checklist
from hub.legal.tests.test_checklist_helpers import SOURCE
from hub.legal.tests.test_checklist_helpers import csv_file
from hub.legal.tests.test_checklist_helpers import draft_next
from hub.legal.tests.test_checklist_helpers import next_rows
from hub.legal.tests.test_checklist_helpers import published_next

pytestmark = pytest.mark.django_db
API = "/api/v1/legal/checklists"


@pytest.fixture(autouse=True)
def _reference(db):
    checklist()


def auth(user: Any, scope: str = "read-write") -> dict[str, str]:
    _t, raw = api_token_create(viewer=as_viewer(user), name="t", scope=scope, days=1)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def upload(headers: dict[str, str], rows=None, **extra: Any) -> Any:
    data = {
        "code": "2027-1",
        "source": SOURCE,
        "file": SimpleUploadedFile("checklist.csv", csv_file(rows or next_rows())),
        **extra,
    }
    return Client().post(API, data, **headers)


def test_anyone_lists_the_published_versions_and_reads_one_with_its_provisions():
    listed = Client().get(API).json()
    assert [v["code"] for v in listed["items"]] == ["2026-1"]
    one = Client().get(f"{API}/2026-1").json()
    assert one["is_current"] is True
    assert len(one["provisions"]) == 35
    o5 = next(p for p in one["provisions"] if p["code"] == "O5")
    assert o5["scoring"] == "binary"
    assert o5["role"] == "conduct"
    assert o5["maps_to"] == []


def test_a_provision_in_french_is_the_unofficial_translation():
    body = Client().get(f"{API}/2026-1/provisions/O5", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert body["text"] == "Simple détention"


def test_a_version_maps_its_provisions_to_the_previous_one(secretariat):
    published_next(secretariat)
    one = Client().get(f"{API}/2027-1").json()
    assert one["previous"] == "2026-1"
    o9 = next(p for p in one["provisions"] if p["code"] == "O9")
    assert sorted((m["code"], m["relation"]) for m in o9["maps_to"]) == [("O10", "merged"), ("O9", "merged")]
    o5 = Client().get(f"{API}/2026-1/provisions/O5").json()
    assert sorted(s["code"] for s in o5["successors"]) == ["O5a", "O5b"]
    assert {s["relation"] for s in o5["successors"]} == {"split"}


def test_a_draft_is_404_for_others_and_hidden_from_their_lists(secretariat, official_a):
    draft_next(secretariat)
    assert Client().get(f"{API}/2027-1", **auth(secretariat)).status_code == 200
    assert Client().get(f"{API}/2027-1", **auth(official_a)).status_code == 404
    assert Client().get(f"{API}/2027-1/provisions/O5a").status_code == 404
    assert "2027-1" not in Client().get(API, **auth(official_a)).content.decode()
    assert "O5a" not in Client().get(f"{API}/2026-1/provisions/O5").content.decode()
    assert "2027-1" in Client().get(API, **auth(secretariat)).content.decode()


def test_the_secretariat_uploads_a_dry_run_then_the_file(secretariat):
    dry = upload(auth(secretariat), dry_run="true")
    assert dry.status_code == 200, dry.content
    assert dry.json()["dry_run"] is True
    assert len(dry.json()["provisions"]) == 35
    assert not ChecklistVersion.objects.filter(code="2027-1").exists()
    done = upload(auth(secretariat))
    assert done.status_code == 201
    assert done.json()["previous"] == "2026-1"
    again = upload(auth(secretariat))
    assert again.status_code == 200
    assert again.json()["created"] == [] and again.json()["updated"] == []


def test_a_bad_row_is_a_422_naming_row_and_column(secretariat):
    rows = next_rows()
    rows[20]["maps_to"] = "Q1"
    response = upload(auth(secretariat), rows)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert [(e["row"], e["field"]) for e in response.json()["errors"]] == [(22, "maps_to")]
    assert not ChecklistVersion.objects.filter(code="2027-1").exists()


def test_others_uploading_are_told_there_is_no_such_thing(official_a, focal_point_a):
    for user in (official_a, focal_point_a):
        assert upload(auth(user)).status_code == 404
    assert upload({}).status_code == 401
    assert not ChecklistVersion.objects.filter(code="2027-1").exists()


def test_publishing_through_the_api_then_again_is_a_409(secretariat, official_a):
    draft_next(secretariat)
    assert Client().post(f"{API}/2027-1/publish", **auth(official_a)).status_code == 404
    first = Client().post(f"{API}/2027-1/publish", **auth(secretariat))
    assert first.status_code == 200
    assert first.json()["is_current"] is True
    second = Client().post(f"{API}/2027-1/publish", **auth(secretariat))
    assert second.status_code == 409
    assert "already published" in second.json()["detail"]


def test_the_commands_load_a_dry_run_the_file_and_publish_it(tmp_path):
    path = tmp_path / "checklist-2027.csv"
    path.write_bytes(csv_file(next_rows()))
    out = StringIO()
    call_command("load_checklist_version", str(path), "--code", "2027-1", "--source", SOURCE, "--dry-run", stdout=out)
    assert "[dry run]" in out.getvalue()
    assert not ChecklistVersion.objects.filter(code="2027-1").exists()
    out = StringIO()
    call_command("load_checklist_version", str(path), "--code", "2027-1", "--source", SOURCE, stdout=out)
    assert "version 2027-1 (draft) created, mapped to 2026-1" in out.getvalue()
    assert "35 provisions created" in out.getvalue()
    out = StringIO()
    call_command("publish_checklist_version", "2027-1", stdout=out)
    assert "Published version 2027-1" in out.getvalue()
    assert ChecklistVersion.objects.get(code="2027-1").status == ChecklistVersion.Status.PUBLISHED


def test_the_load_command_exits_non_zero_naming_the_bad_row(tmp_path):
    rows = next_rows()
    rows[3]["group"] = "other things"
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_file(rows))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("load_checklist_version", str(path), "--code", "2027-1", "--source", SOURCE, stderr=err)
    assert "bad.csv row 5, group: Unknown group" in err.getvalue()
    assert not ChecklistVersion.objects.filter(code="2027-1").exists()


def test_the_publish_command_exits_non_zero_on_a_published_or_unknown_version():
    err = StringIO()
    with pytest.raises(CommandError, match="already published"):
        call_command("publish_checklist_version", "2026-1", stderr=err)
    with pytest.raises(CommandError, match="No checklist version 1999-1"):
        call_command("publish_checklist_version", "1999-1", stderr=err)
