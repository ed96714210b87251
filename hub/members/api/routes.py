"""The members API's routes: the registry, join requests and Alliance figures. Every read goes through
the selectors, every write through the services."""

from collections.abc import Callable
from typing import Any
from typing import TypeVar

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django.http import HttpResponse
from ninja import Query
from ninja import Router
from ninja import Schema
from ninja.pagination import paginate
from ninja.responses import Status

from hub.core.api import ApiCaller
from hub.core.api import Pagination
from hub.core.api import anonymous_allowed
from hub.core.api import caller
from hub.core.api import if_match
from hub.core.api import set_etag
from hub.core.api import writer
from hub.core.limits import FILTER_MAX_LENGTH
from hub.core.policies import policy_for
from hub.core.web import rate_limit
from hub.members.api.schemas import AllianceCheckIn
from hub.members.api.schemas import FigureIn
from hub.members.api.schemas import FigureOut
from hub.members.api.schemas import JoinReceiptOut
from hub.members.api.schemas import JoinRequestIn
from hub.members.api.schemas import JoinRequestOut
from hub.members.api.schemas import MemberDetailOut
from hub.members.api.schemas import MemberIn
from hub.members.api.schemas import MemberOut
from hub.members.api.schemas import MemberQuery
from hub.members.api.schemas import NoteIn
from hub.members.api.schemas import NoteOut
from hub.members.api.schemas import QuestionIn
from hub.members.api.schemas import ReasonIn
from hub.members.api.schemas import StatusChangeOut
from hub.members.api.schemas import StatusIn
from hub.members.api.schemas import TaskforceRoleIn
from hub.members.api.schemas import TaskforceRoleOut
from hub.members.models import AllianceFigure
from hub.members.models import JoinRequest
from hub.members.models import Member
from hub.members.models import MemberNote
from hub.members.models import MemberStatusChange
from hub.members.models import TaskforceRole
from hub.members.selectors import MemberFilters
from hub.members.selectors import alliance_figure_list
from hub.members.selectors import join_request_get
from hub.members.selectors import join_request_list
from hub.members.selectors import member_get
from hub.members.selectors import member_list
from hub.members.selectors import member_notes
from hub.members.selectors import member_status_history
from hub.members.services import MemberInput
from hub.members.services import alliance_figure_record
from hub.members.services import join_request_approve
from hub.members.services import join_request_ask_more
from hub.members.services import join_request_record_alliance_check
from hub.members.services import join_request_reject
from hub.members.services import join_request_submit
from hub.members.services import member_create
from hub.members.services import member_note_create
from hub.members.services import member_status_change
from hub.members.services import member_update
from hub.members.services import taskforce_role_assign

T = TypeVar("T")

router = Router(tags=["members"])
join_router = Router(tags=["join requests"])
figures_router = Router(tags=["Alliance figures"])


def _member_input(payload: MemberIn) -> MemberInput:
    """The fields sent; a null clears a text (to "") and a date or yes/no (to null)."""
    values = payload.dict(exclude_unset=True)
    if "country" in values:
        values["country"] = (values["country"] or "").upper()
    cleared: dict[str, Any] = {k: ("" if v is None and k not in _NULLABLE else v) for k, v in values.items()}
    return MemberInput(**cleared)


_NULLABLE = {"mission_signed_on", "joined_on", "alliance_member", "alliance_member_since"}


@router.get("", response=list[MemberOut], summary="List members")
@paginate(Pagination)
def list_members(request: HttpRequest, filters: Query[MemberQuery]) -> QuerySet[Member]:
    f = MemberFilters(q=filters.q, region=filters.region, kind=filters.kind, role=filters.role)
    return member_list(viewer=caller(request).viewer, filters=f)


@router.post("", response={201: MemberDetailOut}, summary="Register a member (secretariat)")
def create_member(request: HttpRequest, payload: MemberIn) -> Status[Member]:
    c = writer(request)
    return Status(201, member_create(viewer=c.viewer, data=_member_input(payload), via=c.via))


@router.get("/{slug}", response=MemberDetailOut, summary="One member")
def get_member(request: HttpRequest, response: HttpResponse, slug: str) -> Member:
    member = member_get(viewer=caller(request).viewer, slug=slug)
    set_etag(response, member)
    return member


@router.patch("/{slug}", response=MemberDetailOut, summary="Change a member's registry fields (secretariat)")
def update_member(request: HttpRequest, response: HttpResponse, slug: str, payload: MemberIn) -> Member:
    c = writer(request)
    member = member_get(viewer=c.viewer, slug=slug)
    data = _member_input(payload)
    member = member_update(viewer=c.viewer, member=member, data=data, version=if_match(request), via=c.via)
    set_etag(response, member)
    return member


@router.get("/{slug}/status-history", response=list[StatusChangeOut], summary="A member's status history")
def status_history(request: HttpRequest, slug: str) -> list[MemberStatusChange]:
    v = caller(request).viewer
    return member_status_history(viewer=v, member=member_get(viewer=v, slug=slug))


def _record_for_member(request: HttpRequest, slug: str, record: Callable[..., T], payload: Schema) -> Status[T]:
    """Record something about a member as the caller (a status change, a taskforce role, a note): 201.
    The payload's fields are the keywords of the service that records it."""
    c = writer(request)
    member = member_get(viewer=c.viewer, slug=slug)
    return Status(201, record(viewer=c.viewer, member=member, via=c.via, **payload.dict()))


