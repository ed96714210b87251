"""MNR self-assessment API: a member's gap view and the consent-based exchanges between members.
Every read goes through the selectors, every write through the services; schemas in
exchange_schemas.py. What the caller may not see is a 404."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status

from hub.assessments.api.exchange_schemas import ExchangeDetailOut
from hub.assessments.api.exchange_schemas import ExchangeIn
from hub.assessments.api.exchange_schemas import ExchangeOut
from hub.assessments.api.exchange_schemas import GapViewOut
from hub.assessments.models import Exchange
from hub.assessments.selectors.exchange import exchange_list
from hub.assessments.selectors.exchange import exchange_page
from hub.assessments.selectors.exchange import proposing_members
from hub.assessments.selectors.gaps import gap_view
from hub.assessments.services.assessments import access_record
from hub.assessments.services.exchange import exchange_accept
from hub.assessments.services.exchange import exchange_decline
from hub.assessments.services.exchange import exchange_propose
from hub.assessments.services.exchange import exchange_withdraw
from hub.core.api import Pagination
from hub.core.api import caller
from hub.core.api import with_attributes
from hub.core.api import writer
from hub.core.limits import FILTER_MAX_LENGTH
from hub.core.viewer import Viewer

router = Router(tags=["Self-assessment"])


@router.get(
    "/assessments/{assessment_id}/gaps",
    response=GapViewOut,
    summary="A member's capabilities below target, priorities first, with good practices and consented peers",
)
def get_gaps(request: HttpRequest, assessment_id: int) -> Any:
    v = caller(request).viewer
    view = gap_view(viewer=v, pk=assessment_id)
    access_record(viewer=v, assessment=view.assessment, channel="api")
    return view


@router.get("/exchanges", response=list[ExchangeOut], summary="Your members' exchanges, newest first")
@paginate(Pagination)
def list_exchanges(
    request: HttpRequest,
    status: str = Query("", max_length=FILTER_MAX_LENGTH, description="pending, accepted, declined or withdrawn"),
) -> QuerySet[Exchange]:
    wanted = status if status in Exchange.Status.values else ""
    return exchange_list(viewer=caller(request).viewer, status=wanted)


def _detail(viewer: Viewer, exchange_id: int) -> Any:
    page = exchange_page(viewer=viewer, pk=exchange_id)
    return with_attributes(page.exchange, phases=[{"member": s.member, "phase": s.phase} for s in page.sides])


@router.post(
    "/exchanges",
    response={201: ExchangeDetailOut},
    summary="Propose an exchange on a capability to another member (its officials answer)",
)
def propose_exchange(request: HttpRequest, payload: ExchangeIn) -> Status[Any]:
    c = writer(request)
    member_id = payload.member_id
    if member_id is None:
        ours = proposing_members(viewer=c.viewer)
        member_id = ours[0].pk if len(ours) == 1 else None
    made = exchange_propose(
        viewer=c.viewer,
        member_id=member_id,
        counterpart_id=payload.counterpart_id,
        capability_id=payload.capability_id,
        kind=payload.kind,
        message=payload.message,
        via=c.via,
    )
    return Status(201, _detail(c.viewer, made.pk))


@router.get("/exchanges/{exchange_id}", response=ExchangeDetailOut, summary="One exchange (phases once consented)")
def get_exchange(request: HttpRequest, exchange_id: int) -> Any:
    return _detail(caller(request).viewer, exchange_id)


@router.post(
    "/exchanges/{exchange_id}/accept",
    response=ExchangeDetailOut,
    summary="Accept a pending exchange (the member asked; 409 once answered)",
)
def accept_exchange(request: HttpRequest, exchange_id: int) -> Any:
    c = writer(request)
    exchange_accept(viewer=c.viewer, exchange_id=exchange_id, via=c.via)
    return _detail(c.viewer, exchange_id)


@router.post(
    "/exchanges/{exchange_id}/decline",
    response=ExchangeDetailOut,
    summary="Decline a pending exchange (the member asked; 409 once answered)",
)
def decline_exchange(request: HttpRequest, exchange_id: int) -> Any:
    c = writer(request)
    exchange_decline(viewer=c.viewer, exchange_id=exchange_id, via=c.via)
    return _detail(c.viewer, exchange_id)


@router.post(
    "/exchanges/{exchange_id}/withdraw",
    response=ExchangeDetailOut,
    summary="Withdraw your member's consent (either side; 409 once ended)",
)
def withdraw_exchange(request: HttpRequest, exchange_id: int) -> Any:
    c = writer(request)
    exchange_withdraw(viewer=c.viewer, exchange_id=exchange_id, via=c.via)
    return _detail(c.viewer, exchange_id)
