"""Changes to a meeting before it is held: edit and reschedule, the agenda's items edited, moved and
removed, "invite all", delegates; the decision page, where a decision is corrected with its history."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from hub.core.errors import NotFound
from hub.core.forms import add_version_field
from hub.core.forms import form_version
from hub.core.policies import policy_for
from hub.core.web import confirm_page
from hub.core.web import form_page
from hub.core.web import is_confirmed
from hub.core.web import public_page
from hub.core.web import viewer
from hub.core.web import viewer_required
from hub.meetings.forms import AgendaItemForm
from hub.meetings.forms import DecisionEditForm
from hub.meetings.forms import DelegateForm
from hub.meetings.forms import MeetingForm
from hub.meetings.models import Decision
from hub.meetings.models import Meeting
from hub.meetings.selectors import active_uninvited_count
from hub.meetings.selectors import agenda_item_get
from hub.meetings.selectors import decision_page
from hub.meetings.selectors import delegate_get
from hub.meetings.selectors import delegate_invitations
from hub.meetings.selectors import meeting_get
from hub.meetings.services import AgendaItemInput
from hub.meetings.services import MeetingInput
from hub.meetings.services import agenda_item_edit
from hub.meetings.services import agenda_item_move
from hub.meetings.services import agenda_item_remove
from hub.meetings.services import decision_edit
from hub.meetings.services import delegate_name
from hub.meetings.services import delegate_remove
from hub.meetings.services import meeting_invite_all
from hub.meetings.services import meeting_update
from hub.meetings.views.meetings import PREFIX
from hub.meetings.views.meetings import _act
from hub.meetings.views.meetings import _confirmed_step
from hub.meetings.views.meetings import _invitation_queryset


def _back(meeting: Meeting, anchor: str = "") -> str:
    return reverse("meeting_detail", args=[meeting.pk]) + (f"#{anchor}" if anchor else "")


@viewer_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit or reschedule a meeting that has not been held; the invitees are told by e-mail."""
    v = viewer(request)
    meeting = meeting_get(viewer=v, pk=pk)
    if not policy_for(Meeting).can(v, "edit", meeting):
        raise NotFound()
    form = MeetingForm(request.POST or None, initial=MeetingForm.initial_for(meeting))
    add_version_field(form, meeting)

    def save(d: dict[str, Any]) -> Meeting:
        values = {k: v for k, v in d.items() if k in MeetingInput.__dataclass_fields__}
        return meeting_update(viewer=v, meeting=meeting, data=MeetingInput(**values), version=form_version(form))

    return form_page(
        request,
        form,
        save,
        success=_("Meeting changed. The invitees were told of any new time, place or title."),
        next_url=_back(meeting),
        template="meetings/form.html",
        context=lambda: {"meeting": meeting, "editing": True},
        narratives=("title", "summary"),
    )


