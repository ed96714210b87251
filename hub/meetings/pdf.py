"""Agenda and minutes as PDF (hub.core.pdf: tagged, titled, page numbers and visibility on every page)."""

from __future__ import annotations

from hub.core.pdf import render_pdf
from hub.meetings.selectors import MeetingPage


def meeting_pdf(kind: str, page: MeetingPage) -> bytes:
    """kind: "agenda" or "minutes"."""
    meeting = page.meeting
    return render_pdf(
        f"meetings/pdf/{kind}.html",
        {"page": page, "meeting": meeting},
        reference=meeting.code,
        visibility=str(meeting.get_visibility_display()),
        synthetic=meeting.is_synthetic,
    )
