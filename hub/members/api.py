import datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate
from ninja.responses import Status

from hub.core.api import caller, writer
from hub.core.errors import Conflict
from hub.core.models import Visibility
from hub.core.web import rate_limited
from hub.members.models import AllianceFigure, JoinRequest, Member, MemberNote, MemberStatusChange
from hub.members.selectors import (
    MemberFilters,
    alliance_figure_list,
    join_request_get,
    join_request_list,
    join_request_messages,
    member_get,
    member_list,
    member_notes,
    member_status_history,
)
from hub.members.services import (
    alliance_figure_record,
    join_request_approve,
    join_request_ask_more,
    join_request_record_alliance_check,
    join_request_reject,
    join_request_submit,
    member_create,
    member_note_create,
    member_status_change,
    member_update,
    taskforce_role_assign,
)

router = Router(tags=["members"])
join_router = Router(tags=["join requests"])
figures_router = Router(tags=["Alliance figures"])


class TaskforceRoleOut(Schema):
    role: str
    starts_on: datetime.date
    ends_on: datetime.date | None
    source: str


class MemberOut(Schema):
    id: int
    slug: str
    name: str
    kind: str
    iso3166: str
    region: str
    subregion: str
    founding_member: bool
    mission_statement: str
    mission_signed_on: datetime.date | None
    status: str
    joined_on: datetime.date | None
    alliance_member: bool | None
    alliance_member_since: datetime.date | None
    alliance_source: str
    is_synthetic: bool
    source: str

    @staticmethod
    def from_member(m: Member) -> "MemberOut":
        return MemberOut(
            id=m.pk,
            slug=m.slug,
            name=m.name,
            kind=m.kind,
            iso3166=getattr(m.country, "code", "") or "",
            region=m.region,
            subregion=m.subregion,
            founding_member=m.founding_member,
            mission_statement=m.mission_statement,
            mission_signed_on=m.mission_signed_on,
            status=m.status,
            joined_on=m.joined_on,
            alliance_member=m.alliance_member,
            alliance_member_since=m.alliance_member_since,
            alliance_source=m.alliance_source,
            is_synthetic=m.is_synthetic,
            source=m.source,
        )


class MemberDetailOut(MemberOut):
    public_profile: str
    taskforce_roles: list[TaskforceRoleOut]


class MemberQuery(Schema):
    q: str = ""
    region: str = ""
    kind: str = ""
    role: str = ""


class MemberIn(Schema):
    """Registry fields. On update, send only the fields to change."""

    name_en: str | None = None
    name_fr: str | None = None
    name_es: str | None = None
    kind: str | None = Field(None, description="government, intergovernmental or treaty_body")
    country: str | None = Field(None, max_length=2, description="ISO 3166 alpha-2 code")
    region: str | None = None
    subregion: str | None = None
    founding_member: bool | None = None
    mission_statement: str | None = Field(None, description="signatory or not_listed")
    mission_signed_on: datetime.date | None = None
    joined_on: datetime.date | None = None
    alliance_member: bool | None = None
    alliance_member_since: datetime.date | None = None
    alliance_source: str | None = None
    public_profile_en: str | None = None
    public_profile_fr: str | None = None
    public_profile_es: str | None = None
    source: str | None = None
    visibility: Visibility | None = None


class StatusIn(Schema):
    status: str = Field(..., description="active, inactive, suspended or withdrawn")
    reason: str = Field(..., max_length=2000)
    effective_on: datetime.date | None = None


class StatusChangeOut(Schema):
    status: str
    previous_status: str
    effective_on: datetime.date | None
    reason: str


class TaskforceRoleIn(Schema):
    role: str
    starts_on: datetime.date
    ends_on: datetime.date | None = None
    source: str = Field(..., min_length=1, max_length=300)


