"""Run a model's own validation and turn its errors into the hub's problems, naming each field."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hub.core.errors import ValidationFailed
from hub.core.errors import problems_from_django


def full_clean(obj: Any, *, row: int | None = None, exclude: list[str] | None = None) -> None:
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        problems = problems_from_django(exc)
        for problem in problems:
            problem.row = row
        raise ValidationFailed(_("The record is not valid."), problems=problems) from exc
