"""Reads about meetings, decisions and action items. Every selector starts from the policy."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any
from typing import cast

from django.db.models import Case
from django.db.models import Count
from django.db.models import IntegerField
from django.db.models import Prefetch
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models import Value
from django.db.models import When
from django.utils import timezone

from hub.core.policies import policy_for
from hub.core.viewer import Viewer
from hub.meetings.models import ActionItem
from hub.meetings.models import ActionItemUpdate
from hub.meetings.models import AgendaItem
from hub.meetings.models import Decision
from hub.meetings.models import DecisionRevision
from hub.meetings.models import Meeting
from hub.meetings.models import MeetingDelegate
from hub.meetings.models import MeetingDocument
from hub.meetings.models import MeetingInvitation
from hub.meetings.models import MinutesComment
from hub.meetings.models import Objection
from hub.meetings.models import OutsideInput
from hub.meetings.models import WrittenProcedure
from hub.meetings.policies import ActionItemPolicy
from hub.members.models import Member
from hub.members.selectors import member_get


def meeting_list(*, viewer: Viewer, when: str = "") -> QuerySet[Meeting]:
    qs = policy_for(Meeting).visible(viewer)
    now = timezone.now()
    if when == "upcoming":
        qs = qs.filter(ends_at__gte=now).order_by("starts_at")
    elif when == "past":
        qs = qs.filter(ends_at__lt=now).order_by("-starts_at")
    else:
        qs = qs.order_by("-starts_at")
    return qs


def meeting_get(*, viewer: Viewer, pk: Any) -> Meeting:
    return policy_for(Meeting).get(viewer, pk)


@dataclass
class MeetingPage:
    meeting: Meeting
    agenda: list[AgendaItem]
    documents: list[MeetingDocument]
    invitations: list[MeetingInvitation]
    decisions: list[Decision]
    action_items: list[ActionItem]
    inputs: list[OutsideInput]
    comments: list[MinutesComment]
    show_link: bool

    @property
    def has_synthetic(self) -> bool:
        return self.meeting.is_synthetic


def meeting_page(*, viewer: Viewer, meeting: Meeting) -> MeetingPage:
    """Everything on a meeting's page, each part filtered by its own policy."""
    docs = policy_for(MeetingDocument).visible(viewer, MeetingDocument.objects.filter(meeting=meeting))
    agenda = (
        policy_for(AgendaItem)
        .visible(viewer, AgendaItem.objects.filter(meeting=meeting))
        .prefetch_related(Prefetch("documents", queryset=docs))
        .order_by("order")
    )
    return MeetingPage(
        meeting=meeting,
        agenda=list(agenda),
        documents=list(docs.filter(agenda_item__isnull=True)),
        invitations=list(
            policy_for(MeetingInvitation)
            .visible(viewer, MeetingInvitation.objects.filter(meeting=meeting))
            .select_related("member")
            .prefetch_related(
                Prefetch("delegates", queryset=policy_for(MeetingDelegate).visible(viewer).order_by("name", "pk"))
            )
        ),
        decisions=list(
            policy_for(Decision)
            .visible(viewer, Decision.objects.filter(meeting=meeting))
            .select_related("meeting")
            .prefetch_related("commitments")
        ),
        action_items=list(
            policy_for(ActionItem)
            .visible(viewer, ActionItem.objects.filter(Q(meeting=meeting) | Q(decision__meeting=meeting)))
            .select_related("owner_member", "decision")
            .distinct()
        ),
        inputs=list(
            policy_for(OutsideInput)
            .visible(viewer, OutsideInput.objects.filter(agenda_item__meeting=meeting))
            .select_related("agenda_item", "contributor")
        ),
        comments=list(
            policy_for(MinutesComment)
            .visible(viewer, MinutesComment.objects.filter(meeting=meeting))
            .select_related("member")
        ),
        show_link=policy_for(Meeting).can(viewer, "view_online_link", meeting),
    )


def invite_choices(*, viewer: Viewer, meeting: Meeting) -> QuerySet[Member]:
    """The members the invitation form offers: those the viewer sees, not withdrawn, not yet invited."""
    invited = MeetingInvitation.objects.filter(meeting=meeting).values("member_id")
    return (
        policy_for(Member)
        .visible(viewer)
        .exclude(status=Member.Status.WITHDRAWN)
        .exclude(pk__in=invited)
        .order_by("name")
    )


def active_uninvited_count(*, viewer: Viewer, meeting: Meeting) -> int:
    """How many active members "Invite all" would invite."""
    return invite_choices(viewer=viewer, meeting=meeting).filter(status=Member.Status.ACTIVE).count()


