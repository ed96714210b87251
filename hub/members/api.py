import datetime

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate
from ninja.responses import Status

from hub.api.auth import caller, writer
from hub.core.models import Visibility
from hub.members.models import Member, MemberNote
from hub.members.selectors import MemberFilters, member_get, member_list, member_notes
from hub.members.services import member_note_create

router = Router(tags=["members"])


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
    status: str
    joined_on: datetime.date | None
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
            status=m.status,
            joined_on=m.joined_on,
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


@router.get("", response=list[MemberOut], summary="List members")
@paginate(PageNumberPagination, page_size=50)
def list_members(request: HttpRequest, filters: Query[MemberQuery]) -> list[MemberOut]:
    v = caller(request).viewer
    f = MemberFilters(q=filters.q, region=filters.region, kind=filters.kind, role=filters.role)
    return [MemberOut.from_member(m) for m in member_list(viewer=v, filters=f)]


@router.get("/{slug}", response=MemberDetailOut, summary="One member")
def get_member(request: HttpRequest, slug: str) -> MemberDetailOut:
    m = member_get(viewer=caller(request).viewer, slug=slug)
    base = MemberOut.from_member(m).dict()
    return MemberDetailOut(
        **base,
        public_profile=m.public_profile,
        taskforce_roles=[
            TaskforceRoleOut(role=r.role, starts_on=r.starts_on, ends_on=r.ends_on, source=r.source)
            for r in m.taskforce_roles.all()
        ],
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
