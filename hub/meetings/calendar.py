"""iCalendar output: a person's feed of the meetings they may see, the action items of their own
member (for the secretariat: the secretariat's), and what other modules add (reporting deadlines,
through hub.core.registry.calendar_source). Every address in it is absolute from settings.SITE_URL."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import cast

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar
from icalendar import Event

from hub.core.policies import policy_for
from hub.core.registry import CalendarEvent
from hub.core.registry import calendar_sources
from hub.core.viewer import Viewer
from hub.meetings.models import ActionItem
from hub.meetings.models import Meeting
from hub.meetings.policies import ActionItemPolicy
from hub.meetings.selectors import action_item_list
from hub.meetings.selectors import meeting_list

PRODID = "-//Taskforce Hub//Global Taskforce on Child Sexual Abuse Online//EN"
FEED_LIMIT = 500


def absolute(path: str) -> str:
    """An address on the site as links outside it (feeds, e-mail) give it: from the one setting."""
    return settings.SITE_URL + path


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
    url = absolute(reverse("meeting_detail", args=[meeting.pk]))
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
    event.add("url", absolute(reverse("action_item_detail", args=[item.pk])))
    return event


def _other_event(entry: CalendarEvent, stamp: datetime.datetime) -> Event:
    event = Event()
    event.add("uid", f"{entry.uid}@taskforce-hub")
    event.add("summary", entry.title)
    event.add("dtstart", entry.day)
    event.add("dtend", entry.day + datetime.timedelta(days=1))
    event.add("dtstamp", stamp)
    url = absolute(entry.path)
    event.add("url", url)
    event.add("description", "\n".join(p for p in (entry.description, url) if p))
    return event


def feed_ics(
    *,
    meetings: Iterable[tuple[Meeting, bool]],
    actions: Iterable[ActionItem],
    others: Iterable[CalendarEvent] = (),
    stamp: datetime.datetime | None = None,
) -> bytes:
    cal = _calendar("Taskforce Hub")
    for meeting, with_link in meetings:
        cal.add_component(_meeting_event(meeting, with_link=with_link))
    for item in actions:
        cal.add_component(_action_event(item))
    when = stamp or datetime.datetime.now(datetime.UTC)
    for entry in others:
        cal.add_component(_other_event(entry, when))
    return bytes(cal.to_ical())


def feed_action_items(viewer: Viewer) -> list[ActionItem]:
    """The open action items of the viewer's own members, and for the secretariat the secretariat's
    own: not every member's item the viewer may see (those are on the action items page)."""
    mine = cast(ActionItemPolicy, policy_for(ActionItem)).mine_q(viewer)
    items = action_item_list(viewer=viewer).filter(mine).exclude(status__in=ActionItem.CLOSED)
    return list(items[:FEED_LIMIT])


def feed_for(viewer: Viewer) -> bytes:
    """A person's feed: the meetings they may see (with the online link where they are invited), their
    own action items, and every registered source's entries for them."""
    policy = policy_for(Meeting)
    meetings = [(m, policy.can(viewer, "view_online_link", m)) for m in meeting_list(viewer=viewer)[:FEED_LIMIT]]
    others = [entry for source in calendar_sources() for entry in source.events(viewer)]
    return feed_ics(meetings=meetings, actions=feed_action_items(viewer), others=others)


def meeting_ics(meeting: Meeting, *, with_link: bool) -> bytes:
    cal = _calendar(meeting.title)
    cal.add_component(_meeting_event(meeting, with_link=with_link))
    return bytes(cal.to_ical())
