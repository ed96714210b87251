"""Knowledge: consultations (API routes; schemas in consultations_schemas.py)."""

from ninja import Router

router = Router(tags=[])
