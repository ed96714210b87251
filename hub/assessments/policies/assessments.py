"""MNR self-assessment: who sees and does what with a member's self-assessment. No setting relaxes it.

- A member's assessment (and its answers) is seen by that member's officials and by the secretariat,
  never by another member, a contributor or the public; no grant widens it. When the member withdraws,
  its officials' roles end: its assessments stay, unchanged, seen by the secretariat only.
- The member's officials (who may write for it) start and draft it while its cycle is open; its focal
  point submits it; the secretariat acknowledges a submitted one and may reopen it (with a reason).
- Every opening by the secretariat is logged; the member's focal point reads that log.
- Cycles are seen by the taskforce; the secretariat opens and closes them and publishes a cycle's safe
  aggregate to the public site. Safe aggregates are read by the taskforce (and the public for a
  published cycle) through the disclosure control only.
"""

from __future__ import annotations

from django.db.models import Q

from hub.assessments.models import AccessLogEntry
from hub.assessments.models import Answer
from hub.assessments.models import Assessment
from hub.assessments.models import AssessmentCycle
from hub.core.policies import NOTHING
from hub.core.policies import Policy
from hub.core.policies import policy_for
from hub.core.policies import register
from hub.core.policies import register_follows_parent
from hub.core.policies import register_navigation
from hub.core.viewer import Viewer


@register(AssessmentCycle)
class AssessmentCyclePolicy(Policy[AssessmentCycle]):
    uses_grants = False

    def visible_q(self, viewer: Viewer) -> Q:
        if viewer.is_taskforce:
            return Q()
        return Q(aggregate_published_at__isnull=False)

    def can_browse(self, viewer: Viewer, obj: AssessmentCycle | None) -> bool:
        """Self-assessment is the taskforce's (the public sees published aggregates on the public site)."""
        return viewer.is_taskforce

    def can_manage(self, viewer: Viewer, obj: AssessmentCycle | None) -> bool:
        """The secretariat opens, edits and closes cycles."""
        return viewer.is_secretariat

    def can_track(self, viewer: Viewer, obj: AssessmentCycle | None) -> bool:
        """The secretariat follows each member's workflow status in a cycle (statuses only, no result)."""
        return viewer.is_secretariat

    def can_close(self, viewer: Viewer, obj: AssessmentCycle | None) -> bool:
        if obj is not None and not obj.is_open:
            return False
        return viewer.is_secretariat

    def can_publish_aggregate(self, viewer: Viewer, obj: AssessmentCycle | None) -> bool:
        """The secretariat publishes a cycle's safe aggregate to the public site (same rules), once."""
        if obj is not None and obj.aggregate_is_published:
            return False
        return viewer.is_secretariat

    def can_unpublish_aggregate(self, viewer: Viewer, obj: AssessmentCycle | None) -> bool:
        if obj is not None and not obj.aggregate_is_published:
            return False
        return viewer.is_secretariat

    def can_view_aggregates(self, viewer: Viewer, obj: AssessmentCycle | None) -> bool:
        """Safe aggregates: the taskforce; the public for a cycle whose aggregate is published."""
        if viewer.is_taskforce:
            return True
        return obj is not None and obj.aggregate_is_published

    def can_start(self, viewer: Viewer, obj: AssessmentCycle | None) -> bool:
        """A member official who may write for a member starts its assessment in an open cycle."""
        if obj is not None and not obj.is_open:
            return False
        return bool(viewer.write_member_ids)


@register(Assessment)
class AssessmentPolicy(Policy[Assessment]):
    uses_grants = False
    owner_field = "member_id"

    def visible_q(self, viewer: Viewer) -> Q:
        if viewer.is_secretariat:
            return Q()
        if not viewer.member_ids:
            return NOTHING
        return Q(member_id__in=viewer.member_ids)

    def can_browse(self, viewer: Viewer, obj: Assessment | None) -> bool:
        """The list of assessments: the secretariat's, and each member official's own member's."""
        if viewer.is_secretariat:
            return True
        return bool(viewer.member_ids)

    def can_edit(self, viewer: Viewer, obj: Assessment | None) -> bool:
        """The member's officials (who may write for it) edit a draft while its cycle is open."""
        if obj is None:
            return bool(viewer.write_member_ids)
        if not obj.is_draft or not obj.cycle.is_open:
            return False
        return obj.member_id in viewer.write_member_ids

    def can_submit(self, viewer: Viewer, obj: Assessment | None) -> bool:
        """The member's focal point (or deputy) submits a draft while its cycle is open."""
        if obj is None:
            return bool(viewer.focal_member_ids)
        if not obj.is_draft or not obj.cycle.is_open:
            return False
        return obj.member_id in viewer.focal_member_ids and obj.member_id in viewer.write_member_ids

    def can_acknowledge(self, viewer: Viewer, obj: Assessment | None) -> bool:
        """The secretariat acknowledges a submitted assessment, once."""
        if obj is not None and obj.status != Assessment.Status.SUBMITTED:
            return False
        return viewer.is_secretariat

    def can_reopen(self, viewer: Viewer, obj: Assessment | None) -> bool:
        """The secretariat reopens a submitted or acknowledged assessment (back to draft), with a reason."""
        if obj is not None and obj.is_draft:
            return False
        return viewer.is_secretariat

    def can_read_access_log(self, viewer: Viewer, obj: Assessment | None) -> bool:
        """Who opened the member's assessment from outside it: the member's focal point, and the secretariat."""
        if viewer.is_secretariat:
            return True
        if obj is None:
            return bool(viewer.focal_member_ids)
        return obj.member_id in viewer.focal_member_ids

    def own_member_ids(self, viewer: Viewer) -> frozenset[int]:
        """The members whose assessments the viewer reads as its own (it belongs to them)."""
        return viewer.member_ids

    def can_read_unlogged(self, viewer: Viewer, obj: Assessment | None) -> bool:
        """The member's own officials open it without a log entry; everyone else's opening (the
        secretariat's) is logged for the member's focal point to read."""
        if obj is None:
            return False
        return obj.member_id in viewer.member_ids


register_follows_parent(Answer, Assessment, "assessment")


@register(AccessLogEntry)
class AccessLogEntryPolicy(Policy[AccessLogEntry]):
    uses_grants = False

    def visible_q(self, viewer: Viewer) -> Q:
        if viewer.is_secretariat:
            return Q()
        if not viewer.focal_member_ids:
            return NOTHING
        return Q(assessment__member_id__in=viewer.focal_member_ids)


register_navigation("assessments", lambda viewer: policy_for(AssessmentCycle).can(viewer, "browse"))
