"""API authentication: a personal token (Bearer), else the browser session, else anonymous.

A token that is present but malformed, unknown, revoked or expired is refused with 401; it never
falls back to anonymous. A read-only token cannot write. Session writes need the CSRF token.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from ninja.security.http import HttpAuthBase
from ninja.utils import check_csrf

from hub.accounts.models import ApiToken
from hub.accounts.services import api_token_authenticate
from hub.core.errors import AuthenticationFailed, PermissionDenied
from hub.core.viewer import ANONYMOUS, Viewer, request_viewer, viewer_for

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


@dataclass(frozen=True)
class ApiCaller:
    viewer: Viewer
    can_write: bool
    via: str


class TokenAuth(HttpAuthBase):
    """Authorization: Bearer tfh_… (personal API token)."""

    openapi_scheme = "bearer"

    def __call__(self, request: HttpRequest) -> ApiCaller | None:
        header = request.headers.get("Authorization")
        if not header:
            return None
        scheme, _, raw = header.partition(" ")
        if scheme.lower() != "bearer" or not raw.strip():
            raise AuthenticationFailed("The Authorization header must be 'Bearer <token>'.")
        token = api_token_authenticate(raw=raw.strip(), remote_addr=request.META.get("REMOTE_ADDR"))
        if token is None:
            raise AuthenticationFailed("The API token is malformed, unknown, revoked or expired.")
        viewer = viewer_for(token.user)
        if not viewer.is_authenticated:
            raise AuthenticationFailed("The token's owner has no second factor; set one up to use the API.")
        request._hub_viewer = viewer  # type: ignore[attr-defined]
        return ApiCaller(viewer=viewer, can_write=token.scope == ApiToken.Scope.READ_WRITE, via="api")


class SessionOrAnonymous:
    """The signed-in browser session (with its second factor), or an anonymous caller."""

    def __call__(self, request: HttpRequest) -> ApiCaller:
        viewer = request_viewer(request)
        if not viewer.is_authenticated:
            return ApiCaller(viewer=ANONYMOUS, can_write=False, via="api")
        if request.method not in SAFE_METHODS and check_csrf(request) is not None:
            raise PermissionDenied("CSRF token missing or wrong: send X-CSRFToken with a session write.")
        return ApiCaller(viewer=viewer, can_write=True, via="api")


def caller(request: HttpRequest) -> ApiCaller:
    auth: Any = getattr(request, "auth", None)
    if not isinstance(auth, ApiCaller):
        raise AuthenticationFailed("Authentication required.")
    return auth


def writer(request: HttpRequest) -> ApiCaller:
    """The caller of a write endpoint; refuses anonymous callers and read-only tokens."""
    c = caller(request)
    if not c.viewer.is_authenticated:
        raise AuthenticationFailed("Sign in or send an API token to write.")
    if not c.can_write:
        raise PermissionDenied("This API token is read-only.")
    return c


AUTH: list[Any] = [TokenAuth(), SessionOrAnonymous()]