class NoteOut(Schema):
    id: int
    text: str
    visibility: str
    author: str
    created_at: datetime.datetime
    is_synthetic: bool

    @staticmethod
    def from_note(n: MemberNote) -> "NoteOut":
        return NoteOut(
            id=n.pk,
            text=n.text,
            visibility=n.visibility,
            author=str(n.author),
            created_at=n.created_at,
            is_synthetic=n.is_synthetic,
        )


class NoteIn(Schema):
    text: str = Field(..., min_length=1, max_length=10000)
    visibility: Visibility = Visibility.MEMBER


def _member_detail(m: Member) -> MemberDetailOut:
    return MemberDetailOut(
        **MemberOut.from_member(m).dict(),
        public_profile=m.public_profile,
        taskforce_roles=[
            TaskforceRoleOut(role=r.role, starts_on=r.starts_on, ends_on=r.ends_on, source=r.source)
            for r in m.taskforce_roles.all()
        ],
    )


def _values(payload: MemberIn) -> dict[str, Any]:
    values = payload.dict(exclude_unset=True)
    if "country" in values:
        values["country"] = (values["country"] or "").upper()
    return {k: ("" if v is None and k not in _NULLABLE else v) for k, v in values.items()}


_NULLABLE = {"mission_signed_on", "joined_on", "alliance_member", "alliance_member_since"}


@router.get("", response=list[MemberOut], summary="List members")
@paginate(PageNumberPagination, page_size=50)
def list_members(request: HttpRequest, filters: Query[MemberQuery]) -> list[MemberOut]:
    v = caller(request).viewer
    f = MemberFilters(q=filters.q, region=filters.region, kind=filters.kind, role=filters.role)
    return [MemberOut.from_member(m) for m in member_list(viewer=v, filters=f)]


@router.post("", response={201: MemberDetailOut}, summary="Register a member (secretariat)")
def create_member(request: HttpRequest, payload: MemberIn) -> Status[MemberDetailOut]:
    c = writer(request)
    member = member_create(viewer=c.viewer, values=_values(payload), via=c.via)
    return Status(201, _member_detail(member))


@router.get("/{slug}", response=MemberDetailOut, summary="One member")
def get_member(request: HttpRequest, slug: str) -> MemberDetailOut:
    return _member_detail(member_get(viewer=caller(request).viewer, slug=slug))


@router.patch("/{slug}", response=MemberDetailOut, summary="Change a member's registry fields (secretariat)")
def update_member(request: HttpRequest, slug: str, payload: MemberIn) -> MemberDetailOut:
    c = writer(request)
    member = member_get(viewer=c.viewer, slug=slug)
    return _member_detail(member_update(viewer=c.viewer, member=member, values=_values(payload), via=c.via))


@router.get("/{slug}/status-history", response=list[StatusChangeOut], summary="A member's status history")
def status_history(request: HttpRequest, slug: str) -> list[StatusChangeOut]:
    v = caller(request).viewer
    member = member_get(viewer=v, slug=slug)
    return [
        StatusChangeOut(
            status=c.status, previous_status=c.previous_status, effective_on=c.effective_on, reason=c.reason
        )
        for c in member_status_history(viewer=v, member=member)
    ]


@router.post("/{slug}/status", response={201: StatusChangeOut}, summary="Change a member's status (secretariat)")
def change_status(request: HttpRequest, slug: str, payload: StatusIn) -> Status[StatusChangeOut]:
    c = writer(request)
    member = member_get(viewer=c.viewer, slug=slug)
    change: MemberStatusChange = member_status_change(
        viewer=c.viewer,
        member=member,
        status=payload.status,
        reason=payload.reason,
        effective_on=payload.effective_on,
        via=c.via,
    )
    out = StatusChangeOut(
        status=change.status,
        previous_status=change.previous_status,
        effective_on=change.effective_on,
        reason=change.reason,
    )
    return Status(201, out)


