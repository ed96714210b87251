"""The meetings API's schemas. Output schemas read the model instances the endpoints return: aliases
name the attribute path, `resolve_*` the computed values."""

import datetime
from typing import Literal

from django.urls import reverse
from ninja import Field
from ninja import Schema

from hub.core.api import CommitmentNumber
from hub.core.api import RecordId
from hub.core.fields import SMALL
from hub.core.limits import FILTER_MAX_LENGTH
from hub.core.models import Visibility
from hub.meetings.models import ActionItem
from hub.meetings.models import Decision
from hub.meetings.models import DecisionRevision
from hub.meetings.models import MeetingDelegate
from hub.meetings.models import MeetingDocument
from hub.meetings.models import MeetingInvitation
from hub.meetings.selectors import action_owner_name


class AgendaItemOut(Schema):
    id: int
    order: int
    title: str
    presenter: str
    starts_at: datetime.datetime | None
    minutes_allotted: int | None
    open_for_input: bool


class DelegateOut(Schema):
    id: int
    member: str = Field(..., alias="invitation.member.slug")
    name: str
    role: str


class DelegateIn(Schema):
    member: str = Field(..., description="The invited member's short name")
    name: str = Field(..., min_length=1, max_length=200)
    email: str = Field("", max_length=254, description="Optional; links the delegate to their account if any")
    role: str = Field("", max_length=200, description="Role in the delegation, such as head of delegation")


class InvitationOut(Schema):
    member: str = Field(..., alias="member.slug")
    attendance: str
    delegates: list[DelegateOut]

    @staticmethod
    def resolve_delegates(i: MeetingInvitation) -> list[MeetingDelegate]:
        return list(i.delegates.all())


class InviteAllOut(Schema):
    invited: int = Field(..., description="How many active members were invited now")


class DecisionOut(Schema):
    id: int
    code: str
    text: str
    status: str
    commitments: list[int]
    is_synthetic: bool

    @staticmethod
    def resolve_commitments(d: Decision) -> list[int]:
        return [c.number for c in d.commitments.all()]


class MeetingOut(Schema):
    id: int
    code: str
    kind: str
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    time_zone: str
    place: str
    status: str
    visibility: str
    minutes_status: str
    is_synthetic: bool


class MeetingDetailOut(MeetingOut):
    online_link: str | None
    agenda: list[AgendaItemOut]
    invitations: list[InvitationOut]
    decisions: list[DecisionOut]
    minutes: str | None


class MeetingIn(Schema):
    kind: str = Field("plenary", description="plenary, working_group or extraordinary")
    title: str = Field(..., min_length=1, max_length=200)
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    time_zone: str = "UTC"
    place: str = ""
    online_link: str = ""
    visibility: Visibility = Visibility.TASKFORCE
    summary: str = ""


class MeetingPatch(Schema):
    """Edit or reschedule (before the meeting is held: invitees are told by e-mail of a new title, kind,
    time or place), change the public summary, or move the status forward. Send the meeting's ETag as
    If-Match: a change over a newer version is 409."""

    title: str | None = Field(None, min_length=1, max_length=200)
    kind: str | None = Field(None, description="plenary, working_group or extraordinary")
    status: str | None = Field(None, description="planned, convened or held")
    place: str | None = Field(None, max_length=200)
    online_link: str | None = None
    summary: str | None = None
    starts_at: datetime.datetime | None = Field(None, description="ISO 8601 with an offset")
    ends_at: datetime.datetime | None = Field(None, description="ISO 8601 with an offset")
    time_zone: str | None = Field(None, max_length=64, description="IANA time zone, such as Europe/Brussels")
    visibility: Visibility | None = None


class AgendaItemPatch(Schema):
    """Change an agenda item before the meeting is held (send its ETag as If-Match)."""

    title: str | None = Field(None, min_length=1, max_length=300)
    presenter: str | None = Field(None, max_length=200)
    starts_at: datetime.datetime | None = None
    minutes_allotted: int | None = Field(None, ge=1, le=SMALL[1])
    open_for_input: bool | None = None


class AgendaMoveIn(Schema):
    direction: Literal["up", "down"]
    from_order: int | None = Field(
        None, ge=1, le=SMALL[1], description="The place you saw; a reorder made since is 409"
    )


