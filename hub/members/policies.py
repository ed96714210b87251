"""Who may see and change members and their notes."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.db.models import QuerySet
from django.utils import timezone

from hub.core.policies import NOTHING
from hub.core.policies import OwnRecordsPolicy
from hub.core.policies import Policy
from hub.core.policies import PublicPolicy
from hub.core.policies import RulesPolicy
from hub.core.policies import SecretariatPolicy
from hub.core.policies import policy_for
from hub.core.policies import register
from hub.core.policies import register_follows_parent
from hub.core.policies import register_navigation
from hub.core.viewer import Viewer
from hub.members.models import AllianceFigure
from hub.members.models import Grant
from hub.members.models import Invitation
from hub.members.models import JoinRequest
from hub.members.models import JoinRequestMessage
from hub.members.models import Member
from hub.members.models import MemberNote
from hub.members.models import MemberStatusChange
from hub.members.models import Role
from hub.members.models import TaskforceRole


@register(Member)
class MemberPolicy(Policy[Member]):
    """A member's public profile is public; its secretariat notes are the secretariat's alone."""

    owner_field = "pk"
    uses_grants = False

    def can_view_officials(self, viewer: Viewer, obj: Member | None) -> bool:
        return viewer.is_taskforce

    def can_view_secretariat_notes(self, viewer: Viewer, obj: Member | None) -> bool:
        return viewer.is_secretariat

    def can_manage(self, viewer: Viewer, obj: Member | None) -> bool:
        return viewer.is_secretariat

    def can_add_note(self, viewer: Viewer, obj: Member | None) -> bool:
        if viewer.is_secretariat:
            return True
        return self.can_act_for(viewer, obj)

    def can_act_for(self, viewer: Viewer, obj: Member | None) -> bool:
        """Write in this member's name (object, comment): its officials, while it may write."""
        if obj is None:
            return False
        return obj.pk in viewer.write_member_ids

    def acting_for_q(self, viewer: Viewer) -> Q:
        """A filter selecting the members the viewer may write for."""
        return Q(pk__in=viewer.write_member_ids)


@register(TaskforceRole)
class TaskforceRolePolicy(RulesPolicy[TaskforceRole]):
    """Chair and vice-chair roles are public facts, shown with their source."""

    def rule_q(self, viewer: Viewer) -> Q:
        return Q(member__in=policy_for(Member).visible_ids(viewer))

    def can_manage(self, viewer: Viewer, obj: TaskforceRole | None) -> bool:
        return viewer.is_secretariat


@register(MemberNote)
class MemberNotePolicy(Policy[MemberNote]):
    """Notes follow their visibility level; the author always sees their own note."""

    author_field = "author_id"

    def can_choose_any_level(self, viewer: Viewer, obj: MemberNote | None) -> bool:
        """The secretariat gives a note any level; officials choose taskforce or member."""
        return viewer.is_secretariat


# A member's status history, with reasons, is taskforce-level; the current status is public.
register_follows_parent(MemberStatusChange, Member, "member", taskforce_only=True)


@register(AllianceFigure)
class AllianceFigurePolicy(PublicPolicy[AllianceFigure]):
    """Dated figures about the Alliance are public facts with a source."""

    def can_record(self, viewer: Viewer, obj: AllianceFigure | None) -> bool:
        return viewer.is_secretariat


@register(JoinRequest)
class JoinRequestPolicy(SecretariatPolicy[JoinRequest]):
    """Join requests are the secretariat's; the requester follows theirs through a signed link."""

    def can_review(self, viewer: Viewer, obj: JoinRequest | None) -> bool:
        return viewer.is_secretariat

    def can_file(self, viewer: Viewer, obj: JoinRequest | None) -> bool:
        return viewer.is_secretariat

    def can_decide(self, viewer: Viewer, obj: JoinRequest | None) -> bool:
        """Record the Alliance check, ask for more, reject: the secretariat, on an open request."""
        if obj is None:
            return False
        if not self.can_review(viewer, obj):
            return False
        return obj.is_open

    def can_approve(self, viewer: Viewer, obj: JoinRequest | None) -> bool:
        """Approve only an open request that waits for no answer and whose government the recorded
        check found to be an Alliance member (the Taskforce is open to Alliance government members)."""
        if obj is None:
            return False
        if not self.can_decide(viewer, obj):
            return False
        if obj.status != JoinRequest.Status.SUBMITTED:
            return False
        return obj.alliance_member is True


