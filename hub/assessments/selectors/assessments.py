"""MNR self-assessment: reading cycles and a member's assessment, through the policy layer.

A member's assessment is read by its member's officials and the secretariat only; a hidden one is a
404 (`NotFound`) everywhere. Lists of members for the secretariat show workflow statuses only, never a
result; counts per cycle are counts of statuses.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from typing import Any
from typing import cast

from django.db.models import Count
from django.db.models import OuterRef
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models import Subquery
from django.utils.translation import gettext as _

from hub.assessments.models import AccessLogEntry
from hub.assessments.models import Answer
from hub.assessments.models import Assessment
from hub.assessments.models import AssessmentCycle
from hub.assessments.models import Capability
from hub.assessments.models import Framework
from hub.assessments.models import Phase
from hub.assessments.policies.assessments import AssessmentPolicy
from hub.assessments.selectors.framework import carried_forward
from hub.core.errors import NotFound
from hub.core.errors import Problem
from hub.core.errors import ValidationFailed
from hub.core.policies import policy_for
from hub.core.viewer import Viewer
from hub.members.models import Member

# --- cycles ---------------------------------------------------------------------------------------


def cycle_list(*, viewer: Viewer, status: str = "") -> QuerySet[AssessmentCycle]:
    """The cycles the viewer may see, latest first, with counts of submitted and acknowledged
    assessments (statuses, never results; one query)."""
    rows = policy_for(AssessmentCycle).visible(viewer).select_related("framework")
    if status in AssessmentCycle.Status.values:
        rows = rows.filter(status=status)
    return rows.annotate(
        submitted_count=Count("assessments", filter=Q(assessments__status=Assessment.Status.SUBMITTED)),
        acknowledged_count=Count("assessments", filter=Q(assessments__status=Assessment.Status.ACKNOWLEDGED)),
    ).order_by("-opens_on", "-pk")


def cycle_get(*, viewer: Viewer, pk: Any) -> AssessmentCycle:
    return policy_for(AssessmentCycle).get(viewer, pk, cycle_list(viewer=viewer))


def published_frameworks() -> QuerySet[Framework]:
    return Framework.objects.filter(status=Framework.Status.PUBLISHED).order_by("-published_at", "-code")


@dataclass(frozen=True)
class MemberStatus:
    """A member's place in a cycle's workflow (no result)."""

    member: Member
    assessment_id: int | None
    status: str
    status_label: str


def cycle_statuses(*, viewer: Viewer, cycle: AssessmentCycle) -> list[MemberStatus]:
    """For the secretariat: each member's workflow status in the cycle (not started, draft, submitted,
    acknowledged), by name, never by result. Members that have withdrawn appear only with an assessment."""
    if not policy_for(AssessmentCycle).can(viewer, "track", cycle):
        raise NotFound()
    own = Assessment.objects.filter(cycle=cycle, member=OuterRef("pk"))
    members = (
        Member.objects.filter(~Q(status=Member.Status.WITHDRAWN) | Q(assessments__cycle=cycle))
        .distinct()
        .annotate(a_id=Subquery(own.values("pk")[:1]), a_status=Subquery(own.values("status")[:1]))
        .order_by("name")
    )
    labels = dict(Assessment.Status.choices)
    out = []
    for m in members:
        status = m.a_status or ""
        out.append(MemberStatus(m, m.a_id, status, str(labels[status]) if status else _("Not started")))
    return out


# --- a member's assessment ------------------------------------------------------------------------


def assessment_list(*, viewer: Viewer, cycle_id: int | None = None) -> QuerySet[Assessment]:
    """The assessments the viewer may see: its own members' (all members' for the secretariat)."""
    rows = policy_for(Assessment).visible(viewer).select_related("cycle", "member")
    if cycle_id is not None:
        rows = rows.filter(cycle_id=cycle_id)
    return rows.order_by("-cycle__opens_on", "member__name", "pk")


def assessment_get(*, viewer: Viewer, pk: Any) -> Assessment:
    """One assessment the viewer may see (404 otherwise), with what its pages show beside it."""
    rows = Assessment.objects.select_related(
        "cycle__framework", "member", "prefilled_from__cycle", "submitted_by", "acknowledged_by"
    )
    return policy_for(Assessment).get(viewer, pk, rows)


def member_for_start(*, viewer: Viewer, member: str | int) -> Member:
    """The member (by id or short name) whose assessment the viewer starts: one it writes for (404 otherwise)."""
    rows = Member.objects.filter(policy_for(Member).acting_for_q(viewer))  # type: ignore[attr-defined]
    text = str(member).strip()
    found = rows.filter(pk=int(text)).first() if text.isdigit() else rows.filter(slug=text).first()
    if found is None:
        raise NotFound()
    return found


@dataclass(frozen=True)
class OwnAssessment:
    cycle: AssessmentCycle
    member: Member
    assessment: Assessment | None


def own_assessments(*, viewer: Viewer, cycles: list[AssessmentCycle]) -> list[OwnAssessment]:
    """For each cycle and each of the viewer's members: its assessment, or none yet (two queries)."""
    own = cast(AssessmentPolicy, policy_for(Assessment)).own_member_ids(viewer)
    members = list(Member.objects.filter(pk__in=own).order_by("name"))
    found = {
        (a.cycle_id, a.member_id): a
        for a in Assessment.objects.filter(member_id__in=own, cycle__in=[c.pk for c in cycles])
    }
    return [OwnAssessment(c, m, found.get((c.pk, m.pk))) for c in cycles for m in members]


