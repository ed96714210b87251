"""The members API's schemas. Output schemas read the model instances the endpoints return: aliases
name the attribute path, `resolve_*` the computed values."""

import datetime

from ninja import Field
from ninja import Schema

from hub.core.fields import NORMAL
from hub.core.limits import FILTER_MAX_LENGTH
from hub.core.limits import SEARCH_MAX_LENGTH
from hub.core.models import Visibility
from hub.members.models import JoinRequest
from hub.members.models import JoinRequestMessage
from hub.members.models import Member
from hub.members.models import MemberNote
from hub.members.selectors import join_request_messages


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
    def resolve_iso3166(m: Member) -> str:
        return getattr(m.country, "code", "") or ""


class MemberDetailOut(MemberOut):
    public_profile: str
    taskforce_roles: list[TaskforceRoleOut]


class MemberQuery(Schema):
    q: str = Field("", max_length=SEARCH_MAX_LENGTH, description="Name contains.")
    region: str = Field("", max_length=FILTER_MAX_LENGTH)
    kind: str = Field("", max_length=FILTER_MAX_LENGTH)
    role: str = Field("", max_length=FILTER_MAX_LENGTH)


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
    def resolve_author(n: MemberNote) -> str:
        return str(n.author)


class NoteIn(Schema):
    text: str = Field(..., min_length=1, max_length=10000)
    visibility: Visibility = Visibility.MEMBER


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
    at: datetime.datetime = Field(..., alias="created_at")

    @staticmethod
    def resolve_by_secretariat(s: JoinRequestMessage) -> bool:
        return s.author_kind == "secretariat"


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
    def resolve_country(r: JoinRequest) -> str:
        return getattr(r.country, "code", "") or ""

    @staticmethod
    def resolve_member(r: JoinRequest) -> str | None:
        return r.member.slug if r.member else None

    @staticmethod
    def resolve_has_letter(r: JoinRequest) -> bool:
        return bool(r.letter)

    @staticmethod
    def resolve_steps(r: JoinRequest) -> list[JoinRequestMessage]:
        return join_request_messages(join_request=r)


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


# --- Alliance figures ----------------------------------------------------------------------


class FigureOut(Schema):
    kind: str
    value: int
    as_of: datetime.date
    source: str


class FigureIn(Schema):
    value: int = Field(..., ge=0, le=NORMAL[1])
    as_of: datetime.date
    source: str = Field(..., min_length=1, max_length=300)
