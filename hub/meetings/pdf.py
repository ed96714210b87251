"""Agenda and minutes as PDF (WeasyPrint): titled, tagged, page numbers and the visibility on every page.

The HTML is rendered for the viewer (through the policy layer, like the page); the PDF is cached
under the hash of that HTML, so a cached file is only ever served to someone who would see exactly
the same content, and any change to what is shown makes a new file.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.template.loader import render_to_string

from hub.meetings.selectors import MeetingPage

CACHE_SECONDS = 7 * 24 * 3600


def meeting_pdf(kind: str, page: MeetingPage, *, show_minutes: bool = True) -> bytes:
    """kind: "agenda" or "minutes"."""
    html = render_to_string(
        f"meetings/pdf/{kind}.html", {"page": page, "meeting": page.meeting, "show_minutes": show_minutes}
    )
    key = "hub:meetings:pdf:" + hashlib.sha256(html.encode()).hexdigest()
    body = cache.get(key)
    if body is None:
        from weasyprint import HTML

        body = HTML(string=html).write_pdf(pdf_tags=True)
        cache.set(key, body, CACHE_SECONDS)
    return bytes(body)
