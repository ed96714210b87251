"""The meetings API: `schemas` apart from the `routes`."""

from hub.meetings.api.routes import actions_router
from hub.meetings.api.routes import procedures_router
from hub.meetings.api.routes import router

__all__ = ["actions_router", "procedures_router", "router"]
