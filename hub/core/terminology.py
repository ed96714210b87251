"""The terminology check: text is searched with the `match` patterns of reference/terminology.csv
(Luxembourg Terminology Guidelines and the sources it cites). A discouraged term is pointed out with
the preferred one. It is a warning, never a block. Rows marked `glossary only` are never flagged, and
text in quotation marks (a statute's own title, a quotation) is ignored."""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

# "…", “…”, „…“, «…»: the quotation marks a statute title or a quotation is written in.
QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”|„[^“”\n]*[“”]|«[^»\n]*»')


@dataclass(frozen=True)
class Term:
    id: str
    pattern: re.Pattern[str]
    discouraged: str
    preferred: str
    why: str
    source: str


@dataclass(frozen=True)
class TermWarning:
    found: str
    preferred: str
    why: str
    source: str


@functools.cache
def flagged_terms() -> tuple[Term, ...]:
    path = Path(settings.BASE_DIR) / "reference" / "terminology.csv"
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return tuple(
        Term(
            id=row["id"],
            pattern=re.compile(row["match"], re.IGNORECASE),
            discouraged=row["discouraged"],
            preferred=row["preferred"],
            why=row["why"],
            source=row["source"],
        )
        for row in rows
        if row["action"] == "warn" and row["match"].strip()
    )


def check_text(text: str) -> list[TermWarning]:
    """The discouraged terms in `text` outside quotation marks, each once, in order of appearance."""
    if not text:
        return []
    unquoted = QUOTED.sub(lambda m: " " * len(m.group(0)), text)
    hits: list[tuple[int, TermWarning]] = []
    seen: set[str] = set()
    for term in flagged_terms():
        for match in term.pattern.finditer(unquoted):
            found = match.group(0)
            if found.lower() in seen:
                continue
            seen.add(found.lower())
            hits.append((match.start(), TermWarning(found, term.preferred, term.why, term.source)))
    return [w for _, w in sorted(hits, key=lambda h: h[0])]