@router.post("/{slug}/taskforce-roles", response={201: TaskforceRoleOut}, summary="Record a taskforce role")
def add_taskforce_role(request: HttpRequest, slug: str, payload: TaskforceRoleIn) -> Status[TaskforceRoleOut]:
    c = writer(request)
    member = member_get(viewer=c.viewer, slug=slug)
    role = taskforce_role_assign(
        viewer=c.viewer,
        member=member,
        role=payload.role,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        source=payload.source,
        via=c.via,
    )
    return Status(
        201, TaskforceRoleOut(role=role.role, starts_on=role.starts_on, ends_on=role.ends_on, source=role.source)
    )


@router.get("/{slug}/notes", response=list[NoteOut], summary="Notes on a member you may see")
@paginate(PageNumberPagination, page_size=50)
def list_notes(request: HttpRequest, slug: str) -> list[NoteOut]:
    v = caller(request).viewer
    m = member_get(viewer=v, slug=slug)
    return [NoteOut.from_note(n) for n in member_notes(viewer=v, member=m)]


@router.post("/{slug}/notes", response={201: NoteOut}, summary="Add a note to a member")
def create_note(request: HttpRequest, slug: str, payload: NoteIn) -> Status[NoteOut]:
    c = writer(request)
    m = member_get(viewer=c.viewer, slug=slug)
    note = member_note_create(viewer=c.viewer, member=m, text=payload.text, visibility=payload.visibility, via=c.via)
    return Status(201, NoteOut.from_note(note))


# --- join requests ------------------------------------------------------------------------


class JoinRequestIn(Schema):
    government: str = Field(..., min_length=1, max_length=200)
    country: str = Field("", max_length=2, description="ISO 3166 alpha-2 code")
    contact_name: str = Field(..., min_length=1, max_length=200)
    contact_email: str = Field(..., max_length=254)
    message: str = Field("", max_length=10000)


class JoinStepOut(Schema):
    event: str
    text: str
    by_secretariat: bool
    at: datetime.datetime


class JoinRequestOut(Schema):
    id: int
    government: str
    country: str
    contact_name: str
    contact_email: str
    message: str
    status: str
    alliance_member: bool | None
    alliance_source: str
    decision_reason: str
    member: str | None
    has_letter: bool
    created_at: datetime.datetime
    steps: list[JoinStepOut]

    @staticmethod
    def from_request(r: JoinRequest) -> "JoinRequestOut":
        return JoinRequestOut(
            id=r.pk,
            government=r.government,
            country=getattr(r.country, "code", "") or "",
            contact_name=r.contact_name,
            contact_email=r.contact_email,
            message=r.message,
            status=r.status,
            alliance_member=r.alliance_member,
            alliance_source=r.alliance_source,
            decision_reason=r.decision_reason,
            member=r.member.slug if r.member else None,
            has_letter=bool(r.letter),
            created_at=r.created_at,
            steps=[
                JoinStepOut(event=s.event, text=s.text, by_secretariat=s.author_kind == "secretariat", at=s.created_at)
                for s in join_request_messages(join_request=r)
            ],
        )


class JoinReceiptOut(Schema):
    status: str
    detail: str


class AllianceCheckIn(Schema):
    is_alliance_member: bool
    source: str = Field(..., max_length=300)


class QuestionIn(Schema):
    question: str = Field(..., max_length=10000)


class ReasonIn(Schema):
    reason: str = Field(..., max_length=10000)


@join_router.post("", response={202: JoinReceiptOut}, summary="Ask to join (no account needed)")
def submit_join_request(request: HttpRequest, payload: JoinRequestIn) -> Status[JoinReceiptOut]:
    """Files a request that waits for the requester to confirm their e-mail by the link sent to it.
    Signed in as the secretariat, the request is filed on the government's behalf at once."""
    c = caller(request)
    filed_by = c.viewer if c.viewer.is_secretariat and c.can_write else None
    if filed_by is None and rate_limited(request, scope="join", limit=settings.JOIN_REQUESTS_PER_HOUR, seconds=3600):
        raise Conflict("Too many requests from this address; try again in an hour.")
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
@paginate(PageNumberPagination, page_size=50)
def list_join_requests(request: HttpRequest, status: str = "") -> list[JoinRequestOut]:
    v = caller(request).viewer
    return [JoinRequestOut.from_request(r) for r in join_request_list(viewer=v, status=status)]


