"""Reads of the reporting app, every one through the policy layer."""

from __future__ import annotations

import datetime
from collections import Counter
from collections import defaultdict
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from django.db.models import Count
from django.db.models import Prefetch
from django.db.models import Q
from django.db.models import QuerySet
from django.utils import timezone

from hub.commitments.models import Commitment
from hub.commitments.selectors import commitment_list
from hub.core.policies import policy_for
from hub.core.registry import TextWarning
from hub.core.registry import text_warnings
from hub.core.textdiff import Segment
from hub.core.textdiff import word_diff
from hub.core.viewer import Viewer
from hub.members.models import Member
from hub.reporting.models import Answer
from hub.reporting.models import CycleReminder
from hub.reporting.models import Evidence
from hub.reporting.models import IndicatorValue
from hub.reporting.models import ProgressReport
from hub.reporting.models import ProgressStatus
from hub.reporting.models import Question
from hub.reporting.models import QuestionnaireVersion
from hub.reporting.models import ReportingCycle
from hub.reporting.models import ReviewComment
from hub.reporting.models import ShowcaseItem

# An aggregate is shown only when it covers at least this many members (SPEC section 2).
MIN_AGGREGATE_MEMBERS = 5


def showcase_list(
    *, viewer: Viewer, commitment: Commitment | None = None, published_only: bool = True
) -> QuerySet[ShowcaseItem]:
    qs = (
        policy_for(ShowcaseItem)
        .visible(viewer)
        .select_related("answer__question__commitment", "answer__report__member", "answer__report__cycle")
    )
    if published_only:
        qs = qs.filter(status=ShowcaseItem.Status.PUBLISHED)
    if commitment is not None:
        qs = qs.filter(answer__question__commitment=commitment)
    return qs.prefetch_related(
        Prefetch(
            "answer__evidence", queryset=policy_for(Evidence).visible(viewer).order_by("pk"), to_attr="shared_evidence"
        )
    ).order_by("-published_at", "-pk")


def showcase_item_get(*, viewer: Viewer, pk: int) -> ShowcaseItem:
    return policy_for(ShowcaseItem).get(viewer, pk, ShowcaseItem.objects.select_related("answer__report"))


def demo_members_exist() -> bool:
    """Whether this installation holds fictional demo members (a demo or test database)."""
    return Member.objects.filter(is_synthetic=True).exists()


# --- questionnaires and cycles ----------------------------------------------------------------


def version_list(*, viewer: Viewer) -> QuerySet[QuestionnaireVersion]:
    return policy_for(QuestionnaireVersion).visible(viewer).select_related("previous")


def version_get(*, viewer: Viewer, pk: int) -> QuestionnaireVersion:
    return policy_for(QuestionnaireVersion).get(viewer, pk, version_list(viewer=viewer))


def version_questions(*, viewer: Viewer, version: QuestionnaireVersion) -> list[Question]:
    return list(
        policy_for(Question)
        .visible(viewer)
        .filter(version=version)
        .select_related("commitment", "predecessor__version")
        .prefetch_related("indicators")
        .order_by("order", "pk")
    )


def cycle_list(*, viewer: Viewer) -> QuerySet[ReportingCycle]:
    return policy_for(ReportingCycle).visible(viewer).select_related("version")


def cycle_get(*, viewer: Viewer, pk: int) -> ReportingCycle:
    return policy_for(ReportingCycle).get(viewer, pk, cycle_list(viewer=viewer))


def report_list(*, viewer: Viewer, cycle: ReportingCycle | None = None) -> QuerySet[ProgressReport]:
    qs = policy_for(ProgressReport).visible(viewer).select_related("cycle", "member")
    if cycle is not None:
        qs = qs.filter(cycle=cycle)
    return qs.order_by("-cycle__closes_on", "member__name")


def report_get(*, viewer: Viewer, pk: int) -> ProgressReport:
    return policy_for(ProgressReport).get(viewer, pk, report_list(viewer=viewer).select_related("cycle__version"))


# --- one report -------------------------------------------------------------------------------


