"""MNR self-assessment: cycles and the workflow of a member's self-assessment.

Draft (the member's officials), submitted (its focal point, every capability answered), acknowledged
(the secretariat), and reopened by the secretariat with a reason (back to draft). A new assessment is
prefilled from the member's assessment of the cycle before (mapped across framework versions).
Every step locks and re-checks its record: of two conflicting steps one wins, the other is a 409.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.assessments.models import PHASE_NUMBERS
from hub.assessments.models import AccessLogEntry
from hub.assessments.models import Answer
from hub.assessments.models import Assessment
from hub.assessments.models import AssessmentCycle
from hub.assessments.models import Capability
from hub.assessments.models import Framework
from hub.assessments.selectors.framework import carried_forward
from hub.core.audit import acting_as
from hub.core.concurrency import changed_meanwhile
from hub.core.concurrency import check_version
from hub.core.concurrency import locked
from hub.core.concurrency import unique_or_conflict
from hub.core.errors import NotFound
from hub.core.errors import Problem
from hub.core.errors import raise_problems
from hub.core.errors import require_text
from hub.core.policies import policy_for
from hub.core.validation import full_clean
from hub.core.viewer import Viewer
from hub.members.models import Member

TEXT_MAX = 5000


# --- cycles ---------------------------------------------------------------------------------------


def cycle_create(
    *,
    viewer: Viewer,
    title: str,
    framework: Framework,
    opens_on: datetime.date,
    due_on: datetime.date,
    via: str = "web",
    is_synthetic: bool = False,
) -> AssessmentCycle:
    """The secretariat opens a self-assessment cycle on a published framework version."""
    policy_for(AssessmentCycle).require(viewer, "manage", message=_("Only the secretariat opens cycles."))
    problems: list[Problem] = []
    require_text(problems, title, _("Give the cycle a title."), field="title")
    if not framework.is_published:
        problems.append(Problem(_("Choose a published framework version."), field="framework"))
    if opens_on and due_on and due_on < opens_on:
        problems.append(Problem(_("The due date cannot be before the opening date."), field="due_on"))
    raise_problems(problems, _("The cycle was not opened."))
    taken = _("A cycle with this title exists already.")
    with unique_or_conflict(taken, field="title"), transaction.atomic(), acting_as(viewer.user, via=via):
        cycle = AssessmentCycle(
            title=title.strip(), framework=framework, opens_on=opens_on, due_on=due_on, is_synthetic=is_synthetic
        )
        full_clean(cycle)
        cycle.save()
    return cycle


def cycle_close(*, viewer: Viewer, cycle_id: Any, via: str = "web") -> AssessmentCycle:
    policy: Any = policy_for(AssessmentCycle)
    cycle = policy.get(viewer, cycle_id)
    policy.require(viewer, "manage", cycle, message=_("Only the secretariat closes cycles."))
    with transaction.atomic(), acting_as(viewer.user, via=via):
        cycle = locked(cycle)
        if not policy.can(viewer, "close", cycle):
            raise changed_meanwhile(cycle)
        cycle.status = AssessmentCycle.Status.CLOSED
        cycle.save(update_fields=["status", "updated_at"])
    return cycle


def cycle_publish_aggregate(
    *, viewer: Viewer, cycle_id: Any, publish: bool = True, via: str = "web"
) -> AssessmentCycle:
    """The secretariat publishes a cycle's safe aggregate to the public site (or takes it back)."""
    policy: Any = policy_for(AssessmentCycle)
    cycle = policy.get(viewer, cycle_id)
    policy.require(viewer, "manage", cycle, message=_("Only the secretariat publishes aggregates."))
    action = "publish_aggregate" if publish else "unpublish_aggregate"
    with transaction.atomic(), acting_as(viewer.user, via=via):
        cycle = locked(cycle)
        if not policy.can(viewer, action, cycle):
            raise changed_meanwhile(cycle)
        cycle.aggregate_published_at = timezone.now() if publish else None
        cycle.aggregate_published_by = viewer.user if publish else None
        cycle.save(update_fields=["aggregate_published_at", "aggregate_published_by", "updated_at"])
    return cycle


# --- an assessment --------------------------------------------------------------------------------


def previous_assessment(member_id: int, cycle: AssessmentCycle) -> Assessment | None:
    """The member's assessment of the latest cycle before this one (any status but draft first)."""
    return (
        Assessment.objects.filter(member_id=member_id, cycle__opens_on__lt=cycle.opens_on)
        .exclude(cycle=cycle)
        .select_related("cycle__framework")
        .order_by("-cycle__opens_on", "-cycle__pk")
        .first()
    )


