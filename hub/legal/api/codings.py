"""Legal frameworks API: codings (with their history, now or as of a day) and correction requests.
Every read goes through the selectors, every write through the services; schemas in
codings_schemas.py."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.http import HttpResponse
from django.urls import reverse
from ninja import Query
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status

from hub.core.api import Pagination
from hub.core.api import caller
from hub.core.api import if_match
from hub.core.api import set_etag
from hub.core.api import with_attributes
from hub.core.api import writer
from hub.core.errors import NotFound
from hub.core.limits import FILTER_MAX_LENGTH
from hub.core.policies import policy_for
from hub.core.viewer import Viewer
from hub.legal.api.codings_schemas import CodingCellOut
from hub.legal.api.codings_schemas import CodingDetailOut
from hub.legal.api.codings_schemas import CodingEditIn
from hub.legal.api.codings_schemas import CorrectionDecisionIn
from hub.legal.api.codings_schemas import CorrectionIn
from hub.legal.api.codings_schemas import CorrectionOut
from hub.legal.models import Coding
from hub.legal.models import CorrectionRequest
from hub.legal.selectors.codings import CodingPage
from hub.legal.selectors.codings import as_of_parse
from hub.legal.selectors.codings import coding_get
from hub.legal.selectors.codings import coding_history
from hub.legal.selectors.codings import profile_codings
from hub.legal.selectors.corrections import correction_get
from hub.legal.selectors.corrections import correction_list
from hub.legal.services.codings import CodingInput
from hub.legal.services.codings import coding_record
from hub.legal.services.codings import coding_verify
from hub.legal.services.corrections import correction_accept
from hub.legal.services.corrections import correction_reject
from hub.legal.services.corrections import correction_request

router = Router(tags=["Legal frameworks"])
CODING = "/profiles/{slug}/codings/{version}/{code}"


def _detail(viewer: Viewer, page: CodingPage, response: HttpResponse | None = None) -> dict[str, Any]:
    coding, provision = page.coding, page.provision
    names = policy_for(Coding).can(viewer, "see_coders", coding)
    out: dict[str, Any] = {
        "member": page.profile.member.slug,
        "version": page.version.code,
        "provision": provision.code,
        "provision_text": provision.text,
        "met_means": provision.met_means,
        "scoring": provision.scoring,
        "is_synthetic": page.has_synthetic,
        "url": reverse("legal_coding", args=[page.profile.member.slug, page.version.code, provision.code]),
    }
    if coding is None:
        return out | {
            "status": Coding.Status.NOT_ASSESSED,
            "status_label": str(Coding.Status.NOT_ASSESSED.label),
            "review": Coding.Review.DRAFT,
            "statute_id": None,
            "pinpoint": "",
            "citation": "",
            "rationale": "",
            "coder": None,
            "verified_on": None,
            "coding_id": None,
            "history": [],
        }
    if response is not None:
        set_etag(response, coding)
    return out | {
        "status": coding.status,
        "status_label": coding.get_status_display(),
        "review": coding.review,
        "statute_id": coding.statute_id,
        "pinpoint": coding.pinpoint,
        "citation": coding.citation,
        "rationale": coding.rationale,
        "coder": (coding.coder.full_name or None) if names and coding.coder else None,
        "verified_on": coding.verified_on,
        "coding_id": coding.pk,
        "history": coding_history(viewer=viewer, coding=coding),
    }


@router.get(
    "/profiles/{slug}/codings",
    response=list[CodingCellOut],
    summary="A member's coding of every provision (now, or as of a past day)",
)
@paginate(Pagination)
def list_codings(
    request: HttpRequest,
    slug: str,
    version: str = Query("", max_length=16, description="The checklist version (the current one when empty)"),
    as_of: str = Query("", max_length=10, description="YYYY-MM-DD, today or an earlier day"),
) -> list[Any]:
    v = caller(request).viewer
    codings = profile_codings(viewer=v, slug=slug, version=version, as_of=as_of_parse(as_of))
    return [with_attributes(cell, provision=p.code, group=p.group) for p, cell in codings.rows()]


@router.get(
    CODING, response=CodingDetailOut, summary="One provision's coding, with its history", url_name="legal_coding_api"
)
def get_coding(request: HttpRequest, response: HttpResponse, slug: str, version: str, code: str) -> Any:
    v = caller(request).viewer
    return _detail(v, coding_get(viewer=v, slug=slug, version=version, code=code), response)


@router.put(
    CODING,
    response=CodingDetailOut,
    summary="Code a provision or change its coding (secretariat)",
    url_name="legal_coding_api",
)
def put_coding(
    request: HttpRequest, response: HttpResponse, slug: str, version: str, code: str, payload: CodingEditIn
) -> Any:
    c = writer(request)
    page = coding_get(viewer=c.viewer, slug=slug, version=version, code=code)
    coding_record(
        viewer=c.viewer,
        profile_id=page.profile.pk,
        provision_id=page.provision.pk,
        data=CodingInput(**payload.dict()),
        version=if_match(request),
        via=c.via,
    )
    return _detail(c.viewer, coding_get(viewer=c.viewer, slug=slug, version=version, code=code), response)


@router.post(
    CODING + "/verify",
    response=CodingDetailOut,
    summary="Verify a draft coding (secretariat)",
    url_name="legal_coding_api_verify",
)
def verify_coding(request: HttpRequest, response: HttpResponse, slug: str, version: str, code: str) -> Any:
    c = writer(request)
    page = coding_get(viewer=c.viewer, slug=slug, version=version, code=code)
    if page.coding is None:
        raise NotFound()
    coding_verify(viewer=c.viewer, coding_id=page.coding.pk, version=if_match(request), via=c.via)
    return _detail(c.viewer, coding_get(viewer=c.viewer, slug=slug, version=version, code=code), response)


@router.post(
    CODING + "/corrections",
    response={201: CorrectionOut},
    summary="Contest a coding of your own member (member officials)",
    url_name="legal_coding_api_corrections",
)
def contest_coding(request: HttpRequest, slug: str, version: str, code: str, payload: CorrectionIn) -> Status[Any]:
    c = writer(request)
    page = coding_get(viewer=c.viewer, slug=slug, version=version, code=code)
    if page.coding is None:
        raise NotFound()
    made = correction_request(viewer=c.viewer, coding_id=page.coding.pk, via=c.via, **payload.dict())
    return Status(201, correction_get(viewer=c.viewer, pk=made.pk))


@router.get("/corrections", response=list[CorrectionOut], summary="Correction requests you may see, open ones first")
@paginate(Pagination)
def list_corrections(
    request: HttpRequest,
    status: str = Query("", max_length=FILTER_MAX_LENGTH, description="open, accepted or rejected"),
    member: str = Query("", max_length=FILTER_MAX_LENGTH, description="A member's short name (slug)"),
) -> QuerySet[CorrectionRequest]:
    return correction_list(viewer=caller(request).viewer, status=status, member_slug=member)


@router.get("/corrections/{correction_id}", response=CorrectionOut, summary="One correction request")
def get_correction(request: HttpRequest, correction_id: int) -> Any:
    return correction_get(viewer=caller(request).viewer, pk=correction_id)


@router.post(
    "/corrections/{correction_id}/accept",
    response=CorrectionOut,
    summary="Accept an open request: the coding changes, its history kept (secretariat; 409 once decided)",
)
def accept_correction(request: HttpRequest, correction_id: int, payload: CorrectionDecisionIn) -> Any:
    c = writer(request)
    correction_accept(viewer=c.viewer, correction_id=correction_id, note=payload.note, via=c.via)
    return correction_get(viewer=c.viewer, pk=correction_id)


@router.post(
    "/corrections/{correction_id}/reject",
    response=CorrectionOut,
    summary="Reject an open request with a reason (secretariat; 409 once decided)",
)
def reject_correction(request: HttpRequest, correction_id: int, payload: CorrectionDecisionIn) -> Any:
    c = writer(request)
    correction_reject(viewer=c.viewer, correction_id=correction_id, note=payload.note, via=c.via)
    return correction_get(viewer=c.viewer, pk=correction_id)
