"""Legal frameworks API: checklist."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["Legal frameworks"])
