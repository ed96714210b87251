"""Knowledge: consultations (API schemas). Output schemas read the model instances the routes return."""

from __future__ import annotations

import datetime
from typing import Literal

from ninja import Field
from ninja import Schema

from hub.core.api import RecordId
from hub.core.concurrency import version_of
from hub.knowledge.models.consultations import Consultation
from hub.knowledge.models.consultations import ConsultationInput

StatusName = Literal["draft", "open", "closed"]
Shown = Literal["private", "taskforce", "public_when_closed"]


class ConsultationOut(Schema):
    id: int
    title: str
    question: str
    status: StatusName = Field(..., description="draft, open or closed")
    deadline: datetime.datetime
    time_zone: str
    for_contributors: bool = Field(..., description="Reference groups and international initiatives may answer")
    for_members: bool = Field(..., description="Members' officials may answer")
    input_visibility: Shown = Field(..., description="Who sees the input and the responses")
    opened_at: datetime.datetime | None
    closed_at: datetime.datetime | None
    is_synthetic: bool
    url: str

    @staticmethod
    def resolve_url(c: Consultation) -> str:
        return c.get_absolute_url()


class ConsultationDetailOut(ConsultationOut):
    documents: list[int] = Field(..., description="Ids of the library documents you may see")
    can_submit: bool = Field(..., description="Whether you may send input now")


class ConsultationIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    question: str = Field(..., min_length=1, max_length=10000)
    deadline: datetime.datetime = Field(..., description="ISO 8601 with an offset")
    time_zone: str = Field("UTC", max_length=64, description="IANA time zone the deadline is shown in")
    for_contributors: bool = True
    for_members: bool = False
    input_visibility: Shown = Field("taskforce", description="private, taskforce or public_when_closed")
    documents: list[RecordId] = Field(default_factory=list, max_length=100)


class ConsultationPatch(Schema):
    """Change a consultation until it closes (send its ETag as If-Match: a change over a newer version
    is 409)."""

    title: str | None = Field(None, min_length=1, max_length=200)
    question: str | None = Field(None, min_length=1, max_length=10000)
    deadline: datetime.datetime | None = Field(None, description="ISO 8601 with an offset")
    time_zone: str | None = Field(None, max_length=64)
    for_contributors: bool | None = None
    for_members: bool | None = None
    input_visibility: Shown | None = None
    documents: list[RecordId] | None = Field(None, max_length=100)


class ConsultationInputOut(Schema):
    id: int
    consultation: int | None = Field(None, alias="consultation_id")
    commitment: int | None = Field(None, description="The commitment's number")
    organisation: str
    member: str | None = Field(None, description="The member's short name, when a member answered")
    text: str
    submitted_at: datetime.datetime
    response: str
    responded_at: datetime.datetime | None
    is_synthetic: bool
    version: str = Field(..., description="Send as If-Match to change the response")

    @staticmethod
    def resolve_commitment(i: ConsultationInput) -> int | None:
        return i.commitment.number if i.commitment_id and i.commitment else None

    @staticmethod
    def resolve_member(i: ConsultationInput) -> str | None:
        return i.member.slug if i.member_id and i.member else None

    @staticmethod
    def resolve_version(i: ConsultationInput) -> str:
        return version_of(i)


class ConsultationInputIn(Schema):
    text: str = Field(..., max_length=20000)
    organisation: str = Field("", max_length=200, description="The group or initiative you speak for")
    member: str | None = Field(None, max_length=100, description="Answer for this member (its short name)")


class CommitmentInputIn(Schema):
    text: str = Field(..., max_length=20000)
    organisation: str = Field(..., max_length=200, description="The group or initiative you speak for")


class ConsultationResponseIn(Schema):
    response: str = Field(..., max_length=20000, description="The secretariat's reasoned response")
