import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, File, Form, Query, Router, Schema, UploadedFile
from ninja.pagination import PageNumberPagination, paginate
from ninja.responses import Status

from hub.commitments.models import Commitment
from hub.commitments.selectors import commitments_by_number
from hub.core.api import caller, writer
from hub.core.errors import NotFound
from hub.core.models import Visibility
from hub.core.policies import policy_for
from hub.core.viewer import ANONYMOUS
from hub.meetings.models import ActionItem, Decision, Meeting, WrittenProcedure
from hub.meetings.selectors import (
    ActionFilters,
    action_item_get,
    action_item_list,
    action_item_updates,
    decision_list,
    meeting_get,
    meeting_list,
    meeting_page,
    procedure_get,
    procedure_list,
    procedure_objections,
)
from hub.meetings.services import (
    action_item_create,
    action_item_progress,
    agenda_item_add,
    attendance_record,
    decision_adopt,
    meeting_document_add,
    meeting_invite,
    meeting_schedule,
    meeting_update,
    minutes_approve_at_meeting,
    minutes_comment,
    minutes_save,
    objection_record,
    outside_input_respond,
    outside_input_submit,
    written_procedure_conclude,
    written_procedure_start,
)
from hub.members.models import Member
from hub.members.selectors import member_get

router = Router(tags=["meetings"])
actions_router = Router(tags=["action items"])
procedures_router = Router(tags=["written procedures"])


class AgendaItemOut(Schema):
    id: int
    order: int
    title: str
    presenter: str
    starts_at: datetime.datetime | None
    minutes_allotted: int | None
    open_for_input: bool


class InvitationOut(Schema):
    member: str
    attendance: str


class DecisionOut(Schema):
    id: int
    code: str
    text: str
    status: str
    commitments: list[int]
    is_synthetic: bool

    @staticmethod
    def of(d: Decision) -> "DecisionOut":
        return DecisionOut(
            id=d.pk,
            code=d.code,
            text=d.text,
            status=d.status,
            commitments=[c.number for c in d.commitments.all()],
            is_synthetic=d.is_synthetic,
        )


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

    @staticmethod
    def of(m: Meeting) -> "MeetingOut":
        return MeetingOut(
            id=m.pk,
            code=m.code,
            kind=m.kind,
            title=m.title,
            starts_at=m.starts_at,
            ends_at=m.ends_at,
            time_zone=m.time_zone,
            place=m.place,
            status=m.status,
            visibility=m.visibility,
            minutes_status=m.minutes_status,
            is_synthetic=m.is_synthetic,
        )


class MeetingDetailOut(MeetingOut):
    online_link: str | None
    agenda: list[AgendaItemOut]
    invitations: list[InvitationOut]
    decisions: list[DecisionOut]
    minutes: str | None


def _detail(request: HttpRequest, meeting: Meeting) -> MeetingDetailOut:
    v = caller(request).viewer
    page = meeting_page(viewer=v, meeting=meeting)
    minutes_visible = policy_for(Meeting).can(v, "view_minutes", meeting)
    return MeetingDetailOut(
        **MeetingOut.of(meeting).dict(),
        online_link=meeting.online_link if page.show_link else None,
        agenda=[
            AgendaItemOut(
                id=i.pk,
                order=i.order,
                title=i.title,
                presenter=i.presenter,
                starts_at=i.starts_at,
                minutes_allotted=i.minutes_allotted,
                open_for_input=i.open_for_input,
            )
            for i in page.agenda
        ],
        invitations=[InvitationOut(member=i.member.slug, attendance=i.attendance) for i in page.invitations],
        decisions=[DecisionOut.of(d) for d in page.decisions],
        minutes=meeting.minutes if minutes_visible else None,
    )


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
    title: str | None = None
    status: str | None = Field(None, description="planned, convened or held")
    place: str | None = None
    online_link: str | None = None
    summary: str | None = None
    starts_at: datetime.datetime | None = None
    ends_at: datetime.datetime | None = None


