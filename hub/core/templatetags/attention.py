"""Dates in words for the dashboard: "due in 25 days", "overdue by 3 days", "in 12 days"."""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


def _days(day: datetime.date | datetime.datetime) -> int:
    if isinstance(day, datetime.datetime):
        day = timezone.localdate(day)
    return (day - timezone.localdate()).days


@register.filter
def due_words(day: datetime.date | datetime.datetime | None) -> str:
    """How far off a due date is, in words."""
    if day is None:
        return ""
    days = _days(day)
    if days < 0:
        return ngettext("Overdue by %(count)d day", "Overdue by %(count)d days", -days) % {"count": -days}
    if days == 0:
        return _("Due today")
    if days == 1:
        return _("Due tomorrow")
    return ngettext("Due in %(count)d day", "Due in %(count)d days", days) % {"count": days}


@register.filter
def when_words(day: datetime.date | datetime.datetime | None) -> str:
    """How far off a coming event is, in words."""
    if day is None:
        return ""
    days = _days(day)
    if days <= 0:
        return _("today")
    if days == 1:
        return _("tomorrow")
    return ngettext("in %(count)d day", "in %(count)d days", days) % {"count": days}


@register.filter
def is_past(day: datetime.date | datetime.datetime | None) -> bool:
    return day is not None and _days(day) < 0
