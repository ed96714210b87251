"""Three synthetic reporting cycles, involving fictional demo members only (flagged is_synthetic).

- a published cycle two years back, every report accepted, a few items showcased;
- last year's cycle, closed: most reports accepted, one returned, two submitted late, one missing;
- this year's cycle, open and closing in 25 days, reports prefilled from the accepted ones.
"""

from __future__ import annotations

import datetime
import random
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from hub.core.audit import acting_as
from hub.core.viewer import SYSTEM
from hub.core.viewer import Viewer
from hub.core.viewer import focal_point_of
from hub.members.models import Member
from hub.reporting.models import ProgressReport
from hub.reporting.models import ProgressStatus
from hub.reporting.models import QuestionnaireVersion
from hub.reporting.models import ReportingCycle
from hub.reporting.services import CycleInput
from hub.reporting.services import cycle_create
from hub.reporting.services import cycle_open
from hub.reporting.services import cycle_transition
from hub.reporting.services import questionnaire_import
from hub.reporting.services import report_accept
from hub.reporting.services import report_return
from hub.reporting.services import report_save
from hub.reporting.services import report_submit
from hub.reporting.services import showcase_propose
from hub.reporting.services import showcase_sign_off

STARTER = Path(settings.BASE_DIR) / "reference" / "questionnaire-starter.csv"

NARRATIVES = {
    "no_evidence": "No information was collected for this commitment in the period (synthetic).",
    "not_started": "Work on this commitment is planned but has not started (synthetic).",
    "limited": "A first inter-ministerial working group met twice and mapped the gaps (synthetic).",
    "substantial": "A national action plan was adopted and most of its measures are funded (synthetic).",
    "complete": "The measures planned for this commitment are in place and reviewed yearly (synthetic).",
}
LEADS = ["Ministry of Justice (demo)", "Ministry of the Interior (demo)", "National child protection agency (demo)"]


def _focal_viewer(member: Member) -> Viewer:
    """Acting for a fictional member's focal point while seeding."""
    return focal_point_of(member.pk)


def _fill(report: ProgressReport, rng: random.Random, step: int) -> None:
    scale = ProgressStatus.values
    answers = {}
    for answer in report.answers.select_related("question"):
        base = scale.index(answer.status) if answer.status else rng.randrange(0, 3)
        status = scale[min(len(scale) - 1, base + (1 if rng.random() < 0.4 * step else 0))]
        answers[answer.question.key] = {
            "status": status,
            "narrative": NARRATIVES[status],
            "actions_taken": "Consulted the ministries concerned (synthetic)." if status != "not_started" else "",
            "planned_actions": "Review the measures with civil society next year (synthetic).",
            "lead_institution": rng.choice(LEADS),
            "indicators": {i.key: rng.randrange(1, 40) for i in answer.question.indicators.all()},
        }
    report_save(viewer=_focal_viewer(report.member), report_id=report.pk, answers=answers, via="seed_demo")


def _backdate(report: ProgressReport, cycle: ReportingCycle, days_before_close: int) -> None:
    report.refresh_from_db()
    when = cycle.closes_on - datetime.timedelta(days=days_before_close)
    report.submitted_at = datetime.datetime.combine(when, datetime.time(10), tzinfo=datetime.UTC)
    report.started_at = report.submitted_at - datetime.timedelta(days=20)
    report.is_late = days_before_close < 0
    report.save(update_fields=["submitted_at", "started_at", "is_late", "updated_at"])


def seed_reporting() -> int:
    """Idempotent: skipped when demo cycles exist. Returns the number of cycles created."""
    if ReportingCycle.objects.filter(is_synthetic=True).exists():
        return 0
    members = list(Member.objects.filter(is_synthetic=True, status=Member.Status.ACTIVE).order_by("name"))
    if not members:
        return 0
    content = STARTER.read_bytes()
    rng = random.Random(2022)  # noqa: S311 - repeatable demo data, not security
    today = timezone.localdate()
    with transaction.atomic(), acting_as(None, via="seed_demo"):
        for code, title, previous in [
            ("demo-2024", "Progress questionnaire 2024", ""),
            ("demo-2025", "Progress questionnaire 2025", "demo-2024"),
        ]:
            questionnaire_import(
                viewer=SYSTEM,
                code=code,
                title=title,
                name=STARTER.name,
                content=content,
                previous_code=previous,
                via="seed_demo",
            )
        versions = {v.code: v for v in QuestionnaireVersion.objects.all()}
        plan = [
            ("Progress report 2024 (demo)", versions["demo-2024"], today.year - 2, -450),
            ("Progress report 2025 (demo)", versions["demo-2025"], today.year - 1, -60),
            ("Progress report 2026 (demo)", versions["demo-2025"], today.year, 25),
        ]
        for step, (name, version, year, close_in) in enumerate(plan):
            closes = today + datetime.timedelta(days=close_in)
            cycle = cycle_create(
                viewer=SYSTEM,
                data=CycleInput(
                    name=name,
                    period_start=datetime.date(year - 1, 7, 1),
                    period_end=datetime.date(year, 6, 30),
                    kind=ReportingCycle.Kind.PROGRESS,
                    opens_on=closes - datetime.timedelta(days=90),
                    closes_on=closes,
                    version=version,
                    is_synthetic=True,
                ),
                via="seed_demo",
            )
            cycle_open(viewer=SYSTEM, cycle_id=cycle.pk, via="seed_demo")
            reports = list(cycle.reports.select_related("member").order_by("member__name"))
            if step == 2:
                for report in reports[:4]:
                    _fill(report, rng, step)
                continue
            for index, report in enumerate(reports):
                if step == 1 and index == len(reports) - 1:
                    continue  # one member never submitted
                _fill(report, rng, step)
                report_submit(viewer=_focal_viewer(report.member), report_id=report.pk, via="seed_demo")
                late = step == 1 and index in (3, 4)
                _backdate(report, cycle, -5 if late else 10 + index)
                if step == 1 and index == 2:
                    first = report.answers.select_related("question").earliest("pk")
                    report_return(
                        viewer=SYSTEM,
                        report_id=report.pk,
                        comments={first.question.key: "Please add the date the plan was adopted (synthetic)."},
                        via="seed_demo",
                    )
                    continue
                report_accept(viewer=SYSTEM, report_id=report.pk, via="seed_demo")
            if step == 0:
                for report in reports[:3]:
                    answer = report.answers.select_related("question__commitment").earliest("pk")
                    item = showcase_propose(
                        viewer=_focal_viewer(report.member),
                        answer_id=answer.pk,
                        title=f"{report.member.name}: {answer.question.commitment.short_title_en} (demo)",
                        summary=answer.narrative,
                        via="seed_demo",
                    )
                    showcase_sign_off(viewer=_focal_viewer(report.member), item_id=item.pk, via="seed_demo")
                cycle_transition(viewer=SYSTEM, cycle_id=cycle.pk, action="lock", via="seed_demo")
                cycle_transition(viewer=SYSTEM, cycle_id=cycle.pk, action="publish", via="seed_demo")
            else:
                if step == 1:
                    cycle_transition(viewer=SYSTEM, cycle_id=cycle.pk, action="close", via="seed_demo")
    return len(plan)


def seed_reporting_lines() -> list[str]:
    return [f"Demo reporting cycles: {seed_reporting()} created (synthetic, fictional members only)."]