class AgendaItemIn(Schema):
    title: str = Field(..., min_length=1, max_length=300)
    presenter: str = ""
    starts_at: datetime.datetime | None = None
    minutes_allotted: int | None = Field(None, ge=1)
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
    commitments: list[int] = Field(default_factory=list, description="Commitment numbers, 1 to 9")


def _commitments(numbers: list[int]) -> list[Commitment]:
    return commitments_by_number(viewer=ANONYMOUS, numbers=numbers)


@router.get("", response=list[MeetingOut], summary="Meetings you may see")
@paginate(PageNumberPagination, page_size=50)
def list_meetings(request: HttpRequest, when: str = "") -> list[MeetingOut]:
    return [MeetingOut.of(m) for m in meeting_list(viewer=caller(request).viewer, when=when)]


@router.post("", response={201: MeetingDetailOut}, summary="Schedule a meeting (secretariat)")
def create_meeting(request: HttpRequest, payload: MeetingIn) -> Status[MeetingDetailOut]:
    c = writer(request)
    meeting = meeting_schedule(viewer=c.viewer, values=payload.dict(), via=c.via)
    return Status(201, _detail(request, meeting))


@router.get("/{meeting_id}", response=MeetingDetailOut, summary="One meeting")
def get_meeting(request: HttpRequest, meeting_id: int) -> MeetingDetailOut:
    return _detail(request, meeting_get(viewer=caller(request).viewer, pk=meeting_id))


@router.patch("/{meeting_id}", response=MeetingDetailOut, summary="Change a meeting (secretariat)")
def update_meeting(request: HttpRequest, meeting_id: int, payload: MeetingPatch) -> MeetingDetailOut:
    c = writer(request)
    meeting = meeting_get(viewer=c.viewer, pk=meeting_id)
    values = payload.dict(exclude_unset=True)
    return _detail(request, meeting_update(viewer=c.viewer, meeting=meeting, values=values, via=c.via))


@router.post("/{meeting_id}/agenda-items", response={201: AgendaItemOut}, summary="Add an agenda item")
def add_agenda_item(request: HttpRequest, meeting_id: int, payload: AgendaItemIn) -> Status[AgendaItemOut]:
    c = writer(request)
    meeting = meeting_get(viewer=c.viewer, pk=meeting_id)
    i = agenda_item_add(viewer=c.viewer, meeting=meeting, values=payload.dict(), via=c.via)
    out = AgendaItemOut(
        id=i.pk,
        order=i.order,
        title=i.title,
        presenter=i.presenter,
        starts_at=i.starts_at,
        minutes_allotted=i.minutes_allotted,
        open_for_input=i.open_for_input,
    )
    return Status(201, out)


def _members(v: Any, slugs: list[str]) -> list[Member]:
    return [member_get(viewer=v, slug=s) for s in slugs]


@router.post("/{meeting_id}/invitations", response=MeetingDetailOut, summary="Invite members")
def invite_members(request: HttpRequest, meeting_id: int, payload: InviteIn) -> MeetingDetailOut:
    c = writer(request)
    meeting = meeting_get(viewer=c.viewer, pk=meeting_id)
    meeting_invite(viewer=c.viewer, meeting=meeting, members=_members(c.viewer, payload.members), via=c.via)
    return _detail(request, meeting)


@router.post("/{meeting_id}/attendance", response=MeetingDetailOut, summary="Record attendance")
def record_attendance(request: HttpRequest, meeting_id: int, payload: AttendanceIn) -> MeetingDetailOut:
    c = writer(request)
    meeting = meeting_get(viewer=c.viewer, pk=meeting_id)
    values = {member_get(viewer=c.viewer, slug=s).pk: str(v) for s, v in payload.attendance.items()}
    attendance_record(viewer=c.viewer, meeting=meeting, attendance=values, via=c.via)
    return _detail(request, meeting)


@router.post("/{meeting_id}/minutes", response=MeetingDetailOut, summary="Draft or circulate the minutes")
def save_minutes(request: HttpRequest, meeting_id: int, payload: MinutesIn) -> MeetingDetailOut:
    c = writer(request)
    meeting = meeting_get(viewer=c.viewer, pk=meeting_id)
    minutes_save(viewer=c.viewer, meeting=meeting, text=payload.text, circulate=payload.circulate, via=c.via)
    return _detail(request, meeting)


