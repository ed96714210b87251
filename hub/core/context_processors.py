from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from hub.core.policies import navigation_for
from hub.core.selectors import notifications_unread_count
from hub.core.viewer import request_viewer


def hub(request: HttpRequest) -> dict[str, Any]:
    """The viewer, what the navigation offers them (`nav.<name>`, asked of the policies), and how many
    of their notifications are unread (`notifications_unread`: one indexed count for a signed-in
    viewer, none for anyone else)."""
    viewer = request_viewer(request)
    unread = getattr(request, "_hub_notifications_unread", None)
    if unread is None:  # once per request, however many templates it renders
        unread = notifications_unread_count(viewer=viewer)
        request._hub_notifications_unread = unread  # type: ignore[attr-defined]
    return {"viewer": viewer, "nav": navigation_for(viewer), "notifications_unread": unread}
