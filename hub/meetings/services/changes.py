"""Changes to a meeting before it is held: edit and reschedule (invitees are told), the agenda's items
edited, moved and removed, everyone invited at once, delegates named; decisions corrected until the
minutes are approved, each earlier text kept."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.core.audit import acting_as
from hub.core.audit import audit_bulk
from hub.core.concurrency import check_version
from hub.core.concurrency import locked
from hub.core.errors import Conflict
from hub.core.errors import NotFound
from hub.core.errors import Problem
from hub.core.errors import raise_problems
from hub.core.errors import require_text
from hub.core.inputs import given
from hub.core.policies import policy_for
from hub.core.validation import full_clean
from hub.core.viewer import Viewer
from hub.meetings.models import AgendaItem
from hub.meetings.models import Decision
from hub.meetings.models import DecisionRevision
from hub.meetings.models import Meeting
from hub.meetings.models import MeetingDelegate
from hub.meetings.models import MeetingInvitation
from hub.meetings.policies import NOT_YET_HELD
from hub.meetings.services.meetings import AgendaItemInput
from hub.meetings.services.meetings import require_manager
from hub.members.models import Member


def _require_before_held(viewer: Viewer, meeting: Meeting, action: str = "edit") -> None:
    if not policy_for(Meeting).can(viewer, action, meeting):
        raise Conflict(
            _("This meeting has been held: it can no longer be changed."),
            problems=[Problem(_("Reload to see what changed."), field="status")],
        )


# --- agenda items ------------------------------------------------------------------------------------


def _agenda_item(viewer: Viewer, item_id: int) -> AgendaItem:
    item = policy_for(AgendaItem).get(viewer, item_id, AgendaItem.objects.select_related("meeting"))
    require_manager(viewer, item.meeting)
    return item


def _check_item_times(problems: list[Problem], meeting: Meeting, item: AgendaItem) -> None:
    if item.starts_at is not None and not meeting.starts_at <= item.starts_at <= meeting.ends_at:
        problems.append(Problem(_("The item must start during the meeting."), field="starts_at"))
    if item.starts_at is not None and item.minutes_allotted:
        end = item.starts_at + datetime.timedelta(minutes=item.minutes_allotted)
        if end > meeting.ends_at:
            problems.append(Problem(_("The item would end after the meeting."), field="minutes_allotted"))


def agenda_item_edit(
    *, viewer: Viewer, item_id: int, data: AgendaItemInput, version: str | None = None, via: str = "web"
) -> AgendaItem:
    """Change an agenda item's title, presenter, time or openness to input, before the meeting is held.
    Its place in the agenda changes through `agenda_item_move`."""
    item = _agenda_item(viewer, item_id)
    values = {k: v for k, v in given(data).items() if k != "order"}
    with transaction.atomic():
        meeting = locked(item.meeting)
        _require_before_held(viewer, meeting, "edit_agenda")
        item = locked(item)
        check_version(item, version)
        changed = [k for k, v in values.items() if getattr(item, k) != v]
        for key in changed:
            setattr(item, key, values[key])
        problems: list[Problem] = []
        require_text(problems, item.title, _("Give the agenda item a title."), field="title")
        _check_item_times(problems, meeting, item)
        raise_problems(problems, _("The agenda item was not changed."))
        full_clean(item)
        if changed:
            with acting_as(viewer.user, via=via):
                item.save(update_fields=[*changed, "updated_at"])
    return item


def agenda_item_move(
    *, viewer: Viewer, item_id: int, direction: str, from_order: int | None = None, via: str = "web"
) -> AgendaItem:
    """Move an agenda item one place up or down (it changes places with its neighbour). The meeting is
    locked, so reorders at the same moment are taken one after the other; `from_order` (the place the
    page showed) refuses a move made from a page someone else's reorder has made stale (409)."""
    item = _agenda_item(viewer, item_id)
    if direction not in ("up", "down"):
        raise_problems([Problem(_("Move an item up or down."), field="direction")], _("The agenda was not changed."))
    with transaction.atomic():
        meeting = locked(item.meeting)
        _require_before_held(viewer, meeting, "edit_agenda")
        item = locked(item)
        if from_order is not None and item.order != from_order:
            raise Conflict(
                _("The agenda was reordered by someone else after you opened it: nothing was moved."),
                problems=[Problem(_("Reload the page and move the item again."), field="order")],
            )
        siblings = AgendaItem.objects.filter(meeting=meeting)
        neighbour = (
            siblings.filter(order__lt=item.order).order_by("-order").first()
            if direction == "up"
            else siblings.filter(order__gt=item.order).order_by("order").first()
        )
        if neighbour is None:
            raise Conflict(
                _("This item is already first.") if direction == "up" else _("This item is already last."),
                problems=[Problem(_("Reload to see the agenda."), field="order")],
            )
        mine, theirs = item.order, neighbour.order
        # Two places swap through a free one (0: agenda places start at 1), so the unique order holds.
        now = timezone.now()
        AgendaItem.objects.filter(pk=item.pk).update(order=0)
        AgendaItem.objects.filter(pk=neighbour.pk).update(order=mine, updated_at=now)
        AgendaItem.objects.filter(pk=item.pk).update(order=theirs, updated_at=now)
        item.order, neighbour.order = theirs, mine
        audit_bulk(
            actor=viewer.user,
            updated=[(item, {"order": (mine, theirs)}), (neighbour, {"order": (theirs, mine)})],
            via=via,
        )
    return item


