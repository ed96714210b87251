"""The commitments' API: the nine commitments, each with its published showcase and its decisions."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema

from hub.commitments.models import Commitment
from hub.commitments.selectors import commitment_list
from hub.core.api import caller, with_attributes
from hub.reporting.api.schemas import ShowcaseOut
from hub.reporting.selectors import commitment_page

commitments_router = Router(tags=["commitments"])


class CommitmentOut(Schema):
    number: int
    key: str
    short_title: str
    text: str
    source: str


class CommitmentDetailOut(CommitmentOut):
    showcase: list[ShowcaseOut] = Field(..., description="Published showcase items you may see")
    decisions: list[str] = Field(..., description="Codes of the decisions on this commitment you may see")


@commitments_router.get("", response=list[CommitmentOut], summary="The nine commitments")
def list_commitments(request: HttpRequest) -> QuerySet[Commitment]:
    return commitment_list(viewer=caller(request).viewer)


@commitments_router.get("/{number}", response=CommitmentDetailOut, summary="One commitment, with its showcase")
def get_commitment(request: HttpRequest, number: int) -> object:
    page = commitment_page(viewer=caller(request).viewer, number=number)
    return with_attributes(page.commitment, showcase=page.showcase, decisions=[d.code for d in page.decisions])
