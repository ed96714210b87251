"""Writes about meetings: schedule, agenda, invitations, attendance, documents, minutes."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.core.audit import acting_as
from hub.core.concurrency import check_version
from hub.core.concurrency import locked
from hub.core.errors import Conflict
from hub.core.errors import NotFound
from hub.core.errors import Problem
from hub.core.errors import ValidationFailed
from hub.core.errors import raise_problems
from hub.core.inputs import UNSET
from hub.core.inputs import Unset
from hub.core.inputs import given
from hub.core.policies import policy_for
from hub.core.uploads import content_type_of
from hub.core.uploads import sha256_of
from hub.core.validation import full_clean
from hub.core.viewer import Viewer
from hub.meetings.models import AgendaItem
from hub.meetings.models import Meeting
from hub.meetings.models import MeetingDocument
from hub.meetings.models import MeetingInvitation
from hub.meetings.models import MinutesComment
from hub.meetings.services.notices import NOTICE_FIELDS
from hub.meetings.services.notices import tell_invitees
from hub.members.models import Member

DOCUMENT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, kw_only=True)
class MeetingInput:
    """A meeting's fields. On schedule the fields not given keep the model's defaults; on update only the
    fields given change."""

    kind: str | Unset = UNSET
    title: str | Unset = UNSET
    starts_at: datetime.datetime | Unset = UNSET
    ends_at: datetime.datetime | Unset = UNSET
    time_zone: str | Unset = UNSET
    place: str | Unset = UNSET
    online_link: str | Unset = UNSET
    status: str | Unset = UNSET
    visibility: str | Unset = UNSET
    summary: str | Unset = UNSET
    is_synthetic: bool | Unset = UNSET


@dataclass(frozen=True, kw_only=True)
class AgendaItemInput:
    """An agenda item's fields; without an order it goes last."""

    title: str | Unset = UNSET
    order: int | Unset = UNSET
    presenter: str | Unset = UNSET
    starts_at: datetime.datetime | None | Unset = UNSET
    minutes_allotted: int | None | Unset = UNSET
    open_for_input: bool | Unset = UNSET


def require_manager(viewer: Viewer, meeting: Meeting | None = None) -> None:
    """Meeting management is the secretariat's. A meeting the viewer cannot see answers 404."""
    policy_for(Meeting).require(viewer, "manage", meeting, message=_("Only the secretariat manages meetings."))


def _next_code(starts_at: datetime.datetime) -> str:
    year = starts_at.year
    prefix = f"GTF-{year}-"
    taken = list(Meeting.objects.filter(code__startswith=prefix).values_list("code", flat=True))
    numbers = [int(c.removeprefix(prefix)) for c in taken if c.removeprefix(prefix).isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1}"


def meeting_schedule(*, viewer: Viewer, data: MeetingInput, via: str = "web") -> Meeting:
    require_manager(viewer)
    meeting = Meeting(**given(data))
    problems: list[Problem] = []
    if meeting.starts_at and meeting.ends_at and meeting.ends_at < meeting.starts_at:
        problems.append(Problem(_("The meeting ends before it starts."), field="ends_at"))
    raise_problems(problems, _("The meeting was not scheduled."))
    with transaction.atomic(), acting_as(viewer.user, via=via):
        meeting.code = _next_code(meeting.starts_at)
        full_clean(meeting)
        meeting.save()
    return meeting


STATUS_ORDER = [Meeting.Status.PLANNED, Meeting.Status.CONVENED, Meeting.Status.HELD, Meeting.Status.MINUTES_APPROVED]


# What changes only before the meeting is held (edit and reschedule); the public summary and the
# status change later too.
BEFORE_HELD_FIELDS = frozenset(
    {"kind", "title", "starts_at", "ends_at", "time_zone", "place", "online_link", "visibility"}
)


def meeting_update(
    *, viewer: Viewer, meeting: Meeting, data: MeetingInput, version: str | None = None, via: str = "web"
) -> Meeting:
    """Edit or reschedule a meeting before it is held (its invitees are told by e-mail of a new title,
    kind, time or place), change its public summary, or move its status forward (planned, convened,
    held). `version` (the meeting's version the edit was based on) refuses a change over a newer one (409)."""
    require_manager(viewer, meeting)
    with transaction.atomic():
        meeting = locked(meeting)
        check_version(meeting, version)
        values = given(data)
        edits = {k for k, v in values.items() if k in BEFORE_HELD_FIELDS and getattr(meeting, k) != v}
        if edits and not policy_for(Meeting).can(viewer, "edit", meeting):
            raise Conflict(
                _("This meeting has been held: it can no longer be changed."),
                problems=[Problem(_("Reload to see what changed."), field="status")],
            )
        meeting = _meeting_change(viewer, meeting, data, via)
        told = [name for name in NOTICE_FIELDS if name in edits]
        if told:
            tell_invitees(meeting, told)
        return meeting