@router.post("/{slug}/status", response={201: StatusChangeOut}, summary="Change a member's status (secretariat)")
def change_status(request: HttpRequest, slug: str, payload: StatusIn) -> Status[MemberStatusChange]:
    return _record_for_member(request, slug, member_status_change, payload)


@router.post("/{slug}/taskforce-roles", response={201: TaskforceRoleOut}, summary="Record a taskforce role")
def add_taskforce_role(request: HttpRequest, slug: str, payload: TaskforceRoleIn) -> Status[TaskforceRole]:
    return _record_for_member(request, slug, taskforce_role_assign, payload)


@router.get("/{slug}/notes", response=list[NoteOut], summary="Notes on a member you may see")
@paginate(Pagination)
def list_notes(request: HttpRequest, slug: str) -> list[MemberNote]:
    v = caller(request).viewer
    return member_notes(viewer=v, member=member_get(viewer=v, slug=slug))


@router.post("/{slug}/notes", response={201: NoteOut}, summary="Add a note to a member")
def create_note(request: HttpRequest, slug: str, payload: NoteIn) -> Status[MemberNote]:
    return _record_for_member(request, slug, member_note_create, payload)


# --- join requests ------------------------------------------------------------------------


@join_router.post("", response={202: JoinReceiptOut}, summary="Ask to join (no account needed)")
@anonymous_allowed
def submit_join_request(request: HttpRequest, payload: JoinRequestIn) -> Status[JoinReceiptOut]:
    """Files a request that waits for the requester to confirm their e-mail by the link sent to it.
    Signed in as the secretariat, the request is filed on the government's behalf at once."""
    c = caller(request)
    filed_by = c.viewer if c.can_write and policy_for(JoinRequest).can(c.viewer, "file") else None
    if filed_by is None:
        rate_limit(request, scope="join", limit=settings.JOIN_REQUESTS_PER_HOUR, seconds=3600)
    r = join_request_submit(
        government=payload.government,
        country=payload.country,
        contact_name=payload.contact_name,
        contact_email=payload.contact_email,
        message=payload.message,
        letter=None,
        filed_by=filed_by,
        via=c.via,
    )
    detail = "Filed." if filed_by else "Check the e-mail sent to the contact address and open its link."
    return Status(202, JoinReceiptOut(status=r.status, detail=detail))


@join_router.get("", response=list[JoinRequestOut], summary="Join requests (secretariat)")
@paginate(Pagination)
def list_join_requests(
    request: HttpRequest, status: str = Query("", max_length=FILTER_MAX_LENGTH)
) -> QuerySet[JoinRequest]:
    return join_request_list(viewer=caller(request).viewer, status=status)


@join_router.get("/{request_id}", response=JoinRequestOut, summary="One join request (secretariat)")
def get_join_request(request: HttpRequest, request_id: int) -> JoinRequest:
    return join_request_get(viewer=caller(request).viewer, pk=request_id)


def _reviewer(request: HttpRequest, request_id: int) -> ApiCaller:
    c = writer(request)
    join_request_get(viewer=c.viewer, pk=request_id)  # hidden requests answer 404 before anything else
    return c


@join_router.post("/{request_id}/alliance-check", response=JoinRequestOut, summary="Record the Alliance check")
def check_join_request(request: HttpRequest, request_id: int, payload: AllianceCheckIn) -> JoinRequest:
    c = _reviewer(request, request_id)
    r = join_request_record_alliance_check(
        viewer=c.viewer,
        request_id=request_id,
        is_alliance_member=payload.is_alliance_member,
        source=payload.source,
        via=c.via,
    )
    return r


@join_router.post("/{request_id}/ask", response=JoinRequestOut, summary="Ask the requester for more information")
def ask_join_request(request: HttpRequest, request_id: int, payload: QuestionIn) -> JoinRequest:
    c = _reviewer(request, request_id)
    r = join_request_ask_more(viewer=c.viewer, request_id=request_id, question=payload.question, via=c.via)
    return r


@join_router.post("/{request_id}/approve", response=JoinRequestOut, summary="Approve: the member becomes active")
def approve_join_request(request: HttpRequest, request_id: int) -> JoinRequest:
    c = _reviewer(request, request_id)
    return join_request_approve(viewer=c.viewer, request_id=request_id, via=c.via)


@join_router.post("/{request_id}/reject", response=JoinRequestOut, summary="Reject with a reason")
def reject_join_request(request: HttpRequest, request_id: int, payload: ReasonIn) -> JoinRequest:
    c = _reviewer(request, request_id)
    r = join_request_reject(viewer=c.viewer, request_id=request_id, reason=payload.reason, via=c.via)
    return r


# --- Alliance figures ----------------------------------------------------------------------


@figures_router.get("", response=list[FigureOut], summary="Dated figures about the Alliance")
def list_figures(request: HttpRequest) -> QuerySet[AllianceFigure]:
    return alliance_figure_list(viewer=caller(request).viewer)


@figures_router.post("", response={201: FigureOut}, summary="Record a figure (secretariat)")
def record_figure(request: HttpRequest, payload: FigureIn) -> Status[AllianceFigure]:
    c = writer(request)
    f = alliance_figure_record(
        viewer=c.viewer,
        kind=AllianceFigure.Kind.GOVERNMENT_MEMBERS,
        value=payload.value,
        as_of=payload.as_of,
        source=payload.source,
        via=c.via,
    )
    return Status(201, f)