def _carried_values(previous: Assessment, framework: Framework) -> dict[int, dict[str, Any]]:
    """Each capability's answer carried on from the previous assessment: one predecessor, its answer;
    several (merged), the lowest phase and target and the texts joined; none, nothing."""
    mapping = carried_forward(previous.cycle.framework, framework)
    old = {a.capability_id: a for a in previous.answers.all()}
    out: dict[int, dict[str, Any]] = {}
    for capability_id, sources in mapping.items():
        answers = [old[s] for s in sources if s in old]
        if not answers:
            continue
        phases = [a.phase for a in answers if a.phase is not None]
        targets = [a.target_phase for a in answers if a.target_phase is not None]
        out[capability_id] = {
            "phase": min(phases) if phases else None,
            "target_phase": min(targets) if targets else None,
            "priority": any(a.priority for a in answers),
            "evidence": "\n\n".join(a.evidence for a in answers if a.evidence)[:TEXT_MAX],
            "notes": "\n\n".join(a.notes for a in answers if a.notes)[:TEXT_MAX],
            "planned_actions": "\n\n".join(a.planned_actions for a in answers if a.planned_actions)[:TEXT_MAX],
        }
    return out


def assessment_start(*, viewer: Viewer, cycle_id: Any, member_id: int, via: str = "web") -> Assessment:
    """A member official starts the member's assessment for an open cycle: one answer per capability
    of the cycle's framework, prefilled from the member's previous assessment. Starting twice (two
    officials at once) gives one assessment: the second is a 409."""
    cycle = policy_for(AssessmentCycle).get(viewer, cycle_id, AssessmentCycle.objects.select_related("framework"))
    member = Member.objects.filter(pk=member_id).first()
    if member is None or not policy_for(Member).can(viewer, "act_for", member):
        raise NotFound()
    if not policy_for(AssessmentCycle).can(viewer, "start", cycle):
        raise changed_meanwhile(cycle)
    taken = _("This member's self-assessment for this cycle was started already.")
    with unique_or_conflict(taken, field="cycle"), transaction.atomic(), acting_as(viewer.user, via=via):
        if Assessment.objects.filter(member=member, cycle=cycle).exists():
            raise changed_meanwhile(cycle)
        previous = previous_assessment(member.pk, cycle)
        assessment = Assessment.objects.create(
            member=member, cycle=cycle, prefilled_from=previous, is_synthetic=cycle.is_synthetic or member.is_synthetic
        )
        carried = _carried_values(previous, cycle.framework) if previous else {}
        for capability in Capability.objects.filter(framework=cycle.framework).order_by("number"):
            Answer.objects.create(assessment=assessment, capability=capability, **carried.get(capability.pk, {}))
    return assessment


@dataclass(frozen=True)
class AnswerInput:
    phase: int | None = None
    target_phase: int | None = None
    priority: bool = False
    evidence: str = ""
    notes: str = ""
    planned_actions: str = ""


def _answer_problems(data: AnswerInput, prefix: str = "") -> list[Problem]:
    problems: list[Problem] = []
    for name in ("phase", "target_phase"):
        value = getattr(data, name)
        if value is not None and value not in PHASE_NUMBERS:
            problems.append(Problem(_("Use a phase from 1 to 4."), field=f"{prefix}{name}"))
    for name in ("evidence", "notes", "planned_actions"):
        if len(getattr(data, name) or "") > TEXT_MAX:
            problems.append(Problem(_("Keep this within %(n)s characters.") % {"n": TEXT_MAX}, field=f"{prefix}{name}"))
    return problems


def _editable(viewer: Viewer, assessment_id: Any) -> tuple[Any, Assessment]:
    policy: Any = policy_for(Assessment)
    assessment = policy.get(viewer, assessment_id, Assessment.objects.select_related("cycle", "member"))
    if not policy_for(Member).can(viewer, "act_for", assessment.member):
        raise NotFound()
    return policy, assessment