@viewer_required
def agenda_edit(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    v = viewer(request)
    meeting = meeting_get(viewer=v, pk=pk)
    if not policy_for(Meeting).can(v, "edit_agenda", meeting):
        raise NotFound()
    item = agenda_item_get(viewer=v, meeting=meeting, pk=item_pk)
    form = AgendaItemForm(request.POST or None, initial=AgendaItemForm.initial_for(item), time_zone=meeting.time_zone)
    add_version_field(form, item)
    return form_page(
        request,
        form,
        lambda d: agenda_item_edit(
            viewer=v,
            item_id=item.pk,
            data=AgendaItemInput(**{k: val for k, val in d.items() if k != "row_version"}),
            version=form_version(form),
        ),
        success=_("Agenda item changed."),
        next_url=_back(meeting, "agenda"),
        template="meetings/agenda_item_form.html",
        narratives=("title",),
        context=lambda: {"meeting": meeting, "item": item},
    )


@require_POST
@viewer_required
def agenda_move(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """Move an item one place up or down: a plain POST from the agenda's buttons (no JavaScript needed)."""
    v = viewer(request)
    meeting = meeting_get(viewer=v, pk=pk)
    item = agenda_item_get(viewer=v, meeting=meeting, pk=item_pk)
    direction = request.POST.get("direction", "")
    raw = request.POST.get("from", "")
    from_order = int(raw) if raw.isdigit() else None
    success = _("Moved up: %(item)s.") if direction == "up" else _("Moved down: %(item)s.")
    return _confirmed_step(
        request,
        lambda: agenda_item_move(viewer=v, item_id=item.pk, direction=direction, from_order=from_order),
        success % {"item": item.title},
        _back(meeting, "agenda"),
    )


@require_POST
@viewer_required
def agenda_remove(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    v = viewer(request)
    meeting = meeting_get(viewer=v, pk=pk)
    item = agenda_item_get(viewer=v, meeting=meeting, pk=item_pk)
    if not policy_for(Meeting).can(v, "edit_agenda", meeting):
        raise NotFound()
    if not is_confirmed(request):
        return confirm_page(
            request,
            title=_("Remove this agenda item?"),
            what_happens=[
                _("“%(item)s” is removed from the agenda; the items after it move up one place.")
                % {"item": item.title},
                _("Its papers stay with the meeting's documents."),
            ],
            button=_("Remove the item"),
            cancel_url=_back(meeting, "agenda"),
            danger=True,
        )
    return _confirmed_step(
        request,
        lambda: agenda_item_remove(viewer=v, item_id=item.pk),
        _("Agenda item removed."),
        _back(meeting, "agenda"),
    )


@require_POST
@viewer_required
def invite_all(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    meeting = meeting_get(viewer=v, pk=pk)
    if not policy_for(Meeting).can(v, "invite", meeting):
        raise NotFound()
    count = active_uninvited_count(viewer=v, meeting=meeting)
    if not is_confirmed(request):
        return confirm_page(
            request,
            title=_("Invite all active members?"),
            what_happens=[
                ngettext(
                    "%(count)s active member not yet invited is invited to %(meeting)s.",
                    "%(count)s active members not yet invited are invited to %(meeting)s.",
                    count,
                )
                % {"count": count, "meeting": meeting.title},
                _("Invitations are not withdrawn afterwards."),
            ],
            button=_("Invite all"),
            cancel_url=_back(meeting, "invitations"),
        )
    return _confirmed_step(
        request,
        lambda: meeting_invite_all(viewer=v, meeting=meeting),
        _("All active members are invited."),
        _back(meeting, "invitations"),
    )


@require_POST
@viewer_required
def delegate_add(request: HttpRequest, pk: int) -> HttpResponse:
    def form(v: Any, m: Meeting) -> DelegateForm:
        invitations = _invitation_queryset(delegate_invitations(viewer=v, meeting=m))
        return DelegateForm(request.POST, invitations=invitations, prefix=PREFIX["delegate_form"])

    return _act(
        request,
        pk,
        "delegate_form",
        form,
        lambda v, m, d: delegate_name(
            viewer=v, invitation_id=d["invitation"].pk, name=d["name"], email=d["email"], role=d["role"]
        ),
        _("Delegate named."),
    )


@require_POST
@viewer_required
def delegate_drop(request: HttpRequest, pk: int, delegate_pk: int) -> HttpResponse:
    v = viewer(request)
    meeting = meeting_get(viewer=v, pk=pk)
    delegate = delegate_get(viewer=v, pk=delegate_pk)
    if delegate.invitation.meeting_id != meeting.pk:
        raise NotFound()
    return _confirmed_step(
        request,
        lambda: delegate_remove(viewer=v, delegate_id=delegate.pk),
        _("%(name)s is no longer listed as a delegate.") % {"name": delegate.name},
        _back(meeting, "invitations"),
    )


@public_page
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A decision, its earlier texts (who changed it, when, why) and, for the secretariat until the
    minutes are approved, the form that corrects it."""
    v = viewer(request)
    page = decision_page(viewer=v, pk=pk)
    decision = page.decision
    editable = policy_for(Decision).can(v, "edit", decision)
    form = DecisionEditForm(request.POST or None, initial={"text": decision.text}) if editable else None
    if form is not None:
        add_version_field(form, decision)
    if request.method == "POST" and form is None:
        raise NotFound()
    return form_page(
        request,
        form,
        lambda d: decision_edit(
            viewer=v,
            decision_id=decision.pk,
            text=d["text"],
            reason=d["reason"],
            version=form_version(form) if form is not None else None,
        ),
        success=_("Decision changed; its earlier text is kept below."),
        next_url=reverse("decision_detail", args=[decision.pk]),
        template="meetings/decision.html",
        narratives=("text", "reason"),
        context=lambda: {"page": page, "decision": decision, "has_synthetic": decision.is_synthetic},
    )
