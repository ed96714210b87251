"""What the members pages do when a step is refused: back to the record, saying why."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest

from hub.core.errors import HubError


def step_failed(request: HttpRequest, exc: HubError) -> None:
    """Show a refused step's error (and each of its problems) on the record page the view redirects to."""
    reasons = [p.message for p in exc.problems if p.message != exc.message]
    messages.error(request, " ".join([exc.message, *reasons]))
