"""Meetings: list, schedule, the meeting page and its secretariat actions, PDFs and .ics."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.http import FileResponse
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.http import require_safe

from hub.core.errors import HubError
from hub.core.errors import NotFound
from hub.core.errors import PermissionDenied
from hub.core.policies import policy_for
from hub.core.viewer import Viewer
from hub.core.web import confirm_page
from hub.core.web import file_response
from hub.core.web import form_page
from hub.core.web import form_status
from hub.core.web import is_confirmed
from hub.core.web import public_page
from hub.core.web import run_form
from hub.core.web import viewer
from hub.core.web import viewer_required
from hub.meetings.calendar import meeting_ics
from hub.meetings.forms import ActionItemForm
from hub.meetings.forms import AgendaItemForm
from hub.meetings.forms import ApproveMinutesForm
from hub.meetings.forms import AttendanceForm
from hub.meetings.forms import CommentForm
from hub.meetings.forms import DecisionForm
from hub.meetings.forms import DelegateForm
from hub.meetings.forms import DocumentForm
from hub.meetings.forms import InputForm
from hub.meetings.forms import InviteForm
from hub.meetings.forms import MeetingForm
from hub.meetings.forms import MeetingStatusForm
from hub.meetings.forms import MinutesForm
from hub.meetings.forms import ResponseForm
from hub.meetings.models import Decision
from hub.meetings.models import Meeting
from hub.meetings.models import MeetingInvitation
from hub.meetings.models import MinutesComment
from hub.meetings.models import OutsideInput
from hub.meetings.pdf import meeting_pdf
from hub.meetings.selectors import action_owner_get
from hub.meetings.selectors import cadence_warnings
from hub.meetings.selectors import decision_get
from hub.meetings.selectors import delegate_invitations
from hub.meetings.selectors import document_get
from hub.meetings.selectors import invite_choices
from hub.meetings.selectors import meeting_get
from hub.meetings.selectors import meeting_list
from hub.meetings.selectors import meeting_page
from hub.meetings.services import AgendaItemInput
from hub.meetings.services import MeetingInput
from hub.meetings.services import action_item_create
from hub.meetings.services import agenda_item_add
from hub.meetings.services import attendance_record
from hub.meetings.services import decision_adopt
from hub.meetings.services import meeting_document_add
from hub.meetings.services import meeting_invite
from hub.meetings.services import meeting_schedule
from hub.meetings.services import meeting_update
from hub.meetings.services import minutes_approve_at_meeting
from hub.meetings.services import minutes_comment
from hub.meetings.services import minutes_save
from hub.meetings.services import outside_input_respond
from hub.meetings.services import outside_input_submit
from hub.members.models import Member
from hub.members.selectors import member_list
from hub.members.selectors import member_list_acting_for


@require_safe
@public_page
def meetings(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    upcoming = list(meeting_list(viewer=v, when="upcoming"))
    past = list(meeting_list(viewer=v, when="past")[:50])
    context = {
        "upcoming": upcoming,
        "past": past,
        "cadence": cadence_warnings(viewer=v),
        "can_manage": policy_for(Meeting).can(v, "manage"),
        "has_synthetic": any(m.is_synthetic for m in upcoming + past),
    }
    return render(request, "meetings/list.html", context)


@viewer_required
def meeting_new(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    if not policy_for(Meeting).can(v, "manage"):
        raise NotFound()
    return form_page(
        request,
        MeetingForm(request.POST or None),
        lambda d: meeting_schedule(viewer=v, data=MeetingInput(**d)),
        success=_("Meeting scheduled."),
        next_url=lambda m: reverse("meeting_detail", args=[m.pk]),
        template="meetings/form.html",
        narratives=("title", "summary"),
    )


def _member_choices(v: Viewer) -> Any:
    return member_list(viewer=v).exclude(status=Member.Status.WITHDRAWN)


def _status_form(meeting: Meeting, data: Any = None) -> MeetingStatusForm:
    """The statuses a meeting may move on to (forward only; held once it has started)."""
    form = MeetingStatusForm(data, initial={"status": meeting.status}, prefix=PREFIX["status_form"])
    order = [Meeting.Status.PLANNED, Meeting.Status.CONVENED, Meeting.Status.HELD]
    current = order.index(Meeting.Status(meeting.status)) if meeting.status in order else len(order)
    allowed = order[current:]
    if meeting.starts_at > timezone.now():
        allowed = [s for s in allowed if s != Meeting.Status.HELD]
    form.fields["status"].choices = [(s.value, s.label) for s in allowed]  # type: ignore[attr-defined]
    return form


# Each form on the meeting page has its own prefix, so no two fields share an id.
PREFIX = {
    "status_form": "status",
    "agenda_form": "agenda",
    "invite_form": "invite",
    "document_form": "doc",
    "minutes_form": "minutes",
    "approve_form": "approve",
    "decision_form": "decision",
    "action_form": "action",
    "comment_form": "comment",
    "delegate_form": "delegate",
}


def _forms(
    v: Viewer, meeting: Meeting, bound: dict[str, Any], decisions: list[Any], offered: list[Member]
) -> dict[str, Any]:
    manage = policy_for(Meeting).can(v, "manage", meeting)
    may_comment = policy_for(MinutesComment).can(v, "comment")
    comment_form = bound.get("comment_form") or (
        CommentForm(members=member_list_acting_for(viewer=v), prefix=PREFIX["comment_form"]) if may_comment else None
    )
    for_delegates = delegate_invitations(viewer=v, meeting=meeting)
    delegate_form = bound.get("delegate_form") or (
        DelegateForm(invitations=_invitation_queryset(for_delegates), prefix=PREFIX["delegate_form"])
        if for_delegates
        else None
    )
    delegate_for = {i.pk for i in for_delegates}
    if not manage:
        return {"comment_form": comment_form, "delegate_form": delegate_form, "delegate_for": delegate_for}
    later = meeting_list(viewer=v).filter(starts_at__gt=meeting.starts_at).exclude(pk=meeting.pk)
    invitations = meeting.invitations.select_related("member").order_by("member__name")
    return {
        "delegate_form": delegate_form,
        "delegate_for": delegate_for,
        "comment_form": comment_form,
        "status_form": bound.get("status_form") or _status_form(meeting),
        "agenda_form": bound.get("agenda_form")
        or AgendaItemForm(prefix=PREFIX["agenda_form"], time_zone=meeting.time_zone),
        "invite_form": bound.get("invite_form") or _invite_form(v, meeting, offered),
        "document_form": bound.get("document_form") or DocumentForm(meeting=meeting, prefix=PREFIX["document_form"]),
        "minutes_form": bound.get("minutes_form")
        or MinutesForm(initial={"minutes": meeting.minutes}, prefix=PREFIX["minutes_form"]),
        "approve_form": bound.get("approve_form") or ApproveMinutesForm(meetings=later, prefix=PREFIX["approve_form"]),
        "decision_form": bound.get("decision_form") or DecisionForm(prefix=PREFIX["decision_form"]),
        "action_form": bound.get("action_form")
        or ActionItemForm(members=_member_choices(v), decisions=decisions, prefix=PREFIX["action_form"]),
        "attendance_form": bound.get("attendance_form") or AttendanceForm(invitations=invitations),
    }


def _invite_form(v: Viewer, meeting: Meeting, offered: list[Member]) -> InviteForm:
    """The invitation form, its checkboxes from the members already read (one query for the section)."""
    form = InviteForm(members=invite_choices(viewer=v, meeting=meeting), prefix=PREFIX["invite_form"])
    form.fields["members"].choices = [(m.pk, m.name) for m in offered]  # type: ignore[attr-defined]
    return form


def _invitation_queryset(invitations: list[Any]) -> Any:
    return MeetingInvitation.objects.filter(pk__in=[i.pk for i in invitations]).select_related("member")


def _detail(request: HttpRequest, meeting: Meeting, **bound: Any) -> HttpResponse:
    v = viewer(request)
    page = meeting_page(viewer=v, meeting=meeting)
    policy = policy_for(Meeting)
    manage = policy.can(v, "manage", meeting)
    offered = list(invite_choices(viewer=v, meeting=meeting)) if manage else []
    context = {
        "page": page,
        "meeting": meeting,
        "manage": manage,
        "can_edit": policy.can(v, "edit", meeting),
        "can_edit_agenda": policy.can(v, "edit_agenda", meeting),
        "can_invite": policy.can(v, "invite", meeting),
        "invite_offered": bool(offered),
        "invite_all_count": sum(1 for m in offered if m.status == Member.Status.ACTIVE),
        "decision_editable": {d.pk for d in page.decisions if policy_for(Decision).can(v, "edit", d)},
        "can_input": policy_for(OutsideInput).can(v, "send_from_agenda"),
        "show_minutes": policy_for(Meeting).can(v, "view_minutes", meeting),
        "can_write_minutes": policy_for(Meeting).can(v, "write_minutes", meeting),
        "can_approve_minutes": policy_for(Meeting).can(v, "approve_minutes", meeting),
        "can_comment_minutes": policy_for(Meeting).can(v, "comment_minutes", meeting),
        "has_synthetic": page.has_synthetic,
        **_forms(v, meeting, bound, sorted(page.decisions, key=lambda d: d.number) if manage else [], offered),
    }
    # Per-item forms: input on each agenda item open for it, a response to each input.
    for item in page.agenda:
        item.input_form = bound.get(f"input_form_{item.pk}") or InputForm(prefix=f"input{item.pk}")  # type: ignore[attr-defined]
    for given in page.inputs:
        given.response_form = bound.get(f"response_form_{given.pk}") or ResponseForm(prefix=f"response{given.pk}")  # type: ignore[attr-defined]
    return render(request, "meetings/detail.html", context, status=form_status(request))


@require_safe
@public_page
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, meeting_get(viewer=viewer(request), pk=pk))


Confirm = Callable[[Meeting, dict[str, Any]], dict[str, Any] | None]


def _act(
    request: HttpRequest,
    pk: int,
    name: str,
    make_form: Callable[[Viewer, Meeting], Any],
    action: Callable[..., Any],
    success: str,
    confirm: Confirm | None = None,
    narratives: Sequence[str] = (),
) -> HttpResponse:
    """A meeting page's form posted to its own address. With `confirm` (an irreversible step: it returns
    the confirmation page's title, what will happen and button, or None when this post needs none), the
    step asks once more; a confirmed step that fails says why on the meeting page. `narratives` names
    the form's free-text fields the terminology check reads after a save (a warning, never a block)."""
    v = viewer(request)
    meeting = meeting_get(viewer=v, pk=pk)
    form = make_form(v, meeting)
    back = reverse("meeting_detail", args=[pk])
    if confirm is not None and form.is_valid():
        asked = confirm(meeting, form.cleaned_data)
        if asked is not None and not is_confirmed(request):
            return confirm_page(request, cancel_url=back, **asked)
        if asked is not None:
            return _confirmed_step(request, lambda: action(v, meeting, form.cleaned_data), success, back)
    done = run_form(
        request, form, lambda d: action(v, meeting, d), success=success, next_url=back, narratives=narratives
    )
    if done:
        return done
    meeting.refresh_from_db()
    return _detail(request, meeting, **{name: form})


