"""Who may see and manage people, roles, invitations and API tokens."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone

from hub.accounts.models import ApiToken, Invitation, Role, User
from hub.core.policies import Policy, policy_for, register, register_navigation
from hub.core.viewer import Viewer


def _visible_members(viewer: Viewer) -> Any:
    from hub.members.models import Member

    return policy_for(Member).visible_ids(viewer)


@register(User)
class UserPolicy(Policy[User]):
    """People are seen by themselves, the secretariat and administrators."""

    owner_field = None
    uses_grants = False

    def visible_q(self, viewer: Viewer) -> Q:
        if viewer.is_staff_like:
            return Q()
        if viewer.user_id is None:
            return Q(pk__in=[])
        return Q(pk=viewer.user_id)


@register(Role)
class RolePolicy(Policy[Role]):
    """Active roles are taskforce-level (who speaks for whom); ended roles are the secretariat's."""

    owner_field = None
    uses_grants = False

    def visible_q(self, viewer: Viewer) -> Q:
        if viewer.is_staff_like:
            return Q()
        if viewer.user_id is None:
            return Q(pk__in=[])
        own = Q(user_id=viewer.user_id)
        if not viewer.is_taskforce:
            return own
        today = timezone.localdate()
        active = Q(starts_on__lte=today) & (Q(ends_on__isnull=True) | Q(ends_on__gt=today))
        of_visible_member = Q(member__isnull=True) | Q(member__in=_visible_members(viewer))
        return own | (active & of_visible_member)

    def can_grant(self, viewer: Viewer, obj: Role | None) -> bool:
        """Roles are given directly only by the secretariat and administrators (the CLI, demo seeding)."""
        if viewer.is_secretariat:
            return True
        return viewer.is_administrator

    def can_end(self, viewer: Viewer, obj: Role | None) -> bool:
        """The secretariat ends any role; a focal point ends the member roles of their own member."""
        if viewer.is_secretariat:
            return True
        if obj is None:
            return False
        return obj.member_id in viewer.focal_member_ids  # a role or invitation without a member: no


@register(Invitation)
class InvitationPolicy(Policy[Invitation]):
    """Invitations are seen by the secretariat, and by the focal points of the invited member."""

    owner_field = None
    uses_grants = False

    def visible_q(self, viewer: Viewer) -> Q:
        if viewer.is_secretariat:
            return Q()
        if viewer.is_administrator:
            return Q(member__isnull=True)
        if not viewer.focal_member_ids:
            return Q(pk__in=[])
        return Q(member_id__in=viewer.focal_member_ids)

    def can_create(self, viewer: Viewer, obj: Invitation | None) -> bool:
        return viewer.is_secretariat

    def can_invite_administrator(self, viewer: Viewer, obj: Invitation | None) -> bool:
        return viewer.is_administrator

    def can_invite_for_member(self, viewer: Viewer, obj: Invitation | None) -> bool:
        """The secretariat, or the focal point of the member the invitation is for."""
        if viewer.is_secretariat:
            return True
        if obj is None:
            return False
        return obj.member_id in viewer.focal_member_ids  # a role or invitation without a member: no

    def can_invite(self, viewer: Viewer, obj: Invitation | None) -> bool:
        """Invite to some role beyond a focal point's own member: the secretariat and administrators."""
        if self.can_create(viewer, obj):
            return True
        return self.can_invite_administrator(viewer, obj)

    def can_list(self, viewer: Viewer, obj: Invitation | None) -> bool:
        """The invitations page: whoever invites, and the focal points (for their own member)."""
        if self.can_invite(viewer, obj):
            return True
        return bool(viewer.focal_member_ids)

    def can_revoke(self, viewer: Viewer, obj: Invitation | None) -> bool:
        return viewer.is_secretariat

    def can_withdraw(self, viewer: Viewer, obj: Invitation | None) -> bool:
        """What the invitations page offers: withdrawing a pending invitation."""
        if obj is None:
            return False
        if not self.can_revoke(viewer, obj):
            return False
        return obj.state == "pending"


register_navigation("invitations", lambda viewer: policy_for(Invitation).can(viewer, "list"))


@register(ApiToken)
class ApiTokenPolicy(Policy[ApiToken]):
    """A token is its owner's alone."""

    owner_field = None
    uses_grants = False

    def visible_q(self, viewer: Viewer) -> Q:
        if viewer.user_id is None:
            return Q(pk__in=[])
        return Q(user_id=viewer.user_id)

    def can_create(self, viewer: Viewer, obj: ApiToken | None) -> bool:
        return viewer.is_authenticated
