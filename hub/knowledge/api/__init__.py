"""The knowledge hub API, one routes module per part (schemas apart, in `<part>_schemas.py`)."""

from hub.knowledge.api.consultations import router as consultations_router
from hub.knowledge.api.documents import router as documents_router
from hub.knowledge.api.practices import router as practices_router
from hub.knowledge.api.search import router as search_router
from hub.knowledge.api.terminology import router as terminology_router

__all__ = ["consultations_router", "documents_router", "practices_router", "search_router", "terminology_router"]
