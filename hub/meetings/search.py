"""Meetings, their minutes, decisions and action items in the one search.

Each entry holds only what every viewer of the record may see: a meeting's title, public summary and
agenda titles (agenda items follow the meeting); its minutes are a kind of their own, seen by whoever
may read them (drafts: the secretariat; circulated or approved: the taskforce, or everyone with a
public meeting), so no draft text ever reaches the meeting's entry."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from hub.core import registry
from hub.core.policies import policy_for
from hub.core.registry import SearchDocument
from hub.core.viewer import Viewer
from hub.meetings.models import ActionItem
from hub.meetings.models import AgendaItem
from hub.meetings.models import Decision
from hub.meetings.models import Meeting
from hub.meetings.policies import MeetingPolicy


def meeting_document(meeting: Meeting) -> SearchDocument:
    return SearchDocument(
        title=meeting.title,
        summary=meeting.summary,
        body="\n".join(item.title for item in meeting.agenda_items.all()),
        language=meeting.language,
        year=meeting.starts_at.year,
    )


def minutes_document(meeting: Meeting) -> SearchDocument | None:
    if meeting.minutes_status == Meeting.MinutesStatus.NONE or not meeting.minutes.strip():
        return None
    return SearchDocument(
        title=meeting.title,
        summary=meeting.minutes,
        language=meeting.language,
        year=meeting.starts_at.year,
    )


def decision_document(decision: Decision) -> SearchDocument:
    source = decision.meeting or decision.procedure
    when = decision.meeting.starts_at if decision.meeting else decision.procedure.deadline  # type: ignore[union-attr]
    return SearchDocument(
        title=decision.code,
        summary=decision.text,
        body=source.title if source is not None else "",
        language=decision.meeting.language if decision.meeting else "en",
        year=when.year,
        commitments=tuple(c.number for c in decision.commitments.all()),
    )


def action_item_document(item: ActionItem) -> SearchDocument:
    meeting = item.meeting or (item.decision.meeting if item.decision else None)
    return SearchDocument(
        title=item.title,
        summary=item.description,
        language=meeting.language if meeting else "en",
        member_id=item.owner_member_id,
        year=item.due_on.year,
        commitments=tuple(c.number for c in item.commitments.all()),
    )


def _minutes_visible(viewer: Viewer) -> Any:
    policy = policy_for(Meeting)
    if not isinstance(policy, MeetingPolicy):  # pragma: no cover - the registry holds MeetingPolicy
        raise TypeError("the meeting policy answers which minutes a viewer may read")
    return policy.minutes_visible(viewer)


def register() -> None:
    registry.search_source(
        "meeting",
        label=_("Meetings"),
        model=Meeting,
        document=meeting_document,
        visible=lambda viewer: policy_for(Meeting).visible(viewer),
        rows=lambda: Meeting.objects.prefetch_related("agenda_items"),
        related=((AgendaItem, "meeting_id"),),
    )
    registry.search_source(
        "minutes",
        label=_("Minutes"),
        model=Meeting,
        document=minutes_document,
        visible=_minutes_visible,
        rows=lambda: Meeting.objects.all(),
    )
    registry.search_source(
        "decision",
        label=_("Decisions"),
        model=Decision,
        document=decision_document,
        visible=lambda viewer: policy_for(Decision).visible(viewer),
        rows=lambda: Decision.objects.select_related("meeting", "procedure").prefetch_related("commitments"),
    )
    registry.search_source(
        "action_item",
        label=_("Action items"),
        model=ActionItem,
        document=action_item_document,
        visible=lambda viewer: policy_for(ActionItem).visible(viewer),
        rows=lambda: ActionItem.objects.select_related("meeting", "decision__meeting").prefetch_related("commitments"),
    )
