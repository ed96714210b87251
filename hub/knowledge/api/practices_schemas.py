"""Knowledge: the good-practice API's schemas. Output schemas read the model instances the routes return."""

import datetime

from ninja import Field
from ninja import Schema

from hub.core.api import CommitmentNumber
from hub.core.api import RecordId
from hub.core.limits import FILTER_MAX_LENGTH
from hub.knowledge.models import GoodPractice
from hub.knowledge.selectors.practices import capabilities


class PracticeCapabilityOut(Schema):
    key: str = Field(..., description='"<framework>/<number>", such as mnr-2016/12')
    name: str
    domain: str


class PracticeDocumentOut(Schema):
    id: int
    title: str
    language: str


class PracticeOut(Schema):
    id: int
    title: str
    member: str = Field(..., alias="member.slug", description="The member's short name")
    member_name: str = Field(..., alias="member.name")
    summary: str
    language: str = Field(..., description="en, fr, es or other")
    visibility: str
    status: str = Field(..., description="draft, submitted, returned, published or withdrawn")
    commitments: list[int]
    capabilities: list[PracticeCapabilityOut]
    published_at: datetime.datetime | None
    is_synthetic: bool

    @staticmethod
    def resolve_commitments(p: GoodPractice) -> list[int]:
        return [c.number for c in p.commitments.all()]

    @staticmethod
    def resolve_capabilities(p: GoodPractice) -> list[dict[str, str]]:
        known = capabilities()
        out = []
        for tag in p.capability_tags.all():
            cap = known.get(tag.key)
            out.append({"key": tag.key, "name": cap.name if cap else "", "domain": cap.domain if cap else ""})
        return out


class PracticeDetailOut(PracticeOut):
    body: str
    contact_name: str
    contact_email: str
    submitted_at: datetime.datetime | None
    review_note: str | None = Field(None, description="The secretariat's note, for the member and the secretariat")
    documents: list[PracticeDocumentOut] = Field(..., description="The library documents you may see")


class PracticeQuery(Schema):
    member: str = Field("", max_length=FILTER_MAX_LENGTH, description="A member's short name")
    commitment: int | None = Field(None, ge=1, le=9)
    capability: str = Field("", max_length=FILTER_MAX_LENGTH, description="Such as mnr-2016/12")
    language: str = Field("", max_length=FILTER_MAX_LENGTH)
    status: str = Field("", max_length=FILTER_MAX_LENGTH)


class PracticeIn(Schema):
    member: str = Field(..., max_length=FILTER_MAX_LENGTH, description="The member's short name")
    title: str = Field(..., min_length=1, max_length=300)
    summary: str = Field(..., min_length=1, max_length=2000)
    body: str = Field("", max_length=20000)
    language: str = Field("en", description="en, fr, es or other")
    contact_name: str = Field("", max_length=200)
    contact_email: str = Field("", max_length=254)
    visibility: str = Field("taskforce", description="Once published: public, taskforce or member")
    commitments: list[CommitmentNumber] = Field(default_factory=list, max_length=9)
    capabilities: list[str] = Field(default_factory=list, max_length=50, description="Keys such as mnr-2016/12")
    documents: list[RecordId] = Field(default_factory=list, max_length=100, description="Library document ids")


class PracticePatch(Schema):
    """Change a draft or returned practice. Send its ETag as If-Match: a change over a newer version is 409."""

    title: str | None = Field(None, min_length=1, max_length=300)
    summary: str | None = Field(None, min_length=1, max_length=2000)
    body: str | None = Field(None, max_length=20000)
    language: str | None = None
    contact_name: str | None = Field(None, max_length=200)
    contact_email: str | None = Field(None, max_length=254)
    visibility: str | None = None
    commitments: list[CommitmentNumber] | None = Field(None, max_length=9)
    capabilities: list[str] | None = Field(None, max_length=50)
    documents: list[RecordId] | None = Field(None, max_length=100)


class PracticeReturnIn(Schema):
    note: str = Field(..., min_length=1, max_length=2000, description="What needs changing")


class PracticePublishIn(Schema):
    note: str = Field("", max_length=2000)
