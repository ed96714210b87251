"""MNR self-assessment: demo — the synthetic self-assessments of the fictional members (hub/assessments/demo)."""

from __future__ import annotations

from hub.assessments.demo.assessments import seed
from hub.core import registry


def register() -> None:
    registry.demo_seed("assessments", seed)
