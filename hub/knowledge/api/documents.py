"""Knowledge: documents (API routes; schemas in documents_schemas.py)."""

from ninja import Router

router = Router(tags=[])
