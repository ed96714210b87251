"""The meetings API's routes: meetings, their agenda, documents, minutes and decisions; action items;
written procedures. Every read goes through the selectors, every write through the services."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.http import HttpResponse
from ninja import File
from ninja import Form
from ninja import Query
from ninja import Router
from ninja import UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from hub.commitments.models import Commitment
from hub.commitments.selectors import commitments_by_number
from hub.core.api import Pagination
from hub.core.api import caller
from hub.core.api import if_match
from hub.core.api import set_etag
from hub.core.api import with_attributes
from hub.core.api import writer
from hub.core.errors import NotFound
from hub.core.limits import FILTER_MAX_LENGTH
from hub.core.policies import policy_for
from hub.core.viewer import ANONYMOUS
from hub.core.viewer import Viewer
from hub.meetings.api.schemas import ActionItemIn
from hub.meetings.api.schemas import ActionItemOut
from hub.meetings.api.schemas import ActionQuery
from hub.meetings.api.schemas import AgendaItemIn
from hub.meetings.api.schemas import AgendaItemOut
from hub.meetings.api.schemas import AgendaItemPatch
from hub.meetings.api.schemas import AgendaMoveIn
from hub.meetings.api.schemas import ApproveMinutesIn
from hub.meetings.api.schemas import AttendanceIn
from hub.meetings.api.schemas import CommentIn
from hub.meetings.api.schemas import CommentOut
from hub.meetings.api.schemas import DecisionDetailOut
from hub.meetings.api.schemas import DecisionIn
from hub.meetings.api.schemas import DecisionOut
from hub.meetings.api.schemas import DecisionPatch
from hub.meetings.api.schemas import DelegateIn
from hub.meetings.api.schemas import DelegateOut
from hub.meetings.api.schemas import DocumentOut
from hub.meetings.api.schemas import InputIn
from hub.meetings.api.schemas import InputOut
from hub.meetings.api.schemas import InviteAllOut
from hub.meetings.api.schemas import InviteIn
from hub.meetings.api.schemas import MeetingDetailOut
from hub.meetings.api.schemas import MeetingIn
from hub.meetings.api.schemas import MeetingOut
from hub.meetings.api.schemas import MeetingPatch
from hub.meetings.api.schemas import MinutesIn
from hub.meetings.api.schemas import ObjectionIn
from hub.meetings.api.schemas import ProcedureIn
from hub.meetings.api.schemas import ProcedureOut
from hub.meetings.api.schemas import ProgressIn
from hub.meetings.api.schemas import ProgressOut
from hub.meetings.api.schemas import ResponseIn
from hub.meetings.models import ActionItem
from hub.meetings.models import ActionItemUpdate
from hub.meetings.models import AgendaItem
from hub.meetings.models import Decision
from hub.meetings.models import Meeting
from hub.meetings.models import MeetingDelegate
from hub.meetings.models import MeetingDocument
from hub.meetings.models import MinutesComment
from hub.meetings.models import OutsideInput
from hub.meetings.models import WrittenProcedure
from hub.meetings.selectors import ActionFilters
from hub.meetings.selectors import action_item_get
from hub.meetings.selectors import action_item_list
from hub.meetings.selectors import action_item_updates
from hub.meetings.selectors import action_owner_get
from hub.meetings.selectors import decision_get
from hub.meetings.selectors import decision_list
from hub.meetings.selectors import decision_page
from hub.meetings.selectors import meeting_get
from hub.meetings.selectors import meeting_list
from hub.meetings.selectors import meeting_page
from hub.meetings.selectors import procedure_get
from hub.meetings.selectors import procedure_list
from hub.meetings.selectors import procedure_objections
from hub.meetings.services import AgendaItemInput
from hub.meetings.services import MeetingInput
from hub.meetings.services import action_item_create
from hub.meetings.services import action_item_progress
from hub.meetings.services import agenda_item_add
from hub.meetings.services import agenda_item_edit
from hub.meetings.services import agenda_item_move
from hub.meetings.services import agenda_item_remove
from hub.meetings.services import attendance_record
from hub.meetings.services import decision_adopt
from hub.meetings.services import decision_edit
from hub.meetings.services import delegate_name
from hub.meetings.services import delegate_remove
from hub.meetings.services import meeting_document_add
from hub.meetings.services import meeting_invite
from hub.meetings.services import meeting_invite_all
from hub.meetings.services import meeting_schedule
from hub.meetings.services import meeting_update
from hub.meetings.services import minutes_approve_at_meeting
from hub.meetings.services import minutes_comment
from hub.meetings.services import minutes_save
from hub.meetings.services import objection_record
from hub.meetings.services import outside_input_respond
from hub.meetings.services import outside_input_submit
from hub.meetings.services import written_procedure_conclude
from hub.meetings.services import written_procedure_start
from hub.members.models import Member
from hub.members.selectors import member_get

router = Router(tags=["meetings"])
actions_router = Router(tags=["action items"])
procedures_router = Router(tags=["written procedures"])


def _detail(request: HttpRequest, meeting: Meeting) -> object:
    """The meeting with what its page shows the caller: the link, agenda, invitations, decisions, minutes."""
    v = caller(request).viewer
    page = meeting_page(viewer=v, meeting=meeting)
    minutes_visible = policy_for(Meeting).can(v, "view_minutes", meeting)
    return with_attributes(
        meeting,
        online_link=meeting.online_link if page.show_link else None,
        agenda=page.agenda,
        invitations=page.invitations,
        decisions=page.decisions,
        minutes=meeting.minutes if minutes_visible else None,
    )


def _commitments(numbers: list[int]) -> list[Commitment]:
    return commitments_by_number(viewer=ANONYMOUS, numbers=numbers)


def _members(v: Viewer, slugs: list[str]) -> list[Member]:
    return [member_get(viewer=v, slug=s) for s in slugs]


@router.get("", response=list[MeetingOut], summary="Meetings you may see")
@paginate(Pagination)
def list_meetings(request: HttpRequest, when: str = Query("", max_length=FILTER_MAX_LENGTH)) -> QuerySet[Meeting]:
    return meeting_list(viewer=caller(request).viewer, when=when)


@router.post("", response={201: MeetingDetailOut}, summary="Schedule a meeting (secretariat)")
def create_meeting(request: HttpRequest, payload: MeetingIn) -> Status[Any]:
    c = writer(request)
    meeting = meeting_schedule(viewer=c.viewer, data=MeetingInput(**payload.dict()), via=c.via)
    return Status(201, _detail(request, meeting))


@router.get("/{meeting_id}", response=MeetingDetailOut, summary="One meeting")
def get_meeting(request: HttpRequest, response: HttpResponse, meeting_id: int) -> object:
    meeting = meeting_get(viewer=caller(request).viewer, pk=meeting_id)
    set_etag(response, meeting)
    return _detail(request, meeting)


@router.patch("/{meeting_id}", response=MeetingDetailOut, summary="Change a meeting (secretariat)")
def update_meeting(request: HttpRequest, response: HttpResponse, meeting_id: int, payload: MeetingPatch) -> object:
    c = writer(request)
    meeting = meeting_get(viewer=c.viewer, pk=meeting_id)
    data = MeetingInput(**payload.dict(exclude_unset=True))
    meeting = meeting_update(viewer=c.viewer, meeting=meeting, data=data, version=if_match(request), via=c.via)
    set_etag(response, meeting)
    return _detail(request, meeting)


@router.post("/{meeting_id}/agenda-items", response={201: AgendaItemOut}, summary="Add an agenda item")
def add_agenda_item(request: HttpRequest, meeting_id: int, payload: AgendaItemIn) -> Status[AgendaItem]:
    c = writer(request)
    meeting = meeting_get(viewer=c.viewer, pk=meeting_id)
    return Status(
        201, agenda_item_add(viewer=c.viewer, meeting=meeting, data=AgendaItemInput(**payload.dict()), via=c.via)
    )


@router.post("/{meeting_id}/invitations", response=MeetingDetailOut, summary="Invite members")
def invite_members(request: HttpRequest, meeting_id: int, payload: InviteIn) -> object:
    c = writer(request)
    meeting = meeting_get(viewer=c.viewer, pk=meeting_id)
    meeting_invite(viewer=c.viewer, meeting=meeting, members=_members(c.viewer, payload.members), via=c.via)
    return _detail(request, meeting)


@router.post("/{meeting_id}/invitations/all", response=InviteAllOut, summary="Invite all active members")
def invite_all_members(request: HttpRequest, meeting_id: int) -> dict[str, int]:
    c = writer(request)
    meeting = meeting_get(viewer=c.viewer, pk=meeting_id)
    return {"invited": meeting_invite_all(viewer=c.viewer, meeting=meeting, via=c.via)}


@router.get("/{meeting_id}/delegates", response=list[DelegateOut], summary="Delegates named for a meeting")
def list_delegates(request: HttpRequest, meeting_id: int) -> list[MeetingDelegate]:
    v = caller(request).viewer
    page = meeting_page(viewer=v, meeting=meeting_get(viewer=v, pk=meeting_id))
    return [d for i in page.invitations for d in i.delegates.all()]


@router.post("/{meeting_id}/delegates", response={201: DelegateOut}, summary="Name a delegate for an invited member")
def add_delegate(request: HttpRequest, meeting_id: int, payload: DelegateIn) -> Status[MeetingDelegate]:
    c = writer(request)
    page = meeting_page(viewer=c.viewer, meeting=meeting_get(viewer=c.viewer, pk=meeting_id))
    invitation = next((i for i in page.invitations if i.member.slug == payload.member), None)
    if invitation is None:
        raise NotFound()
    delegate = delegate_name(
        viewer=c.viewer,
        invitation_id=invitation.pk,
        name=payload.name,
        email=payload.email,
        role=payload.role,
        via=c.via,
    )
    return Status(201, delegate)


@router.delete("/delegates/{delegate_id}", response={204: None}, summary="Remove a delegate")
def remove_delegate(request: HttpRequest, delegate_id: int) -> Status[None]:
    c = writer(request)
    delegate_remove(viewer=c.viewer, delegate_id=delegate_id, via=c.via)
    return Status(204, None)


@router.post("/{meeting_id}/attendance", response=MeetingDetailOut, summary="Record attendance")
def record_attendance(request: HttpRequest, meeting_id: int, payload: AttendanceIn) -> object:
    c = writer(request)
    meeting = meeting_get(viewer=c.viewer, pk=meeting_id)
    values = {member_get(viewer=c.viewer, slug=s).pk: str(v) for s, v in payload.attendance.items()}
    attendance_record(viewer=c.viewer, meeting=meeting, attendance=values, via=c.via)
    return _detail(request, meeting)


@router.post("/{meeting_id}/minutes", response=MeetingDetailOut, summary="Draft or circulate the minutes")
def save_minutes(request: HttpRequest, meeting_id: int, payload: MinutesIn) -> object:
    c = writer(request)
    meeting = meeting_get(viewer=c.viewer, pk=meeting_id)
    minutes_save(viewer=c.viewer, meeting=meeting, text=payload.text, circulate=payload.circulate, via=c.via)
    return _detail(request, meeting)


@router.post("/{meeting_id}/minutes/approve", response=MeetingDetailOut, summary="Approve minutes at a later meeting")
def approve_minutes(request: HttpRequest, meeting_id: int, payload: ApproveMinutesIn) -> object:
    c = writer(request)
    meeting = meeting_get(viewer=c.viewer, pk=meeting_id)
    at = meeting_get(viewer=c.viewer, pk=payload.at_meeting_id)
    minutes_approve_at_meeting(viewer=c.viewer, meeting=meeting, at_meeting=at, via=c.via)
    return _detail(request, meeting)


@router.post("/{meeting_id}/decisions", response={201: DecisionOut}, summary="Record a decision of a held meeting")
def add_decision(request: HttpRequest, meeting_id: int, payload: DecisionIn) -> Status[Decision]:
    c = writer(request)
    meeting = meeting_get(viewer=c.viewer, pk=meeting_id)
    d = decision_adopt(
        viewer=c.viewer, meeting=meeting, text=payload.text, commitments=_commitments(payload.commitments), via=c.via
    )
    return Status(201, d)


@router.patch("/agenda-items/{item_id}", response=AgendaItemOut, summary="Change an agenda item")
def update_agenda_item(request: HttpRequest, response: HttpResponse, item_id: int, payload: AgendaItemPatch) -> object:
    c = writer(request)
    data = AgendaItemInput(**payload.dict(exclude_unset=True))
    item = agenda_item_edit(viewer=c.viewer, item_id=item_id, data=data, version=if_match(request), via=c.via)
    set_etag(response, item)
    return item


@router.post("/agenda-items/{item_id}/move", response=list[AgendaItemOut], summary="Move an agenda item up or down")
def move_agenda_item(request: HttpRequest, item_id: int, payload: AgendaMoveIn) -> list[AgendaItem]:
    c = writer(request)
    item = agenda_item_move(
        viewer=c.viewer, item_id=item_id, direction=payload.direction, from_order=payload.from_order, via=c.via
    )
    return meeting_page(viewer=c.viewer, meeting=item.meeting).agenda


@router.delete("/agenda-items/{item_id}", response={204: None}, summary="Remove an agenda item")
def remove_agenda_item(request: HttpRequest, item_id: int) -> Status[None]:
    c = writer(request)
    agenda_item_remove(viewer=c.viewer, item_id=item_id, via=c.via)
    return Status(204, None)


@router.get("/decisions/{decision_id}", response=DecisionDetailOut, summary="One decision with its history")
def get_decision(request: HttpRequest, response: HttpResponse, decision_id: int) -> object:
    page = decision_page(viewer=caller(request).viewer, pk=decision_id)
    set_etag(response, page.decision)
    return with_attributes(page.decision, history=page.revisions)


@router.patch("/decisions/{decision_id}", response=DecisionDetailOut, summary="Correct a decision (secretariat)")
def update_decision(request: HttpRequest, response: HttpResponse, decision_id: int, payload: DecisionPatch) -> object:
    c = writer(request)
    decision_edit(
        viewer=c.viewer,
        decision_id=decision_id,
        text=payload.text,
        reason=payload.reason,
        version=if_match(request),
        via=c.via,
    )
    page = decision_page(viewer=c.viewer, pk=decision_id)
    set_etag(response, page.decision)
    return with_attributes(page.decision, history=page.revisions)


@router.get("/{meeting_id}/documents", response=list[DocumentOut], summary="Documents of a meeting you may see")
def list_documents(request: HttpRequest, meeting_id: int) -> list[MeetingDocument]:
    v = caller(request).viewer
    page = meeting_page(viewer=v, meeting=meeting_get(viewer=v, pk=meeting_id))
    return list(page.documents) + [d for item in page.agenda for d in item.documents.all()]


@router.post("/{meeting_id}/documents", response={201: DocumentOut}, summary="Add a document (multipart)")
def add_document(
    request: HttpRequest,
    meeting_id: int,
    title: Form[str],
    file: File[UploadedFile],
    visibility: Form[str] = "taskforce",
    agenda_item_id: Form[int | None] = None,
) -> Status[MeetingDocument]:
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
    return Status(201, d)


@router.post("/{meeting_id}/minutes/comments", response={201: CommentOut}, summary="Comment on circulated minutes")
def comment_minutes(request: HttpRequest, meeting_id: int, payload: CommentIn) -> Status[MinutesComment]:
    c = writer(request)
    meeting = meeting_get(viewer=c.viewer, pk=meeting_id)
    member = member_get(viewer=c.viewer, slug=payload.member)
    return Status(201, minutes_comment(viewer=c.viewer, meeting=meeting, member=member, text=payload.text, via=c.via))


@router.post("/agenda-items/{item_id}/inputs", response={201: InputOut}, summary="Send input on an agenda item")
def send_input(request: HttpRequest, item_id: int, payload: InputIn) -> Status[OutsideInput]:
    c = writer(request)
    i = outside_input_submit(
        viewer=c.viewer, item_id=item_id, organisation=payload.organisation, text=payload.text, via=c.via
    )
    return Status(201, i)


@router.post("/inputs/{input_id}/response", response=InputOut, summary="Respond to input (secretariat)")
def respond_input(request: HttpRequest, input_id: int, payload: ResponseIn) -> OutsideInput:
    c = writer(request)
    return outside_input_respond(viewer=c.viewer, input_id=input_id, response=payload.response, via=c.via)


@router.get("/decisions/all", response=list[DecisionOut], summary="Decisions you may see")
@paginate(Pagination)
def list_decisions(request: HttpRequest) -> QuerySet[Decision]:
    return decision_list(viewer=caller(request).viewer).order_by("-created_at")


# --- action items ---------------------------------------------------------------------------


@actions_router.get("", response=list[ActionItemOut], summary="Action items you may see, overdue first")
@paginate(Pagination)
def list_action_items(request: HttpRequest, filters: Query[ActionQuery]) -> QuerySet[ActionItem]:
    f = ActionFilters(mine=filters.mine, status=filters.status, owner=filters.owner, overdue=filters.overdue)
    return action_item_list(viewer=caller(request).viewer, filters=f)


@actions_router.post("", response={201: ActionItemOut}, summary="Create an action item (secretariat)")
def create_action_item(request: HttpRequest, payload: ActionItemIn) -> Status[ActionItem]:
    c = writer(request)
    decision = decision_get(viewer=c.viewer, pk=payload.decision_id) if payload.decision_id else None
    meeting = meeting_get(viewer=c.viewer, pk=payload.meeting_id) if payload.meeting_id else None
    values = {
        "title": payload.title,
        "description": payload.description,
        "decision": decision,
        "meeting": meeting,
        **action_owner_get(viewer=c.viewer, owner=payload.owner),
        "due_on": payload.due_on,
    }
    item = action_item_create(viewer=c.viewer, values=values, commitments=_commitments(payload.commitments), via=c.via)
    return Status(201, item)


@actions_router.get("/{item_id}", response=ActionItemOut, summary="One action item")
def get_action_item(request: HttpRequest, item_id: int) -> ActionItem:
    return action_item_get(viewer=caller(request).viewer, pk=item_id)


@actions_router.get("/{item_id}/progress", response=list[ProgressOut], summary="Progress updates")
def list_progress(request: HttpRequest, item_id: int) -> list[ActionItemUpdate]:
    v = caller(request).viewer
    return action_item_updates(viewer=v, item=action_item_get(viewer=v, pk=item_id))


@actions_router.post("/{item_id}/progress", response={201: ProgressOut}, summary="Report progress (owner)")
def add_progress(request: HttpRequest, item_id: int, payload: ProgressIn) -> Status[ActionItemUpdate]:
    c = writer(request)
    u = action_item_progress(
        viewer=c.viewer,
        item_id=item_id,
        text=payload.text,
        status=payload.status,
        drop_reason=payload.drop_reason,
        via=c.via,
    )
    return Status(201, u)


# --- written procedures -----------------------------------------------------------------------


def _procedure(request: HttpRequest, p: WrittenProcedure) -> object:
    """The procedure with the short names of the members whose objections the caller may see."""
    objections = procedure_objections(viewer=caller(request).viewer, procedure=p)
    return with_attributes(p, objections=[o.member.slug for o in objections])


@procedures_router.get("", response=list[ProcedureOut], summary="Written procedures you may see")
def list_procedures(request: HttpRequest) -> list[object]:
    return [_procedure(request, p) for p in procedure_list(viewer=caller(request).viewer)]


@procedures_router.post("", response={201: ProcedureOut}, summary="Start a written procedure (secretariat)")
def start_procedure(request: HttpRequest, payload: ProcedureIn) -> Status[Any]:
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
def get_procedure(request: HttpRequest, procedure_id: int) -> object:
    return _procedure(request, procedure_get(viewer=caller(request).viewer, pk=procedure_id))


@procedures_router.post("/{procedure_id}/objections", response={201: ProcedureOut}, summary="Object (a member)")
def add_objection(request: HttpRequest, procedure_id: int, payload: ObjectionIn) -> Status[Any]:
    c = writer(request)
    member = member_get(viewer=c.viewer, slug=payload.member)
    objection_record(viewer=c.viewer, procedure_id=procedure_id, member=member, reason=payload.reason, via=c.via)
    return Status(201, _procedure(request, procedure_get(viewer=c.viewer, pk=procedure_id)))


@procedures_router.post("/{procedure_id}/conclude", response=ProcedureOut, summary="Conclude after the deadline")
def conclude_procedure(request: HttpRequest, procedure_id: int) -> object:
    c = writer(request)
    p = written_procedure_conclude(viewer=c.viewer, procedure_id=procedure_id, via=c.via)
    return _procedure(request, p)
