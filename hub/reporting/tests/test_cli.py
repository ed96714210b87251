"""The reporting commands: import_questionnaire, open_cycle, close_cycle, export_cycle, send_reminders."""

from __future__ import annotations

import io
import json
from typing import Any

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from conftest import as_viewer
from hub.commitments.services import reference_commitments_load
from hub.reporting.models import ProgressReport
from hub.reporting.models import Question
from hub.reporting.models import QuestionnaireVersion
from hub.reporting.models import ReportingCycle
from hub.reporting.services import report_save
from hub.reporting.tests.helpers import STARTER
from hub.reporting.tests.helpers import TODAY
from hub.reporting.tests.helpers import D
from hub.reporting.tests.helpers import as_csv
from hub.reporting.tests.helpers import focal_viewer
from hub.reporting.tests.helpers import import_version
from hub.reporting.tests.helpers import new_cycle
from hub.reporting.tests.helpers import report_of
from hub.reporting.tests.helpers import starter_rows
from hub.reporting.tests.helpers import submitted


@pytest.fixture
def loaded(db: Any) -> None:
    reference_commitments_load()


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def fails(*args: str) -> tuple[CommandError, str]:
    err = io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command(*args, stdout=io.StringIO(), stderr=err)
    return exc.value, err.getvalue()


def test_import_questionnaire_dry_run_writes_nothing_then_imports_once(loaded):
    args = ("import_questionnaire", str(STARTER), "--code", "v1", "--title", "Questionnaire 2026")
    out = run(*args, "--dry-run")
    assert out.startswith("[dry run] nothing written")
    assert "9 question(s), 3 indicator(s)" in out
    assert not QuestionnaireVersion.objects.exists() and not Question.objects.exists()

    out = run(*args)
    assert "version v1 created: 9 question(s), 3 indicator(s)" in out
    assert "  changed: c1-legal/laws-amended" in out
    assert QuestionnaireVersion.objects.get(code="v1").title == "Questionnaire 2026"

    out = run(*args)
    assert "version v1 updated: 9 question(s), 3 indicator(s), 0 change(s)" in out
    assert "nothing changed" in out


def test_import_questionnaire_with_a_bad_file_exits_non_zero_listing_each_row(loaded, tmp_path):
    rows = starter_rows()
    rows[0] = {**rows[0], "commitment": "12"}
    rows[4] = {**rows[4], "prompt_en": ""}
    bad = tmp_path / "bad.csv"
    bad.write_bytes(as_csv(rows))
    exc, err = fails("import_questionnaire", str(bad), "--code", "v1", "--title", "T")
    assert exc.returncode == 1
    assert "bad.csv row 2, commitment:" in err
    assert "bad.csv row 6, prompt_en:" in err
    assert "bad.csv commitment: Commitment 1 has no question" in err  # its only question now says 12
    assert "3 problem(s)" in str(exc)
    assert not QuestionnaireVersion.objects.exists()

    exc, _ = fails("import_questionnaire", str(tmp_path / "missing.csv"), "--code", "v1", "--title", "T")
    assert "No such file" in str(exc)


def test_import_questionnaire_refuses_a_frozen_version(loaded, member_a):
    import_version("v1")
    new_cycle(QuestionnaireVersion.objects.get(code="v1"))
    exc, err = fails("import_questionnaire", str(STARTER), "--code", "v1", "--title", "Again")
    assert "frozen" in err and "cannot change" in str(exc)
    assert QuestionnaireVersion.objects.get(code="v1").title == "Questionnaire v1"


CYCLE_ARGS = (
    "--name",
    "Progress report 2026 (demo)",
    "--period-start",
    "2025-07-01",
    "--period-end",
    "2026-06-30",
    "--opens-on",
    (TODAY - 10 * D).isoformat(),
    "--closes-on",
    (TODAY + 30 * D).isoformat(),
)