@dataclass
class AnswerView:
    answer: Answer
    values: dict[str, IndicatorValue]
    evidence: list[Evidence]
    comments: list[ReviewComment]
    showcase: list[ShowcaseItem]
    previous: Answer | None = None
    warnings: list[TextWarning] = field(default_factory=list)

    @property
    def question(self) -> Question:
        return self.answer.question

    @property
    def status_changed(self) -> bool:
        return self.previous is not None and self.previous.status != self.answer.status

    @property
    def narrative_diff(self) -> list[Segment]:
        return word_diff(self.previous.narrative if self.previous else "", self.answer.narrative)

    @property
    def narrative_changed(self) -> bool:
        return self.previous is None or self.previous.narrative != self.answer.narrative

    @property
    def open_showcase(self) -> ShowcaseItem | None:
        return next((s for s in self.showcase if s.status != ShowcaseItem.Status.WITHDRAWN), None)


@dataclass
class ReportPage:
    report: ProgressReport
    answers: list[AnswerView]
    previous_report: ProgressReport | None

    @property
    def by_commitment(self) -> list[tuple[Commitment, list[AnswerView]]]:
        groups: dict[int, list[AnswerView]] = defaultdict(list)
        commitments: dict[int, Commitment] = {}
        for a in self.answers:
            commitments[a.question.commitment_id] = a.question.commitment
            groups[a.question.commitment_id].append(a)
        return [(commitments[k], groups[k]) for k in sorted(groups, key=lambda k: commitments[k].number)]

    @property
    def warning_count(self) -> int:
        return sum(len(a.warnings) for a in self.answers)

    @property
    def answered_count(self) -> int:
        return sum(1 for a in self.answers if answer_is_answered(a.answer))


CHECKED_PARTS = ("narrative", "actions_taken", "planned_actions")
# What a required question needs before the report can be submitted.
REQUIRED_PARTS = ("status", "narrative")


def answer_gaps(answer: Answer) -> list[str]:
    """The parts a required answer still lacks ("status", "narrative"); nothing for an optional one."""
    if not answer.question.required:
        return []
    gaps = []
    if not answer.status:
        gaps.append("status")
    if not answer.narrative.strip():
        gaps.append("narrative")
    return gaps


def answer_is_answered(answer: Answer) -> bool:
    """Given a status and a narrative (what the progress summary counts)."""
    return bool(answer.status and answer.narrative.strip())


@dataclass
class SectionCheck:
    """One commitment on the "check your answers" page: its answers and what each still lacks."""

    commitment: Commitment
    answers: list[tuple[AnswerView, list[str]]]

    @property
    def complete(self) -> bool:
        return not any(gaps for _, gaps in self.answers)


def report_checklist(page: ReportPage) -> list[SectionCheck]:
    """Each commitment of the report with its answers and the required parts each still lacks."""
    return [
        SectionCheck(commitment=c, answers=[(a, answer_gaps(a.answer)) for a in views])
        for c, views in page.by_commitment
    ]


def answer_warnings(answer: Answer) -> list[TextWarning]:
    """Discouraged terms in an answer's texts (warnings, never a block)."""
    return [w for name in CHECKED_PARTS for w in text_warnings(getattr(answer, name))]


def _lineage(question: Question) -> list[int]:
    """The question and its predecessors, newest first (at most ten versions back)."""
    ids: list[int] = []
    current: Question | None = question
    while current is not None and len(ids) < 10:
        ids.append(current.pk)
        current = current.predecessor
    return ids


def last_accepted_report(member_id: int, before: ReportingCycle) -> ProgressReport | None:
    return (
        ProgressReport.objects.filter(member_id=member_id, status=ProgressReport.Status.ACCEPTED)
        .exclude(cycle=before)
        .filter(cycle__closes_on__lte=before.closes_on)
        .select_related("cycle")
        .order_by("-cycle__closes_on", "-pk")
        .first()
    )


def previous_answers(
    report: ProgressReport, source: ProgressReport | None, *, with_related: bool = True
) -> dict[int, Answer]:
    """For each question of `report`'s version, the answer of `source` to it or to a predecessor
    (`with_related`: with its indicator values and evidence, which a diff does not read)."""
    if source is None or report.cycle.version is None:
        return {}
    answers = source.answers.all()
    if with_related:
        answers = answers.select_related("question").prefetch_related("indicator_values__indicator", "evidence")
    given = {a.question_id: a for a in answers}
    out: dict[int, Answer] = {}
    for question in report.cycle.version.questions.select_related(
        *["predecessor" + "__predecessor" * i for i in range(3)]
    ):
        for qid in _lineage(question):
            if qid in given:
                out[question.pk] = given[qid]
                break
    return out


