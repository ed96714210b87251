"""`{% text_warnings value %}`: the warnings of the registered text checks (the terminology check) for a
stored text, shown on its detail page as a warning alert (never an error: they never block)."""

from __future__ import annotations

from typing import Any

from django import template

from hub.core import registry

register = template.Library()


@register.inclusion_tag("components/text_warnings.html")
def text_warnings(*texts: str | None) -> dict[str, Any]:
    """`{% text_warnings decision.text %}`: each discouraged term once, with the preferred term."""
    seen: set[str] = set()
    warnings = []
    for text in texts:
        for warning in registry.text_warnings(text or ""):
            if warning.found.lower() not in seen:
                seen.add(warning.found.lower())
                warnings.append(warning)
    return {"warnings": warnings}
