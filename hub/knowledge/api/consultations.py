"""Knowledge: consultations (API routes; schemas in consultations_schemas.py). Every read goes through
the selectors, every write through the services."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.http import HttpResponse
from ninja import Query
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status

from hub.commitments.selectors import commitment_get
from hub.core.api import Pagination
from hub.core.api import caller
from hub.core.api import if_match
from hub.core.api import set_etag
from hub.core.api import with_attributes
from hub.core.api import writer
from hub.core.limits import FILTER_MAX_LENGTH
from hub.knowledge.api.consultations_schemas import CommitmentInputIn
from hub.knowledge.api.consultations_schemas import ConsultationDetailOut
from hub.knowledge.api.consultations_schemas import ConsultationIn
from hub.knowledge.api.consultations_schemas import ConsultationInputIn
from hub.knowledge.api.consultations_schemas import ConsultationInputOut
from hub.knowledge.api.consultations_schemas import ConsultationOut
from hub.knowledge.api.consultations_schemas import ConsultationPatch
from hub.knowledge.api.consultations_schemas import ConsultationResponseIn
from hub.knowledge.models.consultations import Consultation
from hub.knowledge.models.consultations import ConsultationInput
from hub.knowledge.selectors.consultations import consultation_get
from hub.knowledge.selectors.consultations import consultation_list
from hub.knowledge.selectors.consultations import consultation_page
from hub.knowledge.selectors.consultations import input_get
from hub.knowledge.selectors.consultations import input_list
from hub.knowledge.services.consultations import ConsultationData
from hub.knowledge.services.consultations import consultation_close
from hub.knowledge.services.consultations import consultation_create
from hub.knowledge.services.consultations import consultation_edit
from hub.knowledge.services.consultations import consultation_open
from hub.knowledge.services.consultations import input_respond
from hub.knowledge.services.consultations import input_submit
from hub.knowledge.services.consultations import input_submit_on_commitment
from hub.members.selectors import member_get

router = Router(tags=["Consultations"])


def _detail(request: HttpRequest, consultation: Consultation) -> Any:
    page = consultation_page(viewer=caller(request).viewer, consultation=consultation)
    return with_attributes(consultation, documents=[d.pk for d in page.documents], can_submit=page.can_submit)


@router.get("", response=list[ConsultationOut], summary="Consultations you may see, open ones first")
@paginate(Pagination)
def list_consultations(
    request: HttpRequest, status: str = Query("", max_length=FILTER_MAX_LENGTH, description="draft, open or closed")
) -> QuerySet[Consultation]:
    return consultation_list(viewer=caller(request).viewer, status=status)


@router.post("", response={201: ConsultationDetailOut}, summary="Create a draft consultation (secretariat)")
def create_consultation(request: HttpRequest, payload: ConsultationIn) -> Status[Any]:
    c = writer(request)
    consultation = consultation_create(viewer=c.viewer, data=ConsultationData(**payload.dict()), via=c.via)
    return Status(201, _detail(request, consultation))


@router.get(
    "/input", response=list[ConsultationInputOut], summary="All input you may see, on consultations and commitments"
)
@paginate(Pagination)
def list_all_input(request: HttpRequest) -> QuerySet[ConsultationInput]:
    return input_list(viewer=caller(request).viewer)


@router.post(
    "/input/{input_id}/response",
    response=ConsultationInputOut,
    summary="Record or change the reasoned response (secretariat)",
)
def respond_to_input(
    request: HttpRequest, response: HttpResponse, input_id: int, payload: ConsultationResponseIn
) -> Any:
    c = writer(request)
    record = input_get(viewer=c.viewer, pk=input_id)
    record = input_respond(
        viewer=c.viewer, record=record, response=payload.response, version=if_match(request), via=c.via
    )
    set_etag(response, record)
    return record


@router.post(
    "/commitments/{number}/input",
    response={201: ConsultationInputOut},
    summary="Send input on a commitment (contributors)",
)
def send_commitment_input(request: HttpRequest, number: int, payload: CommitmentInputIn) -> Status[Any]:
    c = writer(request)
    commitment = commitment_get(viewer=c.viewer, number=number)
    record = input_submit_on_commitment(
        viewer=c.viewer, commitment=commitment, text=payload.text, organisation=payload.organisation, via=c.via
    )
    return Status(201, input_get(viewer=c.viewer, pk=record.pk))


@router.get("/{consultation_id}", response=ConsultationDetailOut, summary="One consultation")
def get_consultation(request: HttpRequest, response: HttpResponse, consultation_id: int) -> Any:
    consultation = consultation_get(viewer=caller(request).viewer, pk=consultation_id)
    set_etag(response, consultation)
    return _detail(request, consultation)


@router.patch("/{consultation_id}", response=ConsultationDetailOut, summary="Change a consultation (secretariat)")
def update_consultation(
    request: HttpRequest, response: HttpResponse, consultation_id: int, payload: ConsultationPatch
) -> Any:
    c = writer(request)
    consultation = consultation_get(viewer=c.viewer, pk=consultation_id)
    data = ConsultationData(**payload.dict(exclude_unset=True))
    consultation = consultation_edit(
        viewer=c.viewer, consultation=consultation, data=data, version=if_match(request), via=c.via
    )
    set_etag(response, consultation)
    return _detail(request, consultation)


@router.post("/{consultation_id}/open", response=ConsultationDetailOut, summary="Open for input (secretariat)")
def open_consultation(request: HttpRequest, consultation_id: int) -> Any:
    c = writer(request)
    consultation = consultation_get(viewer=c.viewer, pk=consultation_id)
    return _detail(request, consultation_open(viewer=c.viewer, consultation=consultation, via=c.via))


@router.post("/{consultation_id}/close", response=ConsultationDetailOut, summary="Close (secretariat)")
def close_consultation(request: HttpRequest, consultation_id: int) -> Any:
    c = writer(request)
    consultation = consultation_get(viewer=c.viewer, pk=consultation_id)
    return _detail(request, consultation_close(viewer=c.viewer, consultation=consultation, via=c.via))


@router.get(
    "/{consultation_id}/input", response=list[ConsultationInputOut], summary="The input on a consultation you may see"
)
@paginate(Pagination)
def list_consultation_input(request: HttpRequest, consultation_id: int) -> QuerySet[ConsultationInput]:
    v = caller(request).viewer
    consultation = consultation_get(viewer=v, pk=consultation_id)
    return input_list(viewer=v, consultation_id=consultation.pk)


@router.post(
    "/{consultation_id}/input",
    response={201: ConsultationInputOut},
    summary="Send input on an open consultation, before its deadline (409 after it)",
)
def send_input(request: HttpRequest, consultation_id: int, payload: ConsultationInputIn) -> Status[Any]:
    c = writer(request)
    consultation = consultation_get(viewer=c.viewer, pk=consultation_id)
    member_id = member_get(viewer=c.viewer, slug=payload.member).pk if payload.member else None
    record = input_submit(
        viewer=c.viewer,
        consultation=consultation,
        text=payload.text,
        organisation=payload.organisation,
        member_id=member_id,
        via=c.via,
    )
    return Status(201, input_get(viewer=c.viewer, pk=record.pk))
