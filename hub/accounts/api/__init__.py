"""The accounts API: `schemas` apart from the `routes`."""

from hub.accounts.api.routes import router

__all__ = ["router"]
