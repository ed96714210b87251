"""Legal frameworks API: the model checklist. Reads through the selectors, writes through the services."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import File
from ninja import Form
from ninja import Router
from ninja import UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from hub.core.api import Pagination
from hub.core.api import caller
from hub.core.api import with_attributes
from hub.core.api import writer
from hub.legal.api.checklist_schemas import ChecklistLoadOut
from hub.legal.api.checklist_schemas import ChecklistVersionDetailOut
from hub.legal.api.checklist_schemas import ChecklistVersionOut
from hub.legal.api.checklist_schemas import ProvisionDetailOut
from hub.legal.models import ChecklistVersion
from hub.legal.selectors.checklist import checklist_page
from hub.legal.selectors.checklist import checklist_version_get
from hub.legal.selectors.checklist import checklist_versions
from hub.legal.selectors.checklist import provision_page
from hub.legal.services.checklist import checklist_version_load
from hub.legal.services.checklist import checklist_version_publish

router = Router(tags=["Legal frameworks"])


@router.get("/checklists", response=list[ChecklistVersionOut], summary="Versions of the model checklist")
@paginate(Pagination)
def list_checklists(request: HttpRequest) -> QuerySet[ChecklistVersion]:
    return checklist_versions(viewer=caller(request).viewer)


@router.post(
    "/checklists",
    response={200: ChecklistLoadOut, 201: ChecklistLoadOut},
    summary="Load a new checklist version from CSV or XLSX, as a draft (secretariat, multipart)",
)
def load_checklist(
    request: HttpRequest,
    code: Form[str],
    source: Form[str],
    file: File[UploadedFile],
    title: Form[str] = "",
    dry_run: Form[bool] = False,
) -> Status[Any]:
    c = writer(request)
    report = checklist_version_load(
        viewer=c.viewer,
        code=code,
        title=title,
        source=source,
        name=file.name or "checklist.csv",
        content=file.read(),
        dry_run=dry_run,
        via=c.via,
    )
    return Status(201 if report.version_created and not report.dry_run else 200, report)


def _detail(request: HttpRequest, code: str) -> Any:
    v = caller(request).viewer
    version = checklist_version_get(viewer=v, code=code)
    page = checklist_page(viewer=v, version=version)
    return with_attributes(
        version,
        is_current=page.is_current,
        provisions=page.provisions,
        not_carried_over=[p.code for p in page.unmapped],
    )


@router.get("/checklists/{version}", response=ChecklistVersionDetailOut, summary="One version, with its provisions")
def get_checklist(request: HttpRequest, version: str) -> Any:
    return _detail(request, version)


@router.get(
    "/checklists/{version}/provisions/{code}",
    response=ProvisionDetailOut,
    summary="One provision, with where it comes from and what it became",
)
def get_provision(request: HttpRequest, version: str, code: str) -> Any:
    v = caller(request).viewer
    page = provision_page(viewer=v, version=checklist_version_get(viewer=v, code=version), code=code)
    return with_attributes(page.provision, predecessors=page.predecessors, successors=page.successors)


@router.post(
    "/checklists/{version}/publish",
    response=ChecklistVersionDetailOut,
    summary="Publish a draft version: it becomes the current one (secretariat)",
)
def publish_checklist(request: HttpRequest, version: str) -> Any:
    c = writer(request)
    found = checklist_version_get(viewer=c.viewer, code=version)
    checklist_version_publish(viewer=c.viewer, version_id=found.pk, via=c.via)
    return _detail(request, version)
