"""The members API: `schemas` apart from the `routes`; who am I in `me`."""

from hub.members.api.me import me_router
from hub.members.api.routes import figures_router
from hub.members.api.routes import join_router
from hub.members.api.routes import router

__all__ = ["figures_router", "join_router", "me_router", "router"]
