"""Knowledge: practices (API routes; schemas in practices_schemas.py)."""

from ninja import Router

router = Router(tags=[])