@router.post("/{meeting_id}/minutes/approve", response=MeetingDetailOut, summary="Approve minutes at a later meeting")
def approve_minutes(request: HttpRequest, meeting_id: int, payload: ApproveMinutesIn) -> MeetingDetailOut:
    c = writer(request)
    meeting = meeting_get(viewer=c.viewer, pk=meeting_id)
    at = meeting_get(viewer=c.viewer, pk=payload.at_meeting_id)
    minutes_approve_at_meeting(viewer=c.viewer, meeting=meeting, at_meeting=at, via=c.via)
    return _detail(request, meeting)


@router.post("/{meeting_id}/decisions", response={201: DecisionOut}, summary="Record a decision of a held meeting")
def add_decision(request: HttpRequest, meeting_id: int, payload: DecisionIn) -> Status[DecisionOut]:
    c = writer(request)
    meeting = meeting_get(viewer=c.viewer, pk=meeting_id)
    d = decision_adopt(
        viewer=c.viewer, meeting=meeting, text=payload.text, commitments=_commitments(payload.commitments), via=c.via
    )
    return Status(201, DecisionOut.of(d))


class DocumentOut(Schema):
    id: int
    title: str
    agenda_item_id: int | None
    visibility: str
    sha256: str
    content_type: str
    url: str


def _document(d: Any) -> DocumentOut:
    from django.urls import reverse

    return DocumentOut(
        id=d.pk,
        title=d.title,
        agenda_item_id=d.agenda_item_id,
        visibility=d.visibility,
        sha256=d.sha256,
        content_type=d.content_type,
        url=reverse("meeting_document", args=[d.pk]),
    )


@router.get("/{meeting_id}/documents", response=list[DocumentOut], summary="Documents of a meeting you may see")
def list_documents(request: HttpRequest, meeting_id: int) -> list[DocumentOut]:
    v = caller(request).viewer
    page = meeting_page(viewer=v, meeting=meeting_get(viewer=v, pk=meeting_id))
    docs = list(page.documents) + [d for item in page.agenda for d in item.documents.all()]
    return [_document(d) for d in docs]


@router.post("/{meeting_id}/documents", response={201: DocumentOut}, summary="Add a document (multipart)")
def add_document(
    request: HttpRequest,
    meeting_id: int,
    title: Form[str],
    file: File[UploadedFile],
    visibility: Form[str] = "taskforce",
    agenda_item_id: Form[int | None] = None,
) -> Status[DocumentOut]:
    c = writer(request)
    meeting = meeting_get(viewer=c.viewer, pk=meeting_id)
    item = None
    if agenda_item_id is not None:
        item = next((i for i in meeting_page(viewer=c.viewer, meeting=meeting).agenda if i.pk == agenda_item_id), None)
        if item is None:
            raise NotFound()
    d = meeting_document_add(
        viewer=c.viewer, meeting=meeting, title=title, upload=file, visibility=visibility, agenda_item=item, via=c.via
    )
    return Status(201, _document(d))


class CommentIn(Schema):
    member: str = Field(..., description="The member's short name")
    text: str


class CommentOut(Schema):
    member: str
    text: str
    at: datetime.datetime


@router.post("/{meeting_id}/minutes/comments", response={201: CommentOut}, summary="Comment on circulated minutes")
def comment_minutes(request: HttpRequest, meeting_id: int, payload: CommentIn) -> Status[CommentOut]:
    c = writer(request)
    meeting = meeting_get(viewer=c.viewer, pk=meeting_id)
    member = member_get(viewer=c.viewer, slug=payload.member)
    comment = minutes_comment(viewer=c.viewer, meeting=meeting, member=member, text=payload.text, via=c.via)
    return Status(201, CommentOut(member=member.slug, text=comment.text, at=comment.created_at))


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