def _meeting_change(viewer: Viewer, meeting: Meeting, data: MeetingInput, via: str) -> Meeting:
    values = given(data)
    problems: list[Problem] = []
    status = values.get("status", meeting.status)
    if status not in Meeting.Status.values:
        problems.append(Problem(_("Choose one of the statuses offered."), field="status"))
    elif status == Meeting.Status.MINUTES_APPROVED and meeting.status != status:
        problems.append(Problem(_("Minutes are approved through their own step."), field="status"))
    elif STATUS_ORDER.index(Meeting.Status(status)) < STATUS_ORDER.index(Meeting.Status(meeting.status)):
        problems.append(Problem(_("A meeting's status only moves forward."), field="status"))
    elif status == Meeting.Status.HELD and values.get("starts_at", meeting.starts_at) > timezone.now():
        problems.append(Problem(_("A meeting that has not started cannot be marked held."), field="status"))
    starts, ends = values.get("starts_at", meeting.starts_at), values.get("ends_at", meeting.ends_at)
    if ends < starts:
        problems.append(Problem(_("The meeting ends before it starts."), field="ends_at"))
    raise_problems(problems, _("The meeting was not changed."))
    changed = [k for k, v in values.items() if getattr(meeting, k) != v]
    for key in changed:
        setattr(meeting, key, values[key])
    full_clean(meeting)
    _check_agenda_fits(meeting)
    if changed:
        with acting_as(viewer.user, via=via):
            meeting.save(update_fields=[*changed, "updated_at"])
    return meeting


def _check_agenda_fits(meeting: Meeting) -> None:
    for item in meeting.agenda_items.exclude(starts_at=None):
        if item.starts_at and not meeting.starts_at <= item.starts_at <= meeting.ends_at:
            raise ValidationFailed(
                _("The meeting was not changed."),
                problems=[
                    Problem(
                        _("Agenda item %(n)s would fall outside the meeting.") % {"n": item.order}, field="starts_at"
                    )
                ],
            )


