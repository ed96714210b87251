"""Reads about members. Every selector starts from the policy's visible queryset."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django.db.models import Prefetch, QuerySet

from hub.accounts.models import Invitation, Role
from hub.core.policies import policy_for
from hub.core.viewer import Viewer
from hub.members.models import (
    AllianceFigure,
    JoinRequest,
    JoinRequestMessage,
    Member,
    MemberNote,
    MemberStatusChange,
    TaskforceRole,
)
from hub.members.policies import MemberPolicy


@dataclass(frozen=True)
class MemberFilters:
    q: str = ""
    region: str = ""
    kind: str = ""
    role: str = ""


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


def access_member(viewer: Viewer, pk: Any) -> Member:
    return policy_for(Member).get(viewer, pk)


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
    return {
        "total": qs.count(),
        "founding": qs.filter(founding_member=True).count(),
        "active": qs.filter(status=Member.Status.ACTIVE).count(),
        "synthetic": qs.filter(is_synthetic=True).count(),
    }


def members_without_focal_point(*, viewer: Viewer) -> list[Member]:
    if not policy_for(Member).can(viewer, "manage"):
        return []
    with_focal = Role.objects.active().filter(kind=Role.Kind.FOCAL_POINT).values("member_id")
    return list(
        policy_for(Member)
        .visible(viewer)
        .filter(status=Member.Status.ACTIVE)
        .exclude(pk__in=with_focal)
        .order_by("name")
    )


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


def member_role_get(*, viewer: Viewer, member: Member, pk: Any) -> Role:
    """One role held for this member, or NotFound."""
    return policy_for(Role).get(viewer, pk, Role.objects.filter(member=member))
