"""The API's OpenAPI document tells its error contract.

Every operation lists the errors it can answer, each an application/problem+json `Problem`; its
security lists a personal token and a browser session, and an empty requirement (`{}`) where anonymous
callers are served too: every read (it shows what anyone may see, 404 for the rest) and the writes
marked `anonymous_allowed`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from ninja import Schema
from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation

from hub.api.errors import PROBLEM

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class ProblemItem(Schema):
    """One thing wrong: the field (or the row of an import) and why."""

    message: str
    field: str | None = None
    row: int | None = None


class Problem(Schema):
    """An error, as RFC 9457 problem details."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[ProblemItem] | None = None


ERRORS: dict[int, str] = {
    400: "Bad request: the body could not be read (not JSON, or not the form the operation takes).",
    401: (
        "Authentication required: the token is malformed, unknown, revoked or expired, "
        "or the operation needs a caller who is signed in."
    ),
    403: (
        "Forbidden: the caller may see the record but not do this "
        "(a read-only token, a session write without its X-CSRFToken header)."
    ),
    404: "Not found: the record does not exist or the caller may not see it (the two are not told apart).",
    409: "Conflict: the request clashes with the current state of the record.",
    413: "Too large: the request body is over the size limit.",
    422: "Invalid input: `errors` names each field that is wrong.",
    429: "Too many requests from this address: wait the number of seconds `Retry-After` says.",
}
WRITE_ONLY_ERRORS = {409}
RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before trying again.",
        "schema": {"type": "integer", "minimum": 1},
    }
}
TOKEN = "TokenAuth"  # noqa: S105 - the name of a security scheme
SESSION = "SessionAuth"
SECURITY_SCHEMES = {
    TOKEN: {
        "type": "http",
        "scheme": "bearer",
        "description": "A personal API token (`tfh_…`), created on your profile page.",
    },
    SESSION: {
        "type": "apiKey",
        "in": "cookie",
        "name": settings.SESSION_COOKIE_NAME,
        "description": "A signed-in browser session that passed its second factor; writes send X-CSRFToken.",
    },
}


def anonymous_allowed(operation: Operation) -> bool:
    return set(operation.methods) <= SAFE_METHODS or bool(getattr(operation.view_func, "hub_anonymous", False))


# Each error once, under components/responses; operations refer to it by name.
RESPONSE_NAMES = {
    400: "BadRequest",
    401: "Unauthorized",
    403: "Forbidden",
    404: "NotFound",
    409: "Conflict",
    413: "ContentTooLarge",
    422: "InvalidInput",
    429: "TooManyRequests",
}


def response_components() -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for status, description in ERRORS.items():
        response: dict[str, Any] = {
            "description": description,
            "content": {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        if status == 429:
            response["headers"] = RETRY_AFTER
        out[RESPONSE_NAMES[status]] = response
    return out


def error_responses(operation: Operation) -> dict[int, dict[str, Any]]:
    """The errors `operation` can answer; a conflict only where it writes."""
    writes = not set(operation.methods) <= SAFE_METHODS
    return {
        status: {"$ref": f"#/components/responses/{RESPONSE_NAMES[status]}"}
        for status in ERRORS
        if writes or status not in WRITE_ONLY_ERRORS
    }


class HubOpenAPISchema(OpenAPISchema):
    def responses(self, operation: Operation) -> dict[int, dict[str, Any]]:
        result = super().responses(operation)
        for status, response in error_responses(operation).items():
            result.setdefault(status, response)
        return result

    def operation_security(self, operation: Operation) -> list[dict[str, Any]] | None:
        if not operation.auth_callbacks:
            return None
        self.securitySchemes.update(SECURITY_SCHEMES)
        security: list[dict[str, Any]] = [{TOKEN: []}, {SESSION: []}]
        if anonymous_allowed(operation):
            security.append({})
        return security

    def get_components(self) -> dict[str, Any]:
        schema = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
        self.schemas.update(schema.pop("$defs", {}))
        self.schemas["Problem"] = schema
        components = super().get_components()
        components["responses"] = response_components()
        return components
