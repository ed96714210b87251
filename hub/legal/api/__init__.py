"""The legal frameworks API: one router per part, mounted under /api/v1/legal by hub/api."""

from hub.legal.api.checklist import router as checklist_router
from hub.legal.api.codings import router as codings_router
from hub.legal.api.compare import router as compare_router
from hub.legal.api.io import router as io_router
from hub.legal.api.profiles import router as profiles_router

__all__ = ["checklist_router", "codings_router", "compare_router", "io_router", "profiles_router"]