@dataclass
class AnswerRow:
    answer: Answer
    capability: Capability
    was_phase: int | None = None
    change: str = ""
    phase_label: str = ""
    target_label: str = ""
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass
class DomainGroup:
    domain: str
    rows: list[AnswerRow] = field(default_factory=list)


def phase_words(number: int | None, labels: dict[int, str]) -> str:
    if number is None:
        return _("not answered")
    return labels.get(number) or _("Phase %(n)s") % {"n": number}


def previous_phases(assessment: Assessment) -> dict[int, int | None]:
    """Each capability's phase in the assessment it was prefilled from (mapped across versions: several
    earlier capabilities give the lowest phase), keyed by the current capability's id."""
    previous = assessment.prefilled_from
    if previous is None:
        return {}
    mapping = carried_forward(previous.cycle.framework, assessment.cycle.framework)
    old = dict(Answer.objects.filter(assessment=previous).values_list("capability_id", "phase"))
    out: dict[int, int | None] = {}
    for capability_id, sources in mapping.items():
        phases = [p for s in sources if (p := old.get(s)) is not None]
        if any(s in old for s in sources):
            out[capability_id] = min(phases) if phases else None
    return out


def answer_groups(*, assessment: Assessment, labels: dict[int, str]) -> list[DomainGroup]:
    """The assessment's answers grouped by domain (framework order), each with the change since the
    cycle it was prefilled from, in words: "was Building, now Phase 2"."""
    before = previous_phases(assessment)
    groups: dict[str, DomainGroup] = {}
    answers = Answer.objects.filter(assessment=assessment).select_related("capability")
    for answer in answers.order_by("capability__number"):
        c = answer.capability
        row = AnswerRow(
            answer=answer,
            capability=c,
            phase_label=phase_words(answer.phase, labels),
            target_label=phase_words(answer.target_phase, labels) if answer.target_phase else "",
        )
        if c.pk in before:
            row.was_phase = before[c.pk]
            if row.was_phase != answer.phase:
                row.change = _("was %(before)s, now %(now)s") % {
                    "before": phase_words(row.was_phase, labels),
                    "now": phase_words(answer.phase, labels),
                }
        groups.setdefault(c.domain, DomainGroup(c.domain)).rows.append(row)
    return list(groups.values())


def phase_choices() -> list[Phase]:
    return list(Phase.objects.order_by("number"))


