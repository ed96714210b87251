"""API authentication by personal token (Bearer).

A token that is present but malformed, unknown, revoked or expired is refused with 401; it never
falls back to anonymous. A read-only token cannot write.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security.http import HttpAuthBase

from hub.accounts.models import ApiToken
from hub.accounts.services import api_token_authenticate
from hub.core.api import ApiCaller
from hub.core.errors import AuthenticationFailed
from hub.core.viewer import viewer_for


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
