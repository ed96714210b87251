"""Times on meeting pages: in the meeting's own time zone, named, and in the viewer's.

`{% meeting_when meeting %}` reads, for a meeting in Brussels seen from a browser in UTC,
"1 December 2026, 09:00–17:00 Brussels time (CET) · 08:00–16:00 your time (UTC)". The viewer's zone
is the browser's (static/js/viewer-time.js fills it in); without JavaScript the page says UTC, by name.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django import template
from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()


def zone_label(zone_name: str, moment: datetime.datetime) -> str:
    """A time zone as people say it: "Brussels time (CET)", or "UTC"."""
    if zone_name == "UTC":
        return "UTC"
    city = zone_name.rsplit("/", 1)[-1].replace("_", " ")
    abbreviation = moment.astimezone(zoneinfo.ZoneInfo(zone_name)).strftime("%Z")
    return _("%(city)s time (%(abbreviation)s)") % {"city": city, "abbreviation": abbreviation}


def _span(start: datetime.datetime, end: datetime.datetime | None, zone_name: str, *, with_date: bool) -> str:
    zone = zoneinfo.ZoneInfo(zone_name)
    local_start = start.astimezone(zone)
    text = formats.time_format(local_start, "H:i")
    if with_date:
        text = f"{formats.date_format(local_start, 'DATE_FORMAT')}, {text}"
    if end is not None:
        local_end = end.astimezone(zone)
        end_text = formats.time_format(local_end, "H:i")
        if local_end.date() != local_start.date():
            end_text = f"{formats.date_format(local_end, 'DATE_FORMAT')}, {end_text}"
        text = f"{text}–{end_text}"
    return f"{text} {zone_label(zone_name, start)}"


def _when(start: datetime.datetime, end: datetime.datetime | None, zone_name: str, *, with_date: bool) -> SafeString:
    meeting_time = _span(start, end, zone_name, with_date=with_date)
    local_date = start.astimezone(zoneinfo.ZoneInfo(zone_name)).date().isoformat()
    fallback = "" if zone_name == "UTC" else " · " + _span(start, end, "UTC", with_date=False)
    return format_html(
        '<span class="hub-when">{}<span class="hub-when__viewer" data-hub-viewer-time data-start="{}" data-end="{}"'
        ' data-meeting-zone="{}" data-meeting-date="{}" data-label="{}">{}</span></span>',
        meeting_time,
        start.isoformat(),
        end.isoformat() if end else "",
        zone_name,
        local_date,
        _("your time"),
        fallback,
    )


@register.simple_tag
def meeting_when(meeting: object, *, with_date: bool = True) -> SafeString:
    """When a meeting takes place, in its zone and in the viewer's."""
    return _when(meeting.starts_at, meeting.ends_at, meeting.time_zone, with_date=with_date)  # type: ignore[attr-defined]


@register.simple_tag
def moment_in_zone(moment: datetime.datetime, zone_name: str, *, with_date: bool = False) -> SafeString:
    """One moment of a meeting (an agenda item's start), in the meeting's zone and in the viewer's."""
    return _when(moment, None, zone_name, with_date=with_date)
