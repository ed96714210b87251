"""The field rules every value passes before it is written, whichever way it came in (a page's form,
the API, an import row, a command): the one input boundary.

- text: no control characters but tab, line feed and carriage return (what a word processor pastes:
  NUL, vertical tab, form feed... are refused), and no longer than its column, on SQLite as on PostgreSQL;
- integers: within what the column holds on PostgreSQL (SQLite would take anything);
- decimals: within the column's digits and places (nothing is rounded on the way in);
- dates and datetimes: within a window (`DATE_WINDOW`, or a field's own `hub_window`), and datetimes
  with an offset.

`field_problems(obj)` checks a model instance and names each field; `hub.core.validation.full_clean`
runs it before the model's own validation, and `HubForm` runs the text rule on every text field.
"""

from __future__ import annotations

import datetime
import functools
import re
import zoneinfo
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.core.errors import Problem

# Control characters other than tab, line feed and carriage return; and the two Unicode
# non-characters that break XML (and so XLSX).
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")

# What an integer column holds on PostgreSQL (smallint, integer, bigint).
SMALL = (-32768, 32767)
NORMAL = (-2147483648, 2147483647)
BIG = (-9223372036854775808, 9223372036854775807)
INTEGER_RANGES: list[tuple[type[models.Field[Any, Any]], tuple[int, int]]] = [
    (models.PositiveSmallIntegerField, (0, SMALL[1])),
    (models.SmallIntegerField, SMALL),
    (models.PositiveBigIntegerField, (0, BIG[1])),
    (models.BigIntegerField, BIG),
    (models.PositiveIntegerField, (0, NORMAL[1])),
    (models.IntegerField, NORMAL),
]

# Dates the platform takes unless a field says otherwise (`hub_window = (first, last)` on the field).
DATE_WINDOW = (datetime.date(1900, 1, 1), datetime.date(2100, 12, 31))


ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?: 00:00:00)?")


def strict_date(text: str) -> datetime.date:
    """A date written YYYY-MM-DD (a spreadsheet's midnight " 00:00:00" is allowed), or ValueError:
    `2024-01-01garbage`, `20240101` and week dates are refused."""
    match = ISO_DATE.fullmatch(text.strip())
    if match is None:
        raise ValueError(text)
    return datetime.date(*(int(part) for part in match.groups()))


def validate_time_zone(value: str) -> None:
    """A model validator: a time zone from the IANA list (`Europe/Brussels`, `UTC`)."""
    if value not in available_time_zones():
        raise ValidationError(_("Choose a time zone from the IANA list, such as Europe/Brussels."), code="time_zone")


@functools.cache
def available_time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def text_problem(value: Any) -> str | None:
    """Why a text cannot be stored, or None."""
    if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
        return _("Remove the control characters (such as those pasted from a word processor).")
    return None


def integer_range(field: models.Field[Any, Any]) -> tuple[int, int] | None:
    for kind, bounds in INTEGER_RANGES:
        if isinstance(field, kind):
            return bounds
    return None


def _window(field: models.Field[Any, Any]) -> tuple[datetime.date, datetime.date]:
    return getattr(field, "hub_window", DATE_WINDOW)


def value_problem(field: models.Field[Any, Any], value: Any) -> str | None:
    """Why `value` cannot be stored in `field`, or None. Empty values are the model's business, but for
    a null where the column holds none (Django skips that check on fields that may be blank)."""
    if value is None and not field.null and not field.primary_key:
        return _("This field cannot be empty.")
    if value is None or value == "":
        return None
    if isinstance(field, models.CharField | models.TextField):
        found = text_problem(value)
        if found:
            return found
        if field.max_length and isinstance(value, str) and len(value) > field.max_length:
            return _("At most %(n)s characters.") % {"n": field.max_length}
        return None
    if isinstance(field, models.DecimalField) and isinstance(value, Decimal | int | float):
        number = Decimal(str(value))
        if not number.is_finite():
            return _("Enter a number.")
        digits, places = field.max_digits or 0, field.decimal_places or 0
        exponent = number.as_tuple().exponent
        if isinstance(exponent, int) and -exponent > places:
            return _("At most %(n)s decimal places.") % {"n": places}
        if abs(number) >= Decimal(10) ** (digits - places):
            return _("At most %(n)s digits before the decimal point.") % {"n": digits - places}
        return None
    bounds = integer_range(field)
    if bounds and isinstance(value, int) and not isinstance(value, bool):
        if not bounds[0] <= value <= bounds[1]:
            return _("Enter a whole number from %(low)s to %(high)s.") % {"low": bounds[0], "high": bounds[1]}
        return None
    if isinstance(field, models.DateTimeField) and isinstance(value, datetime.datetime):
        if timezone.is_naive(value):
            return _("Give the time with its offset from UTC.")
        first, last = _window(field)
        if not first <= value.date() <= last:
            return _("Enter a date from %(first)s to %(last)s.") % {"first": first, "last": last}
        return None
    if isinstance(field, models.DateField) and isinstance(value, datetime.date):
        first, last = _window(field)
        if not first <= value <= last:
            return _("Enter a date from %(first)s to %(last)s.") % {"first": first, "last": last}
    return None


def add_field_problems(
    problems: list[Problem], obj: models.Model, *, row: int | None = None, columns: dict[str, str] | None = None
) -> None:
    """Add the field rules' problems of `obj` (a row about to be written) to `problems`, naming each by its
    column (`columns` maps a model field to the column that fills it), unless that field of that row is
    already named."""
    named = {(p.row, p.field) for p in problems}
    for problem in field_problems(obj, row=row):
        problem.field = (columns or {}).get(problem.field or "", problem.field)
        if (problem.row, problem.field) not in named:
            problems.append(problem)


def field_problems(obj: models.Model, *, row: int | None = None, prefix: str = "") -> list[Problem]:
    """Every field of `obj` whose value breaks a rule, each named (`prefix` + the field's name)."""
    problems = []
    for field in obj._meta.concrete_fields:
        if field.auto_created or getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue
        found = value_problem(field, getattr(obj, field.attname, None))
        if found:
            problems.append(Problem(found, field=prefix + field.name, row=row))
    return problems