def answers_save(
    *,
    viewer: Viewer,
    assessment_id: Any,
    answers: dict[int, AnswerInput],
    version: str | None = None,
    via: str = "web",
) -> Assessment:
    """Save answers of a draft, keyed by capability id (capabilities of the cycle's framework only).
    Every problem is named by its field (`answer-<capability id>-phase`, ...); nothing is saved on any."""
    policy, assessment = _editable(viewer, assessment_id)
    by_capability = {a.capability_id: a for a in assessment.answers.select_related("capability")}
    problems: list[Problem] = []
    for capability_id, data in answers.items():
        if capability_id not in by_capability:
            problems.append(
                Problem(_("This capability is not in the framework of this cycle."), field=f"answer-{capability_id}")
            )
            continue
        problems += _answer_problems(data, prefix=f"answer-{capability_id}-")
    raise_problems(problems, _("The self-assessment was not saved."))
    with transaction.atomic(), acting_as(viewer.user, via=via):
        assessment = locked(assessment)
        check_version(assessment, version)
        if not policy.can(viewer, "edit", assessment):
            raise changed_meanwhile(assessment)
        for capability_id, data in answers.items():
            answer = by_capability[capability_id]
            values = {
                "phase": data.phase,
                "target_phase": data.target_phase,
                "priority": data.priority,
                "evidence": (data.evidence or "").strip(),
                "notes": (data.notes or "").strip(),
                "planned_actions": (data.planned_actions or "").strip(),
            }
            changed = [k for k, v in values.items() if getattr(answer, k) != v]
            if changed:
                for k in changed:
                    setattr(answer, k, values[k])
                full_clean(answer)
                answer.save(update_fields=[*changed, "updated_at"])
        assessment.save(update_fields=["updated_at"])
    return assessment


def unanswered(assessment: Assessment) -> list[Capability]:
    return [a.capability for a in assessment.answers.select_related("capability") if a.phase is None]


def assessment_submit(
    *, viewer: Viewer, assessment_id: Any, version: str | None = None, via: str = "web"
) -> Assessment:
    """The focal point submits a draft with every capability answered (the unanswered are listed)."""
    policy, assessment = _editable(viewer, assessment_id)
    policy.require(viewer, "submit", None, message=_("Only the member's focal point submits it."))
    missing = unanswered(assessment)
    raise_problems(
        [
            Problem(_("Give a phase for %(capability)s.") % {"capability": c}, field=f"answer-{c.pk}-phase")
            for c in missing
        ],
        _("The self-assessment was not submitted: some capabilities are unanswered."),
    )
    with transaction.atomic(), acting_as(viewer.user, via=via):
        assessment = locked(assessment)
        check_version(assessment, version)
        if not policy.can(viewer, "submit", assessment) or unanswered(assessment):
            raise changed_meanwhile(assessment)
        assessment.status = Assessment.Status.SUBMITTED
        assessment.submitted_at = timezone.now()
        assessment.submitted_by = viewer.user
        assessment.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    return assessment


def assessment_acknowledge(*, viewer: Viewer, assessment_id: Any, via: str = "web") -> Assessment:
    policy: Any = policy_for(Assessment)
    assessment = policy.get(viewer, assessment_id)
    policy.require(viewer, "acknowledge", None, message=_("Only the secretariat acknowledges self-assessments."))
    with transaction.atomic(), acting_as(viewer.user, via=via):
        assessment = locked(assessment)
        if not policy.can(viewer, "acknowledge", assessment):
            raise changed_meanwhile(assessment)
        assessment.status = Assessment.Status.ACKNOWLEDGED
        assessment.acknowledged_at = timezone.now()
        assessment.acknowledged_by = viewer.user
        assessment.save(update_fields=["status", "acknowledged_at", "acknowledged_by", "updated_at"])
    return assessment


def assessment_reopen(*, viewer: Viewer, assessment_id: Any, reason: str, via: str = "web") -> Assessment:
    """The secretariat sends a submitted or acknowledged assessment back to draft, with its reason; the
    aggregates shown afterwards leave it out until it is submitted again."""
    policy: Any = policy_for(Assessment)
    assessment = policy.get(viewer, assessment_id)
    policy.require(viewer, "reopen", None, message=_("Only the secretariat reopens self-assessments."))
    problems: list[Problem] = []
    require_text(problems, reason, _("Say why it is reopened."), field="reason")
    raise_problems(problems, _("The self-assessment was not reopened."))
    with transaction.atomic(), acting_as(viewer.user, via=via):
        assessment = locked(assessment)
        if not policy.can(viewer, "reopen", assessment):
            raise changed_meanwhile(assessment)
        assessment.status = Assessment.Status.DRAFT
        assessment.reopened_reason = reason.strip()[:2000]
        assessment.save(update_fields=["status", "reopened_reason", "updated_at"])
    return assessment


def access_record(*, viewer: Viewer, assessment: Assessment, channel: str) -> None:
    """Log an opening of the assessment by someone outside its member (the secretariat)."""
    if policy_for(Assessment).can(viewer, "read_unlogged", assessment):
        return
    with acting_as(viewer.user, via=channel):
        AccessLogEntry.objects.create(assessment=assessment, user=viewer.user, channel=channel)
