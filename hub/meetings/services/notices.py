"""What invitees are told when a meeting changes."""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from hub.core.tasks import email_after_commit
from hub.meetings.models import Meeting
from hub.meetings.models import MeetingDelegate
from hub.members.models import Member
from hub.members.models import Role

# The changes invitees are told of by e-mail.
NOTICE_FIELDS = ("title", "kind", "starts_at", "ends_at", "time_zone", "place", "online_link")


def invitee_emails(meeting: Meeting) -> list[str]:
    """The people to tell about a meeting: the invited members' people (while the member is active or
    inactive) and the delegates named with an e-mail address."""
    members = meeting.invitations.values("member_id")
    roles = Role.objects.active().filter(
        member__in=members, member__status__in=[Member.Status.ACTIVE, Member.Status.INACTIVE]
    )
    people = set(roles.values_list("user__email", flat=True))
    delegates = MeetingDelegate.objects.filter(invitation__meeting=meeting).exclude(email="")
    people.update(delegates.values_list("email", flat=True))
    return sorted(p for p in people if p)


def when_in_zone(meeting: Meeting) -> str:
    """The meeting's dates in its own time zone, as an e-mail says them."""
    zone = zoneinfo.ZoneInfo(meeting.time_zone)
    start = meeting.starts_at.astimezone(zone)
    end = meeting.ends_at.astimezone(zone)
    end_text = time_format(end) if end.date() == start.date() else date_format(end, "DATETIME_FORMAT")
    return _("%(start)s to %(end)s, %(zone)s time (%(abbr)s)") % {
        "start": date_format(start, "DATETIME_FORMAT"),
        "end": end_text,
        "zone": meeting.time_zone,
        "abbr": start.strftime("%Z"),
    }


def tell_invitees(meeting: Meeting, changed: list[str]) -> int:
    """E-mail each invitee (one message per address) that the meeting changed. Returns how many."""
    recipients = invitee_emails(meeting)
    names = [str(getattr(Meeting._meta.get_field(name), "verbose_name", name)) for name in changed]
    link = settings.SITE_URL + reverse("meeting_detail", args=[meeting.pk])
    subject = _("Meeting changed: %(title)s") % {"title": meeting.title}
    body = _(
        "The secretariat changed the meeting %(code)s (%(changed)s).\n\n%(title)s\n%(when)s\n%(place)s\n\n"
        "The meeting's page: %(link)s"
    ) % {
        "code": meeting.code,
        "changed": ", ".join(names),
        "title": meeting.title,
        "when": when_in_zone(meeting),
        "place": meeting.place or _("Online"),
        "link": link,
    }
    for address in recipients:
        email_after_commit(to=[address], subject=subject, body=body)
    return len(recipients)