class AgendaItemIn(Schema):
    title: str = Field(..., min_length=1, max_length=300)
    presenter: str = ""
    starts_at: datetime.datetime | None = None
    minutes_allotted: int | None = Field(None, ge=1, le=SMALL[1])
    open_for_input: bool = False


class InviteIn(Schema):
    members: list[str] = Field(..., description="Member short names (slugs)")


class AttendanceIn(Schema):
    attendance: dict[str, str] = Field(..., description="member short name: present, apologies or absent")


class MinutesIn(Schema):
    text: str
    circulate: bool = False


class ApproveMinutesIn(Schema):
    at_meeting_id: int


class DecisionIn(Schema):
    text: str
    commitments: list[CommitmentNumber] = Field(
        default_factory=list, max_length=9, description="Commitment numbers, 1 to 9"
    )


class DecisionRevisionOut(Schema):
    text: str = Field(..., description="The text before this change")
    reason: str
    by: str | None
    at: datetime.datetime = Field(..., alias="created_at")

    @staticmethod
    def resolve_by(r: DecisionRevision) -> str | None:
        return str(r.author) if r.author else None


class DecisionDetailOut(DecisionOut):
    meeting_id: int | None
    procedure_id: int | None
    history: list[DecisionRevisionOut] = Field(..., description="Earlier texts, newest first")


class DecisionPatch(Schema):
    text: str = Field(..., min_length=1)
    reason: str = Field(..., min_length=1, max_length=1000, description="Why the text changes (kept in the history)")


class DocumentOut(Schema):
    id: int
    title: str
    agenda_item_id: int | None
    visibility: str
    sha256: str
    content_type: str
    url: str

    @staticmethod
    def resolve_url(d: MeetingDocument) -> str:
        return reverse("meeting_document", args=[d.pk])


class CommentIn(Schema):
    member: str = Field(..., description="The member's short name")
    text: str


class CommentOut(Schema):
    member: str = Field(..., alias="member.slug")
    text: str
    at: datetime.datetime = Field(..., alias="created_at")


class InputIn(Schema):
    organisation: str
    text: str


class InputOut(Schema):
    id: int
    organisation: str
    text: str
    response: str


class ResponseIn(Schema):
    response: str


# --- action items ---------------------------------------------------------------------------


class ActionItemOut(Schema):
    id: int
    title: str
    description: str
    decision: str | None
    meeting: str | None
    owner: str
    due_on: datetime.date
    status: str
    overdue: bool = Field(..., alias="is_overdue")
    is_synthetic: bool

    @staticmethod
    def resolve_decision(i: ActionItem) -> str | None:
        return i.decision.code if i.decision else None

    @staticmethod
    def resolve_meeting(i: ActionItem) -> str | None:
        return i.meeting.code if i.meeting else None

    @staticmethod
    def resolve_owner(i: ActionItem) -> str:
        return action_owner_name(i)


class ActionItemIn(Schema):
    title: str = Field(..., min_length=1, max_length=300)
    description: str = ""
    decision_id: RecordId | None = None
    meeting_id: RecordId | None = None
    owner: str = Field(..., description="A member's short name, or 'secretariat'")
    due_on: datetime.date
    commitments: list[CommitmentNumber] = Field(default_factory=list, max_length=9)


class ProgressIn(Schema):
    status: str = Field(..., description="open, in_progress, done or dropped")
    text: str
    drop_reason: str = ""


class ProgressOut(Schema):
    status: str
    text: str
    at: datetime.datetime = Field(..., alias="created_at")


class ActionQuery(Schema):
    mine: bool = False
    status: str = Field("", max_length=FILTER_MAX_LENGTH)
    owner: str = Field("", max_length=FILTER_MAX_LENGTH)
    overdue: bool = False


# --- written procedures -----------------------------------------------------------------------


class ProcedureOut(Schema):
    id: int
    code: str
    subject: str
    title: str
    proposal: str
    deadline: datetime.datetime
    status: str
    outcome: str = Field(..., alias="outcome_note")
    objections: list[str]


class ProcedureIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    proposal: str = Field(..., min_length=1)
    deadline: datetime.datetime
    subject: str = Field("decision", description="decision or minutes")
    meeting_id: RecordId | None = None
    visibility: Visibility = Visibility.TASKFORCE


class ObjectionIn(Schema):
    member: str
    reason: str
