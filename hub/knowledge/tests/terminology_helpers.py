"""Glossary rows for the terminology tests, built through the services."""

from __future__ import annotations

from typing import Any

from hub.core.viewer import Viewer
from hub.knowledge.models.terminology import GlossaryTerm
from hub.knowledge.services.terminology import GlossaryTermInput
from hub.knowledge.services.terminology import glossary_term_add

FRENCH_PATTERN = r"\bp[ée]dopornographi(e|que)s?\b"


def french_term(viewer: Viewer, **extra: Any) -> GlossaryTerm:
    """A pattern in French the secretariat adds on the platform."""
    values: dict[str, Any] = {
        "language": "fr",
        "match": FRENCH_PATTERN,
        "discouraged_en": "pédopornographie (French)",
        "discouraged_fr": "pédopornographie",
        "preferred_en": "child sexual abuse material (CSAM)",
        "preferred_fr": "matériel d'abus sexuels sur enfants (CSAM)",
        "why_en": "the French word carries 'pornography' too",
        "why_fr": "le mot français contient lui aussi « pornographie »",
        "action": "warn",
        "source": "Luxembourg Terminology Guidelines (2016), French edition",
        **extra,
    }
    return glossary_term_add(viewer=viewer, data=GlossaryTermInput(**values))
