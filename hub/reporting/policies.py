"""Commitments are public reference data."""

from __future__ import annotations

from django.db.models import Q

from hub.core.policies import Policy, register
from hub.core.viewer import Viewer
from hub.reporting.models import Commitment


@register(Commitment)
class CommitmentPolicy(Policy[Commitment]):
    owner_field = None
    uses_grants = False

    def visible_q(self, viewer: Viewer) -> Q:
        return Q()
