"""Legal frameworks: who sees and does what with legal profiles, statutes and treaty status.

- A profile is seen by the taskforce (signed-in member officials and the secretariat) while its
  member is visible to them and has not withdrawn; a published profile by everyone, the public
  included. A withdrawn member's profile is seen by the secretariat only.
- Statutes, treaty statuses and reservations are seen with their profile.
- The secretariat enters and edits profiles, statutes and treaty status (with sources); the member's
  focal point publishes its profile to the public site or takes it back.
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
from hub.legal.models import LegalProfile
from hub.legal.models import Reservation
from hub.legal.models import Statute
from hub.legal.models import TreatyStatus
from hub.members.models import Member


def _sharing_members(viewer: Viewer) -> Any:
    """Members whose profiles the viewer may see: visible to them and not withdrawn."""
    return policy_for(Member).visible(viewer).exclude(status=Member.Status.WITHDRAWN).values("pk")


@register(LegalProfile)
class LegalProfilePolicy(Policy[LegalProfile]):
    uses_grants = False

    def visible_q(self, viewer: Viewer) -> Q:
        if viewer.is_secretariat:
            return Q()
        levels = [Visibility.PUBLIC]
        if viewer.is_taskforce:
            levels.append(Visibility.TASKFORCE)
        return Q(visibility__in=levels, member__in=_sharing_members(viewer))

    def can_browse(self, viewer: Viewer, obj: LegalProfile | None) -> bool:
        """Legal frameworks are open to everyone (each sees the profiles they may)."""
        return True

    def can_edit(self, viewer: Viewer, obj: LegalProfile | None) -> bool:
        """The secretariat enters statutes, treaty status and codings, with their sources."""
        return viewer.is_secretariat

    def can_open(self, viewer: Viewer, obj: LegalProfile | None) -> bool:
        """The secretariat opens a profile for a member that has none."""
        return viewer.is_secretariat

    def can_read_unpublished(self, viewer: Viewer, obj: LegalProfile | None) -> bool:
        """The taskforce reads taskforce-level profiles; everyone else (the public site) published ones only."""
        return viewer.is_taskforce

    def can_see_draft_codings(self, viewer: Viewer, obj: LegalProfile | None) -> bool:
        """A profile's draft codings: the secretariat, and the officials of the profile's member."""
        if viewer.is_secretariat:
            return True
        if obj is None:
            return False
        return obj.member_id in viewer.member_ids

    def can_manage_publication(self, viewer: Viewer, obj: LegalProfile | None) -> bool:
        """The member's focal point decides whether its profile is on the public site."""
        if obj is None:
            return False
        return obj.member_id in viewer.focal_member_ids

    def can_publish(self, viewer: Viewer, obj: LegalProfile | None) -> bool:
        """The member's focal point publishes its taskforce-level profile to the public site."""
        if obj is None:
            return False
        if obj.is_published:
            return False
        return obj.member_id in viewer.focal_member_ids

    def can_unpublish(self, viewer: Viewer, obj: LegalProfile | None) -> bool:
        if obj is None:
            return False
        if not obj.is_published:
            return False
        return obj.member_id in viewer.focal_member_ids


register_follows_parent(Statute, LegalProfile, "profile")
register_follows_parent(TreatyStatus, LegalProfile, "profile")
register_follows_parent(Reservation, TreatyStatus, "treaty_status")


register_navigation("legal", lambda viewer: policy_for(LegalProfile).can(viewer, "browse"))
