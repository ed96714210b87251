"""Exports refuse to fail on what is stored: a record whose text holds NUL, a vertical tab or a
formula (as older rows, or rows written before the input rules, may) exports in every format, through
the pages, the API and the commands, with the characters a worksheet cannot hold removed and the
formula neutralised the same way everywhere."""

from __future__ import annotations

import csv
import datetime
import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from conftest import as_viewer
from conftest import client_for
from hub.accounts.services import api_token_create
from hub.commitments.services import reference_commitments_load
from hub.core.viewer import SYSTEM
from hub.meetings.models import ActionItem
from hub.meetings.services import action_item_create
from hub.meetings.tests.helpers import schedule
from hub.members.models import Member
from hub.reporting.models import Answer
from hub.reporting.models import QuestionnaireVersion
from hub.reporting.tests.helpers import import_version
from hub.reporting.tests.helpers import new_cycle
from hub.reporting.tests.helpers import report_of

FORMULA = '=HYPERLINK("http://example.invalid","click")'
# Stored as is, bypassing the input rules. PostgreSQL cannot store NUL at all, so there the control
# character is another that a worksheet cannot hold.
CONTROL = "\x00" if connection.vendor == "sqlite" else "\x01"
NASTY = f"Word{CONTROL}paste\x0bline {FORMULA}"
GUARDED = "'" + FORMULA
CLEAN = "Wordpaste\nline " + FORMULA


def stored(model: Any, pk: int, **values: str) -> None:
    """Write values as an old row may hold them: straight to the table, past every rule."""
    model.objects.filter(pk=pk).update(**values)


def cells(body: bytes | str, fmt: str) -> list[str]:
    """Every text cell of an export, headers included."""
    if fmt == "xlsx":
        assert isinstance(body, bytes)
        book = openpyxl.load_workbook(io.BytesIO(body))
        return [str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for v in row if v]
    text = body.decode() if isinstance(body, bytes) else body
    if fmt == "csv":
        return [v for row in csv.reader(io.StringIO(text)) for v in row]
    return [str(v) for row in json.loads(text) for v in row.values()]


def check(body: bytes | str, fmt: str) -> list[str]:
    """The exported cells, once checked: the formula guarded, the clean text kept, no control character."""
    values = cells(body, fmt)
    assert GUARDED in values, values
    assert CLEAN in values, values
    assert not any(CONTROL in v or "\x0b" in v for v in values)
    assert not any(v.startswith(("=", "+", "-", "@")) for v in values)
    return values


@pytest.fixture
def nasty_member(db):
    member = Member.objects.create(
        name="Nastyland", name_en="Nastyland", slug="nastyland", kind=Member.Kind.GOVERNMENT, source="x"
    )
    stored(Member, member.pk, region=NASTY, source=FORMULA)
    return member


@pytest.fixture
def nasty_action(db):
    meeting = schedule()
    items = []
    for title in ("t", "u"):
        values = {
            "title": title,
            "meeting": meeting,
            "owner_secretariat": True,
            "due_on": datetime.date.today() + datetime.timedelta(days=30),
        }
        items.append(action_item_create(viewer=SYSTEM, values=values))
    stored(ActionItem, items[0].pk, title=NASTY)
    stored(ActionItem, items[1].pk, title=FORMULA)
    return items


@pytest.fixture
def nasty_cycle(member_a):
    reference_commitments_load()
    import_version()
    cycle = new_cycle(QuestionnaireVersion.objects.get(code="v1"))
    answer = Answer.objects.filter(report=report_of(cycle, member_a)).first()
    assert answer is not None
    stored(Answer, answer.pk, narrative=NASTY, lead_institution=FORMULA)
    return cycle


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_the_member_directory_exports_for_anonymous_visitors(nasty_member, fmt):
    response = client_for(None).get(f"/members/export.{fmt}")
    assert response.status_code == 200
    values = cells(response.content, fmt)
    assert "Nastyland" in values
    assert GUARDED in values  # the source
    assert not any(v.startswith("=") for v in values)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_the_action_items_export(secretariat, official_a, nasty_action, fmt):
    response = client_for(secretariat).get(f"/actions/export.{fmt}")
    assert response.status_code == 200
    check(response.content, fmt)
    assert client_for(None).get(f"/actions/export.{fmt}").status_code == 302


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_the_cycle_export_page_and_command(secretariat, nasty_cycle, tmp_path, fmt):
    response = client_for(secretariat).get(f"/reporting/cycles/{nasty_cycle.pk}/export.{fmt}")
    assert response.status_code == 200
    check(response.content, fmt)
    path = tmp_path / f"cycle.{fmt}"
    call_command("export_cycle", str(nasty_cycle.pk), "--format", fmt, "--output", str(path), stdout=io.StringIO())
    check(path.read_bytes(), fmt)


def test_the_report_workbook(secretariat, official_b, member_a, nasty_cycle):
    report = report_of(nasty_cycle, member_a)
    response = client_for(secretariat).get(f"/reporting/reports/{report.pk}/report.xlsx")
    assert response.status_code == 200
    check(response.content, "xlsx")
    assert client_for(official_b).get(f"/reporting/reports/{report.pk}/report.xlsx").status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_the_members_command_guards_formulas_like_the_page(nasty_member, tmp_path: Path, fmt):
    path = tmp_path / f"members.{fmt}"
    call_command("export_members", "--format", fmt, "--output", str(path), stdout=io.StringIO())
    assert GUARDED in check(path.read_bytes(), fmt)


def test_the_members_command_writes_csv_to_standard_output_guarded(nasty_member, capsys):
    call_command("export_members")
    assert GUARDED in check(capsys.readouterr().out, "csv")


def test_the_api_serves_the_stored_record_as_json(nasty_member, secretariat, official_a):
    for user in (secretariat, official_a):
        _token, raw = api_token_create(viewer=as_viewer(user), name="t", scope="read", days=1)
        response = Client().get("/api/v1/members/nastyland", HTTP_AUTHORIZATION=f"Bearer {raw}")
        assert response.status_code == 200
        assert json.loads(response.content)["name"] == "Nastyland"


def test_the_audit_log_export(nasty_member, secretariat, official_a):
    Member.objects.create(name=NASTY, name_en=NASTY, slug="nasty-2", kind=Member.Kind.GOVERNMENT, source="x")
    response = client_for(secretariat).get("/audit/export.csv")
    assert response.status_code == 200
    values = cells(response.content, "csv")
    assert any(v.startswith("Wordpaste\nline =HYPERLINK") for v in values), values  # the record's name
    assert not any(CONTROL in v or "\x0b" in v or v.startswith("=") for v in values)
    assert client_for(official_a).get("/audit/export.csv").status_code == 404
