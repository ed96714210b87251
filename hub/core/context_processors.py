from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from hub.core.policies import navigation_for
from hub.core.viewer import request_viewer


def hub(request: HttpRequest) -> dict[str, Any]:
    """The viewer, and what the navigation offers them (`nav.<name>`, asked of the policies)."""
    viewer = request_viewer(request)
    return {"viewer": viewer, "nav": navigation_for(viewer)}
