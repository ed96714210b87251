"""Reads about members. Every selector starts from the policy's visible queryset."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from typing import cast

from django.db.models import Count
from django.db.models import Prefetch
from django.db.models import Q
from django.db.models import QuerySet

from hub.core.policies import policy_for
from hub.core.viewer import Viewer
from hub.core.viewer import ViewerRoles
from hub.members.models import AllianceFigure
from hub.members.models import Invitation
from hub.members.models import JoinRequest
from hub.members.models import JoinRequestMessage
from hub.members.models import Member
from hub.members.models import MemberNote
from hub.members.models import MemberStatusChange
from hub.members.models import Role
from hub.members.models import TaskforceRole
from hub.members.policies import MemberPolicy


@dataclass(frozen=True)
class MemberFilters:
    q: str = ""
    region: str = ""
    kind: str = ""
    role: str = ""
    # MISSING_FOCAL_POINT: active members without a focal point today (for viewers who run the registry).
    focal_point: str = ""


MISSING_FOCAL_POINT = "missing"


def member_list(*, viewer: Viewer, filters: MemberFilters | None = None) -> QuerySet[Member]:
    qs = (
        policy_for(Member)
        .visible(viewer)
        .prefetch_related(Prefetch("taskforce_roles", queryset=TaskforceRole.objects.order_by("starts_on")))
    )
    f = filters or MemberFilters()
    if f.q:
        qs = qs.filter(name__icontains=f.q)
    if f.region:
        qs = qs.filter(region=f.region)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.role:
        qs = qs.filter(taskforce_roles__role=f.role).distinct()
    if f.focal_point == MISSING_FOCAL_POINT and policy_for(Member).can(viewer, "manage"):
        with_focal = Role.objects.active().filter(kind=Role.Kind.FOCAL_POINT).values("member_id")
        qs = qs.filter(status=Member.Status.ACTIVE).exclude(pk__in=with_focal)
    return qs.order_by("name")


def member_regions(*, viewer: Viewer) -> list[str]:
    qs = policy_for(Member).visible(viewer).exclude(region="")
    return sorted(set(qs.values_list("region", flat=True)))


def member_get(*, viewer: Viewer, slug: str) -> Member:
    """The member with this short name, or NotFound."""
    policy = policy_for(Member)
    member = policy.visible(viewer).filter(slug=slug).first()
    if member is None:
        return policy.get(viewer, -1)  # raises NotFound
    return member


def member_list_acting_for(*, viewer: Viewer) -> QuerySet[Member]:
    """The members the viewer may write for (objections, comments on minutes)."""
    policy = cast(MemberPolicy, policy_for(Member))
    return member_list(viewer=viewer).filter(policy.acting_for_q(viewer))


def member_officials(*, viewer: Viewer, member: Member) -> list[Role]:
    """The active officials of a member, if the viewer may see who speaks for members."""
    if not policy_for(Member).can(viewer, "view_officials", member):
        return []
    return list(
        policy_for(Role)
        .visible(viewer, Role.objects.active().filter(member=member))
        .select_related("user")
        .order_by("kind", "user__full_name")
    )


def member_notes(*, viewer: Viewer, member: Member) -> list[MemberNote]:
    return list(
        policy_for(MemberNote).visible(viewer, MemberNote.objects.filter(member=member)).select_related("author")
    )


def member_summary(*, viewer: Viewer) -> dict[str, int]:
    """Counts over the members this viewer may see."""
    qs = policy_for(Member).visible(viewer)
    counts = qs.aggregate(
        total=Count("pk"),
        founding=Count("pk", filter=Q(founding_member=True)),
        active=Count("pk", filter=Q(status=Member.Status.ACTIVE)),
        synthetic=Count("pk", filter=Q(is_synthetic=True)),
    )
    return {key: int(value or 0) for key, value in counts.items()}


def member_status_history(*, viewer: Viewer, member: Member) -> list[MemberStatusChange]:
    return list(
        policy_for(MemberStatusChange)
        .visible(viewer, MemberStatusChange.objects.filter(member=member))
        .select_related("actor")
    )


def alliance_figure_latest(
    *, viewer: Viewer, kind: str = AllianceFigure.Kind.GOVERNMENT_MEMBERS
) -> AllianceFigure | None:
    return policy_for(AllianceFigure).visible(viewer).filter(kind=kind).order_by("-as_of").first()


def alliance_figure_list(*, viewer: Viewer) -> QuerySet[AllianceFigure]:
    return policy_for(AllianceFigure).visible(viewer).order_by("kind", "-as_of")


def join_request_list(*, viewer: Viewer, status: str = "") -> QuerySet[JoinRequest]:
    qs = policy_for(JoinRequest).visible(viewer).select_related("member")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at")


def join_request_get(*, viewer: Viewer, pk: Any) -> JoinRequest:
    return policy_for(JoinRequest).get(viewer, pk)


def join_request_messages(*, join_request: JoinRequest) -> list[JoinRequestMessage]:
    """The steps of a request, for the secretariat's page and the requester's link alike."""
    return list(join_request.messages.select_related("author").order_by("created_at", "pk"))


def member_map_members(*, viewer: Viewer) -> list[Member]:
    """The members drawn on the public map: visible, with a country, not withdrawn."""
    return list(
        policy_for(Member)
        .visible(viewer)
        .exclude(country="")
        .exclude(status=Member.Status.WITHDRAWN)
        .prefetch_related("taskforce_roles")
        .order_by("name")
    )


def member_roles(*, viewer: Viewer, member: Member) -> list[Role]:
    """Every role, past and present, held for a member, as far as the viewer may see them."""
    return list(
        policy_for(Role)
        .visible(viewer, Role.objects.filter(member=member))
        .select_related("user")
        .order_by("-starts_on", "kind")
    )


def member_pending_invitations(*, viewer: Viewer, member: Member) -> list[Invitation]:
    return list(
        policy_for(Invitation)
        .visible(viewer, Invitation.objects.filter(member=member, accepted_at__isnull=True, revoked_at__isnull=True))
        .order_by("-created_at")
    )


def invitation_get(*, viewer: Viewer, pk: Any) -> Invitation:
    """One invitation the viewer may see, or NotFound."""
    return policy_for(Invitation).get(viewer, pk)


def member_role_get(*, viewer: Viewer, member: Member, pk: Any) -> Role:
    """One role held for this member, or NotFound."""
    return policy_for(Role).get(viewer, pk, Role.objects.filter(member=member))


def viewer_roles(user: Any) -> ViewerRoles:
    """A person's roles today, as the policy layer sees them: a withdrawn member's roles give nothing, a
    suspended member's give reading only."""
    member_ids: set[int] = set()
    write_ids: set[int] = set()
    focal_ids: set[int] = set()
    kinds: set[str] = set()
    for role in Role.objects.active().filter(user=user).select_related("member"):
        kinds.add(role.kind)
        if role.member_id is None or role.member is None:
            continue
        status = role.member.status
        if status == Member.Status.WITHDRAWN:
            continue
        member_ids.add(role.member_id)
        if status == Member.Status.SUSPENDED:
            continue
        write_ids.add(role.member_id)
        if role.kind in (Role.Kind.FOCAL_POINT, Role.Kind.DEPUTY_FOCAL_POINT):
            focal_ids.add(role.member_id)
    return ViewerRoles(
        is_secretariat=Role.Kind.SECRETARIAT in kinds,
        is_administrator=Role.Kind.ADMINISTRATOR in kinds,
        is_contributor=Role.Kind.CONTRIBUTOR in kinds,
        member_ids=frozenset(member_ids),
        write_member_ids=frozenset(write_ids),
        focal_member_ids=frozenset(focal_ids),
    )


