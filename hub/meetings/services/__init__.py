"""Writes of the meetings app."""

from hub.meetings.services.actions import (
    IMPORT_COLUMNS,
    action_item_create,
    action_item_progress,
    action_items_import,
    reminders_send,
)
from hub.meetings.services.decisions import (
    decision_adopt,
    objection_record,
    written_procedure_conclude,
    written_procedure_start,
)
from hub.meetings.services.inputs import (
    calendar_feed_create,
    calendar_feed_owner,
    calendar_feed_revoke,
    outside_input_respond,
    outside_input_submit,
)
from hub.meetings.services.meetings import (
    AgendaItemInput,
    MeetingInput,
    agenda_item_add,
    attendance_record,
    meeting_document_add,
    meeting_invite,
    meeting_schedule,
    meeting_update,
    minutes_approve_at_meeting,
    minutes_comment,
    minutes_save,
)

__all__ = [
    "AgendaItemInput",
    "MeetingInput",
    "IMPORT_COLUMNS",
    "action_item_create",
    "action_item_progress",
    "action_items_import",
    "agenda_item_add",
    "attendance_record",
    "calendar_feed_create",
    "calendar_feed_owner",
    "calendar_feed_revoke",
    "decision_adopt",
    "meeting_document_add",
    "meeting_invite",
    "meeting_schedule",
    "meeting_update",
    "minutes_approve_at_meeting",
    "minutes_comment",
    "minutes_save",
    "objection_record",
    "outside_input_respond",
    "outside_input_submit",
    "reminders_send",
    "written_procedure_conclude",
    "written_procedure_start",
]
