"""The reporting app's dashboard panel: what needs attention in progress reporting.

A member's officials see their reports in cycles still taking submissions (due date and state, the
review comments of a returned one); the secretariat sees the reports awaiting its review.
"""

from __future__ import annotations

from typing import Any

from hub.core.viewer import Viewer
from hub.reporting.selectors import reports_awaiting_review
from hub.reporting.selectors import reports_to_do


def attention_panel(viewer: Viewer) -> dict[str, Any] | None:
    to_do = reports_to_do(viewer=viewer)
    review = reports_awaiting_review(viewer=viewer)
    if not to_do and not (review and review.total):
        return None
    return {
        "attention": True,
        "to_do": to_do,
        "review": review,
        "has_synthetic": any(t.report.is_synthetic for t in to_do)
        or any(r.is_synthetic for r in (review.reports if review else [])),
    }
