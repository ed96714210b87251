"""Knowledge: search (API routes; schemas in search_schemas.py)."""

from ninja import Router

router = Router(tags=[])
