"""The commitments' API: the nine commitments (the page of one, with what serves it, is hub.public's)."""

from hub.commitments.api.routes import commitments_router

__all__ = ["commitments_router"]