def report_page(*, viewer: Viewer, report: ProgressReport, with_previous: bool = True) -> ReportPage:
    """A report with its answers, indicator values, evidence, comments, showcase items and, for each
    answer, the member's answer in its last accepted report (for the diff)."""
    answers = list(
        policy_for(Answer)
        .visible(viewer)
        .filter(report=report)
        .select_related("question__commitment")
        .prefetch_related(
            "question__indicators",
            Prefetch("indicator_values", queryset=IndicatorValue.objects.select_related("indicator")),
            Prefetch(
                "evidence", queryset=policy_for(Evidence).visible(viewer).order_by("pk"), to_attr="visible_evidence"
            ),
            Prefetch("review_comments", queryset=ReviewComment.objects.order_by("created_at", "pk")),
            Prefetch("showcase_items", queryset=ShowcaseItem.objects.order_by("pk")),
        )
        .order_by("question__order", "pk")
    )
    previous_report = last_accepted_report(report.member_id, report.cycle) if with_previous else None
    before = previous_answers(report, previous_report, with_related=False) if previous_report else {}
    views = []
    for a in answers:
        a.report = report  # the policy reads an item's report through its answer: no query per answer
        warnings = answer_warnings(a)
        views.append(
            AnswerView(
                answer=a,
                values={v.indicator.key: v for v in a.indicator_values.all()},
                evidence=list(a.visible_evidence),  # type: ignore[attr-defined]
                comments=list(a.review_comments.all()),
                showcase=list(a.showcase_items.all()),
                previous=before.get(a.question_id),
                warnings=warnings,
            )
        )
    return ReportPage(report=report, answers=views, previous_report=previous_report)


# --- the cycle dashboard ----------------------------------------------------------------------


@dataclass
class CommitmentCompletion:
    commitment: Commitment
    members: int  # members whose submitted or accepted report gives a status for it
    counts: dict[str, int]

    @property
    def shown(self) -> bool:
        return self.members >= MIN_AGGREGATE_MEMBERS

    @property
    def rows(self) -> list[tuple[str, str, int]]:
        return [(value, str(label), self.counts.get(value, 0)) for value, label in ProgressStatus.choices]


@dataclass
class CycleDashboard:
    cycle: ReportingCycle
    reports: list[ProgressReport]
    completion: list[CommitmentCompletion]
    reminders: dict[int, list[str]]

    @property
    def totals(self) -> dict[str, int]:
        c = Counter(r.status for r in self.reports)
        return {
            "reports": len(self.reports),
            "started": sum(1 for r in self.reports if r.started_at),
            "submitted": c[ProgressReport.Status.SUBMITTED],
            "returned": c[ProgressReport.Status.RETURNED],
            "accepted": c[ProgressReport.Status.ACCEPTED],
            "late": sum(1 for r in self.reports if r.is_late or r.is_overdue),
        }


def cycle_dashboard(*, viewer: Viewer, cycle: ReportingCycle) -> CycleDashboard:
    """Who started, submitted, was returned, accepted, is late; completion per commitment across
    members, only where at least five members answered; reminders sent. The secretariat's view."""
    reports = list(report_list(viewer=viewer, cycle=cycle))
    answered = (
        policy_for(Answer)
        .visible(viewer)
        .filter(
            report__cycle=cycle,
            report__status__in=[ProgressReport.Status.SUBMITTED, ProgressReport.Status.ACCEPTED],
        )
        .exclude(status="")
        .values_list("question__commitment_id", "report__member_id", "status")
    )
    members: dict[int, set[int]] = defaultdict(set)
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for commitment_id, member_id, status in answered:
        members[commitment_id].add(member_id)
        counts[commitment_id][status] += 1
    completion = [
        CommitmentCompletion(c, len(members[c.pk]), dict(counts[c.pk])) for c in commitment_list(viewer=viewer)
    ]
    reminders: dict[int, list[str]] = defaultdict(list)
    for report_id, kind in (
        policy_for(CycleReminder).visible(viewer).filter(report__cycle=cycle).values_list("report_id", "kind")
    ):
        reminders[report_id].append(str(CycleReminder.Kind(kind).label))
    return CycleDashboard(cycle, reports, completion, dict(reminders))


