"""Writes of the meetings app."""

from hub.meetings.services.actions import IMPORT_COLUMNS
from hub.meetings.services.actions import action_item_create
from hub.meetings.services.actions import action_item_progress
from hub.meetings.services.actions import action_items_import
from hub.meetings.services.actions import reminders_send
from hub.meetings.services.changes import agenda_item_edit
from hub.meetings.services.changes import agenda_item_move
from hub.meetings.services.changes import agenda_item_remove
from hub.meetings.services.changes import decision_edit
from hub.meetings.services.changes import delegate_name
from hub.meetings.services.changes import delegate_remove
from hub.meetings.services.changes import meeting_invite_all
from hub.meetings.services.decisions import decision_adopt
from hub.meetings.services.decisions import objection_record
from hub.meetings.services.decisions import written_procedure_conclude
from hub.meetings.services.decisions import written_procedure_start
from hub.meetings.services.inputs import calendar_feed_create
from hub.meetings.services.inputs import calendar_feed_owner
from hub.meetings.services.inputs import calendar_feed_revoke
from hub.meetings.services.inputs import outside_input_respond
from hub.meetings.services.inputs import outside_input_submit
from hub.meetings.services.meetings import AgendaItemInput
from hub.meetings.services.meetings import MeetingInput
from hub.meetings.services.meetings import agenda_item_add
from hub.meetings.services.meetings import attendance_record
from hub.meetings.services.meetings import meeting_document_add
from hub.meetings.services.meetings import meeting_invite
from hub.meetings.services.meetings import meeting_schedule
from hub.meetings.services.meetings import meeting_update
from hub.meetings.services.meetings import minutes_approve_at_meeting
from hub.meetings.services.meetings import minutes_comment
from hub.meetings.services.meetings import minutes_save

__all__ = [
    "meeting_invite_all",
    "delegate_remove",
    "delegate_name",
    "decision_edit",
    "agenda_item_remove",
    "agenda_item_move",
    "agenda_item_edit",
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
