"""Errors as application/problem+json (RFC 9457), naming the field where there is one."""

from __future__ import annotations

import logging
from typing import Any

from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from hub.core.errors import HubError
from hub.core.errors import RateLimited

PROBLEM = "application/problem+json"
logger = logging.getLogger("hub.api")


def problem(
    api: NinjaAPI,
    request: HttpRequest,
    *,
    status: int,
    title: str,
    detail: str,
    errors: list[dict[str, Any]] | None = None,
) -> HttpResponse:
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    if errors:
        body["errors"] = errors
    response = api.create_response(request, body, status=status)
    response["Content-Type"] = PROBLEM
    return response


def _loc_to_field(loc: list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload", "header", "cookie")]
    return ".".join(parts) or "body"


def install(api: NinjaAPI) -> None:
    @api.exception_handler(HubError)
    def hub_error(request: HttpRequest, exc: HubError) -> HttpResponse:
        errors = [p.as_dict() for p in exc.problems]
        response = problem(api, request, status=exc.status, title=exc.title, detail=exc.message, errors=errors)
        if isinstance(exc, RateLimited):
            response["Retry-After"] = str(exc.retry_after)
        return response

    @api.exception_handler(NinjaValidationError)
    def validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        errors = [{"field": _loc_to_field(list(e.get("loc", []))), "message": e.get("msg", "")} for e in exc.errors]
        return problem(
            api, request, status=422, title="Invalid input", detail="The request has invalid fields.", errors=errors
        )

    @api.exception_handler(AuthenticationError)
    def auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return problem(api, request, status=401, title="Authentication required", detail="Send a valid API token.")

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return problem(api, request, status=404, title="Not found", detail="Not found")

    @api.exception_handler(MultiPartParserError)
    def malformed_body(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
        """A multipart body that cannot be read (no boundary, cut short): the caller's mistake."""
        return problem(api, request, status=400, title="Bad request", detail="The multipart body cannot be read.")

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API error on %s", request.path, exc_info=exc)
        return problem(api, request, status=500, title="Server error", detail="Something went wrong on our side.")

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return problem(api, request, status=exc.status_code, title="Error", detail=str(exc))
