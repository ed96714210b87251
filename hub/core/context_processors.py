from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from hub.core.viewer import request_viewer


def hub(request: HttpRequest) -> dict[str, Any]:
    viewer = request_viewer(request)
    return {"viewer": viewer}
