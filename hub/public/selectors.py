"""Reads of the public site that join several apps (through each app's own selectors)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hub.commitments.models import Commitment
from hub.commitments.selectors import commitment_get
from hub.core.viewer import Viewer
from hub.meetings.selectors import action_item_list
from hub.meetings.selectors import decision_list
from hub.reporting.models import ShowcaseItem
from hub.reporting.selectors import showcase_list


@dataclass
class CommitmentPage:
    commitment: Commitment
    decisions: list[Any]
    action_items: list[Any]
    showcase: list[ShowcaseItem]

    @property
    def has_synthetic(self) -> bool:
        return any(x.is_synthetic for x in [*self.decisions, *self.action_items, *self.showcase])


def commitment_page(*, viewer: Viewer, number: int) -> CommitmentPage:
    """A commitment with what serves it: the decisions, action items and published showcase items the
    viewer may see."""
    commitment = commitment_get(viewer=viewer, number=number)
    decisions = list(decision_list(viewer=viewer).filter(commitments=commitment).order_by("-created_at")[:100])
    actions = list(action_item_list(viewer=viewer).filter(commitments=commitment)[:100])
    return CommitmentPage(
        commitment, decisions, actions, list(showcase_list(viewer=viewer, commitment=commitment)[:100])
    )
