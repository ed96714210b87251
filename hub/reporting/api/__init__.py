"""The reporting API: `schemas` apart from the routes."""

from hub.reporting.api.routes import cycles_router
from hub.reporting.api.routes import questionnaires_router
from hub.reporting.api.routes import reports_router
from hub.reporting.api.routes import showcase_router

__all__ = ["cycles_router", "questionnaires_router", "reports_router", "showcase_router"]
