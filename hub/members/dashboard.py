"""The members app's dashboard panels: what needs the secretariat's attention in the registry (join
requests awaiting action, members without a focal point); your roles and members; the secretariat's
registry work."""

from __future__ import annotations

from typing import Any

from hub.core.policies import policy_for
from hub.core.viewer import Viewer
from hub.members.models import Invitation
from hub.members.models import Member
from hub.members.selectors import MISSING_FOCAL_POINT
from hub.members.selectors import invitation_list
from hub.members.selectors import join_requests_awaiting_action
from hub.members.selectors import member_list
from hub.members.selectors import member_summary
from hub.members.selectors import members_without_focal_point_count
from hub.members.selectors import role_list_for_user


def attention_panel(viewer: Viewer) -> dict[str, Any] | None:
    joins = join_requests_awaiting_action(viewer=viewer)
    without_focal_point = members_without_focal_point_count(viewer=viewer)
    if not (joins and joins.total) and not without_focal_point:
        return None
    return {
        "attention": True,
        "joins": joins,
        "without_focal_point": without_focal_point or 0,
        "missing_focal_point": MISSING_FOCAL_POINT,
        "has_synthetic": any(j.is_synthetic for j in (joins.requests if joins else [])),
    }


def you_panel(viewer: Viewer) -> dict[str, Any]:
    own_members = list(member_list(viewer=viewer).filter(pk__in=viewer.member_ids))
    invitations = policy_for(Invitation)
    return {
        "roles": list(role_list_for_user(viewer=viewer, user=viewer.user).order_by("kind")),
        "own_members": own_members,
        "manages_people_of": {
            m.pk for m in own_members if invitations.can(viewer, "invite_for_member", Invitation(member=m))
        },
        "has_synthetic": any(m.is_synthetic for m in own_members),
    }


def secretariat_panel(viewer: Viewer) -> dict[str, Any] | None:
    runs_registry = policy_for(Member).can(viewer, "manage")
    invites = policy_for(Invitation).can(viewer, "invite")
    if not (runs_registry or invites):
        return None
    context: dict[str, Any] = {"runs_registry": runs_registry, "invites": invites}
    if runs_registry:
        context["summary"] = member_summary(viewer=viewer)
    if invites:
        context["pending_invitations"] = invitation_list(viewer=viewer).filter(
            accepted_at__isnull=True, revoked_at__isnull=True
        )[:10]
    return context
