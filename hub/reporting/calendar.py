"""Reporting deadlines for calendar feeds: the close date of each cycle the viewer may see (registered
with hub.core.registry.calendar_source; the meetings feed reads it without importing reporting)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from hub.core.registry import CalendarEvent
from hub.core.viewer import Viewer
from hub.reporting.models import ReportingCycle
from hub.reporting.selectors import cycle_list

# Cycles whose close date is a deadline someone works to (a draft is not announced; a locked or
# published cycle is over).
WITH_DEADLINE = (ReportingCycle.Status.OPEN, ReportingCycle.Status.CLOSED)


def reporting_deadlines(viewer: Viewer) -> list[CalendarEvent]:
    cycles = cycle_list(viewer=viewer).filter(status__in=WITH_DEADLINE).order_by("closes_on")[:100]
    return [
        CalendarEvent(
            uid=f"reporting-cycle-{cycle.pk}-closes",
            title=_("Reporting deadline: %(cycle)s") % {"cycle": cycle.name},
            day=cycle.closes_on,
            path=reverse("cycle_detail", args=[cycle.pk]),
            description=_("The reporting cycle %(cycle)s closes on this day.") % {"cycle": cycle.name},
        )
        for cycle in cycles
    ]
