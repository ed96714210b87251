"""Run the field rules (hub.core.fields) and a model's own validation, and turn their errors into the
hub's problems, naming each field."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hub.core.errors import ValidationFailed
from hub.core.errors import problems_from_django
from hub.core.fields import field_problems


def full_clean(obj: Any, *, row: int | None = None, exclude: list[str] | None = None) -> None:
    skipped = set(exclude or [])
    problems = [p for p in field_problems(obj, row=row) if p.field not in skipped]
    named = {p.field for p in problems}
    try:
        obj.full_clean(exclude=[*skipped, *(f for f in named if f)])
    except ValidationError as exc:
        for problem in problems_from_django(exc):
            problem.row = row
            problems.append(problem)
    if problems:
        raise ValidationFailed(_("The record is not valid."), problems=problems)
