"""Commitments are public reference data: everyone sees them; only the reference loader writes them."""

from __future__ import annotations

from django.db.models import Q

from hub.commitments.models import Commitment
from hub.core.policies import Policy, register
from hub.core.viewer import Viewer


@register(Commitment)
class CommitmentPolicy(Policy[Commitment]):
    owner_field = None
    uses_grants = False

    def visible_q(self, viewer: Viewer) -> Q:
        return Q()
