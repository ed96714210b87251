"""A synthetic year of meetings, involving fictional demo members only (flagged is_synthetic)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from hub.commitments.models import Commitment
from hub.core.audit import acting_as
from hub.core.viewer import SYSTEM
from hub.meetings.models import ActionItem
from hub.meetings.models import ActionItemUpdate
from hub.meetings.models import Meeting
from hub.meetings.services import AgendaItemInput
from hub.meetings.services import MeetingInput
from hub.meetings.services import action_item_create
from hub.meetings.services import agenda_item_add
from hub.meetings.services import attendance_record
from hub.meetings.services import decision_adopt
from hub.meetings.services import meeting_invite
from hub.meetings.services import meeting_schedule
from hub.meetings.services import meeting_update
from hub.meetings.services import minutes_save
from hub.members.models import Member


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, 0, tzinfo=datetime.UTC)


def seed_meetings() -> int:
    """Four meetings around today: two past plenaries (held, with decisions and action items), a past
    working group, and a planned plenary. Idempotent: skipped when demo meetings exist."""
    if Meeting.objects.filter(is_synthetic=True).exists():
        return 0
    members = list(Member.objects.filter(is_synthetic=True).order_by("name"))
    if not members:
        return 0
    commitments = list(Commitment.objects.order_by("number"))
    today = timezone.localdate()
    plan = [
        ("plenary", "Spring plenary (demo)", today - datetime.timedelta(days=240), True),
        ("working_group", "Working group on legal frameworks (demo)", today - datetime.timedelta(days=150), True),
        ("plenary", "Autumn plenary (demo)", today - datetime.timedelta(days=60), True),
        ("plenary", "Next plenary (demo)", today + datetime.timedelta(days=45), False),
    ]
    count = 0
    with transaction.atomic(), acting_as(None, via="seed_demo"):
        for index, (kind, title, day, held) in enumerate(plan):
            meeting = meeting_schedule(
                viewer=SYSTEM,
                data=MeetingInput(
                    kind=kind,
                    title=title,
                    starts_at=_at(day, 12),
                    ends_at=_at(day, 16),
                    time_zone="Europe/Brussels",
                    place="Online" if kind == "working_group" else "Brussels (demo)",
                    online_link="https://meet.example.invalid/taskforce-demo",
                    visibility="taskforce",
                    summary="Synthetic demo meeting.",
                    is_synthetic=True,
                ),
            )
            for order, (item_title, presenter) in enumerate(
                [
                    ("Opening and adoption of the agenda", "Chair"),
                    ("Progress on the commitments", "Secretariat"),
                    ("Legal frameworks: gaps and safe havens", "Demoland"),
                    ("Any other business", "Chair"),
                ],
                start=1,
            ):
                agenda_item_add(
                    viewer=SYSTEM,
                    meeting=meeting,
                    data=AgendaItemInput(title=item_title, presenter=presenter, order=order, open_for_input=order == 3),
                )
            invited = members if kind == "plenary" else members[:5]
            meeting_invite(viewer=SYSTEM, meeting=meeting, members=invited)
            if held:
                meeting_update(viewer=SYSTEM, meeting=meeting, data=MeetingInput(status="held"))
                attendance_record(
                    viewer=SYSTEM,
                    meeting=meeting,
                    attendance={m.pk: ("present" if (i + index) % 4 else "apologies") for i, m in enumerate(invited)},
                )
                minutes_save(
                    viewer=SYSTEM, meeting=meeting, text="Synthetic minutes of the demo meeting.", circulate=True
                )
                for n in range(2):
                    decision = decision_adopt(
                        viewer=SYSTEM,
                        meeting=meeting,
                        text=f"Demo decision {n + 1} of {meeting.code}: members share their approaches (synthetic).",
                        commitments=commitments[n * 3 : n * 3 + 2],
                    )
                    owner = members[(index + n) % len(members)]
                    item = action_item_create(
                        viewer=SYSTEM,
                        values={
                            "title": f"{owner.name} to share a note on decision {decision.code} (demo)",
                            "decision": decision,
                            "owner_member": owner,
                            "due_on": day + datetime.timedelta(days=90 + 30 * n),
                        },
                        commitments=commitments[:1],
                    )
                    if n == 0:
                        ActionItemUpdate.objects.create(
                            action_item=item,
                            text="Draft circulated internally (synthetic).",
                            status="in_progress",
                            is_synthetic=True,
                        )
                        ActionItem.objects.filter(pk=item.pk).update(status="in_progress")
                action_item_create(
                    viewer=SYSTEM,
                    values={
                        "title": f"Secretariat to circulate the minutes of {meeting.code} (demo)",
                        "meeting": meeting,
                        "owner_secretariat": True,
                        "due_on": day + datetime.timedelta(days=14),
                    },
                )
            count += 1
    return count


def seed_meetings_lines() -> list[str]:
    return [f"Demo meetings: {seed_meetings()} created (synthetic, fictional members only)."]
