"""Knowledge: practices — what this part registers with the core registries: the audit log, the
dashboard panels, the search source and the demo seed (its navigation check is in its policies)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from hub.core import registry
from hub.core.audit import audit_models
from hub.core.policies import policy_for
from hub.core.registry import SearchDocument
from hub.core.viewer import Viewer
from hub.knowledge.demo.practices import seed
from hub.knowledge.models import GoodPractice
from hub.knowledge.models import PracticeCapability
from hub.knowledge.selectors.practices import practices_awaiting_review
from hub.knowledge.selectors.practices import practices_to_finish

PANEL_SIZE = 10


def review_panel(viewer: Viewer) -> dict[str, Any] | None:
    """The secretariat's queue: submitted practices, oldest first."""
    queue = practices_awaiting_review(viewer=viewer)
    # One query while the queue fits the panel; the count only when it runs over.
    practices = list(queue[: PANEL_SIZE + 1])
    if not practices:
        return None
    total = len(practices) if len(practices) <= PANEL_SIZE else queue.count()
    practices = practices[:PANEL_SIZE]
    return {
        "attention": True,
        "practices": practices,
        "total": total,
        "has_synthetic": any(p.is_synthetic for p in practices),
    }


def member_panel(viewer: Viewer) -> dict[str, Any] | None:
    """A member official's practices returned by the secretariat or still in draft."""
    practices = list(practices_to_finish(viewer=viewer)[:PANEL_SIZE])
    if not practices:
        return None
    return {"attention": True, "practices": practices, "has_synthetic": any(p.is_synthetic for p in practices)}


def search_document(practice: GoodPractice) -> SearchDocument:
    when = practice.published_at or practice.created_at
    return SearchDocument(
        title=practice.title,
        summary=practice.summary,
        body=practice.body,
        language=practice.language,
        member_id=practice.member_id,
        year=when.year if when else None,
        commitments=tuple(sorted(c.number for c in practice.commitments.all())),
        capabilities=tuple(t.key for t in practice.capability_tags.all()),
    )


def search_rows() -> Any:
    return GoodPractice.objects.prefetch_related(
        "commitments", Prefetch("capability_tags", queryset=PracticeCapability.objects.order_by("framework", "number"))
    ).order_by("pk")


def search_visible(viewer: Viewer) -> Any:
    return policy_for(GoodPractice).visible(viewer)


def demo() -> list[str]:
    return seed()


def register() -> None:
    audit_models(GoodPractice, PracticeCapability, m2m_fields={GoodPractice: ["commitments", "documents"]})
    registry.dashboard_panel(
        "knowledge.practices.review", "knowledge/practices/panels/review.html", review_panel, order=6
    )
    registry.dashboard_panel(
        "knowledge.practices.member", "knowledge/practices/panels/member.html", member_panel, order=7
    )
    # Every practice is indexed: drafts are found only by those who may see them (`visible`).
    registry.search_source(
        "good_practice",
        label=_("Good practices"),
        model=GoodPractice,
        document=search_document,
        visible=search_visible,
        rows=search_rows,
    )
    registry.demo_seed("knowledge.practices", demo)
