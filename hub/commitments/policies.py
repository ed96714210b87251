"""Commitments are public reference data: everyone sees them; only the reference loader writes them."""

from __future__ import annotations

from hub.commitments.models import Commitment
from hub.core.policies import PublicPolicy
from hub.core.policies import register


@register(Commitment)
class CommitmentPolicy(PublicPolicy[Commitment]):
    """Everyone sees the commitments."""