@join_router.get("/{request_id}", response=JoinRequestOut, summary="One join request (secretariat)")
def get_join_request(request: HttpRequest, request_id: int) -> JoinRequestOut:
    return JoinRequestOut.from_request(join_request_get(viewer=caller(request).viewer, pk=request_id))


def _reviewer(request: HttpRequest, request_id: int) -> Any:
    c = writer(request)
    join_request_get(viewer=c.viewer, pk=request_id)  # hidden requests answer 404 before anything else
    return c


@join_router.post("/{request_id}/alliance-check", response=JoinRequestOut, summary="Record the Alliance check")
def check_join_request(request: HttpRequest, request_id: int, payload: AllianceCheckIn) -> JoinRequestOut:
    c = _reviewer(request, request_id)
    r = join_request_record_alliance_check(
        viewer=c.viewer,
        request_id=request_id,
        is_alliance_member=payload.is_alliance_member,
        source=payload.source,
        via=c.via,
    )
    return JoinRequestOut.from_request(r)


@join_router.post("/{request_id}/ask", response=JoinRequestOut, summary="Ask the requester for more information")
def ask_join_request(request: HttpRequest, request_id: int, payload: QuestionIn) -> JoinRequestOut:
    c = _reviewer(request, request_id)
    r = join_request_ask_more(viewer=c.viewer, request_id=request_id, question=payload.question, via=c.via)
    return JoinRequestOut.from_request(r)


@join_router.post("/{request_id}/approve", response=JoinRequestOut, summary="Approve: the member becomes active")
def approve_join_request(request: HttpRequest, request_id: int) -> JoinRequestOut:
    c = _reviewer(request, request_id)
    return JoinRequestOut.from_request(join_request_approve(viewer=c.viewer, request_id=request_id, via=c.via))


@join_router.post("/{request_id}/reject", response=JoinRequestOut, summary="Reject with a reason")
def reject_join_request(request: HttpRequest, request_id: int, payload: ReasonIn) -> JoinRequestOut:
    c = _reviewer(request, request_id)
    r = join_request_reject(viewer=c.viewer, request_id=request_id, reason=payload.reason, via=c.via)
    return JoinRequestOut.from_request(r)


# --- Alliance figures ----------------------------------------------------------------------


class FigureOut(Schema):
    kind: str
    value: int
    as_of: datetime.date
    source: str


class FigureIn(Schema):
    value: int = Field(..., ge=0)
    as_of: datetime.date
    source: str = Field(..., min_length=1, max_length=300)


@figures_router.get("", response=list[FigureOut], summary="Dated figures about the Alliance")
def list_figures(request: HttpRequest) -> list[FigureOut]:
    return [
        FigureOut(kind=f.kind, value=f.value, as_of=f.as_of, source=f.source)
        for f in alliance_figure_list(viewer=caller(request).viewer)
    ]


@figures_router.post("", response={201: FigureOut}, summary="Record a figure (secretariat)")
def record_figure(request: HttpRequest, payload: FigureIn) -> Status[FigureOut]:
    c = writer(request)
    f: AllianceFigure = alliance_figure_record(
        viewer=c.viewer,
        kind=AllianceFigure.Kind.GOVERNMENT_MEMBERS,
        value=payload.value,
        as_of=payload.as_of,
        source=payload.source,
        via=c.via,
    )
    return Status(201, FigureOut(kind=f.kind, value=f.value, as_of=f.as_of, source=f.source))
