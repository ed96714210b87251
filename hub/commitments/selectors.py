"""Reads of the commitments, through the policy layer."""

from __future__ import annotations

from django.db.models import QuerySet

from hub.commitments.models import Commitment
from hub.core.errors import NotFound
from hub.core.errors import Problem
from hub.core.errors import ValidationFailed
from hub.core.policies import policy_for
from hub.core.viewer import Viewer


def commitment_list(*, viewer: Viewer) -> QuerySet[Commitment]:
    return policy_for(Commitment).visible(viewer).order_by("number")


def commitments_by_number(*, viewer: Viewer, numbers: list[int]) -> list[Commitment]:
    """The commitments with these numbers, or ValidationFailed naming the field."""
    found = list(commitment_list(viewer=viewer).filter(number__in=numbers))
    if len(found) != len(set(numbers)):
        raise ValidationFailed("Unknown commitment.", problems=[Problem("Use numbers 1 to 9.", field="commitments")])
    return found


def commitment_get(*, viewer: Viewer, number: int) -> Commitment:
    try:
        return commitment_list(viewer=viewer).get(number=number)
    except Commitment.DoesNotExist as exc:
        raise NotFound() from exc
