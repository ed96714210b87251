"""Knowledge: the good-practice API. Reads through the selectors, writes through the services."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.http import HttpResponse
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
from hub.core.policies import policy_for
from hub.core.viewer import Viewer
from hub.knowledge.api.practices_schemas import PracticeDetailOut
from hub.knowledge.api.practices_schemas import PracticeIn
from hub.knowledge.api.practices_schemas import PracticeOut
from hub.knowledge.api.practices_schemas import PracticePatch
from hub.knowledge.api.practices_schemas import PracticePublishIn
from hub.knowledge.api.practices_schemas import PracticeQuery
from hub.knowledge.api.practices_schemas import PracticeReturnIn
from hub.knowledge.models import GoodPractice
from hub.knowledge.selectors.practices import PracticeFilters
from hub.knowledge.selectors.practices import practice_documents
from hub.knowledge.selectors.practices import practice_get
from hub.knowledge.selectors.practices import practice_list
from hub.knowledge.services.practices import PracticeInput
from hub.knowledge.services.practices import practice_create
from hub.knowledge.services.practices import practice_publish
from hub.knowledge.services.practices import practice_return
from hub.knowledge.services.practices import practice_submit
from hub.knowledge.services.practices import practice_update
from hub.knowledge.services.practices import practice_withdraw
from hub.members.selectors import member_get

router = Router(tags=["Good practices"])


def _detail(v: Viewer, practice: GoodPractice) -> Any:
    practice = practice_get(viewer=v, pk=practice.pk)
    note = practice.review_note if policy_for(GoodPractice).can(v, "read_review", practice) else None
    return with_attributes(practice, review_note=note, documents=practice_documents(viewer=v, practice=practice))


@router.get("", response=list[PracticeOut], summary="Good practices you may see")
@paginate(Pagination)
def list_practices(request: HttpRequest, filters: Query[PracticeQuery]) -> QuerySet[GoodPractice]:
    f = PracticeFilters(
        member=filters.member,
        commitment=filters.commitment,
        capability=filters.capability,
        language=filters.language,
        status=filters.status,
    )
    return practice_list(viewer=caller(request).viewer, filters=f)


@router.post("", response={201: PracticeDetailOut}, summary="Write a good practice in draft (member officials)")
def create_practice(request: HttpRequest, response: HttpResponse, payload: PracticeIn) -> Status[Any]:
    c = writer(request)
    member = member_get(viewer=c.viewer, slug=payload.member)
    data = PracticeInput(**payload.dict(exclude={"member"}))
    practice = practice_create(viewer=c.viewer, member=member, data=data, via=c.via)
    set_etag(response, practice)
    return Status(201, _detail(c.viewer, practice))


@router.get("/{practice_id}", response=PracticeDetailOut, summary="One good practice")
def get_practice(request: HttpRequest, response: HttpResponse, practice_id: int) -> Any:
    v = caller(request).viewer
    practice = practice_get(viewer=v, pk=practice_id)
    set_etag(response, practice)
    return _detail(v, practice)


@router.patch("/{practice_id}", response=PracticeDetailOut, summary="Change a draft or returned good practice")
def update_practice(request: HttpRequest, response: HttpResponse, practice_id: int, payload: PracticePatch) -> Any:
    c = writer(request)
    data = PracticeInput(**payload.dict(exclude_unset=True))
    practice = practice_update(
        viewer=c.viewer, practice_id=practice_id, data=data, version=if_match(request), via=c.via
    )
    set_etag(response, practice)
    return _detail(c.viewer, practice)


@router.post("/{practice_id}/submit", response=PracticeDetailOut, summary="Submit for review (member officials)")
def submit_practice(request: HttpRequest, response: HttpResponse, practice_id: int) -> Any:
    c = writer(request)
    practice = practice_submit(viewer=c.viewer, practice_id=practice_id, via=c.via)
    set_etag(response, practice)
    return _detail(c.viewer, practice)


@router.post("/{practice_id}/publish", response=PracticeDetailOut, summary="Publish a submitted practice (secretariat)")
def publish_practice(request: HttpRequest, response: HttpResponse, practice_id: int, payload: PracticePublishIn) -> Any:
    c = writer(request)
    practice = practice_publish(viewer=c.viewer, practice_id=practice_id, note=payload.note, via=c.via)
    set_etag(response, practice)
    return _detail(c.viewer, practice)


@router.post("/{practice_id}/return", response=PracticeDetailOut, summary="Return a submitted practice (secretariat)")
def return_practice(request: HttpRequest, response: HttpResponse, practice_id: int, payload: PracticeReturnIn) -> Any:
    c = writer(request)
    practice = practice_return(viewer=c.viewer, practice_id=practice_id, note=payload.note, via=c.via)
    set_etag(response, practice)
    return _detail(c.viewer, practice)


@router.post("/{practice_id}/withdraw", response=PracticeDetailOut, summary="Withdraw a published practice")
def withdraw_practice(request: HttpRequest, response: HttpResponse, practice_id: int) -> Any:
    c = writer(request)
    practice = practice_withdraw(viewer=c.viewer, practice_id=practice_id, via=c.via)
    set_etag(response, practice)
    return _detail(c.viewer, practice)
