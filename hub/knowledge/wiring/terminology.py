"""Knowledge: terminology — what this part registers with the core registries."""

from __future__ import annotations

from typing import Any

from django.core.signals import request_finished
from django.core.signals import request_started
from django.utils.translation import gettext_lazy as _

from hub.core import registry
from hub.core.audit import audit_models
from hub.core.policies import policy_for
from hub.core.registry import SearchDocument
from hub.core.registry import TextWarning
from hub.core.viewer import Viewer
from hub.knowledge.models.terminology import GlossaryTerm
from hub.knowledge.selectors.terminology import request_scope_close
from hub.knowledge.selectors.terminology import request_scope_open
from hub.knowledge.selectors.terminology import terminology_check
from hub.knowledge.services.terminology import reference_terminology_load


def _check(text: str) -> list[TextWarning]:
    return list(terminology_check(text))


def _document(term: GlossaryTerm) -> SearchDocument | None:
    """A term in use, found by its discouraged and preferred wordings in every language."""
    if not term.is_active:
        return None
    words = [
        getattr(term, f"{name}_{lang}") or ""
        for name in ("discouraged", "preferred", "why")
        for lang in ("en", "fr", "es")
    ]
    return SearchDocument(
        title=f"{term.discouraged_en} → {term.preferred_en}",
        summary=term.why_en,
        body="\n".join(w for w in words if w),
        language=term.language,
    )


def _visible(viewer: Viewer) -> Any:
    return policy_for(GlossaryTerm).visible(viewer)


def _rows() -> Any:
    return GlossaryTerm.objects.all()


def register() -> None:
    audit_models(GlossaryTerm)
    registry.reference_table("terminology", reference_terminology_load)
    registry.text_check("terminology", _check)
    # The check looks at the glossary's rows once per request (not a domain flow: a cache's scope).
    request_started.connect(request_scope_open, dispatch_uid="knowledge.terminology.scope_open")
    request_finished.connect(request_scope_close, dispatch_uid="knowledge.terminology.scope_close")
    registry.search_source(
        "glossary_term",
        label=_("Glossary terms"),
        model=GlossaryTerm,
        document=_document,
        visible=_visible,
        rows=_rows,
    )
