"""MNR self-assessment: assessments — what this part registers with the core registries: the dashboard
panels (a member official's next self-assessment job; the secretariat's submitted assessments awaiting
acknowledgement, counted per cycle). The audit of these models is registered by the framework part."""

from __future__ import annotations

from typing import Any

from hub.assessments.models import Assessment
from hub.assessments.selectors.assessments import awaiting_acknowledgement
from hub.assessments.selectors.assessments import member_jobs
from hub.core import registry
from hub.core.policies import policy_for
from hub.core.viewer import Viewer


def member_panel(viewer: Viewer) -> dict[str, Any] | None:
    """Each open cycle's self-assessment to start, continue or submit, with its due date."""
    policy: Any = policy_for(Assessment)
    if not policy.can(viewer, "edit"):
        return None
    jobs = member_jobs(viewer=viewer)
    if not jobs:
        return None
    return {"attention": True, "jobs": jobs, "focal": policy.can(viewer, "submit")}


def secretariat_panel(viewer: Viewer) -> dict[str, Any] | None:
    """Submitted self-assessments awaiting acknowledgement, counted per cycle (one query)."""
    if not policy_for(Assessment).can(viewer, "acknowledge"):
        return None
    cycles = awaiting_acknowledgement()
    if not cycles:
        return None
    return {"attention": True, "cycles": cycles, "total": sum(row["n"] for row in cycles)}


def register() -> None:
    registry.dashboard_panel("assessments.member", "assessments/assessments/panels/member.html", member_panel, order=9)
    registry.dashboard_panel(
        "assessments.secretariat", "assessments/assessments/panels/secretariat.html", secretariat_panel, order=9
    )
