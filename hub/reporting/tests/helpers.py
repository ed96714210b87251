"""Reporting for tests, built through the services: the starter questionnaire, cycles and reports
(test_services, test_cli and test_api share them)."""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from hub.core import registry
from hub.core.viewer import SYSTEM
from hub.core.viewer import Viewer
from hub.core.viewer import focal_point_of
from hub.members.models import Member
from hub.reporting.models import Answer
from hub.reporting.models import ProgressReport
from hub.reporting.models import QuestionnaireVersion
from hub.reporting.models import ReportingCycle
from hub.reporting.services import QUESTIONNAIRE_COLUMNS
from hub.reporting.services import CycleInput
from hub.reporting.services import cycle_create
from hub.reporting.services import cycle_open
from hub.reporting.services import questionnaire_import
from hub.reporting.services import report_accept
from hub.reporting.services import report_save
from hub.reporting.services import report_submit

STARTER = Path(settings.BASE_DIR) / "reference" / "questionnaire-starter.csv"
# The starter questionnaire's questions: every one is required but the last.
STARTER_KEYS = [
    "c1-legal",
    "c2-resources",
    "c3-leadership",
    "c4-victims",
    "c5-investigations",
    "c6-awareness",
    "c7-availability",
    "c8-knowledge",
    "c9-equity",
]
REQUIRED_KEYS = STARTER_KEYS[:-1]
TODAY = timezone.localdate()
D = datetime.timedelta(days=1)
PDF = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def import_version(code: str = "v1", *, previous: str = "", content: bytes | None = None, **extra: Any) -> Any:
    return questionnaire_import(
        viewer=SYSTEM,
        code=code,
        title=f"Questionnaire {code}",
        name="questionnaire.csv",
        content=STARTER.read_bytes() if content is None else content,
        previous_code=previous,
        **extra,
    )


def starter_rows() -> list[dict[str, str]]:
    with STARTER.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def as_csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=QUESTIONNAIRE_COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: row.get(k, "") for k in QUESTIONNAIRE_COLUMNS})
    return out.getvalue().encode()


def new_cycle(
    version: QuestionnaireVersion | None,
    *,
    name: str = "Progress report (test)",
    closes_on: datetime.date | None = None,
    synthetic: bool = True,
    open_it: bool = True,
) -> ReportingCycle:
    closes = closes_on or TODAY + 60 * D
    cycle = cycle_create(
        viewer=SYSTEM,
        data=CycleInput(
            name=name,
            period_start=datetime.date(2024, 7, 1),
            period_end=datetime.date(2025, 6, 30),
            kind=ReportingCycle.Kind.PROGRESS,
            opens_on=closes - 90 * D,
            closes_on=closes,
            version=version,
            is_synthetic=synthetic,
        ),
    )
    return cycle_open(viewer=SYSTEM, cycle_id=cycle.pk) if open_it else cycle


def focal_viewer(member: Member) -> Viewer:
    """A focal point of `member` without building a person (as demo seeding does)."""
    return focal_point_of(member.pk)


def report_of(cycle: ReportingCycle, member: Member) -> ProgressReport:
    return ProgressReport.objects.get(cycle=cycle, member=member)


def full_answers(status: str = "limited", text: str = "A working group met twice.") -> dict[str, dict[str, Any]]:
    return {key: {"status": status, "narrative": f"{text} ({key})"} for key in STARTER_KEYS}


def submitted(report: ProgressReport, viewer: Viewer, **answers: Any) -> ProgressReport:
    report_save(viewer=viewer, report_id=report.pk, answers=full_answers(**answers))
    return report_submit(viewer=viewer, report_id=report.pk)


def accepted(report: ProgressReport, viewer: Viewer, **answers: Any) -> ProgressReport:
    submitted(report, viewer, **answers)
    return report_accept(viewer=SYSTEM, report_id=report.pk)


def answer_of(report: ProgressReport, key: str) -> Answer:
    return Answer.objects.get(report=report, question__key=key)


def load_terminology() -> None:
    """The glossary's reference rows (reference/terminology.csv), which the terminology check reads.
    Loaded through the core registry: reporting does not import the knowledge hub that keeps them."""
    (table,) = [t for t in registry.reference_tables() if t.name == "terminology"]
    table.load()
