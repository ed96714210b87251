"""Legal frameworks: codings — what this part registers with the core registries: the audit log and
the dashboard panels (the secretariat's queue of correction requests and drafts to verify; a member's
own requests)."""

from __future__ import annotations

from typing import Any

from hub.core import registry
from hub.core.audit import audit_models
from hub.core.policies import policy_for
from hub.core.viewer import Viewer
from hub.legal.models import Coding
from hub.legal.models import CorrectionRequest
from hub.legal.selectors.corrections import corrections_for_member
from hub.legal.selectors.corrections import secretariat_queue

PANEL_SIZE = 10


def secretariat_panel(viewer: Viewer) -> dict[str, Any] | None:
    """Open correction requests, oldest first, and how many draft codings await verification (one query)."""
    if not policy_for(CorrectionRequest).can(viewer, "review"):
        return None
    queue = secretariat_queue(viewer=viewer, size=PANEL_SIZE)
    if not (queue.open_total or queue.drafts):
        return None
    return {
        "attention": True,
        "corrections": queue.corrections,
        "open_total": queue.open_total,
        "to_verify": queue.drafts,
        "has_synthetic": any(c.is_synthetic for c in queue.corrections),
    }


def member_panel(viewer: Viewer) -> dict[str, Any] | None:
    """A member official's own member's correction requests, open or decided in the last days."""
    if policy_for(CorrectionRequest).can(viewer, "review"):
        return None  # the secretariat's own panel lists every member's
    if not policy_for(Coding).can(viewer, "contest"):
        return None
    corrections = list(corrections_for_member(viewer=viewer)[:PANEL_SIZE])
    if not corrections:
        return None
    return {"attention": True, "corrections": corrections, "has_synthetic": any(c.is_synthetic for c in corrections)}


def register() -> None:
    audit_models(Coding, CorrectionRequest)
    registry.dashboard_panel(
        "legal.codings.secretariat", "legal/codings/panels/secretariat.html", secretariat_panel, order=8
    )
    registry.dashboard_panel("legal.codings.member", "legal/codings/panels/member.html", member_panel, order=9)