@router.post("/agenda-items/{item_id}/inputs", response={201: InputOut}, summary="Send input on an agenda item")
def send_input(request: HttpRequest, item_id: int, payload: InputIn) -> Status[InputOut]:
    c = writer(request)
    i = outside_input_submit(
        viewer=c.viewer, item_id=item_id, organisation=payload.organisation, text=payload.text, via=c.via
    )
    return Status(201, InputOut(id=i.pk, organisation=i.organisation, text=i.text, response=i.response))


@router.post("/inputs/{input_id}/response", response=InputOut, summary="Respond to input (secretariat)")
def respond_input(request: HttpRequest, input_id: int, payload: ResponseIn) -> InputOut:
    c = writer(request)
    i = outside_input_respond(viewer=c.viewer, input_id=input_id, response=payload.response, via=c.via)
    return InputOut(id=i.pk, organisation=i.organisation, text=i.text, response=i.response)


@router.get("/decisions/all", response=list[DecisionOut], summary="Decisions you may see")
@paginate(PageNumberPagination, page_size=50)
def list_decisions(request: HttpRequest) -> list[DecisionOut]:
    return [DecisionOut.of(d) for d in decision_list(viewer=caller(request).viewer).order_by("-created_at")]


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
    overdue: bool
    is_synthetic: bool

    @staticmethod
    def of(i: ActionItem) -> "ActionItemOut":
        return ActionItemOut(
            id=i.pk,
            title=i.title,
            description=i.description,
            decision=i.decision.code if i.decision else None,
            meeting=i.meeting.code if i.meeting else None,
            owner="secretariat" if i.owner_secretariat else (i.owner_member.slug if i.owner_member else ""),
            due_on=i.due_on,
            status=i.status,
            overdue=i.is_overdue,
            is_synthetic=i.is_synthetic,
        )


class ActionItemIn(Schema):
    title: str = Field(..., min_length=1, max_length=300)
    description: str = ""
    decision_id: int | None = None
    meeting_id: int | None = None
    owner: str = Field(..., description="A member's short name, or 'secretariat'")
    due_on: datetime.date
    commitments: list[int] = Field(default_factory=list)


class ProgressIn(Schema):
    status: str = Field(..., description="open, in_progress, done or dropped")
    text: str
    drop_reason: str = ""


class ProgressOut(Schema):
    status: str
    text: str
    at: datetime.datetime


class ActionQuery(Schema):
    mine: bool = False
    status: str = ""
    owner: str = ""
    overdue: bool = False


@actions_router.get("", response=list[ActionItemOut], summary="Action items you may see, overdue first")
@paginate(PageNumberPagination, page_size=50)
def list_action_items(request: HttpRequest, filters: Query[ActionQuery]) -> list[ActionItemOut]:
    f = ActionFilters(mine=filters.mine, status=filters.status, owner=filters.owner, overdue=filters.overdue)
    return [ActionItemOut.of(i) for i in action_item_list(viewer=caller(request).viewer, filters=f)]


@actions_router.post("", response={201: ActionItemOut}, summary="Create an action item (secretariat)")
def create_action_item(request: HttpRequest, payload: ActionItemIn) -> Status[ActionItemOut]:
    from hub.meetings.selectors import decision_get

    c = writer(request)
    decision = decision_get(viewer=c.viewer, pk=payload.decision_id) if payload.decision_id else None
    meeting = meeting_get(viewer=c.viewer, pk=payload.meeting_id) if payload.meeting_id else None
    owner_member = None if payload.owner == "secretariat" else member_get(viewer=c.viewer, slug=payload.owner)
    values = {
        "title": payload.title,
        "description": payload.description,
        "decision": decision,
        "meeting": meeting,
        "owner_member": owner_member,
        "owner_secretariat": payload.owner == "secretariat",
        "due_on": payload.due_on,
    }
    item = action_item_create(viewer=c.viewer, values=values, commitments=_commitments(payload.commitments), via=c.via)
    return Status(201, ActionItemOut.of(item))


@actions_router.get("/{item_id}", response=ActionItemOut, summary="One action item")
def get_action_item(request: HttpRequest, item_id: int) -> ActionItemOut:
    return ActionItemOut.of(action_item_get(viewer=caller(request).viewer, pk=item_id))


