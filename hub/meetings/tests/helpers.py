"""Meetings for tests, built through the services (the meetings tests, the leak crawl and the query
counts share them)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from hub.core.viewer import SYSTEM
from hub.meetings.models import AgendaItem
from hub.meetings.models import Meeting
from hub.meetings.models import MeetingDocument
from hub.meetings.models import WrittenProcedure
from hub.meetings.services import MeetingInput
from hub.meetings.services import meeting_document_add
from hub.meetings.services import meeting_invite
from hub.meetings.services import meeting_schedule
from hub.meetings.services import meeting_update
from hub.meetings.services import minutes_save
from hub.meetings.services import written_procedure_start
from hub.members.models import Member

NOW = timezone.now()
H = datetime.timedelta(hours=1)
D = datetime.timedelta(days=1)
ONLINE_LINK = "https://meet.example.org/secret-room"


def schedule(
    title: str = "Plenary",
    *,
    start: datetime.datetime | None = None,
    hours: int = 3,
    visibility: str = "taskforce",
    kind: str = "plenary",
    online_link: str = ONLINE_LINK,
    members: Iterable[Member] = (),
) -> Meeting:
    """A meeting two days ago unless told otherwise, with the members invited."""
    start = start or NOW - 2 * D
    meeting = meeting_schedule(
        viewer=SYSTEM,
        data=MeetingInput(
            kind=kind,
            title=title,
            starts_at=start,
            ends_at=start + hours * H,
            visibility=visibility,
            online_link=online_link,
        ),
    )
    if members:
        meeting_invite(viewer=SYSTEM, meeting=meeting, members=list(members))
    return meeting


def held(title: str = "Plenary", **kw: Any) -> Meeting:
    meeting = schedule(title, **kw)
    return meeting_update(viewer=SYSTEM, meeting=meeting, data=MeetingInput(status="held"))


def paper(
    meeting: Meeting,
    title: str,
    *,
    visibility: str = "taskforce",
    content: bytes = b"%PDF-1.4",
    agenda_item: AgendaItem | None = None,
) -> MeetingDocument:
    """A meeting document uploaded by the secretariat."""
    return meeting_document_add(
        viewer=SYSTEM,
        meeting=meeting,
        title=title,
        upload=SimpleUploadedFile("paper.pdf", content),
        visibility=visibility,
        agenda_item=agenda_item,
    )


def minutes_procedure(meeting: Meeting, *, text: str = "Minutes") -> WrittenProcedure:
    """Minutes circulated and put to a written procedure that ends tomorrow."""
    minutes_save(viewer=SYSTEM, meeting=meeting, text=text, circulate=True)
    return written_procedure_start(
        viewer=SYSTEM, title="Minutes", proposal="Approve", deadline=NOW + D, subject="minutes", meeting=meeting
    )


def past_deadline(procedure: WrittenProcedure) -> None:
    WrittenProcedure.objects.filter(pk=procedure.pk).update(deadline=NOW - H)
