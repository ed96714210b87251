"""What every app's API package shares (nothing here depends on more than hub.core).

- Who is calling, and may they write: the authentication classes (hub.accounts.auth, and the session
  here) put an `ApiCaller` on `request.auth`; the routes ask `caller(request)` or, for a write,
  `writer(request)`.
- `with_attributes`: a model instance seen with the values a selector computed next to it, for a
  response schema that reads both.
- `Pagination`: the page of a list, with a documented largest `page_size` (asking for more is a 422).
- `anonymous_allowed`: marks a write that anonymous callers may make (the schema says so).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from typing import Any

from django.http import HttpRequest
from django.http import HttpResponse
from ninja import Field
from ninja import Schema
from ninja.pagination import PageNumberPagination
from ninja.utils import check_csrf

from hub.core.concurrency import etag
from hub.core.concurrency import parse_if_match
from hub.core.errors import AuthenticationFailed
from hub.core.errors import PermissionDenied
from hub.core.fields import BIG
from hub.core.limits import PAGE_MAX
from hub.core.limits import PAGE_SIZE
from hub.core.limits import PAGE_SIZE_MAX
from hub.core.viewer import ANONYMOUS
from hub.core.viewer import Viewer
from hub.core.viewer import request_viewer

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


@dataclass(frozen=True)
class ApiCaller:
    viewer: Viewer
    can_write: bool
    via: str


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


class WithAttributes:
    """An object seen with some attributes added, for a response schema that reads both: a model
    instance's fields and the values a selector computed next to it (its page, its reminders)."""

    def __init__(self, obj: object, **extra: Any) -> None:
        self._obj = obj
        self.__dict__.update(extra)

    def __getattr__(self, name: str) -> Any:
        if name == "_obj":
            raise AttributeError(name)
        return getattr(self._obj, name)


def with_attributes(obj: object, **extra: Any) -> Any:
    """`obj` with `extra` as further attributes (the extra ones win), for a schema to read."""
    return WithAttributes(obj, **extra)


class Pagination(PageNumberPagination):
    """Pages of a list: `page` from 1, `page_size` up to PAGE_SIZE_MAX. Out of range is a 422, not a
    silently smaller page."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=PAGE_MAX, description="The page, from 1.")
        page_size: int | None = Field(
            None,
            ge=1,
            le=PAGE_SIZE_MAX,
            description=f"Items per page: {PAGE_SIZE} unless asked, at most {PAGE_SIZE_MAX}.",
        )

    def __init__(self, page_size: int = PAGE_SIZE, **kwargs: Any) -> None:
        super().__init__(page_size=page_size, max_page_size=PAGE_SIZE_MAX, **kwargs)


def anonymous_allowed(view: Any) -> Any:
    """Mark a write endpoint that anonymous callers may use (reads all may); the schema lists an empty
    security requirement for it."""
    view.hub_anonymous = True
    return view


def if_match(request: HttpRequest) -> str | None:
    """The version an edit is based on, from its If-Match header (None: absent, the edit is not checked)."""
    return parse_if_match(request.headers.get("If-Match"))


def set_etag(response: HttpResponse, instance: object) -> None:
    """Name the version of the record answered (send it back as If-Match with the next edit)."""
    response["ETag"] = etag(instance)


# Numbers an API body may carry, bounded by what their columns hold (hub.core.fields), so a huge number is a
# 422 naming its field, never an overflow in a query.
RecordId = Annotated[int, Field(ge=1, le=BIG[1], description="A record's id")]
CommitmentNumber = Annotated[int, Field(ge=1, le=9, description="A commitment's number, 1 to 9")]
