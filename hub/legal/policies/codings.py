"""Legal frameworks: who sees and does what with codings and correction requests.

- A verified coding is seen wherever its profile is seen. A draft coding is seen by the secretariat
  and the member's own officials only: for everyone else the provision is "not assessed" yet.
- The secretariat codes and verifies.
- A member's officials contest a coding of their own member (a correction request with a reason and
  a citation); the request is seen by that member's officials and the secretariat, which alone
  accepts or rejects it, once.
- A coding's history: who changed it is named to the taskforce only (a published profile's public
  readers see the dates, statuses, citations and reasons); its draft states are seen by those who see
  drafts of that member (the secretariat, the member's officials).
"""

from __future__ import annotations

from django.db.models import Q

from hub.core.policies import NOTHING
from hub.core.policies import Policy
from hub.core.policies import RulesPolicy
from hub.core.policies import policy_for
from hub.core.policies import register
from hub.core.viewer import Viewer
from hub.legal.models import Coding
from hub.legal.models import CorrectionRequest
from hub.legal.models import LegalProfile


@register(Coding)
class CodingPolicy(Policy[Coding]):
    uses_grants = False
    owner_field = "profile__member_id"

    def visible_q(self, viewer: Viewer) -> Q:
        if viewer.is_secretariat:
            return Q()
        q = Q(review=Coding.Review.VERIFIED)
        if viewer.member_ids:
            q |= Q(profile__member_id__in=viewer.member_ids)
        return q & Q(profile__in=policy_for(LegalProfile).visible_ids(viewer))

    def can_filter_by_review(self, viewer: Viewer, obj: Coding | None) -> bool:
        """Whoever may see some draft codings may filter by review status: the secretariat, member officials."""
        if viewer.is_secretariat:
            return True
        return bool(viewer.member_ids)

    def can_code(self, viewer: Viewer, obj: Coding | None) -> bool:
        """The secretariat codes and verifies."""
        return viewer.is_secretariat

    def can_verify(self, viewer: Viewer, obj: Coding | None) -> bool:
        """The secretariat verifies a draft coding (once: a verified one is not verified again)."""
        if obj is None:
            return viewer.is_secretariat
        if obj.is_verified:
            return False
        return viewer.is_secretariat

    def can_contest(self, viewer: Viewer, obj: Coding | None) -> bool:
        """An official of the coded member contests it."""
        if obj is None:
            return bool(viewer.member_ids)
        return obj.profile.member_id in viewer.member_ids

    def can_see_drafts(self, viewer: Viewer, obj: Coding | None) -> bool:
        """Who sees a coding's draft states (now and in its history): the secretariat, the member's own."""
        if viewer.is_secretariat:
            return True
        if obj is None:
            return False
        return obj.profile.member_id in viewer.member_ids

    def can_see_coders(self, viewer: Viewer, obj: Coding | None) -> bool:
        """Who coded, verified or changed a coding is named to the taskforce only."""
        return viewer.is_taskforce


@register(CorrectionRequest)
class CorrectionRequestPolicy(RulesPolicy[CorrectionRequest]):
    def rule_q(self, viewer: Viewer) -> Q:
        if not viewer.member_ids:
            return NOTHING
        return Q(coding__profile__member_id__in=viewer.member_ids)

    def can_browse(self, viewer: Viewer, obj: CorrectionRequest | None) -> bool:
        """The list of correction requests: the secretariat's, and each member official's own member's."""
        if viewer.is_secretariat:
            return True
        return bool(viewer.member_ids)

    def can_review(self, viewer: Viewer, obj: CorrectionRequest | None) -> bool:
        """The secretariat decides on correction requests (whatever their state: see `can_resolve`)."""
        return viewer.is_secretariat

    def can_resolve(self, viewer: Viewer, obj: CorrectionRequest | None) -> bool:
        """Accept or reject an open request, once."""
        if obj is None:
            return False
        if obj.status != CorrectionRequest.Status.OPEN:
            return False
        return viewer.is_secretariat