def invitation_list(*, viewer: Viewer) -> QuerySet[Invitation]:
    return policy_for(Invitation).visible(viewer).select_related("member", "invited_by").order_by("-created_at")


def role_list_for_user(*, viewer: Viewer, user: Any) -> QuerySet[Role]:
    return policy_for(Role).visible(viewer, Role.objects.filter(user=user)).select_related("member")


# --- what needs attention (the dashboard) ----------------------------------------------------


def members_without_focal_point_count(*, viewer: Viewer) -> int | None:
    """How many active members the viewer may see have no focal point today; None for a viewer who
    does not run the registry (who speaks for a member is not theirs to count)."""
    if not policy_for(Member).can(viewer, "manage"):
        return None
    return member_list(viewer=viewer, filters=MemberFilters(focal_point=MISSING_FOCAL_POINT)).count()


@dataclass(frozen=True)
class JoinQueue:
    requests: list[JoinRequest]  # the oldest first, at most `limit`
    total: int


def join_requests_awaiting_action(*, viewer: Viewer, limit: int = 10) -> JoinQueue | None:
    """Join requests waiting for the secretariat (submitted, or answered after a question), oldest
    first; None for a viewer who does not review them."""
    if not policy_for(JoinRequest).can(viewer, "review"):
        return None
    qs = join_request_list(viewer=viewer).filter(status__in=JoinRequest.OPEN_STATUSES)
    return JoinQueue(list(qs.order_by("created_at", "pk")[:limit]), qs.count())