@actions_router.get("/{item_id}/progress", response=list[ProgressOut], summary="Progress updates")
def list_progress(request: HttpRequest, item_id: int) -> list[ProgressOut]:
    v = caller(request).viewer
    item = action_item_get(viewer=v, pk=item_id)
    return [
        ProgressOut(status=u.status, text=u.text, at=u.created_at) for u in action_item_updates(viewer=v, item=item)
    ]


@actions_router.post("/{item_id}/progress", response={201: ProgressOut}, summary="Report progress (owner)")
def add_progress(request: HttpRequest, item_id: int, payload: ProgressIn) -> Status[ProgressOut]:
    c = writer(request)
    u = action_item_progress(
        viewer=c.viewer,
        item_id=item_id,
        text=payload.text,
        status=payload.status,
        drop_reason=payload.drop_reason,
        via=c.via,
    )
    return Status(201, ProgressOut(status=u.status, text=u.text, at=u.created_at))


# --- written procedures -----------------------------------------------------------------------


class ProcedureOut(Schema):
    id: int
    code: str
    subject: str
    title: str
    proposal: str
    deadline: datetime.datetime
    status: str
    outcome: str
    objections: list[str]


class ProcedureIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    proposal: str = Field(..., min_length=1)
    deadline: datetime.datetime
    subject: str = Field("decision", description="decision or minutes")
    meeting_id: int | None = None
    visibility: Visibility = Visibility.TASKFORCE


class ObjectionIn(Schema):
    member: str
    reason: str


def _procedure(request: HttpRequest, p: WrittenProcedure) -> ProcedureOut:
    objections = procedure_objections(viewer=caller(request).viewer, procedure=p)
    return ProcedureOut(
        id=p.pk,
        code=p.code,
        subject=p.subject,
        title=p.title,
        proposal=p.proposal,
        deadline=p.deadline,
        status=p.status,
        outcome=p.outcome_note,
        objections=[o.member.slug for o in objections],
    )


@procedures_router.get("", response=list[ProcedureOut], summary="Written procedures you may see")
def list_procedures(request: HttpRequest) -> list[ProcedureOut]:
    return [_procedure(request, p) for p in procedure_list(viewer=caller(request).viewer)]


@procedures_router.post("", response={201: ProcedureOut}, summary="Start a written procedure (secretariat)")
def start_procedure(request: HttpRequest, payload: ProcedureIn) -> Status[ProcedureOut]:
    c = writer(request)
    meeting = meeting_get(viewer=c.viewer, pk=payload.meeting_id) if payload.meeting_id else None
    p = written_procedure_start(
        viewer=c.viewer,
        title=payload.title,
        proposal=payload.proposal,
        deadline=payload.deadline,
        subject=payload.subject,
        meeting=meeting,
        visibility=payload.visibility,
        via=c.via,
    )
    return Status(201, _procedure(request, p))


@procedures_router.get("/{procedure_id}", response=ProcedureOut, summary="One written procedure")
def get_procedure(request: HttpRequest, procedure_id: int) -> ProcedureOut:
    return _procedure(request, procedure_get(viewer=caller(request).viewer, pk=procedure_id))


@procedures_router.post("/{procedure_id}/objections", response={201: ProcedureOut}, summary="Object (a member)")
def add_objection(request: HttpRequest, procedure_id: int, payload: ObjectionIn) -> Status[ProcedureOut]:
    c = writer(request)
    member = member_get(viewer=c.viewer, slug=payload.member)
    objection_record(viewer=c.viewer, procedure_id=procedure_id, member=member, reason=payload.reason, via=c.via)
    return Status(201, _procedure(request, procedure_get(viewer=c.viewer, pk=procedure_id)))


@procedures_router.post("/{procedure_id}/conclude", response=ProcedureOut, summary="Conclude after the deadline")
def conclude_procedure(request: HttpRequest, procedure_id: int) -> ProcedureOut:
    c = writer(request)
    p = written_procedure_conclude(viewer=c.viewer, procedure_id=procedure_id, via=c.via)
    return _procedure(request, p)
