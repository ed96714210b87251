"""`{% cite text %}`: a record's source text as its sources' titles and dates (hub.core.reference)."""

from __future__ import annotations

from typing import Any

from django import template

from hub.core.reference import citations

register = template.Library()


@register.inclusion_tag("components/source.html")
def cite(*texts: str) -> dict[str, Any]:
    """One citation component for every source: `{% cite member.source %}`, `{% cite "seed 000" %}`."""
    return {"citations": citations(*texts)}