# --- exports ----------------------------------------------------------------------------------

EXPORT_HEADERS = [
    "cycle",
    "member",
    "report_status",
    "late",
    "commitment",
    "question",
    "status",
    "narrative",
    "actions_taken",
    "planned_actions",
    "lead_institution",
    "indicators",
    "synthetic",
]


def answer_rows(
    *, viewer: Viewer, cycle: ReportingCycle | None = None, report: ProgressReport | None = None
) -> list[list[Any]]:
    """One row per answer the viewer may see: the secretariat sees every member's, a member its own."""
    qs = policy_for(Answer).visible(viewer).select_related("report__cycle", "report__member", "question__commitment")
    if cycle is not None:
        qs = qs.filter(report__cycle=cycle)
    if report is not None:
        qs = qs.filter(report=report)
    qs = qs.prefetch_related(Prefetch("indicator_values", queryset=IndicatorValue.objects.select_related("indicator")))
    rows = []
    for a in qs.order_by("report__member__name", "question__order", "pk"):
        indicators = "; ".join(
            f"{v.indicator.key}={v.value.normalize()}{(' ' + v.indicator.unit) if v.indicator.unit else ''}"
            for v in a.indicator_values.all()
        )
        rows.append(
            [
                a.report.cycle.name,
                a.report.member.slug,
                a.report.status,
                "yes" if a.report.is_late else "no",
                a.question.commitment.number,
                a.question.key,
                a.status,
                a.narrative,
                a.actions_taken,
                a.planned_actions,
                a.lead_institution,
                indicators,
                "yes" if a.is_synthetic else "no",
            ]
        )
    return rows


# --- what needs attention (the dashboard) ----------------------------------------------------


@dataclass(frozen=True)
class ReportToDo:
    """One of the viewer's members' reports in a cycle that still takes submissions."""

    report: ProgressReport
    comments: int  # the secretariat's review comments on it (shown when it was returned)
    days_left: int  # until it is due (negative: overdue)


def reports_to_do(*, viewer: Viewer, today: datetime.date | None = None) -> list[ReportToDo]:
    """The reports of the viewer's own members in open cycles (whatever their state), and those still to
    submit in closed cycles (late, until the cycle is locked), soonest due first, with the number of
    review comments; the secretariat, which has no member, gets none."""
    if not viewer.member_ids:
        return []
    day = today or timezone.localdate()
    reports = list(
        report_list(viewer=viewer)
        .filter(member_id__in=viewer.member_ids)
        .filter(
            Q(cycle__status=ReportingCycle.Status.OPEN)
            | Q(cycle__status=ReportingCycle.Status.CLOSED, status__in=ProgressReport.EDITABLE)
        )
        .order_by("cycle__closes_on", "member__name")
    )
    counts = dict(
        policy_for(ReviewComment)
        .visible(viewer)
        .filter(answer__report__in=[r.pk for r in reports])
        .order_by()
        .values("answer__report_id")
        .annotate(n=Count("pk"))
        .values_list("answer__report_id", "n")
    )
    return [ReportToDo(r, counts.get(r.pk, 0), (r.due_on - day).days) for r in reports]


@dataclass(frozen=True)
class ReviewQueue:
    reports: list[ProgressReport]  # the oldest submissions first, at most `limit`
    total: int


def reports_awaiting_review(*, viewer: Viewer, limit: int = 10) -> ReviewQueue | None:
    """Submitted reports waiting for the secretariat's review, oldest submission first; None for a
    viewer who does not review."""
    if not policy_for(ProgressReport).can(viewer, "review"):
        return None
    qs = report_list(viewer=viewer).filter(status=ProgressReport.Status.SUBMITTED)
    return ReviewQueue(list(qs.order_by("submitted_at", "pk")[:limit]), qs.count())