def delegate_invitations(*, viewer: Viewer, meeting: Meeting) -> list[MeetingInvitation]:
    """The invitations the viewer may name delegates for (their members', or all for the secretariat)."""
    policy = policy_for(MeetingDelegate)
    invitations = (
        policy_for(MeetingInvitation)
        .visible(viewer, MeetingInvitation.objects.filter(meeting=meeting))
        .select_related("member", "meeting")
        .order_by("member__name")
    )
    return [i for i in invitations if policy.can(viewer, "name", MeetingDelegate(invitation=i))]


def delegate_get(*, viewer: Viewer, pk: Any) -> MeetingDelegate:
    return policy_for(MeetingDelegate).get(viewer, pk, MeetingDelegate.objects.select_related("invitation__meeting"))


def agenda_item_get(*, viewer: Viewer, meeting: Meeting, pk: Any) -> AgendaItem:
    """An agenda item of this meeting, or not found."""
    return policy_for(AgendaItem).get(viewer, pk, AgendaItem.objects.filter(meeting=meeting).select_related("meeting"))


@dataclass
class DecisionPage:
    decision: Decision
    revisions: list[DecisionRevision]
    action_items: list[ActionItem]


def decision_page(*, viewer: Viewer, pk: Any) -> DecisionPage:
    """A decision with its earlier texts (newest first) and the action items that follow from it."""
    decision = policy_for(Decision).get(
        viewer, pk, Decision.objects.select_related("meeting", "procedure").prefetch_related("commitments")
    )
    revisions = (
        policy_for(DecisionRevision)
        .visible(viewer, DecisionRevision.objects.filter(decision=decision))
        .select_related("author")
    )
    actions = policy_for(ActionItem).visible(viewer, ActionItem.objects.filter(decision=decision))
    return DecisionPage(
        decision=decision, revisions=list(revisions), action_items=list(actions.select_related("owner_member"))
    )


def document_get(*, viewer: Viewer, pk: Any) -> MeetingDocument:
    return policy_for(MeetingDocument).get(viewer, pk)


@dataclass(frozen=True)
class ActionFilters:
    mine: bool = False
    status: str = ""
    owner: str = ""
    overdue: bool = False


