"""Who may see and change members and their notes."""

from __future__ import annotations

from django.db.models import Q

from hub.core.policies import FollowsParentPolicy, Policy, policy_for, register, register_navigation
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
class TaskforceRolePolicy(Policy[TaskforceRole]):
    """Chair and vice-chair roles are public facts, shown with their source."""

    owner_field = None
    uses_grants = False

    def visible_q(self, viewer: Viewer) -> Q:
        if viewer.is_secretariat:
            return Q()
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


@register(MemberStatusChange)
class MemberStatusChangePolicy(FollowsParentPolicy[MemberStatusChange]):
    """A member's status history, with reasons, is taskforce-level; the current status is public."""

    parent_path = "member"
    parent_model = Member
    taskforce_only = True


@register(AllianceFigure)
class AllianceFigurePolicy(Policy[AllianceFigure]):
    """Dated figures about the Alliance are public facts with a source."""

    owner_field = None
    uses_grants = False

    def visible_q(self, viewer: Viewer) -> Q:
        return Q()

    def can_record(self, viewer: Viewer, obj: AllianceFigure | None) -> bool:
        return viewer.is_secretariat


@register(JoinRequest)
class JoinRequestPolicy(Policy[JoinRequest]):
    """Join requests are the secretariat's; the requester follows theirs through a signed link."""

    owner_field = None
    uses_grants = False

    def visible_q(self, viewer: Viewer) -> Q:
        if viewer.is_secretariat:
            return Q()
        return Q(pk__in=[])

    def can_review(self, viewer: Viewer, obj: JoinRequest | None) -> bool:
        return viewer.is_secretariat

    def can_file(self, viewer: Viewer, obj: JoinRequest | None) -> bool:
        return viewer.is_secretariat


register_navigation("join_requests", lambda viewer: policy_for(JoinRequest).can(viewer, "review"))


@register(JoinRequestMessage)
class JoinRequestMessagePolicy(FollowsParentPolicy[JoinRequestMessage]):
    """The conversation of a join request follows its request: the secretariat's."""

    parent_path = "join_request"
    parent_model = JoinRequest
