"""Writes of the members app. Import from here: `from hub.members.services import member_create`."""

from hub.members.services.joining import (
    join_request_answer,
    join_request_approve,
    join_request_ask_more,
    join_request_for_token,
    join_request_link,
    join_request_record_alliance_check,
    join_request_reject,
    join_request_submit,
    join_request_token,
    join_request_verify,
)
from hub.members.services.reference import LAUNCH_DATE, m49_regions, reference_members_load
from hub.members.services.registry import (
    EDITABLE_FIELDS,
    MemberInput,
    alliance_figure_record,
    check_chair_rules,
    member_create,
    member_note_create,
    member_status_change,
    member_update,
    taskforce_role_assign,
    taskforce_role_end,
)

__all__ = [
    "EDITABLE_FIELDS",
    "MemberInput",
    "LAUNCH_DATE",
    "alliance_figure_record",
    "check_chair_rules",
    "join_request_answer",
    "join_request_approve",
    "join_request_ask_more",
    "join_request_for_token",
    "join_request_link",
    "join_request_record_alliance_check",
    "join_request_reject",
    "join_request_submit",
    "join_request_token",
    "join_request_verify",
    "m49_regions",
    "member_create",
    "member_note_create",
    "member_status_change",
    "member_update",
    "reference_members_load",
    "taskforce_role_assign",
    "taskforce_role_end",
]
