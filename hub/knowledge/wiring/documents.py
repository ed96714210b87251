"""Knowledge: documents — what this part registers with the core registries: the audit log, demo
data, the search source and the secretariat's "text could not be read" panel."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from hub.core import registry
from hub.core.audit import audit_models
from hub.core.policies import policy_for
from hub.core.registry import SearchDocument
from hub.core.viewer import Viewer
from hub.knowledge.demo.documents import seed_documents
from hub.knowledge.models.documents import Document
from hub.knowledge.selectors.documents import documents_unreadable
from hub.knowledge.selectors.documents import documents_visible


def search_document(d: Document) -> SearchDocument | None:
    """What the search index holds of a document: its title and summary always, its text when read."""
    if d.is_withdrawn:
        return None
    return SearchDocument(
        title=d.title,
        summary=d.summary,
        body=d.text,
        language=d.language,
        member_id=d.author_member_id,
        year=d.dated.year if d.dated else None,
    )


def search_rows() -> Any:
    return Document.objects.filter(withdrawn_at__isnull=True).order_by("pk")


def attention_panel(viewer: Viewer) -> dict[str, Any] | None:
    if not policy_for(Document).can(viewer, "see_attention"):
        return None
    unreadable, total = documents_unreadable(viewer=viewer)
    if not total:
        return None
    return {"attention": True, "unreadable": unreadable, "unreadable_total": total}


def register() -> None:
    # The extracted text can be a million characters: the log records that it changed, not its words.
    audit_models(Document, exclude_fields=("updated_at", "text"))
    registry.demo_seed("knowledge.documents", seed_documents)
    registry.search_source(
        "document",
        label=_("Documents"),
        model=Document,
        document=search_document,
        visible=documents_visible,
        rows=search_rows,
    )
    registry.dashboard_panel(
        "knowledge.documents.attention", "knowledge/documents/panels/attention.html", attention_panel, order=4
    )
