"""Every error under /api/ is application/problem+json, whoever answered it: Django's 404 for a path no
operation has, ninja's 405 for a method a path does not answer, the size limit's 413, the 500 page.
The API's own errors already are (hub.api.errors); this turns the others into the same shape."""

from __future__ import annotations

import json
from collections.abc import Callable
from http.client import responses

from django.http import HttpRequest
from django.http import HttpResponse

from hub.api.errors import PROBLEM

API_PREFIX = "/api/"
KEPT_HEADERS = ("Allow", "Retry-After", "Content-Language", "Vary")
DETAILS = {
    404: "No API operation at this path.",
    500: "Something went wrong on our side.",
}


def _detail(response: HttpResponse) -> str:
    status = response.status_code
    if status == 405 and response.has_header("Allow"):
        return f"This path answers {response['Allow']}."
    if status in DETAILS:
        return DETAILS[status]
    content_type = response.get("Content-Type", "")
    if not response.streaming and content_type.startswith("text/plain"):
        text = response.content.decode(response.charset or "utf-8", errors="replace").strip()
        if text and len(text) <= 500:
            return text
    return responses.get(status, "Error")


def as_problem(response: HttpResponse) -> HttpResponse:
    """The same answer (status and the headers that matter) as application/problem+json."""
    status = response.status_code
    body = {
        "type": "about:blank",
        "title": responses.get(status, "Error"),
        "status": status,
        "detail": _detail(response),
    }
    problem = HttpResponse(json.dumps(body), status=status, content_type=PROBLEM)
    for header in KEPT_HEADERS:
        if response.has_header(header):
            problem[header] = response[header]
    return problem


class ApiProblemMiddleware:
    """Outermost middleware: sees every answer, those of the other middleware included."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code < 400 or not request.path.startswith(API_PREFIX):
            return response
        if response.get("Content-Type", "").startswith(PROBLEM):
            return response
        return as_problem(response)