register_navigation("join_requests", lambda viewer: policy_for(JoinRequest).can(viewer, "review"))


# The conversation of a join request follows its request: the secretariat's.
register_follows_parent(JoinRequestMessage, JoinRequest, "join_request")


def _is_focal_point_for(viewer: Viewer, obj: Role | Invitation | None) -> bool:
    """The viewer is focal point of the record's member (a role or invitation without a member: no)."""
    return obj is not None and obj.member_id in viewer.focal_member_ids


@register(Role)
class RolePolicy(OwnRecordsPolicy[Role]):
    """Active roles are taskforce-level (who speaks for whom); ended roles are the secretariat's; a
    person sees their own."""

    def sees_all(self, viewer: Viewer) -> bool:
        return viewer.is_staff_like

    def taskforce_q(self, viewer: Viewer) -> Q:
        today = timezone.localdate()
        active = Q(starts_on__lte=today) & (Q(ends_on__isnull=True) | Q(ends_on__gt=today))
        of_visible_member = Q(member__isnull=True) | Q(member__in=policy_for(Member).visible_ids(viewer))
        return active & of_visible_member

    def can_grant(self, viewer: Viewer, obj: Role | None) -> bool:
        """Roles are given directly only by the secretariat and administrators (the CLI, demo seeding)."""
        if viewer.is_secretariat:
            return True
        return viewer.is_administrator

    def can_end(self, viewer: Viewer, obj: Role | None) -> bool:
        """The secretariat ends any role; a focal point ends the member roles of their own member. A
        role that has ended cannot be ended again."""
        if obj is not None and obj.has_ended:
            return False
        return viewer.is_secretariat or _is_focal_point_for(viewer, obj)


@register(Invitation)
class InvitationPolicy(RulesPolicy[Invitation]):
    """Invitations are seen by the secretariat, and by the focal points of the invited member."""

    def rule_q(self, viewer: Viewer) -> Q:
        if viewer.is_administrator:
            return Q(member__isnull=True)
        if not viewer.focal_member_ids:
            return NOTHING
        return Q(member_id__in=viewer.focal_member_ids)

    def can_create(self, viewer: Viewer, obj: Invitation | None) -> bool:
        return viewer.is_secretariat

    def can_invite_administrator(self, viewer: Viewer, obj: Invitation | None) -> bool:
        return viewer.is_administrator

    def can_invite_for_member(self, viewer: Viewer, obj: Invitation | None) -> bool:
        """The secretariat, or the focal point of the member the invitation is for."""
        return viewer.is_secretariat or _is_focal_point_for(viewer, obj)

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
        return obj is not None and self.can_revoke(viewer, obj) and obj.state == "pending"


register_navigation("invitations", lambda viewer: policy_for(Invitation).can(viewer, "list"))


@register(Grant)
class GrantPolicy(RulesPolicy[Grant]):
    """Grants are seen by the secretariat and by their grantees."""

    def rule_q(self, viewer: Viewer) -> Q:
        if viewer.user_id is None:
            return NOTHING
        return Q(grantee_user_id=viewer.user_id) | Q(grantee_member_id__in=viewer.member_ids)


def granted_ids(viewer: Viewer, content_type: ContentType) -> QuerySet[Any, Any]:
    """The ids of the records of one type granted to the viewer, or to a member they speak for."""
    who = Q(grantee_user_id=viewer.user_id)
    if viewer.member_ids:
        who |= Q(grantee_member_id__in=viewer.member_ids)
    return Grant.objects.filter(who, content_type=content_type).values("object_id")
