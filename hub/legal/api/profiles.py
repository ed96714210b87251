"""Legal frameworks API: legal profiles. Reads through the selectors, writes through the services."""

from __future__ import annotations

from typing import Any

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
from hub.core.errors import NotFound
from hub.core.viewer import Viewer
from hub.legal.api.profiles_schemas import ProfileDetailOut
from hub.legal.api.profiles_schemas import ProfileOpenIn
from hub.legal.api.profiles_schemas import ProfileOut
from hub.legal.api.profiles_schemas import ProfilePatch
from hub.legal.api.profiles_schemas import ProfileQuery
from hub.legal.api.profiles_schemas import ReservationIn
from hub.legal.api.profiles_schemas import ReservationOut
from hub.legal.api.profiles_schemas import ReservationPatch
from hub.legal.api.profiles_schemas import StatuteIn
from hub.legal.api.profiles_schemas import StatuteOut
from hub.legal.api.profiles_schemas import StatutePatch
from hub.legal.api.profiles_schemas import TreatyStatusIn
from hub.legal.api.profiles_schemas import TreatyStatusOut
from hub.legal.models import LegalProfile
from hub.legal.selectors.codings import as_of_parse
from hub.legal.selectors.profiles import ProfileRow
from hub.legal.selectors.profiles import profile_get
from hub.legal.selectors.profiles import profile_index
from hub.legal.selectors.profiles import profile_view
from hub.legal.selectors.profiles import reservation_get
from hub.legal.selectors.profiles import treaty_status_get
from hub.legal.services.profiles import ReservationInput
from hub.legal.services.profiles import StatuteInput
from hub.legal.services.profiles import TreatyStatusInput
from hub.legal.services.profiles import profile_open
from hub.legal.services.profiles import profile_publish
from hub.legal.services.profiles import profile_summary_update
from hub.legal.services.profiles import profile_unpublish
from hub.legal.services.profiles import reservation_add
from hub.legal.services.profiles import reservation_update
from hub.legal.services.profiles import statute_add
from hub.legal.services.profiles import statute_remove
from hub.legal.services.profiles import statute_update
from hub.legal.services.profiles import treaty_status_set
from hub.members.selectors import member_get

router = Router(tags=["Legal frameworks"])


def _detail(v: Viewer, profile: LegalProfile, as_of: Any = None) -> Any:
    view = profile_view(viewer=v, profile=profile, as_of=as_of)
    return with_attributes(
        view,
        version=view.version.code if view.version else None,
        statutes=[row.statute for row in view.statutes],
        codings=[row for group in view.groups for row in group.rows],
    )


def _profile(request: HttpRequest, slug: str) -> tuple[Any, LegalProfile]:
    c = writer(request)
    return c, profile_get(viewer=c.viewer, slug=slug)


@router.get("/profiles", response=list[ProfileOut], summary="Legal profiles you may see, with their counts")
@paginate(Pagination)
def list_profiles(request: HttpRequest) -> list[ProfileRow]:
    return profile_index(viewer=caller(request).viewer).rows


@router.post("/profiles", response={201: ProfileDetailOut}, summary="Open a member's legal profile (secretariat)")
def open_profile(request: HttpRequest, response: HttpResponse, payload: ProfileOpenIn) -> Status[Any]:
    c = writer(request)
    member = member_get(viewer=c.viewer, slug=payload.member)
    profile = profile_open(viewer=c.viewer, member_id=member.pk, via=c.via)
    profile = profile_get(viewer=c.viewer, slug=member.slug)
    set_etag(response, profile)
    return Status(201, _detail(c.viewer, profile))


@router.get("/profiles/{slug}", response=ProfileDetailOut, summary="One legal profile (its codings as of a day)")
def get_profile(request: HttpRequest, response: HttpResponse, slug: str, filters: Query[ProfileQuery]) -> Any:
    v = caller(request).viewer
    profile = profile_get(viewer=v, slug=slug)
    as_of = as_of_parse(filters.as_of)
    set_etag(response, profile)
    return _detail(v, profile, as_of)


@router.patch("/profiles/{slug}", response=ProfileDetailOut, summary="Change the profile's summary (secretariat)")
def update_profile(request: HttpRequest, response: HttpResponse, slug: str, payload: ProfilePatch) -> Any:
    c, profile = _profile(request, slug)
    profile = profile_summary_update(
        viewer=c.viewer, profile_id=profile.pk, summary=payload.summary, version=if_match(request), via=c.via
    )
    set_etag(response, profile)
    return _detail(c.viewer, profile)


