"""The reporting API: `schemas` apart from the routes; the commitments' router in `commitments`."""

from hub.reporting.api.commitments import commitments_router
from hub.reporting.api.routes import cycles_router, questionnaires_router, reports_router, showcase_router

__all__ = ["commitments_router", "cycles_router", "questionnaires_router", "reports_router", "showcase_router"]
