"""One error hierarchy for the whole hub, mapped once to HTTP (views, API, commands).

Each error may carry field or row paths, so a page, the API and a command can all name
exactly what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Problem:
    """One thing wrong with the input: where (a field, or a row and column) and why."""

    message: str
    field: str | None = None
    row: int | None = None

    def location(self) -> str:
        parts = []
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.field:
            parts.append(self.field)
        return ", ".join(parts)

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"message": self.message}
        if self.field is not None:
            out["field"] = self.field
        if self.row is not None:
            out["row"] = self.row
        return out


class HubError(Exception):
    """Base of every expected error. Never a bug: a user can cause it."""

    status = 400
    title = "Bad request"

    def __init__(self, message: str = "", *, problems: list[Problem] | None = None) -> None:
        super().__init__(message or self.title)
        self.message = message or self.title
        self.problems = problems or []


class NotFound(HubError):
    """The record does not exist or the viewer may not see it: the two are never told apart."""

    status = 404
    title = "Not found"


class PermissionDenied(HubError):
    """The viewer may see the record but not do this to it."""

    status = 403
    title = "Forbidden"


class ValidationFailed(HubError):
    """Input is wrong. `problems` names each field or row."""

    status = 422
    title = "Invalid input"


class Conflict(HubError):
    """The request clashes with the current state (a used invitation, a duplicate)."""

    status = 409
    title = "Conflict"


class AuthenticationFailed(HubError):
    status = 401
    title = "Authentication required"


class RateLimited(HubError):
    """Too many requests of one kind from one address: answered 429 with `Retry-After` (seconds)."""

    status = 429
    title = "Too many requests"

    def __init__(self, message: str = "", *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = max(1, int(retry_after))


def require_text(problems: list[Problem], value: str | None, message: str, *, field: str) -> None:
    """Add a problem naming `field` when a required text is blank (or null, as an API body may send it)."""
    if value is None or not value.strip():
        problems.append(Problem(message, field=field))


def raise_problems(problems: list[Problem], message: str) -> None:
    """Refuse the input (422) when any problem was found; `message` says what was not done."""
    if problems:
        raise ValidationFailed(message, problems=problems)


def problems_from_django(exc: object) -> list[Problem]:
    """Turn a django ValidationError into problems naming each field."""
    from django.core.exceptions import ValidationError

    if not isinstance(exc, ValidationError):
        raise TypeError("expected a django ValidationError")
    if hasattr(exc, "error_dict"):
        return [
            Problem(message=str(message), field=None if name == "__all__" else name)
            for name, messages in exc.message_dict.items()
            for message in messages
        ]
    return [Problem(message=str(message)) for message in exc.messages]