def _confirmed_step(request: HttpRequest, step: Callable[[], Any], success: str, back: str) -> HttpResponse:
    """Take a confirmed step; its success or its error is shown on the record's page."""
    try:
        step()
    except (NotFound, PermissionDenied):
        raise
    except HubError as exc:
        messages.error(request, " ".join([exc.message, *(p.message for p in exc.problems)]))
    else:
        messages.success(request, success)
    return redirect(back)


@require_POST
@viewer_required
def meeting_status(request: HttpRequest, pk: int) -> HttpResponse:
    def confirm(m: Meeting, d: dict[str, Any]) -> dict[str, Any] | None:
        if d["status"] != Meeting.Status.HELD:
            return None
        return {
            "title": _("Mark the meeting held?"),
            "what_happens": [
                _("The meeting is recorded as held; it can no longer be edited or rescheduled."),
                _("Its agenda is final: items can no longer be edited, moved or removed."),
                _("Attendance, minutes and decisions can then be recorded."),
            ],
            "button": _("Mark held"),
        }

    return _act(
        request,
        pk,
        "status_form",
        lambda v, m: _status_form(m, request.POST),
        lambda v, m, d: meeting_update(viewer=v, meeting=m, data=MeetingInput(status=d["status"])),
        _("Status changed."),
        confirm=confirm,
    )


