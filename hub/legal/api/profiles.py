"""Legal frameworks API: profiles."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["Legal frameworks"])
