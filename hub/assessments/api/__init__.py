"""The self-assessment API: one router per part, mounted under /api/v1/assessments by hub/api."""

from hub.assessments.api.aggregates import router as aggregates_router
from hub.assessments.api.assessments import router as assessments_router
from hub.assessments.api.exchange import router as exchange_router
from hub.assessments.api.framework import router as framework_router

__all__ = ["aggregates_router", "assessments_router", "exchange_router", "framework_router"]
