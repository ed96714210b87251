"""Legal frameworks: who sees and does what with codings and correction requests.

- A verified coding is seen wherever its profile is seen. A draft coding is seen by the secretariat
  and the member's own officials only: for everyone else the provision is "not assessed" yet.
- The secretariat codes and verifies.
- A member's officials contest a coding of their own member (a correction request with a reason and
  a citation); the request is seen by that member's officials and the secretariat, which alone
  accepts or rejects it, once.
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

    def can_code(self, viewer: Viewer, obj: Coding | None) -> bool:
        """The secretariat codes and verifies."""
        return viewer.is_secretariat

    def can_contest(self, viewer: Viewer, obj: Coding | None) -> bool:
        """An official of the coded member contests it."""
        if obj is None:
            return bool(viewer.member_ids)
        return obj.profile.member_id in viewer.member_ids


@register(CorrectionRequest)
class CorrectionRequestPolicy(RulesPolicy[CorrectionRequest]):
    def rule_q(self, viewer: Viewer) -> Q:
        if not viewer.member_ids:
            return NOTHING
        return Q(coding__profile__member_id__in=viewer.member_ids)

    def can_resolve(self, viewer: Viewer, obj: CorrectionRequest | None) -> bool:
        if obj is None:
            return False
        if obj.status != CorrectionRequest.Status.OPEN:
            return False
        return viewer.is_secretariat
