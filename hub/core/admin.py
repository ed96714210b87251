"""The Django admin: administrators only, with a second factor. Confidential models are not registered."""

from __future__ import annotations

from django.contrib.admin import AdminSite
from django.http import HttpRequest

from hub.core.viewer import request_viewer


def restrict_admin_site(site: AdminSite) -> None:
    def has_permission(request: HttpRequest) -> bool:
        return bool(request.user.is_active and request_viewer(request).is_administrator)

    site.has_permission = has_permission  # type: ignore[method-assign]
    site.site_header = "Taskforce Hub administration"
    site.login_template = None
