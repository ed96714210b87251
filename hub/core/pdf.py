"""PDFs (WeasyPrint): titled, tagged, page numbers and the visibility on every page, the synthetic-data
banner where it applies (templates/pdf/base.html).

The HTML is rendered for the viewer (through the policy layer, like the page); the PDF is cached
under the hash of that HTML, so a cached file is only ever served to someone who would see exactly
the same content, and any change to what is shown makes a new file.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.cache import cache
from django.template.loader import render_to_string

CACHE_SECONDS = 7 * 24 * 3600


def render_pdf(template: str, context: dict[str, Any], *, reference: str, visibility: str, synthetic: bool) -> bytes:
    html = render_to_string(
        template, {**context, "pdf_reference": reference, "pdf_visibility": visibility, "pdf_synthetic": synthetic}
    )
    key = "hub:pdf:" + hashlib.sha256(html.encode()).hexdigest()
    body = cache.get(key)
    if body is None:
        from weasyprint import HTML

        body = HTML(string=html).write_pdf(pdf_tags=True)
        cache.set(key, body, CACHE_SECONDS)
    return bytes(body)
