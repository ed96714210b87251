"""The public site's API: one commitment with what serves it (published showcase items, decisions).

The operation ids keep the names they had when the commitments were part of reporting.
"""

from django.http import HttpRequest
from ninja import Field
from ninja import Router

from hub.commitments.api.schemas import CommitmentOut
from hub.core.api import caller
from hub.core.api import with_attributes
from hub.public.selectors import commitment_page
from hub.reporting.api.schemas import ShowcaseOut

commitment_page_router = Router(tags=["commitments"])


class CommitmentDetailOut(CommitmentOut):
    showcase: list[ShowcaseOut] = Field(..., description="Published showcase items you may see")
    decisions: list[str] = Field(..., description="Codes of the decisions on this commitment you may see")


@commitment_page_router.get(
    "/{number}",
    response=CommitmentDetailOut,
    summary="One commitment, with its showcase",
    operation_id="hub_reporting_api_get_commitment",
)
def get_commitment(request: HttpRequest, number: int) -> object:
    page = commitment_page(viewer=caller(request).viewer, number=number)
    return with_attributes(page.commitment, showcase=page.showcase, decisions=[d.code for d in page.decisions])