@require_POST
@viewer_required
def agenda_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        "agenda_form",
        lambda v, m: AgendaItemForm(request.POST, prefix=PREFIX["agenda_form"], time_zone=m.time_zone),
        lambda v, m, d: agenda_item_add(viewer=v, meeting=m, data=AgendaItemInput(**d)),
        _("Agenda item added."),
        narratives=("title",),
    )


@require_POST
@viewer_required
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        "invite_form",
        lambda v, m: InviteForm(
            request.POST, members=invite_choices(viewer=v, meeting=m), prefix=PREFIX["invite_form"]
        ),
        lambda v, m, d: meeting_invite(viewer=v, meeting=m, members=list(d["members"])),
        _("Members invited."),
    )


def _attendance_form(request: HttpRequest, meeting: Meeting) -> AttendanceForm:
    invitations = meeting.invitations.select_related("member").order_by("member__name")
    return AttendanceForm(request.POST if request.method == "POST" else None, invitations=invitations)


@require_POST
@viewer_required
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        "attendance_form",
        lambda v, m: _attendance_form(request, m),
        lambda v, m, d: attendance_record(viewer=v, meeting=m, attendance=AttendanceForm.attendance_of(d)),
        _("Attendance recorded."),
    )


@require_POST
@viewer_required
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        "document_form",
        lambda v, m: DocumentForm(request.POST, request.FILES, meeting=m, prefix=PREFIX["document_form"]),
        lambda v, m, d: meeting_document_add(
            viewer=v,
            meeting=m,
            title=d["title"],
            upload=d["file"],
            visibility=d["visibility"],
            agenda_item=d["agenda_item"],
        ),
        _("Document added."),
    )


