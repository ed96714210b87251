"""Who sees and does what with meetings, decisions and action items.

Meetings follow their visibility; "member" visibility means the invited members. Records that
belong to a meeting or procedure (agenda, attendance, decisions) follow it. Action items follow
their own visibility, with the owner member as the owning member.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.db.models import QuerySet
from django.utils import timezone

from hub.core.models import Visibility
from hub.core.policies import FollowsParentPolicy
from hub.core.policies import OwnRecordsPolicy
from hub.core.policies import Policy
from hub.core.policies import RulesPolicy
from hub.core.policies import SecretariatPolicy
from hub.core.policies import policy_for
from hub.core.policies import register
from hub.core.policies import register_follows_parent
from hub.core.policies import register_navigation
from hub.core.viewer import Viewer
from hub.meetings.models import ActionItem
from hub.meetings.models import ActionItemUpdate
from hub.meetings.models import AgendaItem
from hub.meetings.models import CalendarFeed
from hub.meetings.models import Decision
from hub.meetings.models import DecisionRevision
from hub.meetings.models import Meeting
from hub.meetings.models import MeetingDelegate
from hub.meetings.models import MeetingDocument
from hub.meetings.models import MeetingInvitation
from hub.meetings.models import MinutesComment
from hub.meetings.models import Objection
from hub.meetings.models import OutsideInput
from hub.meetings.models import ReminderSent
from hub.meetings.models import WrittenProcedure
from hub.members.models import Member

NOT_YET_HELD = (Meeting.Status.PLANNED, Meeting.Status.CONVENED)


def _visible_meetings(viewer: Viewer) -> Any:
    return policy_for(Meeting).visible_ids(viewer)


def _visible_members(viewer: Viewer) -> Any:
    return policy_for(Member).visible_ids(viewer)


@register(Meeting)
class MeetingPolicy(Policy[Meeting]):
    owner_field = None
    uses_grants = True

    def visible_q(self, viewer: Viewer) -> Q:
        if viewer.is_secretariat:
            return Q()
        q = Q(visibility=Visibility.PUBLIC)
        if viewer.is_taskforce:
            q |= Q(visibility=Visibility.TASKFORCE)
        if viewer.member_ids:
            q |= Q(visibility=Visibility.MEMBER, invitations__member_id__in=viewer.member_ids)
        if viewer.is_contributor:
            # Contributors see the meetings whose agenda is open for their input.
            q |= Q(visibility=Visibility.TASKFORCE, agenda_items__open_for_input=True)
        if viewer.user_id is not None:
            q |= Q(pk__in=self._granted_ids(viewer))
        return Q(pk__in=Meeting.objects.filter(q).values("pk"))

    def can_manage(self, viewer: Viewer, obj: Meeting | None) -> bool:
        return viewer.is_secretariat

    def can_edit(self, viewer: Viewer, obj: Meeting | None) -> bool:
        """The secretariat edits and reschedules a meeting until it is held."""
        if obj is None:
            return False
        if not self.can_manage(viewer, obj):
            return False
        return obj.status in NOT_YET_HELD

    def can_edit_agenda(self, viewer: Viewer, obj: Meeting | None) -> bool:
        """Agenda items are edited, reordered and removed before the meeting is held."""
        return self.can_edit(viewer, obj)

    def can_mark_held(self, viewer: Viewer, obj: Meeting | None) -> bool:
        """A meeting is marked held once it has started (and only once)."""
        if obj is None:
            return False
        if not self.can_edit(viewer, obj):
            return False
        return obj.starts_at <= timezone.now()

    def can_invite(self, viewer: Viewer, obj: Meeting | None) -> bool:
        """Invitations go out until the minutes are approved."""
        if obj is None:
            return False
        if not self.can_manage(viewer, obj):
            return False
        return obj.status != Meeting.Status.MINUTES_APPROVED

    def can_write_minutes(self, viewer: Viewer, obj: Meeting | None) -> bool:
        """The secretariat drafts and circulates minutes until they are approved."""
        return obj is not None and self.can_manage(viewer, obj) and obj.minutes_status != Meeting.MinutesStatus.APPROVED

    def can_approve_minutes(self, viewer: Viewer, obj: Meeting | None) -> bool:
        """Circulated minutes are approved (recorded by the secretariat) at a later meeting."""
        return (
            obj is not None and self.can_manage(viewer, obj) and obj.minutes_status == Meeting.MinutesStatus.CIRCULATED
        )

    def can_comment_minutes(self, viewer: Viewer, obj: Meeting | None) -> bool:
        """Members comment on circulated minutes; the secretariat, who drafted them, does not."""
        if obj is None:
            return False
        if self.can_manage(viewer, obj):
            return False
        if not policy_for(MinutesComment).can(viewer, "comment"):
            return False
        return obj.minutes_status == Meeting.MinutesStatus.CIRCULATED

    def can_view_online_link(self, viewer: Viewer, obj: Meeting | None) -> bool:
        if viewer.is_secretariat:
            return True
        if obj is None:
            return False
        return obj.invitations.filter(member_id__in=viewer.member_ids).exists()

    def can_view_minutes(self, viewer: Viewer, obj: Meeting | None) -> bool:
        """Drafts are the secretariat's; circulated or approved minutes are the taskforce's (or public
        with a public meeting). Contributors, let in for open agenda items, do not read minutes."""
        if obj is None:
            return False
        if viewer.is_secretariat:
            return obj.minutes_status != Meeting.MinutesStatus.NONE
        if obj.minutes_status not in (Meeting.MinutesStatus.CIRCULATED, Meeting.MinutesStatus.APPROVED):
            return False
        if viewer.is_taskforce:
            return True
        return obj.visibility == Visibility.PUBLIC

    def minutes_visible(self, viewer: Viewer) -> QuerySet[Meeting]:
        """The meetings whose minutes this viewer may read: `can_view_minutes` as a queryset (the search
        index's minutes are filtered by it)."""
        meetings = self.visible(viewer)
        if viewer.is_secretariat:
            return meetings.exclude(minutes_status=Meeting.MinutesStatus.NONE)
        meetings = meetings.filter(
            minutes_status__in=(Meeting.MinutesStatus.CIRCULATED, Meeting.MinutesStatus.APPROVED)
        )
        if viewer.is_taskforce:
            return meetings
        return meetings.filter(visibility=Visibility.PUBLIC)


# Agenda items follow their meeting.
register_follows_parent(AgendaItem, Meeting, "meeting")


# Who was invited and who attended: the taskforce, for meetings it may see.
# Members hidden from the viewer are not named through their invitations.
register_follows_parent(MeetingInvitation, Meeting, "meeting", taskforce_only=True, named_member=("member", Member))


@register(MeetingDelegate)
class MeetingDelegatePolicy(FollowsParentPolicy[MeetingDelegate]):
    """Delegates are seen with the invitation they attend for (the taskforce, for meetings it may see)."""

    parent_path = "invitation"
    parent_model = MeetingInvitation
    taskforce_only = True

    def can_name(self, viewer: Viewer, obj: MeetingDelegate | None) -> bool:
        """The invited member's officials (while it may write) or the secretariat name and remove its
        delegates, until the meeting is held."""
        if obj is None:
            return False
        if obj.invitation.meeting.status not in NOT_YET_HELD:
            return False
        if viewer.is_secretariat:
            return True
        return obj.invitation.member_id in viewer.write_member_ids


@register(MeetingDocument)
class MeetingDocumentPolicy(RulesPolicy[MeetingDocument]):
    """A document needs both its own level and its meeting to be visible."""

    def rule_q(self, viewer: Viewer) -> Q:
        q = Q(visibility=Visibility.PUBLIC)
        if viewer.is_taskforce:
            q |= Q(visibility=Visibility.TASKFORCE)
        if viewer.member_ids:
            q |= Q(visibility=Visibility.MEMBER, meeting__invitations__member_id__in=viewer.member_ids)
        return Q(pk__in=MeetingDocument.objects.filter(q).values("pk")) & Q(meeting__in=_visible_meetings(viewer))


@register(WrittenProcedure)
class WrittenProcedurePolicy(Policy[WrittenProcedure]):
    owner_field = None
    uses_grants = False

    def can_manage(self, viewer: Viewer, obj: WrittenProcedure | None) -> bool:
        return viewer.is_secretariat

    def can_conclude(self, viewer: Viewer, obj: WrittenProcedure | None) -> bool:
        """The secretariat closes an open procedure and records its outcome once the deadline has passed."""
        if obj is None:
            return False
        if not self.can_manage(viewer, obj):
            return False
        if obj.status != WrittenProcedure.Status.OPEN:
            return False
        return obj.deadline <= timezone.now()

    def can_object(self, viewer: Viewer, obj: WrittenProcedure | None) -> bool:
        return bool(viewer.write_member_ids)

    def can_object_now(self, viewer: Viewer, obj: WrittenProcedure | None) -> bool:
        """What the page offers: objections while the procedure is open (its deadline is the service's)."""
        return obj is not None and self.can_object(viewer, obj) and obj.status == WrittenProcedure.Status.OPEN


# Objections are part of a procedure's outcome: seen wherever the procedure is.
register_follows_parent(Objection, WrittenProcedure, "procedure", named_member=("member", Member))


@register(Decision)
class DecisionPolicy(RulesPolicy[Decision]):
    """A decision is seen wherever its meeting or written procedure is."""

    def rule_q(self, viewer: Viewer) -> Q:
        procedures = policy_for(WrittenProcedure).visible_ids(viewer)
        q = Q(meeting__in=_visible_meetings(viewer)) | Q(procedure__in=procedures)
        if viewer.is_taskforce:
            return q
        # Outside the taskforce (the public, contributors) only decisions of public meetings and procedures.
        return q & (Q(meeting__visibility=Visibility.PUBLIC) | Q(procedure__visibility=Visibility.PUBLIC))

    def can_edit(self, viewer: Viewer, obj: Decision | None) -> bool:
        """The secretariat corrects a meeting's decision until the meeting's minutes are approved; a
        decision adopted by written procedure is the text the members did not object to, and stays."""
        if obj is None:
            return False
        if not viewer.is_secretariat:
            return False
        if obj.meeting is None:
            return False
        return obj.meeting.minutes_status != Meeting.MinutesStatus.APPROVED


# Earlier texts of a decision follow it.
register_follows_parent(DecisionRevision, Decision, "decision")


@register(ActionItem)
class ActionItemPolicy(Policy[ActionItem]):
    """An action item follows its own visibility, and is seen only with its origin (decision or
    meeting) and its owner member: it never reveals a meeting, decision or member the viewer may not see."""

    owner_field = "owner_member_id"
    uses_grants = True

    def visible_q(self, viewer: Viewer) -> Q:
        q = super().visible_q(viewer)
        if viewer.is_secretariat:
            return q
        decisions = policy_for(Decision).visible_ids(viewer)
        origin = Q(decision__in=decisions) | Q(decision__isnull=True, meeting__in=_visible_meetings(viewer))
        owner = Q(owner_member__isnull=True) | Q(owner_member__in=_visible_members(viewer))
        return q & origin & owner

    def mine_q(self, viewer: Viewer) -> Q:
        """The items the viewer's members own, and for the secretariat the secretariat's own."""
        mine = Q(owner_member_id__in=viewer.member_ids)
        if viewer.is_secretariat:
            mine |= Q(owner_secretariat=True)
        return mine

    def can_create(self, viewer: Viewer, obj: ActionItem | None) -> bool:
        return viewer.is_secretariat

    def can_update(self, viewer: Viewer, obj: ActionItem | None) -> bool:
        """The secretariat, or the owner member's officials (while the member may write)."""
        if viewer.is_secretariat:
            return True
        if obj is None:
            return False
        return obj.owner_member_id in viewer.write_member_ids  # an item the secretariat owns: no


# Progress updates follow their action item.
register_follows_parent(ActionItemUpdate, ActionItem, "action_item")


@register(OutsideInput)
class OutsideInputPolicy(OwnRecordsPolicy[OutsideInput]):
    """Input and its response are seen by its contributor, by the taskforce and by the secretariat."""

    user_field = "contributor_id"

    def sees_all(self, viewer: Viewer) -> bool:
        return viewer.is_secretariat

    def taskforce_q(self, viewer: Viewer) -> Q:
        return Q(agenda_item__meeting__in=_visible_meetings(viewer))

    def can_submit(self, viewer: Viewer, obj: OutsideInput | None) -> bool:
        if viewer.is_secretariat:
            return True
        return viewer.is_contributor

    def can_respond(self, viewer: Viewer, obj: OutsideInput | None) -> bool:
        return viewer.is_secretariat

    def can_send_from_agenda(self, viewer: Viewer, obj: OutsideInput | None) -> bool:
        """The agenda offers the input form to contributors; the secretariat, who runs the meeting and
        answers input, does not get it there."""
        if self.can_respond(viewer, obj):
            return False
        return self.can_submit(viewer, obj)

    def can_contribute_as_outsider(self, viewer: Viewer, obj: OutsideInput | None) -> bool:
        """A contributor from outside the taskforce, who reaches only what is opened to their input."""
        if not viewer.is_contributor:
            return False
        return not viewer.is_taskforce


register_navigation(
    "outside_contributor", lambda viewer: policy_for(OutsideInput).can(viewer, "contribute_as_outsider")
)


@register(MinutesComment)
class MinutesCommentPolicy(FollowsParentPolicy[MinutesComment]):
    """Comments on circulated minutes: the taskforce, for meetings it may see."""

    parent_path = "meeting"
    parent_model = Meeting
    taskforce_only = True

    def rule_q(self, viewer: Viewer) -> Q:
        # Members hidden from the viewer are not named through their invitations.
        return super().rule_q(viewer) & Q(member__in=_visible_members(viewer))

    def can_comment(self, viewer: Viewer, obj: MinutesComment | None) -> bool:
        return bool(viewer.write_member_ids)


@register(CalendarFeed)
class CalendarFeedPolicy(OwnRecordsPolicy[CalendarFeed]):
    """A calendar feed is its owner's alone."""


@register(ReminderSent)
class ReminderSentPolicy(SecretariatPolicy[ReminderSent]):
    """Which reminders went out: the secretariat's."""
