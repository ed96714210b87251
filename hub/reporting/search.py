"""Progress reports in the one search: the narrative text of every answer, with the answers'
commitments, the member and the cycle's year. Seen only by whoever the report's policy lets see it
(the reporting member's officials and the secretariat): no other member, ever."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from hub.core import registry
from hub.core.policies import policy_for
from hub.core.registry import SearchDocument
from hub.reporting.models import Answer
from hub.reporting.models import ProgressReport


def report_document(report: ProgressReport) -> SearchDocument:
    texts, commitments = [], []
    for answer in report.answers.all():
        parts = [t for t in (answer.narrative, answer.actions_taken, answer.planned_actions) if t.strip()]
        if parts:
            texts.append("\n".join(parts))
            commitments.append(answer.question.commitment.number)
    return SearchDocument(
        title=str(report),
        body="\n\n".join(texts),
        language="mul",  # members answer in the taskforce's languages, not one known per report
        member_id=report.member_id,
        year=report.cycle.period_end.year,
        commitments=tuple(dict.fromkeys(commitments)),
    )


def _rows() -> Any:
    answers = Answer.objects.select_related("question__commitment").order_by("question__order", "pk")
    return ProgressReport.objects.select_related("cycle", "member").prefetch_related(
        Prefetch("answers", queryset=answers)
    )


def register() -> None:
    registry.search_source(
        "report",
        label=_("Progress reports"),
        model=ProgressReport,
        document=report_document,
        visible=lambda viewer: policy_for(ProgressReport).visible(viewer),
        rows=_rows,
        related=((Answer, "report_id"),),
    )