@router.post("/profiles/{slug}/publish", response=ProfileDetailOut, summary="Publish the profile (focal point)")
def publish_profile(request: HttpRequest, response: HttpResponse, slug: str) -> Any:
    c, profile = _profile(request, slug)
    profile = profile_publish(viewer=c.viewer, profile_id=profile.pk, via=c.via)
    set_etag(response, profile)
    return _detail(c.viewer, profile)


@router.post("/profiles/{slug}/unpublish", response=ProfileDetailOut, summary="Take the profile back (focal point)")
def unpublish_profile(request: HttpRequest, response: HttpResponse, slug: str) -> Any:
    c, profile = _profile(request, slug)
    profile = profile_unpublish(viewer=c.viewer, profile_id=profile.pk, via=c.via)
    set_etag(response, profile)
    return _detail(c.viewer, profile)


@router.post("/profiles/{slug}/statutes", response={201: StatuteOut}, summary="Add a statute (secretariat)")
def add_statute(request: HttpRequest, response: HttpResponse, slug: str, payload: StatuteIn) -> Status[Any]:
    c, profile = _profile(request, slug)
    statute = statute_add(viewer=c.viewer, profile_id=profile.pk, data=StatuteInput(**payload.dict()), via=c.via)
    set_etag(response, statute)
    return Status(201, statute)


@router.patch("/profiles/{slug}/statutes/{statute_id}", response=StatuteOut, summary="Change a statute (secretariat)")
def update_statute(
    request: HttpRequest, response: HttpResponse, slug: str, statute_id: int, payload: StatutePatch
) -> Any:
    c, profile = _profile(request, slug)
    data = StatuteInput(**payload.dict(exclude_unset=True))
    statute = statute_update(
        viewer=c.viewer, profile_id=profile.pk, statute_id=statute_id, data=data, version=if_match(request), via=c.via
    )
    set_etag(response, statute)
    return statute


@router.delete(
    "/profiles/{slug}/statutes/{statute_id}",
    response={204: None},
    summary="Remove a statute no coding cites (secretariat)",
)
def remove_statute(request: HttpRequest, slug: str, statute_id: int) -> Status[None]:
    c, profile = _profile(request, slug)
    statute_remove(viewer=c.viewer, profile_id=profile.pk, statute_id=statute_id, via=c.via)
    return Status(204, None)


@router.post(
    "/profiles/{slug}/treaties", response=TreatyStatusOut, summary="Set the status under a treaty (secretariat)"
)
def set_treaty_status(request: HttpRequest, response: HttpResponse, slug: str, payload: TreatyStatusIn) -> Any:
    c, profile = _profile(request, slug)
    row = treaty_status_set(
        viewer=c.viewer,
        profile_id=profile.pk,
        data=TreatyStatusInput(**payload.dict()),
        version=if_match(request),
        via=c.via,
    )
    set_etag(response, row)
    found = treaty_status_get(viewer=c.viewer, profile=profile, treaty=row.treaty)
    if found is None:
        raise NotFound()
    return found


@router.post("/profiles/{slug}/reservations", response={201: ReservationOut}, summary="Add a reservation (secretariat)")
def add_reservation(request: HttpRequest, response: HttpResponse, slug: str, payload: ReservationIn) -> Status[Any]:
    c, profile = _profile(request, slug)
    made = reservation_add(viewer=c.viewer, profile_id=profile.pk, data=ReservationInput(**payload.dict()), via=c.via)
    set_etag(response, made)
    return Status(201, reservation_get(viewer=c.viewer, profile=profile, reservation_id=made.pk))


@router.patch("/profiles/{slug}/reservations/{reservation_id}", response=ReservationOut, summary="Change a reservation")
def update_reservation(
    request: HttpRequest, response: HttpResponse, slug: str, reservation_id: int, payload: ReservationPatch
) -> Any:
    c, profile = _profile(request, slug)
    made = reservation_update(
        viewer=c.viewer,
        profile_id=profile.pk,
        reservation_id=reservation_id,
        data=ReservationInput(**payload.dict(exclude_unset=True)),
        version=if_match(request),
        via=c.via,
    )
    set_etag(response, made)
    return reservation_get(viewer=c.viewer, profile=profile, reservation_id=made.pk)