def agenda_item_remove(*, viewer: Viewer, item_id: int, via: str = "web") -> Meeting:
    """Remove an agenda item before the meeting is held; the items after it move up one place. Its
    papers stay with the meeting. An item that has received outside input stays (answer it instead)."""
    item = _agenda_item(viewer, item_id)
    with transaction.atomic():
        meeting = locked(item.meeting)
        _require_before_held(viewer, meeting, "edit_agenda")
        item = locked(item)
        if item.inputs.exists():
            raise Conflict(
                _("This agenda item has received outside input: it stays on the agenda."),
                problems=[Problem(_("Answer the input instead."), field="agenda_item")],
            )
        with acting_as(viewer.user, via=via):
            for document in item.documents.all():
                document.agenda_item = None
                document.save(update_fields=["agenda_item", "updated_at"])
            removed = item.order
            item.delete()
            later = list(AgendaItem.objects.filter(meeting=meeting, order__gt=removed).order_by("order"))
            for following in later:
                following.order -= 1
                following.save(update_fields=["order", "updated_at"])
    return meeting


# --- invitations and delegates -----------------------------------------------------------------------


def meeting_invite_all(*, viewer: Viewer, meeting: Meeting, via: str = "web") -> int:
    """Invite every active member not yet invited. Returns how many invitations were added."""
    require_manager(viewer, meeting)
    if not policy_for(Meeting).can(viewer, "invite", meeting):
        raise Conflict(_("The minutes of this meeting are approved: nobody more is invited."))
    visible = policy_for(Member).visible(viewer).filter(status=Member.Status.ACTIVE)
    with transaction.atomic(), acting_as(viewer.user, via=via):
        meeting = locked(meeting)
        invited = set(meeting.invitations.values_list("member_id", flat=True))
        added = [
            MeetingInvitation(meeting=meeting, member=m, is_synthetic=meeting.is_synthetic)
            for m in visible.exclude(pk__in=invited).order_by("name")
        ]
        for invitation in added:
            invitation.save()
    return len(added)


def delegate_name(
    *, viewer: Viewer, invitation_id: int, name: str, email: str = "", role: str = "", via: str = "web"
) -> MeetingDelegate:
    """Name a person who will attend for an invited member. The member's officials or the secretariat,
    before the meeting is held. A person with an account (found by the e-mail) is linked to it."""
    invitation = policy_for(MeetingInvitation).get(
        viewer, invitation_id, MeetingInvitation.objects.select_related("meeting", "member")
    )
    delegate = MeetingDelegate(
        invitation=invitation,
        name=name.strip(),
        email=email.strip(),
        role=role.strip(),
        is_synthetic=invitation.is_synthetic,
    )
    if not policy_for(MeetingDelegate).can(viewer, "name", delegate):
        if invitation.meeting.status in NOT_YET_HELD:
            raise NotFound()
        raise Conflict(_("This meeting has been held: its delegations can no longer change."))
    problems: list[Problem] = []
    require_text(problems, name, _("Give the delegate's name."), field="name")
    raise_problems(problems, _("The delegate was not named."))
    delegate.user = _user_by_email(delegate.email)
    full_clean(delegate)
    with transaction.atomic(), acting_as(viewer.user, via=via):
        delegate.save()
    return delegate


def _user_by_email(email: str) -> Any:
    if not email:
        return None
    return get_user_model().objects.filter(email__iexact=email, is_active=True).first()


def delegate_remove(*, viewer: Viewer, delegate_id: int, via: str = "web") -> Meeting:
    delegate = policy_for(MeetingDelegate).get(
        viewer, delegate_id, MeetingDelegate.objects.select_related("invitation__meeting")
    )
    if not policy_for(MeetingDelegate).can(viewer, "name", delegate):
        raise NotFound()
    meeting = delegate.invitation.meeting
    with transaction.atomic(), acting_as(viewer.user, via=via):
        delegate.delete()
    return meeting


# --- decisions ---------------------------------------------------------------------------------------


def decision_edit(
    *, viewer: Viewer, decision_id: int, text: str, reason: str, version: str | None = None, via: str = "web"
) -> Decision:
    """Correct a decision's text until its meeting's minutes are approved. The earlier text is kept
    with who changed it, when and why; the decision keeps its number."""
    policy = policy_for(Decision)
    decision = policy.get(viewer, decision_id, Decision.objects.select_related("meeting"))
    policy.require(viewer, "edit", decision, message=_("Only the secretariat corrects decisions."))
    problems: list[Problem] = []
    require_text(problems, text, _("Write the decision."), field="text")
    require_text(problems, reason, _("Say why the text changes."), field="reason")
    raise_problems(problems, _("The decision was not changed."))
    with transaction.atomic(), acting_as(viewer.user, via=via):
        decision = locked(decision)
        check_version(decision, version)
        if not policy.can(viewer, "edit", decision):
            raise Conflict(_("The minutes of this meeting are approved: its decisions no longer change."))
        if decision.text == text.strip():
            return decision
        DecisionRevision.objects.create(
            decision=decision,
            text=decision.text,
            author=viewer.user,
            reason=reason.strip(),
            is_synthetic=decision.is_synthetic,
        )
        decision.text = text.strip()
        full_clean(decision)
        decision.save(update_fields=["text", "updated_at"])
    return decision
