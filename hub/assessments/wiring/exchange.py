"""MNR self-assessment: exchange — what this part registers with the core registries: the audit log
and the dashboard panel of exchange proposals awaiting the viewer's member's answer."""

from __future__ import annotations

from typing import Any

from hub.assessments.models import Exchange
from hub.assessments.selectors.exchange import awaiting_answer
from hub.core import registry
from hub.core.audit import audit_models
from hub.core.viewer import Viewer

PANEL_SIZE = 10


def awaiting_panel(viewer: Viewer) -> dict[str, Any] | None:
    """Pending proposals to a member the viewer answers for, oldest first (one query)."""
    exchanges = list(awaiting_answer(viewer=viewer)[:PANEL_SIZE])
    if not exchanges:
        return None
    return {"attention": True, "exchanges": exchanges, "has_synthetic": any(e.is_synthetic for e in exchanges)}


def register() -> None:
    audit_models(Exchange)
    registry.dashboard_panel(
        "assessments.exchange.awaiting", "assessments/exchange/panels/awaiting.html", awaiting_panel, order=9
    )
