"""MNR self-assessment: synthetic self-assessments of the fictional demo members (never real ones),
built through the services so the workflow, policies and audit run as they do for people.

- The capability framework (mnr-2016) and the four phases, from the reference tables when missing.
- "2025 self-assessment": every fictional member submitted (most acknowledged by the secretariat),
  phases, targets and priorities varied per member and capability (invented, deterministic), the cycle
  closed and its safe aggregate published to the public site.
- "2026 self-assessment", open: Demoland's draft, prefilled from 2025 with a few answers changed, and
  Fictonia's submitted (awaiting the secretariat).
- One exchange both Demoland and Fictonia consented to, on a capability where Demoland is below its
  target and Fictonia reports a higher phase, and one proposal from Examplestan awaiting Demoland.
- Two openings of Demoland's 2025 assessment by the demo secretariat officer, in its access log.

Every text says "Synthetic demo". Idempotent: skipped when the demo cycles exist."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from hub.assessments.models import AccessLogEntry
from hub.assessments.models import Answer
from hub.assessments.models import Assessment
from hub.assessments.models import AssessmentCycle
from hub.assessments.models import Capability
from hub.assessments.models import Exchange
from hub.assessments.models import Framework
from hub.assessments.models import Phase
from hub.assessments.services.assessments import AnswerInput
from hub.assessments.services.assessments import access_record
from hub.assessments.services.assessments import answers_save
from hub.assessments.services.assessments import assessment_acknowledge
from hub.assessments.services.assessments import assessment_start
from hub.assessments.services.assessments import assessment_submit
from hub.assessments.services.assessments import cycle_close
from hub.assessments.services.assessments import cycle_create
from hub.assessments.services.assessments import cycle_publish_aggregate
from hub.assessments.services.framework import reference_capabilities_load
from hub.assessments.services.framework import reference_phases_load
from hub.core.audit import acting_as
from hub.core.validation import full_clean
from hub.core.viewer import Viewer
from hub.core.viewer import focal_point_of
from hub.members.demo import FICTIONAL_MEMBERS
from hub.members.demo import member_persona
from hub.members.demo import persona
from hub.members.models import Member

FRAMEWORK = "mnr-2016"
PAST = "2025 self-assessment"
CURRENT = "2026 self-assessment"
PAST_OPENS, PAST_DUE = datetime.date(2025, 3, 3), datetime.date(2025, 6, 30)
CURRENT_OPENS, CURRENT_DUE = datetime.date(2026, 9, 1), datetime.date(2027, 1, 29)
PUBLISHED_ON = datetime.date(2025, 9, 15)
# 2025 assessments the secretariat had not acknowledged when the cycle closed.
NOT_ACKNOWLEDGED = ("Samplevia", "Modelia")
# Capabilities (by number) Demoland changed in its 2026 draft, and Fictonia in its 2026 submission.
DEMOLAND_CHANGES = (2, 9, 15)
FICTONIA_CHANGES = (4, 18)
# Each member's general level: some further along than others, none the same everywhere.
LEVELS = (1, 2, 2, 3, 1, 2, 3, 2, 1, 3, 2, 2)


def _phase(index: int, number: int) -> int:
    """An invented phase, varied by member and capability (deterministic)."""
    swing = (index * 7 + number * 5 + (index * number) % 3) % 4 - 1  # -1, 0, 1 or 2
    return max(1, min(4, LEVELS[index % len(LEVELS)] + (swing if swing < 2 else 1 - number % 2)))


def _target(index: int, number: int, phase: int) -> int:
    return min(4, phase + (index + number) % 3)


def _answer(name: str, index: int, capability: Capability) -> AnswerInput:
    number = capability.number
    phase = _phase(index, number)
    target = _target(index, number, phase)
    below = phase < target
    return AnswerInput(
        phase=phase,
        target_phase=target,
        priority=below and (index + number) % 4 == 0,
        evidence=f'Synthetic demo: {name} (a fictional member) describes invented evidence for "{capability.name}".',
        notes=f"Synthetic demo: an invented note by {name} on this capability." if number % 3 == index % 3 else "",
        planned_actions=(
            f"Synthetic demo: {name} plans invented steps to reach phase {target} by {2027 + number % 3}."
            if below
            else ""
        ),
    )


def _focal(member: Member) -> Viewer:
    """The member's focal point: its demo person while the member is active, else one without a user (a
    suspended or withdrawn member's people may no longer write for it: the members' seeding suspends
    Specimenia and withdraws Dummyland before this seed runs, so they submitted "before" that)."""
    if member.status == Member.Status.ACTIVE:
        return member_persona(member)
    return focal_point_of(member.pk)


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _ensure_framework() -> Framework | None:
    if not Framework.objects.filter(code=FRAMEWORK).exists():
        reference_capabilities_load()
    if Phase.objects.count() < 4:
        reference_phases_load()
    return Framework.objects.filter(code=FRAMEWORK, status=Framework.Status.PUBLISHED).first()


def _submit_past(sec: Viewer, cycle: AssessmentCycle, members: list[tuple[int, Member]]) -> dict[str, Assessment]:
    out = {}
    capabilities = list(Capability.objects.filter(framework=cycle.framework).order_by("number"))
    for index, member in members:
        focal = _focal(member)
        assessment = assessment_start(viewer=focal, cycle_id=cycle.pk, member_id=member.pk, via="seed_demo")
        answers = {c.pk: _answer(member.name, index, c) for c in capabilities}
        answers_save(viewer=focal, assessment_id=assessment.pk, answers=answers, via="seed_demo")
        assessment_submit(viewer=focal, assessment_id=assessment.pk, via="seed_demo")
        submitted = PAST_OPENS + datetime.timedelta(days=40 + 5 * index)
        dates: dict[str, Any] = {"submitted_at": _at(submitted)}
        if member.name not in NOT_ACKNOWLEDGED:
            assessment_acknowledge(viewer=sec, assessment_id=assessment.pk, via="seed_demo")
            dates["acknowledged_at"] = _at(submitted + datetime.timedelta(days=9), 15)
        # Dated within the 2025 cycle (the workflow's own dates are today's).
        Assessment.objects.filter(pk=assessment.pk).update(**dates)
        out[member.name] = assessment
    return out


def _changed(answer: Answer, number: int, name: str) -> AnswerInput:
    phase = min(4, (answer.phase or 1) + 1)
    target = max(phase, answer.target_phase or phase)
    return AnswerInput(
        phase=phase,
        target_phase=target,
        priority=answer.priority and phase < target,
        evidence=f"{answer.evidence}\n\nSynthetic demo: {name} reports invented progress since 2025.",
        notes=f"Synthetic demo: raised from phase {answer.phase} to {phase} in this cycle (capability {number}).",
        planned_actions=answer.planned_actions if phase < target else "",
    )


def _start_current(cycle: AssessmentCycle, member: Member, changes: tuple[int, ...], *, submit: bool) -> Assessment:
    focal = _focal(member)
    assessment = assessment_start(viewer=focal, cycle_id=cycle.pk, member_id=member.pk, via="seed_demo")
    answers = {
        a.capability_id: _changed(a, a.capability.number, member.name)
        for a in assessment.answers.select_related("capability")
        if a.capability.number in changes
    }
    answers_save(viewer=focal, assessment_id=assessment.pk, answers=answers, via="seed_demo")
    if submit:
        assessment_submit(viewer=focal, assessment_id=assessment.pk, via="seed_demo")
    return assessment


def _exchange_capability(past: dict[str, Assessment], learner: str, peer: str, *, skip: int | None = None) -> Any:
    """A capability where `learner` is below its target and `peer` reports a higher phase (priorities first)."""
    mine = {a.capability_id: a for a in past[learner].answers.select_related("capability")}
    theirs = {a.capability_id: a.phase or 0 for a in past[peer].answers.all()}
    fits = [
        a
        for pk, a in mine.items()
        if pk != skip and a.below_target and theirs.get(pk, 0) > (a.phase or 0) and a.phase is not None
    ]
    fits.sort(key=lambda a: (not a.priority, a.capability_id))
    return fits[0].capability if fits else next(a.capability for pk, a in mine.items() if pk != skip)


def _exchanges(past: dict[str, Assessment], members: dict[str, Member]) -> None:
    """Created as rows (the exchange services are not written yet): one consented, one pending."""
    if not {"Demoland", "Fictonia", "Examplestan"} <= past.keys():
        return
    demoland, fictonia, examplestan = members["Demoland"], members["Fictonia"], members["Examplestan"]
    agreed_on = _exchange_capability(past, "Demoland", "Fictonia")
    accepted = Exchange(
        capability=agreed_on,
        initiator=demoland,
        counterpart=fictonia,
        kind=Exchange.Kind.REQUEST,
        message="Synthetic demo: Demoland asks to learn how Fictonia built this capability (invented).",
        status=Exchange.Status.ACCEPTED,
        created_by=member_persona(demoland).user,
        answered_at=_at(datetime.date(2025, 10, 20)),
        answered_by=member_persona(fictonia).user,
        is_synthetic=True,
    )
    full_clean(accepted, exclude=[] if accepted.created_by_id else ["created_by"])
    accepted.save()
    Exchange.objects.filter(pk=accepted.pk).update(created_at=_at(datetime.date(2025, 10, 6)))
    offered = _exchange_capability(past, "Demoland", "Examplestan", skip=agreed_on.pk)
    pending = Exchange(
        capability=offered,
        initiator=examplestan,
        counterpart=demoland,
        kind=Exchange.Kind.OFFER,
        message="Synthetic demo: Examplestan offers to share its invented experience with Demoland.",
        status=Exchange.Status.PENDING,
        created_by=member_persona(examplestan).user,
        is_synthetic=True,
    )
    full_clean(pending, exclude=[] if pending.created_by_id else ["created_by"])
    pending.save()


def _access_log(sec: Viewer, assessment: Assessment | None) -> None:
    """The secretariat opened Demoland's 2025 assessment twice: to acknowledge it, and for an export."""
    if assessment is None or sec.user is None:
        return
    openings = [
        (AccessLogEntry.Channel.PAGE, datetime.date(2025, 4, 21)),
        (AccessLogEntry.Channel.EXPORT, datetime.date(2026, 2, 3)),
    ]
    for channel, day in openings:
        access_record(viewer=sec, assessment=assessment, channel=channel)
        entry = AccessLogEntry.objects.filter(assessment=assessment, user=sec.user).order_by("-pk").first()
        if entry is not None:
            AccessLogEntry.objects.filter(pk=entry.pk).update(opened_at=_at(day, 11))