def action_item_list(*, viewer: Viewer, filters: ActionFilters | None = None) -> QuerySet[ActionItem]:
    """Action items the viewer may see; overdue first, then by due date."""
    f = filters or ActionFilters()
    qs = policy_for(ActionItem).visible(viewer).select_related("owner_member", "decision", "meeting")
    today = timezone.localdate()
    if f.mine:
        qs = qs.filter(cast(ActionItemPolicy, policy_for(ActionItem)).mine_q(viewer))
    if f.status:
        qs = qs.filter(status=f.status)
    if f.owner == "secretariat":
        qs = qs.filter(owner_secretariat=True)
    elif f.owner:
        qs = qs.filter(owner_member__slug=f.owner)
    if f.overdue:
        qs = qs.filter(due_on__lt=today).exclude(status__in=ActionItem.CLOSED)
    late = Case(
        When(Q(due_on__lt=today) & ~Q(status__in=ActionItem.CLOSED), then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return qs.annotate(late=late).order_by("late", "due_on", "pk")


def action_item_get(*, viewer: Viewer, pk: Any) -> ActionItem:
    return policy_for(ActionItem).get(viewer, pk, ActionItem.objects.select_related("owner_member", "decision"))


def action_item_updates(*, viewer: Viewer, item: ActionItem) -> list[ActionItemUpdate]:
    return list(
        policy_for(ActionItemUpdate)
        .visible(viewer, ActionItemUpdate.objects.filter(action_item=item))
        .select_related("author")
    )


def decision_list(*, viewer: Viewer) -> QuerySet[Decision]:
    return policy_for(Decision).visible(viewer).select_related("meeting", "procedure").prefetch_related("commitments")


def decision_get(*, viewer: Viewer, pk: Any) -> Decision:
    return policy_for(Decision).get(viewer, pk)


def procedure_list(*, viewer: Viewer) -> QuerySet[WrittenProcedure]:
    return policy_for(WrittenProcedure).visible(viewer).order_by("-deadline")


def procedure_get(*, viewer: Viewer, pk: Any) -> WrittenProcedure:
    return policy_for(WrittenProcedure).get(viewer, pk)


def procedure_objections(*, viewer: Viewer, procedure: WrittenProcedure) -> list[Objection]:
    return list(
        policy_for(Objection).visible(viewer, Objection.objects.filter(procedure=procedure)).select_related("member")
    )


def cadence_warnings(*, viewer: Viewer, today: datetime.date | None = None) -> list[dict[str, int]]:
    """Calendar years (this one and the next) with fewer than two formal meetings held or planned."""
    if not policy_for(Meeting).can(viewer, "manage"):
        return []
    day = today or timezone.localdate()
    years = (day.year, day.year + 1)
    plenaries = Meeting.objects.filter(kind=Meeting.Kind.PLENARY)
    counts = plenaries.aggregate(**{f"y{y}": Count("pk", filter=Q(starts_at__year=y)) for y in years})
    return [{"year": y, "count": counts[f"y{y}"]} for y in years if counts[f"y{y}"] < 2]


SECRETARIAT_OWNER = "secretariat"


def action_owner_get(*, viewer: Viewer, owner: str) -> dict[str, Any]:
    """An action item's owner fields from the owner as pages and the API name it: "secretariat", or a
    member's short name (slug); a member the viewer may not see answers not found."""
    if owner == SECRETARIAT_OWNER:
        return {"owner_secretariat": True, "owner_member": None}
    return {"owner_secretariat": False, "owner_member": member_get(viewer=viewer, slug=owner)}


def action_owner_name(item: ActionItem) -> str:
    """An action item's owner as pages, exports and the API name it (the inverse of `action_owner_get`)."""
    if item.owner_secretariat:
        return SECRETARIAT_OWNER
    return item.owner_member.slug if item.owner_member else ""


# --- what needs attention (the dashboard) ----------------------------------------------------

SOON_DAYS = 14  # action items due within this many days are shown, with the overdue ones


def action_items_due(*, viewer: Viewer, today: datetime.date | None = None, limit: int = 10) -> list[ActionItem]:
    """Open action items of the viewer's members (and, for the secretariat, the secretariat's own)
    that are overdue or due within two weeks; overdue first."""
    day = today or timezone.localdate()
    qs = action_item_list(viewer=viewer, filters=ActionFilters(mine=True)).exclude(status__in=ActionItem.CLOSED)
    return list(qs.filter(due_on__lte=day + datetime.timedelta(days=SOON_DAYS))[:limit])


@dataclass(frozen=True)
class OverdueByOwner:
    owner: str  # as pages name an owner: "secretariat" or the member's short name
    name: str  # the member's name ("" for the secretariat)
    count: int


def overdue_action_items_by_owner(*, viewer: Viewer) -> list[OverdueByOwner] | None:
    """Overdue action items the viewer may see, counted per owner, most first (the secretariat first of
    equals, then by name); None for a viewer who does not run the meetings."""
    if not policy_for(ActionItem).can(viewer, "create"):
        return None
    rows = (
        action_item_list(viewer=viewer, filters=ActionFilters(overdue=True))
        .order_by()
        .values("owner_secretariat", "owner_member__slug", "owner_member__name")
        .annotate(n=Count("pk"))
    )
    out = [
        OverdueByOwner(
            SECRETARIAT_OWNER if r["owner_secretariat"] else r["owner_member__slug"],
            "" if r["owner_secretariat"] else r["owner_member__name"],
            r["n"],
        )
        for r in rows
    ]
    return sorted(out, key=lambda o: (-o.count, o.name))


def upcoming_invited_meetings(*, viewer: Viewer, limit: int = 5) -> list[Meeting]:
    """Meetings still to come to which one of the viewer's members is invited, soonest first, each with
    `papers`: the documents the viewer may see."""
    if not viewer.member_ids:
        return []
    invited = MeetingInvitation.objects.filter(member_id__in=viewer.member_ids).values("meeting_id")
    docs = policy_for(MeetingDocument).visible(viewer).order_by("title", "pk")
    qs = (
        meeting_list(viewer=viewer, when="upcoming")
        .filter(pk__in=invited)
        .prefetch_related(Prefetch("documents", queryset=docs, to_attr="papers"))
    )
    return list(qs[:limit])


def outside_input_awaiting_response(*, viewer: Viewer, limit: int = 10) -> tuple[list[OutsideInput], int] | None:
    """Input from reference groups with no response yet, oldest first, and how many; None for a viewer
    who does not respond to input."""
    if not policy_for(OutsideInput).can(viewer, "respond"):
        return None
    qs = policy_for(OutsideInput).visible(viewer).filter(response="").select_related("agenda_item__meeting")
    return list(qs.order_by("created_at", "pk")[:limit]), qs.count()


@dataclass(frozen=True)
class ContributorDesk:
    open_items: list[AgendaItem]  # agenda items of meetings to come, open to outside input
    sent: list[OutsideInput]  # the viewer's own input, newest first, with any response


def contributor_desk(*, viewer: Viewer, limit: int = 10) -> ContributorDesk | None:
    """What is open to a reference-group contributor's input and what they sent; None for a viewer who
    is not offered the input form."""
    if not policy_for(OutsideInput).can(viewer, "send_from_agenda"):
        return None
    open_items = (
        policy_for(AgendaItem)
        .visible(viewer)
        .filter(open_for_input=True, meeting__ends_at__gte=timezone.now())
        .select_related("meeting")
        .order_by("meeting__starts_at", "order")
    )
    sent = (
        policy_for(OutsideInput)
        .visible(viewer)
        .filter(contributor_id=viewer.user_id)
        .select_related("agenda_item__meeting")
        .order_by("-created_at", "-pk")
    )
    return ContributorDesk(list(open_items[:limit]), list(sent[:limit]))