def test_open_close_and_export_a_cycle_end_to_end(loaded, member_a, member_b, focal_point_a, tmp_path):
    run("import_questionnaire", str(STARTER), "--code", "v1", "--title", "Questionnaire")
    out = run("open_cycle", *CYCLE_ARGS, "--version", "v1", "--synthetic")
    cycle = ReportingCycle.objects.get()
    assert f"Cycle {cycle.pk} created" in out
    assert "2 report(s) created" in out
    assert cycle.status == ReportingCycle.Status.OPEN and cycle.is_synthetic
    assert QuestionnaireVersion.objects.get(code="v1").is_frozen

    report = report_of(cycle, member_a)
    submitted(report, as_viewer(focal_point_a), text="Alphaland adopted a plan.")
    b = report_of(cycle, member_b)
    report_save(viewer=focal_viewer(member_b), report_id=b.pk, answers={"c1-legal": {"narrative": "=HYPERLINK(1)"}})

    csv_path = tmp_path / "cycle.csv"
    out = run("export_cycle", str(cycle.pk), "--format", "csv", "--output", str(csv_path))
    assert f"18 answer(s) of {cycle.name} written to {csv_path}" in out
    text = csv_path.read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("cycle,member,report_status,late,commitment,question,status")
    assert "alphaland,submitted,no,1,c1-legal,limited,Alphaland adopted a plan. (c1-legal)" in text
    assert "'=HYPERLINK(1)" in text  # the formula guard of the web export

    json_path = tmp_path / "cycle.json"
    run("export_cycle", str(cycle.pk), "--format", "json", "--output", str(json_path))
    rows = json.loads(json_path.read_text(encoding="utf-8"))
    assert {r["member"] for r in rows} == {"alphaland", "betaland"}
    assert [r["narrative"] for r in rows if r["member"] == "alphaland"][0].startswith("Alphaland adopted")

    xlsx_path = tmp_path / "cycle.xlsx"
    run("export_cycle", str(cycle.pk), "--format", "xlsx", "--output", str(xlsx_path))
    sheet = openpyxl.load_workbook(xlsx_path).active
    assert sheet is not None
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[0][:3] == ["cycle", "member", "report_status"] and len(values) == 19

    stdout = run("export_cycle", str(cycle.pk))
    assert "Alphaland adopted a plan." in stdout
    exc, _ = fails("export_cycle", str(cycle.pk), "--format", "xlsx")
    assert "--output" in str(exc)
    exc, _ = fails("export_cycle", "999999")
    assert "No reporting cycle 999999" in str(exc)

    exc, _ = fails("close_cycle", str(cycle.pk), "--publish")
    assert "--publish needs --lock" in str(exc)
    out = run("close_cycle", str(cycle.pk))
    assert "closed" in out
    cycle.refresh_from_db()
    assert cycle.status == ReportingCycle.Status.CLOSED
    out = run("close_cycle", str(cycle.pk), "--lock", "--publish")
    assert "already past close" in out and "locked" in out and "published" in out
    cycle.refresh_from_db()
    assert cycle.status == ReportingCycle.Status.PUBLISHED
    exc, _ = fails("close_cycle", "999999")
    assert "Cycle 999999" in str(exc)


def test_open_cycle_opens_a_draft_and_names_what_is_missing(loaded, member_a):
    exc, err = fails("open_cycle", *CYCLE_ARGS, "--synthetic")
    assert "version: Give the questionnaire version's code" in err
    exc, err = fails("open_cycle", "--name", "X", "--version", "nope", "--closes-on", "soon")
    assert "version: No questionnaire version nope." in err
    assert "closes_on: Give the date as YYYY-MM-DD." in err and "period_start:" in err
    assert not ReportingCycle.objects.exists()

    import_version("v1")
    draft = new_cycle(QuestionnaireVersion.objects.get(code="v1"), open_it=False)
    exc, _ = fails("open_cycle", "--id", str(draft.pk), "--name", "Other")
    assert "no other option" in str(exc)
    out = run("open_cycle", "--id", str(draft.pk))
    assert "1 report(s) created" in out
    draft.refresh_from_db()
    assert draft.status == ReportingCycle.Status.OPEN
    exc, err = fails("open_cycle", "--id", str(draft.pk))
    assert "Only a cycle in draft can be opened." in str(exc) and "status:" in err
    assert ProgressReport.objects.count() == 1


def test_open_cycle_without_a_version_leaves_no_draft_behind(loaded, member_a):
    draft = new_cycle(None, open_it=False)
    exc, err = fails("open_cycle", "--id", str(draft.pk))
    assert "version:" in err
    draft.refresh_from_db()
    assert draft.status == ReportingCycle.Status.DRAFT


def test_send_reminders_prints_both_counts_and_is_safe_to_run_twice(loaded, member_a, member_b):
    import_version("v1")
    cycle = new_cycle(QuestionnaireVersion.objects.get(code="v1"), closes_on=TODAY + 30 * D)
    assert cycle.reports.count() == 2
    first = run("send_reminders").splitlines()
    assert first[:2] == ["0 reminder(s) queued", "2 reporting reminder(s) queued"]
    second = run("send_reminders").splitlines()
    assert second[:2] == ["0 reminder(s) queued", "0 reporting reminder(s) queued"]
    later = run("send_reminders", "--today", (TODAY + 23 * D).isoformat()).splitlines()
    assert later[:2] == ["0 reminder(s) queued", "2 reporting reminder(s) queued"]
