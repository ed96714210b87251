"""Writes of the members app. Import from here: `from hub.members.services import member_create`."""

from hub.members.services.joining import join_request_answer
from hub.members.services.joining import join_request_approve
from hub.members.services.joining import join_request_ask_more
from hub.members.services.joining import join_request_for_token
from hub.members.services.joining import join_request_link
from hub.members.services.joining import join_request_record_alliance_check
from hub.members.services.joining import join_request_reject
from hub.members.services.joining import join_request_submit
from hub.members.services.joining import join_request_token
from hub.members.services.joining import join_request_verify
from hub.members.services.people import invitation_accept
from hub.members.services.people import invitation_create
from hub.members.services.people import invitation_for_token
from hub.members.services.people import invitation_revoke
from hub.members.services.people import role_end
from hub.members.services.people import role_grant
from hub.members.services.reference import LAUNCH_DATE
from hub.members.services.reference import m49_regions
from hub.members.services.reference import reference_members_load
from hub.members.services.registry import EDITABLE_FIELDS
from hub.members.services.registry import MemberInput
from hub.members.services.registry import alliance_figure_record
from hub.members.services.registry import check_chair_rules
from hub.members.services.registry import member_create
from hub.members.services.registry import member_note_create
from hub.members.services.registry import member_status_change
from hub.members.services.registry import member_update
from hub.members.services.registry import taskforce_role_assign
from hub.members.services.registry import taskforce_role_end

__all__ = [
    "EDITABLE_FIELDS",
    "MemberInput",
    "LAUNCH_DATE",
    "alliance_figure_record",
    "check_chair_rules",
    "invitation_accept",
    "invitation_create",
    "invitation_for_token",
    "invitation_revoke",
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
    "role_end",
    "role_grant",
    "taskforce_role_assign",
    "taskforce_role_end",
]
