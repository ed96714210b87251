"""The Django admin: administrators only, with a second factor. Confidential models are not registered.

Anyone else gets 404 from every admin address, as if there were no admin (administrators sign in
through the normal sign-in with their second factor).
"""

from __future__ import annotations

import functools
from typing import Any

from django.contrib import admin
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse

from hub.core.policies import platform
from hub.core.viewer import request_viewer


class HubAdminSite(admin.AdminSite):
    site_header = "Taskforce Hub administration"
    site_title = "Taskforce Hub administration"

    def has_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and platform.can_administer(request_viewer(request)))

    def admin_view(self, view: Any, cacheable: bool = False) -> Any:
        inner = super().admin_view(view, cacheable)

        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not self.has_permission(request):
                raise Http404()
            return inner(request, *args, **kwargs)

        return wrapper

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        raise Http404()


class AdministratorModelAdmin(admin.ModelAdmin):
    """Model admin for administrators: full rights on what is registered, no deletions."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return platform.can_administer(request_viewer(request))

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return platform.can_administer(request_viewer(request))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return platform.can_administer(request_viewer(request))

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return platform.can_administer(request_viewer(request))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
