"""The one input boundary (hub.core.fields): the same field rules for a page's form, the API, an import
and the services, a precise message naming the field, and nothing written; and for any text the rules
accept, the record saves, reads back equal and exports."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.db import models
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from conftest import as_viewer
from conftest import client_for
from hub.core.errors import ValidationFailed
from hub.core.fields import CONTROL_CHARACTERS
from hub.core.fields import value_problem
from hub.members.models import Member
from hub.members.models import MemberNote
from hub.members.services import member_note_create
from hub.members.services import member_update
from hub.members.services.registry import MemberInput

WORD_PASTE = "Budget\x0bline\x00two"  # a vertical tab and a NUL, as a word processor pastes them


def field(kind: type[models.Field[Any, Any]], **options: Any) -> models.Field[Any, Any]:
    return kind(**options)


@pytest.mark.parametrize(
    ("column", "value", "refused"),
    [
        (field(models.CharField, max_length=5), "tab\there", True),  # too long, though the tab is fine
        (field(models.TextField), "tab\tand\r\nnew line", False),
        (field(models.TextField), WORD_PASTE, True),
        (field(models.TextField), "\ufffe", True),
        (field(models.CharField, max_length=5), "abcde", False),
        (field(models.PositiveSmallIntegerField), 32767, False),
        (field(models.PositiveSmallIntegerField), 32768, True),
        (field(models.PositiveSmallIntegerField), -1, True),
        (field(models.IntegerField), 2**31, True),
        (field(models.BigIntegerField), 2**63, True),
        (field(models.DecimalField, max_digits=6, decimal_places=2), Decimal("9999.99"), False),
        (field(models.DecimalField, max_digits=6, decimal_places=2), Decimal("10000"), True),
        (field(models.DecimalField, max_digits=6, decimal_places=2), Decimal("1.005"), True),
        (field(models.DecimalField, max_digits=6, decimal_places=2), Decimal("NaN"), True),
        (field(models.DateField), datetime.date(2100, 12, 31), False),
        (field(models.DateField), datetime.date(9999, 1, 1), True),
        (field(models.DateTimeField), datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC), False),
        (field(models.DateTimeField), datetime.datetime(2026, 1, 1), True),  # noqa: DTZ001 - naive on purpose
        (field(models.DateTimeField), datetime.datetime(3000, 1, 1, tzinfo=datetime.UTC), True),
    ],
)
def test_each_rule_refuses_what_its_column_cannot_hold_and_takes_the_rest(column, value, refused):
    assert (value_problem(column, value) is not None) is refused


def test_a_service_refuses_pasted_control_characters_naming_the_field_and_writes_nothing(member_a, official_a):
    with pytest.raises(ValidationFailed) as failed:
        member_note_create(viewer=as_viewer(official_a), member=member_a, text=WORD_PASTE, visibility="taskforce")
    assert [p.field for p in failed.value.problems] == ["text"]
    assert not MemberNote.objects.exists()


def test_a_service_refuses_a_name_longer_than_its_column_on_sqlite_as_on_postgresql(member_a, secretariat):
    with pytest.raises(ValidationFailed) as failed:
        member_update(viewer=as_viewer(secretariat), member=member_a, data=MemberInput(subregion="x" * 500))
    assert "subregion" in [p.field for p in failed.value.problems]
    member_a.refresh_from_db()
    assert member_a.subregion != "x" * 500


def test_the_api_answers_422_naming_the_field(member_a, official_a):
    client = client_for(official_a)
    response = client.post(
        f"/api/v1/members/{member_a.slug}/notes",
        {"text": WORD_PASTE, "visibility": "taskforce"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["text"]
    assert not MemberNote.objects.exists()


def test_a_page_form_shows_the_error_on_its_field(member_a, official_a):
    # Django's own form field refuses a NUL already; the vertical tab is ours to refuse.
    response = client_for(official_a).post(
        f"/members/{member_a.slug}/notes/", {"text": "Budget\x0bline", "visibility": "taskforce"}
    )
    assert response.status_code == 422
    assert "Remove the control characters" in response.content.decode()
    assert not MemberNote.objects.exists()


def test_an_import_names_the_row_and_column(secretariat):
    from hub.members.services.importing import members_import

    content = f"name,kind,iso3166,source\nGoodland,government,FR,test\nBadland,government,DE,{WORD_PASTE}\n".encode()
    with pytest.raises(ValidationFailed) as failed:
        members_import(viewer=as_viewer(secretariat), name="members.csv", content=content)
    assert any(p.row == 3 and p.field == "source" for p in failed.value.problems), failed.value.problems
    assert not Member.objects.filter(name__in=["Goodland", "Badland"]).exists()


ACCEPTED_TEXT = st.text(min_size=1, max_size=300).filter(lambda t: t.strip() and not CONTROL_CHARACTERS.search(t))


@hypothesis_settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(text=ACCEPTED_TEXT, region=ACCEPTED_TEXT.map(lambda t: t[:80]))
def test_any_text_the_rules_accept_saves_reads_back_equal_and_exports(member_a, official_a, secretariat, text, region):
    note = member_note_create(viewer=as_viewer(official_a), member=member_a, text=text, visibility="taskforce")
    note.refresh_from_db()
    assert note.text == text.strip()

    member_update(viewer=as_viewer(secretariat), member=member_a, data=MemberInput(subregion=region))
    member_a.refresh_from_db()
    assert member_a.subregion == region
    client = client_for(secretariat)
    exported = client.get("/members/export.csv")
    assert exported.status_code == 200
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert len(rows) > 1
    workbook = client.get("/members/export.xlsx")
    assert workbook.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(workbook.content), read_only=True).active
    assert sheet is not None


@pytest.mark.parametrize("text", ["2024-01-01garbage", "20240101", "2024-W01-1", "2024-1-1", "01/02/2024", ""])
def test_dates_are_parsed_strictly(text):
    from hub.core.fields import strict_date

    with pytest.raises(ValueError):
        strict_date(text)


def test_a_date_written_in_full_or_by_a_spreadsheet_is_read():
    from hub.core.fields import strict_date

    assert strict_date("2024-02-29") == datetime.date(2024, 2, 29)
    assert strict_date("2024-02-29 00:00:00") == datetime.date(2024, 2, 29)


def test_an_import_refuses_a_date_with_trailing_garbage(secretariat):
    from hub.members.services.importing import members_import

    content = b"name,kind,source,joined_on\nGoodland,government,test,2024-01-01garbage\n"
    with pytest.raises(ValidationFailed) as failed:
        members_import(viewer=as_viewer(secretariat), name="members.csv", content=content)
    assert [(p.row, p.field) for p in failed.value.problems] == [(2, "joined_on")]


def api_meeting(secretariat, **changes):
    body = {"title": "Plenary", "starts_at": "2026-03-01T10:00:00+01:00", "ends_at": "2026-03-01T12:00:00+01:00"}
    return client_for(secretariat).post("/api/v1/meetings", {**body, **changes}, content_type="application/json")


def test_a_meeting_takes_a_time_zone_from_the_iana_list_only(secretariat):
    from hub.meetings.models import Meeting

    refused = api_meeting(secretariat, time_zone="Mars/Olympus_Mons")
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["time_zone"]
    assert not Meeting.objects.exists()
    assert api_meeting(secretariat, time_zone="Europe/Brussels").status_code == 201


def test_a_meeting_time_without_an_offset_or_far_in_the_future_is_refused(secretariat):
    from hub.meetings.models import Meeting

    naive = api_meeting(secretariat, starts_at="2026-03-01T10:00:00", ends_at="2026-03-01T12:00:00")
    assert naive.status_code == 422
    assert "starts_at" in [e["field"] for e in naive.json()["errors"]]
    far = api_meeting(secretariat, starts_at="9999-03-01T10:00:00+00:00", ends_at="9999-03-01T12:00:00+00:00")
    assert far.status_code == 422
    assert not Meeting.objects.exists()


def test_a_null_where_the_column_holds_none_is_refused_not_a_server_error(secretariat):
    created = api_meeting(secretariat)
    assert created.status_code == 201
    meeting_id = created.json()["id"]
    response = client_for(secretariat).patch(
        f"/api/v1/meetings/{meeting_id}", {"online_link": None, "place": None}, content_type="application/json"
    )
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} >= {"online_link"}


def test_the_api_reads_dates_strictly(secretariat):
    from hub.reporting.models import ReportingCycle

    body = {
        "name": "Cycle",
        "kind": "progress",
        "period_start": "2024-01-01garbage",
        "period_end": "2024-12-31",
        "opens_on": "2025-01-01",
        "closes_on": "2025-03-01",
    }
    response = client_for(secretariat).post("/api/v1/cycles", body, content_type="application/json")
    assert response.status_code == 422
    assert "period_start" in response.json()["errors"][0]["field"]
    assert not ReportingCycle.objects.exists()
