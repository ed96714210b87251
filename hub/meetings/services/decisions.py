"""Decisions at meetings and by written procedure; objections; outcomes."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hub.core.audit import acting_as
from hub.core.concurrency import changed_meanwhile
from hub.core.concurrency import locked
from hub.core.concurrency import unique_or_conflict
from hub.core.errors import Conflict
from hub.core.errors import NotFound
from hub.core.errors import Problem
from hub.core.errors import ValidationFailed
from hub.core.errors import raise_problems
from hub.core.errors import require_text
from hub.core.policies import policy_for
from hub.core.tasks import email_after_commit
from hub.core.validation import full_clean
from hub.core.viewer import Viewer
from hub.meetings.models import Decision
from hub.meetings.models import Meeting
from hub.meetings.models import Objection
from hub.meetings.models import WrittenProcedure
from hub.meetings.services.meetings import mark_minutes_approved
from hub.meetings.services.meetings import require_manager
from hub.members.models import Member
from hub.members.models import Role


def _next_decision(source: Meeting | WrittenProcedure) -> tuple[int, str]:
    existing = (
        Decision.objects.filter(meeting=source)
        if isinstance(source, Meeting)
        else Decision.objects.filter(procedure=source)
    )
    number = (existing.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    return number, f"{source.code}/D{number}"


def decision_adopt(
    *, viewer: Viewer, meeting: Meeting, text: str, commitments: list[Any] | None = None, via: str = "web"
) -> Decision:
    """Record a decision taken at a meeting that has been held. Its number is stable once issued."""
    require_manager(viewer, meeting)
    problems: list[Problem] = []
    if meeting.status not in (Meeting.Status.HELD, Meeting.Status.MINUTES_APPROVED):
        problems.append(Problem(_("Decisions are recorded for a meeting that has been held."), field="meeting"))
    require_text(problems, text, _("Write the decision."), field="text")
    raise_problems(problems, _("The decision was not recorded."))
    with transaction.atomic(), acting_as(viewer.user, via=via):
        Meeting.objects.select_for_update().filter(pk=meeting.pk).exists()
        number, code = _next_decision(meeting)
        decision = Decision(
            meeting=meeting, number=number, code=code, text=text.strip(), is_synthetic=meeting.is_synthetic
        )
        full_clean(decision)
        decision.save()
        if commitments:
            decision.commitments.set(commitments)
    return decision


def written_procedure_start(
    *,
    viewer: Viewer,
    title: str,
    proposal: str,
    deadline: datetime.datetime,
    subject: str = WrittenProcedure.Subject.DECISION,
    meeting: Meeting | None = None,
    visibility: str = "taskforce",
    via: str = "web",
) -> WrittenProcedure:
    """Circulate a proposal with a deadline. Members may object until then; silence is consent."""
    require_manager(viewer)
    problems: list[Problem] = []
    if deadline <= timezone.now():
        problems.append(Problem(_("The deadline must be in the future."), field="deadline"))
    if subject == WrittenProcedure.Subject.MINUTES:
        if meeting is None:
            problems.append(Problem(_("Choose the meeting whose minutes are to be approved."), field="meeting"))
        elif meeting.minutes_status != Meeting.MinutesStatus.CIRCULATED:
            problems.append(Problem(_("Circulate the minutes before approving them."), field="meeting"))
    raise_problems(problems, _("The written procedure was not started."))
    year = timezone.localdate().year
    with transaction.atomic(), acting_as(viewer.user, via=via):
        prefix = f"GTF-{year}-WP"
        count = WrittenProcedure.objects.filter(code__startswith=prefix).count()
        procedure = WrittenProcedure(
            code=f"{prefix}{count + 1}",
            subject=subject,
            meeting=meeting,
            title=title.strip(),
            proposal=proposal.strip(),
            deadline=deadline,
            visibility=visibility,
            is_synthetic=bool(meeting and meeting.is_synthetic),
        )
        full_clean(procedure)
        procedure.save()
        # Focal points are told only of procedures they may see (public or taskforce level).
        # One message per address: focal points do not see each other's addresses.
        recipients = _focal_point_emails() if procedure.visibility in ("public", "taskforce") else []
        for address in recipients:
            email_after_commit(
                to=[address],
                subject=_("Written procedure %(code)s: %(title)s") % {"code": procedure.code, "title": procedure.title},
                body=_(
                    "The secretariat circulates a proposal by written procedure. Members may object until "
                    "%(deadline)s; without objection the proposal is adopted.\n\n%(proposal)s"
                )
                % {
                    "deadline": f"{date_format(deadline, 'DATETIME_FORMAT')} {deadline.strftime('%Z')}",
                    "proposal": procedure.proposal,
                },
            )
    return procedure


def _focal_point_emails() -> list[str]:
    roles = Role.objects.active().filter(
        kind__in=[Role.Kind.FOCAL_POINT, Role.Kind.DEPUTY_FOCAL_POINT], member__status=Member.Status.ACTIVE
    )
    return sorted(set(roles.values_list("user__email", flat=True)))


def objection_record(*, viewer: Viewer, procedure_id: int, member: Member, reason: str, via: str = "web") -> Objection:
    """A member objects to a proposal before its deadline (once)."""
    procedure = policy_for(WrittenProcedure).get(viewer, procedure_id)
    if not policy_for(Member).can(viewer, "act_for", member):
        raise NotFound()
    problems: list[Problem] = []
    if procedure.status != WrittenProcedure.Status.OPEN or procedure.deadline <= timezone.now():
        raise Conflict(_("The deadline for objections has passed."))
    if Objection.objects.filter(procedure=procedure, member=member).exists():
        raise Conflict(_("This member has already objected."))
    require_text(problems, reason, _("Give the reason for the objection."), field="reason")
    raise_problems(problems, _("The objection was not recorded."))
    clash = _("This member has already objected.")
    with unique_or_conflict(clash, field="member"), transaction.atomic(), acting_as(viewer.user, via=via):
        procedure = locked(procedure)
        if procedure.status != WrittenProcedure.Status.OPEN or procedure.deadline <= timezone.now():
            raise Conflict(_("The deadline for objections has passed."))
        if Objection.objects.filter(procedure=procedure, member=member).exists():
            raise Conflict(clash)
        objection = Objection.objects.create(
            procedure=procedure,
            member=member,
            author=viewer.user,
            reason=reason.strip(),
            is_synthetic=member.is_synthetic,
        )
    return objection


def written_procedure_conclude(
    *, viewer: Viewer, procedure_id: int, commitments: list[Any] | None = None, via: str = "web"
) -> WrittenProcedure:
    """After the deadline: without objection the proposal is adopted (and numbered like a decision, or
    the minutes are approved); with objections it is not adopted."""
    procedure = policy_for(WrittenProcedure).get(viewer, procedure_id)
    policy_for(WrittenProcedure).require(
        viewer, "manage", procedure, message=_("Only the secretariat concludes a written procedure.")
    )
    if procedure.status != WrittenProcedure.Status.OPEN:
        raise changed_meanwhile(procedure)
    if procedure.deadline > timezone.now():
        raise ValidationFailed(
            _("The written procedure was not concluded."),
            problems=[Problem(_("Wait for the deadline for objections."), field="deadline")],
        )
    with transaction.atomic(), acting_as(viewer.user, via=via):
        procedure = locked(procedure)
        if procedure.status != WrittenProcedure.Status.OPEN:
            raise changed_meanwhile(procedure)
        objections = procedure.objections.count()
        procedure.concluded_at = timezone.now()
        if objections:
            procedure.status = WrittenProcedure.Status.NOT_ADOPTED
            procedure.outcome_note = _("Not adopted: %(n)s objection(s).") % {"n": objections}
        else:
            procedure.status = WrittenProcedure.Status.ADOPTED
            procedure.outcome_note = _("Adopted: no objection by the deadline.")
            minutes = procedure.subject == WrittenProcedure.Subject.MINUTES and procedure.meeting is not None
            meeting = locked(procedure.meeting) if minutes and procedure.meeting else None
            if meeting is not None and meeting.minutes_status != Meeting.MinutesStatus.CIRCULATED:
                procedure.status = WrittenProcedure.Status.NOT_ADOPTED
                procedure.outcome_note = _("Not adopted: the minutes are no longer the circulated version.")
            elif meeting is not None:
                mark_minutes_approved(
                    meeting,
                    how=_("Approved by written procedure %(code)s") % {"code": procedure.code},
                    on=timezone.localdate(),
                )
            else:
                number, code = _next_decision(procedure)
                decision = Decision.objects.create(
                    procedure=procedure,
                    number=number,
                    code=code,
                    text=procedure.proposal,
                    is_synthetic=procedure.is_synthetic,
                )
                if commitments:
                    decision.commitments.set(commitments)
        procedure.save(update_fields=["status", "outcome_note", "concluded_at", "updated_at"])
    return procedure
