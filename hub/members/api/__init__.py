"""The members API: `schemas` apart from the `routes`."""

from hub.members.api.routes import figures_router, join_router, router

__all__ = ["figures_router", "join_router", "router"]
