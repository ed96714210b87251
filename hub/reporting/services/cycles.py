"""Reporting cycles: created in draft, opened with a questionnaire version (which freezes it and creates
a prefilled draft report for each active member), closed (late submissions still accepted), locked,
published. Reminders go to focal points 30 and 7 days before a cycle closes."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hub.core.audit import acting_as
from hub.core.audit import audit_bulk
from hub.core.concurrency import changed_meanwhile
from hub.core.concurrency import check_version
from hub.core.concurrency import locked
from hub.core.errors import Conflict
from hub.core.errors import Problem
from hub.core.errors import ValidationFailed
from hub.core.errors import raise_problems
from hub.core.inputs import UNSET
from hub.core.inputs import Unset
from hub.core.inputs import given
from hub.core.policies import policy_for
from hub.core.tasks import email_after_commit
from hub.core.validation import full_clean
from hub.core.viewer import Viewer
from hub.members.models import Member
from hub.members.models import Role
from hub.reporting.models import Answer
from hub.reporting.models import CycleReminder
from hub.reporting.models import Evidence
from hub.reporting.models import IndicatorValue
from hub.reporting.models import ProgressReport
from hub.reporting.models import Question
from hub.reporting.models import QuestionnaireVersion
from hub.reporting.models import ReportingCycle
from hub.reporting.selectors import last_accepted_report
from hub.reporting.selectors import previous_answers

CYCLE_FIELDS = ("name", "period_start", "period_end", "kind", "opens_on", "closes_on", "version")


@dataclass(frozen=True, kw_only=True)
class CycleInput:
    """A cycle's fields (version may be None). On update only the fields given change; is_synthetic
    is set on create."""

    name: str | Unset = UNSET
    period_start: datetime.date | Unset = UNSET
    period_end: datetime.date | Unset = UNSET
    kind: str | Unset = UNSET
    opens_on: datetime.date | Unset = UNSET
    closes_on: datetime.date | Unset = UNSET
    version: QuestionnaireVersion | None | Unset = UNSET
    is_synthetic: bool | Unset = UNSET


def _require_manager(viewer: Viewer, cycle: ReportingCycle | None = None) -> None:
    policy_for(ReportingCycle).require(viewer, "manage", cycle, message=_("Only the secretariat runs cycles."))


def _validate(values: dict[str, Any]) -> list[Problem]:
    problems = []
    if not str(values.get("name") or "").strip():
        problems.append(Problem(_("Give the cycle a name."), field="name"))
    if values.get("kind") not in ReportingCycle.Kind.values:
        problems.append(Problem(_("Choose one of the kinds offered."), field="kind"))
    for name in ("period_start", "period_end", "opens_on", "closes_on"):
        if not isinstance(values.get(name), datetime.date):
            problems.append(Problem(_("Give the date as YYYY-MM-DD."), field=name))
    if not problems:
        if values["period_end"] < values["period_start"]:
            problems.append(Problem(_("The period ends before it starts."), field="period_end"))
        if values["closes_on"] < values["opens_on"]:
            problems.append(Problem(_("The cycle closes before it opens."), field="closes_on"))
    return problems


def cycle_create(*, viewer: Viewer, data: CycleInput, via: str = "web") -> ReportingCycle:
    """A cycle in draft."""
    _require_manager(viewer)
    values = given(data)
    problems = _validate(values)
    raise_problems(problems, _("The cycle was not created."))
    cycle = ReportingCycle(**{k: values.get(k) for k in CYCLE_FIELDS}, is_synthetic=bool(values.get("is_synthetic")))
    full_clean(cycle)
    with transaction.atomic(), acting_as(viewer.user, via=via):
        cycle.save()
    return cycle


def cycle_update(
    *, viewer: Viewer, cycle_id: int, data: CycleInput, version: str | None = None, via: str = "web"
) -> ReportingCycle:
    """Change a cycle while it is in draft; once open only its close date may move. `version` (the
    cycle's version the edit was based on) refuses a change over someone else's newer one."""
    cycle = policy_for(ReportingCycle).get(viewer, cycle_id)
    _require_manager(viewer, cycle)
    with transaction.atomic():
        cycle = locked(cycle)
        check_version(cycle, version)
        return _cycle_change(viewer, cycle, data, via)


def _cycle_change(viewer: Viewer, cycle: ReportingCycle, data: CycleInput, via: str) -> ReportingCycle:
    values = given(data)
    merged = {k: getattr(cycle, k) for k in CYCLE_FIELDS} | values
    if cycle.status != ReportingCycle.Status.DRAFT:
        fixed = cycle.status not in ReportingCycle.ACCEPTING  # locked or published: nothing moves
        changed = [k for k in values if (fixed or k != "closes_on") and values[k] != getattr(cycle, k)]
        if changed:
            raise Conflict(
                _("Only the close date of an open cycle can change."),
                problems=[
                    Problem(_("Not while the cycle is %(status)s.") % {"status": cycle.get_status_display()}, k)
                    for k in changed
                ],
            )
    problems = _validate(merged)
    raise_problems(problems, _("The cycle was not changed."))
    with acting_as(viewer.user, via=via):
        for k, v in values.items():
            setattr(cycle, k, v)
        full_clean(cycle)
        cycle.save()
    return cycle


ANSWER_TEXT = ("status", "narrative", "actions_taken", "planned_actions", "lead_institution")


def _create_reports(cycle: ReportingCycle, members: list[Member], viewer: Viewer) -> list[ProgressReport]:
    """A draft report per member, each answer prefilled from the member's last accepted report."""
    questions = list(Question.objects.filter(version_id=cycle.version_id).prefetch_related("indicators"))
    reports = []
    for member in members:
        source = last_accepted_report(member.pk, cycle)
        report = ProgressReport.objects.create(
            cycle=cycle, member=member, prefilled_from=source, is_synthetic=cycle.is_synthetic
        )
        before = previous_answers(report, source)
        answers = []
        for question in questions:
            old = before.get(question.pk)
            values = {k: getattr(old, k) for k in ANSWER_TEXT} if old else {}
            answers.append(Answer(report=report, question=question, is_synthetic=cycle.is_synthetic, **values))
        Answer.objects.bulk_create(answers)
        audit_bulk(actor=viewer.user, created=answers, via="cycle_open")
        values_copied: list[IndicatorValue] = []
        evidence_copied: list[Evidence] = []
        for answer in answers:
            old = before.get(answer.question_id)
            if old is None:
                continue
            by_key = {i.key: i for i in answer.question.indicators.all()}
            for value in old.indicator_values.all():
                indicator = by_key.get(value.indicator.key)
                if indicator is not None:
                    values_copied.append(IndicatorValue(answer=answer, indicator=indicator, value=value.value))
            for ev in old.evidence.all():
                evidence_copied.append(
                    Evidence(
                        answer=answer,
                        title=ev.title,
                        file=ev.file.name,
                        url=ev.url,
                        sha256=ev.sha256,
                        content_type=ev.content_type,
                        size=ev.size,
                        visibility=ev.visibility,
                        added_by=ev.added_by,
                        is_synthetic=ev.is_synthetic,
                    )
                )
        IndicatorValue.objects.bulk_create(values_copied)
        Evidence.objects.bulk_create(evidence_copied)
        audit_bulk(actor=viewer.user, created=[*values_copied, *evidence_copied], via="cycle_open")
        reports.append(report)
    return reports


def focal_point_emails(member_ids: list[int]) -> dict[int, list[str]]:
    roles = Role.objects.active().filter(
        kind__in=[Role.Kind.FOCAL_POINT, Role.Kind.DEPUTY_FOCAL_POINT], member_id__in=member_ids
    )
    out: dict[int, list[str]] = {}
    for member_id, email in roles.values_list("member_id", "user__email"):
        out.setdefault(member_id, []).append(email)
    return out


def cycle_open(*, viewer: Viewer, cycle_id: int, via: str = "web") -> ReportingCycle:
    """Open a draft cycle: freeze its version, create a draft report for each active member (fictional
    demo members only for a demo cycle), and tell their focal points."""
    cycle = policy_for(ReportingCycle).get(viewer, cycle_id)
    _require_manager(viewer, cycle)
    if cycle.status != ReportingCycle.Status.DRAFT:
        raise Conflict(_("Only a cycle in draft can be opened."), problems=[Problem(_("Already opened."), "status")])
    if cycle.version is None:
        raise ValidationFailed(
            _("A cycle opens only with a questionnaire version."),
            problems=[Problem(_("Choose the questionnaire version first."), field="version")],
        )
    subject = _("Reporting cycle open: %(name)s") % {"name": cycle.name}
    body = _("The reporting cycle %(name)s is open until %(closes)s.") % {
        "name": cycle.name,
        "closes": date_format(cycle.closes_on),
    }
    if cycle.includes_progress:
        body += " " + _("Your member's draft report is ready, prefilled from its last accepted report.")
    with transaction.atomic(), acting_as(viewer.user, via=via):
        cycle = locked(cycle)
        if cycle.status != ReportingCycle.Status.DRAFT:
            raise changed_meanwhile(cycle)
        if cycle.version_id is None:
            raise ValidationFailed(
                _("A cycle opens only with a questionnaire version."),
                problems=[Problem(_("Choose the questionnaire version first."), field="version")],
            )
        members = list(Member.objects.filter(status=Member.Status.ACTIVE, is_synthetic=cycle.is_synthetic))
        version = QuestionnaireVersion.objects.select_for_update().get(pk=int(cycle.version_id or 0))
        if version.frozen_at is None:
            version.frozen_at = timezone.now()
            version.save(update_fields=["frozen_at", "updated_at"])
        cycle.status = ReportingCycle.Status.OPEN
        cycle.opened_at = timezone.now()
        cycle.save(update_fields=["status", "opened_at", "updated_at"])
        if cycle.includes_progress:
            _create_reports(cycle, members, viewer)
        # One message per member: focal points of different members do not see each other's addresses.
        for recipients in focal_point_emails([m.pk for m in members]).values():
            email_after_commit(to=sorted(set(recipients)), subject=subject, body=body)
    return cycle


TRANSITIONS = {
    "close": ((ReportingCycle.Status.OPEN,), ReportingCycle.Status.CLOSED),
    "lock": ((ReportingCycle.Status.OPEN, ReportingCycle.Status.CLOSED), ReportingCycle.Status.LOCKED),
    "publish": ((ReportingCycle.Status.LOCKED,), ReportingCycle.Status.PUBLISHED),
}


def cycle_transition(*, viewer: Viewer, cycle_id: int, action: str, via: str = "web") -> ReportingCycle:
    """close (late submissions still accepted), lock (no more submissions), publish."""
    cycle = policy_for(ReportingCycle).get(viewer, cycle_id)
    _require_manager(viewer, cycle)
    if action not in TRANSITIONS:
        raise ValidationFailed(_("Unknown action."), problems=[Problem(_("Use close, lock or publish."), "action")])
    allowed, target = TRANSITIONS[action]
    if cycle.status not in allowed:
        raise Conflict(
            _("A %(status)s cycle cannot be changed this way.") % {"status": cycle.get_status_display().lower()},
            problems=[Problem(_("Not allowed from this status."), field="status")],
        )
    with transaction.atomic(), acting_as(viewer.user, via=via):
        cycle = locked(cycle)
        if cycle.status not in allowed:
            raise changed_meanwhile(cycle)
        cycle.status = target
        cycle.save(update_fields=["status", "updated_at"])
    return cycle


# --- reminders -------------------------------------------------------------------------------


def reminder_kind(days_left: int) -> str | None:
    if 0 <= days_left <= 7:
        return CycleReminder.Kind.CLOSES_IN_7_DAYS
    if 7 < days_left <= 30:
        return CycleReminder.Kind.CLOSES_IN_30_DAYS
    return None


def cycle_reminders_send(*, today: datetime.date | None = None) -> int:
    """E-mail focal points whose report is not submitted, 30 and 7 days before the cycle closes, once each.
    A unique CycleReminder row is written with the queued e-mail, so a second run sends nothing."""
    day = today or timezone.localdate()
    reports = ProgressReport.objects.filter(
        status__in=ProgressReport.EDITABLE,
        cycle__status=ReportingCycle.Status.OPEN,
        cycle__closes_on__gte=day,
        cycle__closes_on__lte=day + datetime.timedelta(days=30),
        member__status=Member.Status.ACTIVE,
    ).select_related("cycle")
    reports_list = list(reports)
    emails = focal_point_emails([r.member_id for r in reports_list])
    sent = 0
    for report in reports_list:
        kind = reminder_kind((report.cycle.closes_on - day).days)
        if kind is None:
            continue
        try:
            with transaction.atomic(), acting_as(None, via="reminders"):
                CycleReminder.objects.create(report=report, kind=kind)
                recipients = emails.get(report.member_id, [])
                if recipients:
                    email_after_commit(
                        to=recipients,
                        subject=_("Report due on %(date)s: %(cycle)s")
                        % {"date": date_format(report.cycle.closes_on), "cycle": report.cycle.name},
                        body=_("Your member's report for %(cycle)s is not submitted yet. The cycle closes on %(date)s.")
                        % {"cycle": report.cycle.name, "date": date_format(report.cycle.closes_on)},
                    )
        except IntegrityError:
            continue
        sent += 1
    return sent


def report_create(*, viewer: Viewer, cycle_id: int, member: Member, via: str = "web") -> ProgressReport:
    """The secretariat adds a report for a member that became active after the cycle opened."""
    cycle = policy_for(ReportingCycle).get(viewer, cycle_id)
    _require_manager(viewer, cycle)
    if cycle.status not in ReportingCycle.ACCEPTING or not cycle.includes_progress:
        raise Conflict(
            _("Reports are added to an open or closed progress cycle only."),
            problems=[
                Problem(_("Not while the cycle is %(status)s.") % {"status": cycle.get_status_display()}, "cycle")
            ],
        )
    problems = []
    if member.status != Member.Status.ACTIVE:
        problems.append(Problem(_("This member is not active."), field="member"))
    if member.is_synthetic != cycle.is_synthetic:
        problems.append(Problem(_("Demo cycles involve fictional demo members only, and only them."), field="member"))
    if ProgressReport.objects.filter(cycle=cycle, member=member).exists():
        raise Conflict(
            _("%(member)s already has a report in this cycle.") % {"member": member},
            problems=[Problem(_("One report per member per cycle."), field="member")],
        )
    raise_problems(problems, _("No report was added."))
    with transaction.atomic(), acting_as(viewer.user, via=via):
        cycle = locked(cycle)
        if cycle.status not in ReportingCycle.ACCEPTING:
            raise changed_meanwhile(cycle)
        if ProgressReport.objects.filter(cycle=cycle, member=member).exists():
            raise Conflict(
                _("%(member)s already has a report in this cycle.") % {"member": member},
                problems=[Problem(_("One report per member per cycle."), field="member")],
            )
        return _create_reports(cycle, [member], viewer)[0]
