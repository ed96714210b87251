"""Knowledge: terminology (API routes; schemas in terminology_schemas.py)."""

from ninja import Router

router = Router(tags=[])
