"""Legal frameworks API: compare."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["Legal frameworks"])