def capability_ids_by_number(*, assessment: Assessment, numbers: list[int], ids: list[int]) -> dict[int, int]:
    """The capability ids of the assessment's framework that the given numbers and ids name, keyed by
    the position of each in the input (API answers); any other names its field: nothing is saved."""
    caps = list(Capability.objects.filter(framework_id=assessment.cycle.framework_id).values_list("pk", "number"))
    by_number = {n: pk for pk, n in caps}
    known = {pk for pk, _n in caps}
    code = assessment.cycle.framework.code
    problems: list[Problem] = []
    out: dict[int, int] = {}
    for i, (number, pk) in enumerate(zip(numbers, ids, strict=True)):
        if pk:
            if pk not in known:
                msg = _("Capability %(id)s is not in framework %(code)s of this cycle.") % {"id": pk, "code": code}
                problems.append(Problem(msg, field=f"answers.{i}.capability_id"))
                continue
            out[i] = pk
        elif number:
            if number not in by_number:
                msg = _("Framework %(code)s has no capability %(n)s.") % {"n": number, "code": code}
                problems.append(Problem(msg, field=f"answers.{i}.capability"))
                continue
            out[i] = by_number[number]
        else:
            problems.append(Problem(_("Name the capability by its number."), field=f"answers.{i}.capability"))
    if problems:
        raise ValidationFailed(_("The self-assessment was not saved."), problems=problems)
    return out


def access_log(*, viewer: Viewer, assessment: Assessment) -> QuerySet[AccessLogEntry]:
    """Who opened the assessment from outside its member, latest first (404 for who may not read it)."""
    if not policy_for(Assessment).can(viewer, "read_access_log", assessment):
        raise NotFound()
    return (
        policy_for(AccessLogEntry)
        .visible(viewer)
        .filter(assessment=assessment)
        .select_related("user")
        .order_by("-opened_at", "-pk")
    )


# --- dashboard ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NextJob:
    cycle_id: int
    cycle_title: str
    due_on: Any
    member_name: str
    assessment_id: int | None
    status: str
    unanswered: int


def member_jobs(*, viewer: Viewer) -> list[NextJob]:
    """Each open cycle's job for each member the viewer writes for: start, continue or submit (one
    query per member the viewer writes for)."""
    jobs = []
    writes_for = policy_for(Member).acting_for_q(viewer)  # type: ignore[attr-defined]
    members = dict(Member.objects.filter(writes_for).values_list("pk", "name"))
    for member_id, name in sorted(members.items(), key=lambda kv: kv[1]):
        own = Assessment.objects.filter(cycle=OuterRef("pk"), member_id=member_id)
        missing = (
            Answer.objects.filter(assessment__cycle=OuterRef("pk"), assessment__member_id=member_id, phase__isnull=True)
            .values("assessment")
            .annotate(n=Count("pk"))
            .values("n")
        )
        rows = (
            AssessmentCycle.objects.filter(status=AssessmentCycle.Status.OPEN)
            .annotate(
                a_id=Subquery(own.values("pk")[:1]),
                a_status=Subquery(own.values("status")[:1]),
                a_missing=Subquery(missing[:1]),
            )
            .order_by("due_on", "pk")
        )
        for c in rows:
            if c.a_status in (None, Assessment.Status.DRAFT):
                jobs.append(NextJob(c.pk, c.title, c.due_on, name, c.a_id, c.a_status or "", c.a_missing or 0))
    return jobs


def awaiting_acknowledgement() -> list[dict[str, Any]]:
    """Submitted assessments waiting for the secretariat, counted per cycle (one query)."""
    rows = (
        Assessment.objects.filter(status=Assessment.Status.SUBMITTED)
        .values("cycle_id", "cycle__title")
        .annotate(n=Count("pk"))
        .order_by("cycle__title")
    )
    return [dict(row) for row in rows]


# --- exports --------------------------------------------------------------------------------------


def export_headers() -> list[str]:
    return [
        _("Domain"),
        _("Number"),
        _("Capability"),
        _("Phase"),
        _("Target phase"),
        _("Priority"),
        _("Evidence"),
        _("Notes"),
        _("Planned actions"),
        _("Change since the previous cycle"),
        _("Synthetic demo data"),
    ]


def export_rows(*, assessment: Assessment, groups: list[DomainGroup], labels: dict[int, str]) -> list[list[Any]]:
    """One row per capability of the member's own assessment, phases in words."""
    synthetic = _("yes") if assessment.is_synthetic else ""
    return [
        [
            g.domain,
            r.capability.number,
            r.capability.name,
            r.phase_label,
            r.target_label,
            _("yes") if r.answer.priority else "",
            r.answer.evidence,
            r.answer.notes,
            r.answer.planned_actions,
            r.change,
            synthetic,
        ]
        for g in groups
        for r in g.rows
    ]
