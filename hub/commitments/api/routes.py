"""The nine commitments, public reference data."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router

from hub.commitments.api.schemas import CommitmentOut
from hub.commitments.models import Commitment
from hub.commitments.selectors import commitment_list
from hub.core.api import caller

commitments_router = Router(tags=["commitments"])


@commitments_router.get(
    "", response=list[CommitmentOut], summary="The nine commitments", operation_id="hub_reporting_api_list_commitments"
)
def list_commitments(request: HttpRequest) -> QuerySet[Commitment]:
    return commitment_list(viewer=caller(request).viewer)
