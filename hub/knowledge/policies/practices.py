"""Knowledge: who sees and does what with good practices.

- A practice in draft, submitted, returned or withdrawn is seen by its member's officials and the
  secretariat only.
- A published practice follows its visibility: public (everyone, the public site included), taskforce
  (signed-in taskforce) or member; a practice of a member the viewer may not see, or of a withdrawn
  member, is shown to nobody but its member and the secretariat.
- Any official of the member writes and submits, while the member may write (not when suspended or
  withdrawn); the secretariat may also write for a member (imports) and alone publishes or returns.
  The member's officials or the secretariat withdraw a published practice.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from hub.core.models import Visibility
from hub.core.policies import Policy
from hub.core.policies import policy_for
from hub.core.policies import register
from hub.core.policies import register_follows_parent
from hub.core.policies import register_navigation
from hub.core.viewer import Viewer
from hub.knowledge.models import GoodPractice
from hub.knowledge.models import PracticeCapability
from hub.members.models import Member

PUBLISHED = GoodPractice.Status.PUBLISHED


def _sharing_members(viewer: Viewer) -> Any:
    """Members whose published practices the viewer may see: visible to them and not withdrawn."""
    return policy_for(Member).visible(viewer).exclude(status=Member.Status.WITHDRAWN).values("pk")


@register(GoodPractice)
class GoodPracticePolicy(Policy[GoodPractice]):
    uses_grants = False

    def visible_q(self, viewer: Viewer) -> Q:
        if viewer.is_secretariat:
            return Q()
        levels = [Visibility.PUBLIC]
        if viewer.is_taskforce:
            levels.append(Visibility.TASKFORCE)
        q = Q(status=PUBLISHED, visibility__in=levels, member__in=_sharing_members(viewer))
        if viewer.member_ids:
            q |= Q(member_id__in=viewer.member_ids)
        return q

    def can_browse(self, viewer: Viewer, obj: GoodPractice | None) -> bool:
        """The list of good practices is open to everyone (each sees what they may)."""
        return True

    # Who may act at all (a viewer who may not answers 404); the state-bound rules below add the
    # practice's state, for what a page offers (services answer a wrong state with 409).

    def can_write(self, viewer: Viewer, obj: GoodPractice | None) -> bool:
        """The member's officials while it may write, or the secretariat (for a member)."""
        if viewer.is_secretariat:
            return True
        if obj is None:
            return bool(viewer.write_member_ids)
        return obj.member_id in viewer.write_member_ids

    def can_create(self, viewer: Viewer, obj: GoodPractice | None) -> bool:
        return self.can_write(viewer, obj)

    def can_edit(self, viewer: Viewer, obj: GoodPractice | None) -> bool:
        """A draft or returned practice is edited."""
        if obj is None:
            return False
        if not obj.is_editable:
            return False
        return self.can_write(viewer, obj)

    def can_propose(self, viewer: Viewer, obj: GoodPractice | None) -> bool:
        """Any official of the member, while it may write, puts its practices forward (not the secretariat)."""
        if obj is None:
            return bool(viewer.write_member_ids)
        return obj.member_id in viewer.write_member_ids

    def can_submit(self, viewer: Viewer, obj: GoodPractice | None) -> bool:
        """A draft or returned practice is submitted for review."""
        if obj is None:
            return False
        if not obj.is_editable:
            return False
        return self.can_propose(viewer, obj)

    def can_review(self, viewer: Viewer, obj: GoodPractice | None) -> bool:
        return viewer.is_secretariat

    def can_publish(self, viewer: Viewer, obj: GoodPractice | None) -> bool:
        if obj is None:
            return False
        if obj.status != GoodPractice.Status.SUBMITTED:
            return False
        return self.can_review(viewer, obj)

    def can_return(self, viewer: Viewer, obj: GoodPractice | None) -> bool:
        return self.can_publish(viewer, obj)

    def can_withdraw(self, viewer: Viewer, obj: GoodPractice | None) -> bool:
        if obj is None:
            return False
        if obj.status != PUBLISHED:
            return False
        return self.can_write(viewer, obj)

    def can_read_review(self, viewer: Viewer, obj: GoodPractice | None) -> bool:
        """The review status and the secretariat's note: the member's officials and the secretariat."""
        if viewer.is_secretariat:
            return True
        return obj is not None and obj.member_id in viewer.member_ids

    def can_import(self, viewer: Viewer, obj: GoodPractice | None) -> bool:
        return viewer.is_secretariat


# A practice's capability tags are seen with the practice.
register_follows_parent(PracticeCapability, GoodPractice, "practice")

register_navigation("good_practices", lambda viewer: policy_for(GoodPractice).can(viewer, "browse"))