@require_POST
@viewer_required
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        "minutes_form",
        lambda v, m: MinutesForm(request.POST, prefix=PREFIX["minutes_form"]),
        lambda v, m, d: minutes_save(viewer=v, meeting=m, text=d["minutes"], circulate=d["circulate"]),
        _("Minutes saved."),
        narratives=("minutes",),
    )


@require_POST
@viewer_required
def minutes_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        "approve_form",
        lambda v, m: ApproveMinutesForm(request.POST, meetings=meeting_list(viewer=v), prefix=PREFIX["approve_form"]),
        lambda v, m, d: minutes_approve_at_meeting(viewer=v, meeting=m, at_meeting=d["at_meeting"]),
        _("Minutes approved."),
        confirm=lambda m, d: {
            "title": _("Approve the minutes?"),
            "what_happens": [
                _("The minutes are recorded as approved at %(meeting)s.") % {"meeting": d["at_meeting"]},
                _("The minutes and the meeting's decisions can no longer change."),
            ],
            "button": _("Approve the minutes"),
        },
    )


@require_POST
@viewer_required
def decision_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        "decision_form",
        lambda v, m: DecisionForm(request.POST, prefix=PREFIX["decision_form"]),
        lambda v, m, d: decision_adopt(viewer=v, meeting=m, text=d["text"], commitments=list(d["commitments"])),
        _("Decision recorded."),
        narratives=("text",),
    )


@require_POST
@viewer_required
def action_add(request: HttpRequest, pk: int) -> HttpResponse:
    """An action item from a decision of this meeting (decision=<id>) or from the meeting itself."""

    def create(v: Viewer, m: Meeting, d: dict[str, Any]) -> Any:
        decision = None
        decision_id = d.get("decision", "")
        if decision_id:
            decision = decision_get(viewer=v, pk=decision_id)
            if decision.meeting_id != m.pk:
                raise NotFound()
        values = {
            "title": d["title"],
            "description": d["description"],
            "due_on": d["due_on"],
            "decision": decision,
            "meeting": None if decision else m,
            **action_owner_get(viewer=v, owner=d["owner"]),
        }
        return action_item_create(viewer=v, values=values)

    return _act(
        request,
        pk,
        "action_form",
        lambda v, m: ActionItemForm(
            request.POST,
            members=_member_choices(v),
            decisions=list(m.decisions.order_by("number")),
            prefix=PREFIX["action_form"],
        ),
        create,
        _("Action item created."),
        narratives=("title", "description"),
    )


@require_POST
@viewer_required
def input_submit(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        f"input_form_{item_pk}",
        lambda v, m: InputForm(request.POST, prefix=f"input{item_pk}"),
        lambda v, m, d: outside_input_submit(viewer=v, item_id=item_pk, organisation=d["organisation"], text=d["text"]),
        _("Your input was sent to the secretariat."),
        narratives=("text",),
    )


@require_POST
@viewer_required
def input_respond(request: HttpRequest, pk: int, input_pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        f"response_form_{input_pk}",
        lambda v, m: ResponseForm(request.POST, prefix=f"response{input_pk}"),
        lambda v, m, d: outside_input_respond(viewer=v, input_id=input_pk, response=d["response"]),
        _("Response recorded."),
        narratives=("response",),
    )


@require_safe
@public_page
def meeting_pdf_view(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    v = viewer(request)
    meeting = meeting_get(viewer=v, pk=pk)
    if kind not in ("agenda", "minutes"):
        raise NotFound()
    if kind == "minutes" and not policy_for(Meeting).can(v, "view_minutes", meeting):
        raise NotFound()
    body = meeting_pdf(kind, meeting_page(viewer=v, meeting=meeting))
    return file_response(body, content_type="application/pdf", filename=f"{meeting.code}-{kind}.pdf", inline=True)


@require_safe
@public_page
def meeting_ics_view(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    meeting = meeting_get(viewer=v, pk=pk)
    body = meeting_ics(meeting, with_link=policy_for(Meeting).can(v, "view_online_link", meeting))
    return file_response(body, content_type="text/calendar; charset=utf-8", filename=f"{meeting.code}.ics")


@require_safe
@public_page
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    document = document_get(viewer=viewer(request), pk=pk)
    return FileResponse(
        document.file.open("rb"), content_type=document.content_type, as_attachment=True, filename=document.title
    )


@require_POST
@viewer_required
def minutes_comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        "comment_form",
        lambda v, m: CommentForm(request.POST, members=member_list_acting_for(viewer=v), prefix=PREFIX["comment_form"]),
        lambda v, m, d: minutes_comment(viewer=v, meeting=m, member=d["member"], text=d["text"]),
        _("Comment sent."),
        narratives=("text",),
    )
