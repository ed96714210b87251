"""A word-level difference between two texts, for reviewers comparing answers across cycles."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Segment:
    op: str  # "same", "removed" or "added"
    text: str


def word_diff(before: str, after: str) -> list[Segment]:
    """Segments that, read in order, show `before` turned into `after`."""
    a, b = TOKENS.findall(before or ""), TOKENS.findall(after or "")
    out: list[Segment] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(Segment("same", "".join(a[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            out.append(Segment("removed", "".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            out.append(Segment("added", "".join(b[j1:j2])))
    return out
