"""MNR self-assessment API: the framework versions and the maturity phases. Reads through the
selectors, writes through the services."""

from typing import Annotated
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.http import HttpResponse
from ninja import File
from ninja import Form
from ninja import Path
from ninja import Router
from ninja import UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from hub.assessments.api.framework_schemas import FrameworkDetailOut
from hub.assessments.api.framework_schemas import FrameworkLoadOut
from hub.assessments.api.framework_schemas import FrameworkOut
from hub.assessments.api.framework_schemas import PhaseOut
from hub.assessments.api.framework_schemas import PhasePatch
from hub.assessments.models import Framework
from hub.assessments.models import Phase
from hub.assessments.selectors.framework import framework_get
from hub.assessments.selectors.framework import framework_page
from hub.assessments.selectors.framework import framework_versions
from hub.assessments.selectors.framework import phase_get
from hub.assessments.selectors.framework import phases
from hub.assessments.services.framework import framework_load
from hub.assessments.services.framework import framework_publish
from hub.assessments.services.framework import phase_update
from hub.core.api import Pagination
from hub.core.api import caller
from hub.core.api import if_match
from hub.core.api import set_etag
from hub.core.api import with_attributes
from hub.core.api import writer

router = Router(tags=["Self-assessment"])


@router.get("/frameworks", response=list[FrameworkOut], summary="Versions of the MNR capability framework")
@paginate(Pagination)
def list_frameworks(request: HttpRequest) -> QuerySet[Framework]:
    return framework_versions(viewer=caller(request).viewer)


@router.post(
    "/frameworks/load",
    response={200: FrameworkLoadOut, 201: FrameworkLoadOut},
    summary="Load a new framework version from CSV or XLSX, as a draft (secretariat, multipart)",
)
def load_framework(
    request: HttpRequest,
    code: Form[str],
    source: Form[str],
    file: File[UploadedFile],
    title: Form[str] = "",
    previous: Form[str] = "",
    dry_run: Form[bool] = False,
) -> Status[Any]:
    c = writer(request)
    report = framework_load(
        viewer=c.viewer,
        code=code,
        title=title,
        source=source,
        previous=previous,
        name=file.name or "framework.csv",
        content=file.read(),
        dry_run=dry_run,
        via=c.via,
    )
    return Status(201 if report.framework_created and not report.dry_run else 200, report)


def _detail(request: HttpRequest, code: str) -> Any:
    v = caller(request).viewer
    found = framework_get(viewer=v, code=code)
    page = framework_page(viewer=v, framework=found)
    return with_attributes(
        found, is_current=page.is_current, capabilities=page.capabilities, not_carried_over=page.unmapped
    )


@router.get(
    "/frameworks/{code}", response=FrameworkDetailOut, summary="One version, with its capabilities and their mappings"
)
def get_framework(request: HttpRequest, code: str) -> Any:
    return _detail(request, code)


@router.post(
    "/frameworks/{code}/publish",
    response=FrameworkDetailOut,
    summary="Publish a draft version: it becomes the current one (secretariat)",
)
def publish_framework(request: HttpRequest, code: str) -> Any:
    c = writer(request)
    found = framework_get(viewer=c.viewer, code=code)
    framework_publish(viewer=c.viewer, framework_id=found.pk, via=c.via)
    return _detail(request, code)


@router.get("/phases", response=list[PhaseOut], summary="The four maturity phases, in order")
def list_phases(request: HttpRequest) -> list[Phase]:
    caller(request)
    return phases()


PhaseNumber = Annotated[int, Path(ge=1, le=4, description="The phase, 1 to 4")]


@router.get("/phases/{number}", response=PhaseOut, summary="One maturity phase (its ETag names its version)")
def get_phase(request: HttpRequest, response: HttpResponse, number: PhaseNumber) -> Phase:
    caller(request)
    phase = phase_get(number=number)
    set_etag(response, phase)
    return phase


@router.patch(
    "/phases/{number}",
    response=PhaseOut,
    summary="Change a phase's label, description or whether its name is confirmed (secretariat)",
)
def update_phase(request: HttpRequest, response: HttpResponse, number: PhaseNumber, payload: PhasePatch) -> Phase:
    c = writer(request)
    phase = phase_get(number=number)
    phase = phase_update(
        viewer=c.viewer,
        number=phase.number,
        label=phase.label if payload.label is None else payload.label,
        description=phase.description if payload.description is None else payload.description,
        confirmed=phase.confirmed if payload.confirmed is None else payload.confirmed,
        version=if_match(request) or payload.version,
        via=c.via,
    )
    set_etag(response, phase)
    return phase