def seed() -> list[str]:
    if AssessmentCycle.objects.filter(title__in=[PAST, CURRENT]).exists():
        return ["Self-assessment: demo cycles exist already.", _summary()]
    framework = _ensure_framework()
    if framework is None:
        return ["Self-assessment: the MNR framework could not be loaded; no demo self-assessments.", _summary()]
    names = [name for name, _region in FICTIONAL_MEMBERS]
    by_name = {m.name: m for m in Member.objects.filter(is_synthetic=True, name__in=names)}
    members = [(index, by_name[name]) for index, name in enumerate(names) if name in by_name]
    if not members:
        return ["Self-assessment: no fictional members; no demo self-assessments.", _summary()]
    sec = persona("secretariat")
    with transaction.atomic(), acting_as(sec.user, via="seed_demo"):
        past = cycle_create(
            viewer=sec,
            title=PAST,
            framework=framework,
            opens_on=PAST_OPENS,
            due_on=PAST_DUE,
            via="seed_demo",
            is_synthetic=True,
        )
        done = _submit_past(sec, past, members)
        cycle_close(viewer=sec, cycle_id=past.pk, via="seed_demo")
        cycle_publish_aggregate(viewer=sec, cycle_id=past.pk, via="seed_demo")
        AssessmentCycle.objects.filter(pk=past.pk).update(aggregate_published_at=_at(PUBLISHED_ON))
        current = cycle_create(
            viewer=sec,
            title=CURRENT,
            framework=framework,
            opens_on=CURRENT_OPENS,
            due_on=CURRENT_DUE,
            via="seed_demo",
            is_synthetic=True,
        )
        if "Demoland" in by_name:
            _start_current(current, by_name["Demoland"], DEMOLAND_CHANGES, submit=False)
        if "Fictonia" in by_name:
            _start_current(current, by_name["Fictonia"], FICTONIA_CHANGES, submit=True)
        with acting_as(None, via="seed_demo"):
            _exchanges(done, by_name)
        _access_log(sec, done.get("Demoland"))
    return [
        f"Self-assessment: {len(done)} demo self-assessments of {PAST} (aggregate published), "
        f"and {CURRENT} open with a draft and a submission.",
        _summary(),
    ]


def _summary() -> str:
    cycles = AssessmentCycle.objects.filter(is_synthetic=True)
    assessments = Assessment.objects.filter(is_synthetic=True)
    drafts = assessments.filter(status=Assessment.Status.DRAFT).count()
    submitted = assessments.filter(status=Assessment.Status.SUBMITTED).count()
    acknowledged = assessments.filter(status=Assessment.Status.ACKNOWLEDGED).count()
    exchanges = Exchange.objects.filter(is_synthetic=True)
    return (
        f"summary: Self-assessment: {cycles.count()} cycles ({cycles.filter(status='open').count()} open); "
        f"{assessments.count()} self-assessments ({drafts} draft, {submitted} submitted, {acknowledged} "
        f"acknowledged); {exchanges.filter(status=Exchange.Status.ACCEPTED).count()} consented exchange(s), "
        f"{exchanges.filter(status=Exchange.Status.PENDING).count()} awaiting an answer."
    )
