"""A signed-in person without a second factor sees public pages and the set-up of a second factor only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect

from hub.core.viewer import session_passed_second_factor

ALLOWED_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/invitations/accept/")


def is_public_view(view_func: Callable[..., Any]) -> bool:
    return bool(getattr(view_func, "hub_public", False))


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.path.startswith(ALLOWED_PREFIXES) or is_public_view(view_func):
            return None
        if request.path.startswith("/api/"):
            return None  # the API authenticates by token and checks the second factor itself
        if session_passed_second_factor(request):
            return None
        if user.has_second_factor():
            # A session opened before the person set up their authenticator: sign in again with it.
            logout(request)
            return redirect_to_login(request.get_full_path())
        return redirect("mfa_activate_totp")
