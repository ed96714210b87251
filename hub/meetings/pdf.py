"""Agenda and minutes as PDF (WeasyPrint): titled, tagged, page numbers and the visibility on every page.

Rendered on request and cached until the meeting (or its agenda) changes.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.translation import get_language

from hub.meetings.selectors import MeetingPage

CACHE_SECONDS = 7 * 24 * 3600


def _key(kind: str, page: MeetingPage) -> str:
    stamps = [page.meeting.updated_at.isoformat()] + [i.updated_at.isoformat() for i in page.agenda]
    stamps += [d.updated_at.isoformat() for d in page.decisions]
    basis = f"{kind}|{get_language()}|{page.meeting.pk}|{'|'.join(stamps)}|{page.show_link}"
    return "hub:meetings:pdf:" + hashlib.sha256(basis.encode()).hexdigest()


def meeting_pdf(kind: str, page: MeetingPage) -> bytes:
    """kind: "agenda" or "minutes"."""
    key = _key(kind, page)
    body = cache.get(key)
    if body is None:
        from weasyprint import HTML

        html = render_to_string(f"meetings/pdf/{kind}.html", {"page": page, "meeting": page.meeting})
        body = HTML(string=html).write_pdf(pdf_tags=True)
        cache.set(key, body, CACHE_SECONDS)
    return bytes(body)