def agenda_item_add(*, viewer: Viewer, meeting: Meeting, data: AgendaItemInput, via: str = "web") -> AgendaItem:
    require_manager(viewer, meeting)
    item = AgendaItem(meeting=meeting, **given(data))
    if not item.order:
        item.order = (meeting.agenda_items.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    problems: list[Problem] = []
    if item.starts_at is not None and not meeting.starts_at <= item.starts_at <= meeting.ends_at:
        problems.append(Problem(_("The item must start during the meeting."), field="starts_at"))
    if item.starts_at is not None and item.minutes_allotted:
        end = item.starts_at + datetime.timedelta(minutes=item.minutes_allotted)
        if end > meeting.ends_at:
            problems.append(Problem(_("The item would end after the meeting."), field="minutes_allotted"))
    raise_problems(problems, _("The agenda item was not added."))
    full_clean(item)
    with transaction.atomic(), acting_as(viewer.user, via=via):
        item.save()
    return item


def meeting_invite(*, viewer: Viewer, meeting: Meeting, members: list[Member], via: str = "web") -> int:
    """Invite members (each once). Returns how many invitations were added."""
    require_manager(viewer, meeting)
    added = 0
    with transaction.atomic(), acting_as(viewer.user, via=via):
        for member in members:
            if member.status == Member.Status.WITHDRAWN:
                raise ValidationFailed(
                    _("Invitations were not sent."),
                    problems=[Problem(_("%(member)s has withdrawn.") % {"member": member}, field="members")],
                )
            _invitation, created = MeetingInvitation.objects.get_or_create(
                meeting=meeting, member=member, defaults={"is_synthetic": meeting.is_synthetic}
            )
            added += int(created)
    return added


def attendance_record(
    *, viewer: Viewer, meeting: Meeting, attendance: dict[int, str], via: str = "web"
) -> list[MeetingInvitation]:
    """Record who attended (present, apologies, absent). Only invited members; only once the meeting began."""
    require_manager(viewer, meeting)
    problems: list[Problem] = []
    if meeting.starts_at > timezone.now():
        problems.append(Problem(_("Attendance is recorded after the meeting."), field="attendance"))
    invited = {i.member_id: i for i in meeting.invitations.all()}
    for member_id, value in attendance.items():
        if member_id not in invited:
            problems.append(Problem(_("Member %(id)s was not invited.") % {"id": member_id}, field="attendance"))
        if value not in MeetingInvitation.Attendance.values:
            problems.append(Problem(_("Choose present, apologies or absent."), field="attendance"))
    raise_problems(problems, _("Attendance was not recorded."))
    changed = []
    with transaction.atomic(), acting_as(viewer.user, via=via):
        for member_id, value in attendance.items():
            invitation = invited[member_id]
            if invitation.attendance != value:
                invitation.attendance = value
                invitation.save(update_fields=["attendance", "updated_at"])
                changed.append(invitation)
    return changed


def meeting_document_add(
    *,
    viewer: Viewer,
    meeting: Meeting,
    title: str,
    upload: UploadedFile,
    visibility: str,
    agenda_item: AgendaItem | None = None,
    via: str = "web",
) -> MeetingDocument:
    require_manager(viewer, meeting)
    problems: list[Problem] = []
    if upload.size is None or upload.size > DOCUMENT_MAX_BYTES:
        problems.append(Problem(_("The file must be at most 20 MB."), field="file"))
        raise ValidationFailed(_("The document was not added."), problems=problems)
    kind = content_type_of(upload)
    if kind is None:
        problems.append(
            Problem(_("Allowed files: PDF, DOCX, XLSX, PNG, JPEG (checked by their content)."), field="file")
        )
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        problems.append(Problem(_("This agenda item belongs to another meeting."), field="agenda_item"))
    raise_problems(problems, _("The document was not added."))
    sha256 = sha256_of(upload)
    document = MeetingDocument(
        meeting=meeting,
        agenda_item=agenda_item,
        title=title.strip(),
        visibility=visibility,
        sha256=sha256,
        content_type=str(kind),
        is_synthetic=meeting.is_synthetic,
    )
    full_clean(document, exclude=["file"])
    with transaction.atomic(), acting_as(viewer.user, via=via):
        document.file.save(f"{meeting.code}-{sha256[:12]}", upload, save=False)
        document.save()
    return document


def minutes_save(*, viewer: Viewer, meeting: Meeting, text: str, circulate: bool, via: str = "web") -> Meeting:
    """Draft the minutes, or circulate them to members for comments. Approved minutes are final."""
    require_manager(viewer, meeting)
    if meeting.minutes_status == Meeting.MinutesStatus.APPROVED:
        raise Conflict(_("These minutes are approved and can no longer change."))
    if meeting.written_procedures.filter(subject="minutes", status="open").exists():
        raise Conflict(_("A written procedure on these minutes is open: they cannot change meanwhile."))
    if meeting.starts_at > timezone.now():
        raise ValidationFailed(
            _("The minutes were not saved."), problems=[Problem(_("Minutes follow the meeting."), field="minutes")]
        )
    if not text.strip():
        raise ValidationFailed(
            _("The minutes were not saved."), problems=[Problem(_("Write the minutes."), field="minutes")]
        )
    meeting.minutes = text.strip()
    meeting.minutes_status = Meeting.MinutesStatus.CIRCULATED if circulate else Meeting.MinutesStatus.DRAFT
    with transaction.atomic(), acting_as(viewer.user, via=via):
        meeting.save(update_fields=["minutes", "minutes_status", "updated_at"])
    return meeting


def minutes_approve_at_meeting(*, viewer: Viewer, meeting: Meeting, at_meeting: Meeting, via: str = "web") -> Meeting:
    """Approve a meeting's circulated minutes at a later meeting that has been held."""
    require_manager(viewer, meeting)
    problems: list[Problem] = []
    if meeting.minutes_status != Meeting.MinutesStatus.CIRCULATED:
        problems.append(Problem(_("Circulate the minutes before approving them."), field="minutes_status"))
    if at_meeting.pk == meeting.pk or at_meeting.starts_at <= meeting.starts_at:
        problems.append(Problem(_("Minutes are approved at a later meeting."), field="at_meeting"))
    elif at_meeting.status not in (Meeting.Status.HELD, Meeting.Status.MINUTES_APPROVED):
        problems.append(Problem(_("That meeting has not been held yet."), field="at_meeting"))
    raise_problems(problems, _("The minutes were not approved."))
    with transaction.atomic(), acting_as(viewer.user, via=via):
        mark_minutes_approved(
            meeting, how=_("Approved at %(code)s") % {"code": at_meeting.code}, on=at_meeting.starts_at.date()
        )
    return meeting


def mark_minutes_approved(meeting: Meeting, *, how: str, on: datetime.date) -> None:
    meeting.minutes_status = Meeting.MinutesStatus.APPROVED
    meeting.minutes_approved_on = on
    meeting.minutes_approved_how = how
    meeting.status = Meeting.Status.MINUTES_APPROVED
    meeting.save(
        update_fields=["minutes_status", "minutes_approved_on", "minutes_approved_how", "status", "updated_at"]
    )


def minutes_comment(*, viewer: Viewer, meeting: Meeting, member: Member, text: str, via: str = "web") -> MinutesComment:
    """A member comments on circulated minutes (its officials, while it may write)."""
    if not policy_for(Meeting).can_view(viewer, meeting) or not policy_for(Member).can(viewer, "act_for", member):
        raise NotFound()
    if meeting.minutes_status != Meeting.MinutesStatus.CIRCULATED:
        raise Conflict(_("Comments are taken while the minutes are circulated."))
    if not text.strip():
        raise ValidationFailed(
            _("The comment was not saved."), problems=[Problem(_("Write your comment."), field="text")]
        )
    with transaction.atomic(), acting_as(viewer.user, via=via):
        return MinutesComment.objects.create(
            meeting=meeting, member=member, author=viewer.user, text=text.strip(), is_synthetic=meeting.is_synthetic
        )
