"""iCalendar output: a person's feed of the meetings and action-item due dates they may see."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar
from icalendar import Event

from hub.meetings.models import ActionItem
from hub.meetings.models import Meeting

PRODID = "-//Taskforce Hub//Global Taskforce on Child Sexual Abuse Online//EN"


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    return cal


def _meeting_event(meeting: Meeting, *, with_link: bool) -> Event:
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@taskforce-hub")
    event.add("summary", f"{meeting.code} {meeting.title}")
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("dtstamp", meeting.updated_at)
    url = settings.SITE_URL + reverse("meeting_detail", args=[meeting.pk])
    event.add("url", url)
    if meeting.place:
        event.add("location", meeting.place)
    description = [url]
    if with_link and meeting.online_link:
        description.append(meeting.online_link)
    if meeting.is_synthetic:
        description.append("Synthetic demo data.")
    event.add("description", "\n".join(description))
    return event


def _action_event(item: ActionItem) -> Event:
    event = Event()
    event.add("uid", f"action-{item.pk}@taskforce-hub")
    event.add("summary", f"Due: {item.title}")
    event.add("dtstart", item.due_on)
    event.add("dtend", item.due_on + datetime.timedelta(days=1))
    event.add("dtstamp", item.updated_at)
    event.add("url", settings.SITE_URL + reverse("action_item_detail", args=[item.pk]))
    return event


def feed_ics(*, meetings: Iterable[tuple[Meeting, bool]], actions: Iterable[ActionItem]) -> bytes:
    cal = _calendar("Taskforce Hub")
    for meeting, with_link in meetings:
        cal.add_component(_meeting_event(meeting, with_link=with_link))
    for item in actions:
        cal.add_component(_action_event(item))
    return bytes(cal.to_ical())


def meeting_ics(meeting: Meeting, *, with_link: bool) -> bytes:
    cal = _calendar(meeting.title)
    cal.add_component(_meeting_event(meeting, with_link=with_link))
    return bytes(cal.to_ical())
