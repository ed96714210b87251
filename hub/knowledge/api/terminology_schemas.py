"""Knowledge: terminology (API schemas). Output schemas read the glossary rows the endpoints return."""

from __future__ import annotations

from typing import Literal

from ninja import Field
from ninja import Schema

from hub.knowledge.models.terminology import PATTERN_MAX_LENGTH
from hub.knowledge.models.terminology import SOURCE_MAX_LENGTH
from hub.knowledge.models.terminology import TERM_MAX_LENGTH
from hub.knowledge.models.terminology import WHY_MAX_LENGTH
from hub.knowledge.models.terminology import GlossaryTerm
from hub.knowledge.selectors.terminology import CHECK_MAX_LENGTH

Action = Literal["warn", "glossary_only"]


class GlossaryTermTextsOut(Schema):
    discouraged: str
    preferred: str
    why: str
    unofficial_translation: bool = Field(..., description="French and Spanish are the project's own translations")


class GlossaryTermOut(Schema):
    id: str = Field(..., alias="key", description="The term's key")
    language: str = Field(..., description="The language of the discouraged wording the pattern finds")
    match: str = Field(..., description="The case-insensitive regular expression the check applies (may be empty)")
    discouraged: str = Field(..., description="In the language asked for (Accept-Language), else English")
    preferred: str
    why: str
    action: Action = Field(..., description="warn: the check points it out; glossary_only: never flagged")
    confirmed: bool = Field(..., description="Checked against the primary text of its source")
    source: str
    added_on_platform: bool = Field(..., description="Added by the secretariat, not from the reference table")
    is_active: bool = Field(..., description="False: out of use (only the secretariat sees it)")
    is_synthetic: bool
    translations: dict[str, GlossaryTermTextsOut]

    @staticmethod
    def resolve_translations(term: GlossaryTerm) -> dict[str, dict[str, object]]:
        out: dict[str, dict[str, object]] = {}
        for lang in ("en", "fr", "es"):
            out[lang] = {
                "discouraged": getattr(term, f"discouraged_{lang}") or term.discouraged_en,
                "preferred": getattr(term, f"preferred_{lang}") or term.preferred_en,
                "why": getattr(term, f"why_{lang}") or term.why_en,
                "unofficial_translation": lang != "en",
            }
        return out


class GlossaryTermIn(Schema):
    """A term the secretariat adds. Its key is made from the English discouraged term."""

    language: str = Field("en", max_length=16, description="A language tag: en, fr, es, de...")
    match: str = Field("", max_length=PATTERN_MAX_LENGTH, description="Required when action is warn")
    discouraged_en: str = Field(..., min_length=1, max_length=TERM_MAX_LENGTH)
    discouraged_fr: str = Field("", max_length=TERM_MAX_LENGTH)
    discouraged_es: str = Field("", max_length=TERM_MAX_LENGTH)
    preferred_en: str = Field(..., min_length=1, max_length=TERM_MAX_LENGTH)
    preferred_fr: str = Field("", max_length=TERM_MAX_LENGTH)
    preferred_es: str = Field("", max_length=TERM_MAX_LENGTH)
    why_en: str = Field(..., min_length=1, max_length=WHY_MAX_LENGTH)
    why_fr: str = Field("", max_length=WHY_MAX_LENGTH)
    why_es: str = Field("", max_length=WHY_MAX_LENGTH)
    action: Action = "warn"
    confirmed: bool = False
    source: str = Field(..., min_length=1, max_length=SOURCE_MAX_LENGTH)


class GlossaryTermPatch(Schema):
    """Change a term (send its ETag as If-Match: a change over a newer version is 409)."""

    language: str | None = Field(None, max_length=16)
    match: str | None = Field(None, max_length=PATTERN_MAX_LENGTH)
    discouraged_en: str | None = Field(None, min_length=1, max_length=TERM_MAX_LENGTH)
    discouraged_fr: str | None = Field(None, max_length=TERM_MAX_LENGTH)
    discouraged_es: str | None = Field(None, max_length=TERM_MAX_LENGTH)
    preferred_en: str | None = Field(None, min_length=1, max_length=TERM_MAX_LENGTH)
    preferred_fr: str | None = Field(None, max_length=TERM_MAX_LENGTH)
    preferred_es: str | None = Field(None, max_length=TERM_MAX_LENGTH)
    why_en: str | None = Field(None, min_length=1, max_length=WHY_MAX_LENGTH)
    why_fr: str | None = Field(None, max_length=WHY_MAX_LENGTH)
    why_es: str | None = Field(None, max_length=WHY_MAX_LENGTH)
    action: Action | None = None
    confirmed: bool | None = None
    source: str | None = Field(None, min_length=1, max_length=SOURCE_MAX_LENGTH)


class TerminologyCheckIn(Schema):
    text: str = Field(..., max_length=CHECK_MAX_LENGTH, description="The text to check (nothing is stored)")


class TerminologyWarningOut(Schema):
    found: str = Field(..., description="The discouraged wording, as the text writes it")
    preferred: str = Field(..., description="The preferred term, in the language asked for")
    why: str
    source: str
    term: str = Field(..., description="The key of the glossary term")
    start: int = Field(..., description="Where the wording starts in the text (characters from 0)")
