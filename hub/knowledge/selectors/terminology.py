"""Knowledge: reads of the glossary, and the one terminology check.

The check searches a text with the `match` pattern of every glossary row in use that the check warns
about (rows marked "glossary only" are never flagged; a row's language is informational: every
pattern is applied to every text). A discouraged term is pointed out with the preferred one, each
found term once, in the order the text uses them. Text in quotation marks (a statute's own title, a
quotation) is ignored. It warns and never blocks, and stores nothing.

The compiled patterns are kept per process and rebuilt when a row changes: the database is asked one
small question (how many rows, and when the last one changed) once per request, so a row the
secretariat adds or edits is used at once, by every process."""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.db.models import Max
from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from hub.core.errors import NotFound
from hub.core.policies import policy_for
from hub.core.registry import TextWarning
from hub.core.viewer import Viewer
from hub.knowledge.models.terminology import GlossaryTerm

# "…", “…”, „…“, «…»: the quotation marks a statute title or a quotation is written in.
QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”|„[^“”\n]*[“”]|«[^»\n]*»')
# The longest text the check reads (the API refuses longer ones; a page's narrative is read this far).
CHECK_MAX_LENGTH = 100_000
LANGUAGES = ("en", "fr", "es")


@dataclass(frozen=True)
class TermFound(TextWarning):
    """A discouraged term found in a text: the glossary row (`term`, its key) and where (`start`)."""

    term: str = ""
    start: int = 0


@dataclass(frozen=True)
class _Compiled:
    key: str
    pattern: re.Pattern[str]
    texts: dict[str, tuple[str, str]]  # language -> (preferred, why)
    source: str

    def warning(self, found: str, start: int) -> TermFound:
        language = (get_language() or "en").split("-")[0]
        preferred, why = self.texts.get(language) or self.texts["en"]
        return TermFound(found=found, preferred=preferred, why=why, source=self.source, term=self.key, start=start)


_lock = threading.Lock()
_cache: dict[str, Any] = {"stamp": None, "terms": ()}
# Within one request the rows are looked at once (a page checks many texts); `request_started` and
# `request_finished` (wiring/terminology.py) open and close that scope. Outside a request (a command,
# the worker, a test calling a selector) every check looks.
_scope = threading.local()


def request_scope_open(**kwargs: Any) -> None:
    _scope.in_request, _scope.looked = True, False


def request_scope_close(**kwargs: Any) -> None:
    _scope.in_request, _scope.looked = False, False


def checked_terms_forget() -> None:
    """After a write to the glossary: the next check reads the rows again."""
    _scope.looked = False
    with _lock:
        _cache["stamp"] = None


def _stamp() -> tuple[Any, ...]:
    """What changes whenever a glossary row is added or changed (rows are never deleted)."""
    stats = GlossaryTerm.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
    return (stats["n"], stats["last"])


def _compile(rows: list[GlossaryTerm]) -> tuple[_Compiled, ...]:
    out = []
    for row in rows:
        try:
            pattern = re.compile(row.match, re.IGNORECASE)
        except re.error:  # stored patterns are checked on the way in; never let one break a page
            continue
        texts = {}
        for lang in LANGUAGES:
            preferred = getattr(row, f"preferred_{lang}") or row.preferred_en
            why = getattr(row, f"why_{lang}") or row.why_en
            texts[lang] = (preferred, why)
        out.append(_Compiled(row.key, pattern, texts, row.source))
    return tuple(out)


def checked_terms() -> tuple[_Compiled, ...]:
    """The compiled patterns of the rows the check warns about, rebuilt when a row changed."""
    terms: tuple[_Compiled, ...] = _cache["terms"]
    in_request = getattr(_scope, "in_request", False)
    if in_request and getattr(_scope, "looked", False) and _cache["stamp"] is not None:
        return terms
    stamp = _stamp()
    if _cache["stamp"] != stamp:
        rows = GlossaryTerm.objects.filter(is_active=True, action=GlossaryTerm.Action.WARN).exclude(match="")
        terms = _compile(list(rows.order_by("pk")))
        with _lock:
            _cache["stamp"], _cache["terms"] = stamp, terms
    _scope.looked = in_request
    return terms


def unquoted(text: str) -> str:
    """The text with everything in quotation marks blanked out (same length, so positions hold)."""
    return QUOTED.sub(lambda m: " " * len(m.group(0)), text)


def terminology_check(text: str) -> list[TermFound]:
    """The discouraged terms in `text` outside quotation marks, each once, in order of appearance."""
    if not text or not text.strip():
        return []
    plain = unquoted(text[:CHECK_MAX_LENGTH])
    hits: list[TermFound] = []
    seen: set[str] = set()
    for term in checked_terms():
        for match in term.pattern.finditer(plain):
            found = match.group(0)
            if found.lower() in seen:
                continue
            seen.add(found.lower())
            hits.append(term.warning(found, match.start()))
    return sorted(hits, key=lambda h: h.start)


def terminology_check_lines(text: str) -> list[tuple[int, TermFound]]:
    """Each line's warnings, with the line's number (from 1): for the command line."""
    return [
        (number, warning)
        for number, line in enumerate(text.splitlines(), start=1)
        for warning in terminology_check(line)
    ]


# --- the glossary --------------------------------------------------------------------------------


def glossary_term_list(*, viewer: Viewer) -> QuerySet[GlossaryTerm]:
    """The terms this viewer may see (the secretariat also sees those out of use), in glossary order."""
    return policy_for(GlossaryTerm).visible(viewer).order_by("-is_active", "action", "pk")


def glossary_term_get(*, viewer: Viewer, key: str) -> GlossaryTerm:
    """The term, or NotFound (unknown, or out of use and the viewer is not the secretariat)."""
    term = policy_for(GlossaryTerm).visible(viewer).filter(key=key).first()
    if term is None:
        raise NotFound()
    return term


@dataclass(frozen=True)
class GlossaryGroup:
    action: str
    label: str
    terms: list[GlossaryTerm]


def glossary_groups(*, viewer: Viewer) -> list[GlossaryGroup]:
    """The glossary page: the terms the check points out, then those kept for the glossary only, then
    (for the secretariat) those out of use."""
    groups: dict[str, list[GlossaryTerm]] = defaultdict(list)
    for term in glossary_term_list(viewer=viewer):
        groups[term.action if term.is_active else "inactive"].append(term)
    labels = {**dict(GlossaryTerm.Action.choices), "inactive": _("Out of use (only the secretariat sees these)")}
    order = [GlossaryTerm.Action.WARN.value, GlossaryTerm.Action.GLOSSARY_ONLY.value, "inactive"]
    return [GlossaryGroup(name, str(labels[name]), groups[name]) for name in order if groups[name]]
