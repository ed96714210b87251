"""Legal frameworks API: codings."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["Legal frameworks"])
