"""The document library's API: list and read what the caller may see, download a file, upload
(multipart), change the details (If-Match), replace the file, withdraw. Reads go through the
selectors, writes through the services; errors are problem+json naming the field."""

import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse
from django.http import HttpRequest
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import File
from ninja import Form
from ninja import Query
from ninja import Router
from ninja import UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from hub.core.api import Pagination
from hub.core.api import caller
from hub.core.api import if_match
from hub.core.api import set_etag
from hub.core.api import writer
from hub.core.errors import Problem
from hub.core.errors import ValidationFailed
from hub.core.fields import strict_date
from hub.core.viewer import Viewer
from hub.knowledge.api.documents_schemas import LibraryDocumentOut
from hub.knowledge.api.documents_schemas import LibraryDocumentPatch
from hub.knowledge.api.documents_schemas import LibraryDocumentQuery
from hub.knowledge.api.documents_schemas import LibraryWithdrawIn
from hub.knowledge.models.documents import Document
from hub.knowledge.selectors.documents import DocumentFilters
from hub.knowledge.selectors.documents import document_get
from hub.knowledge.selectors.documents import document_list
from hub.knowledge.services.documents import DocumentInput
from hub.knowledge.services.documents import document_edit
from hub.knowledge.services.documents import document_replace_file
from hub.knowledge.services.documents import document_upload
from hub.knowledge.services.documents import document_withdraw
from hub.knowledge.views.documents import document_file_response
from hub.members.models import Member
from hub.members.selectors import member_get

router = Router(tags=["Documents"])


def _member(v: Viewer, slug: str | None) -> Member | None:
    return None if not slug else member_get(viewer=v, slug=slug)


def _read(v: Viewer, document: Document) -> Document:
    """The document as the caller sees it now (with what the list shows of its author)."""
    return document_get(viewer=v, pk=document.pk)


@router.get("", response=list[LibraryDocumentOut], summary="Library documents you may see")
@paginate(Pagination)
def list_documents(request: HttpRequest, filters: Query[LibraryDocumentQuery]) -> QuerySet[Document]:
    f = DocumentFilters(
        kind=filters.kind, language=filters.language, member=filters.member, year=filters.year, q=filters.q
    )
    return document_list(viewer=caller(request).viewer, filters=f)


@router.post("", response={201: LibraryDocumentOut}, summary="Add a document (multipart: the file and its details)")
def upload_document(
    request: HttpRequest,
    response: HttpResponse,
    title: Form[str],
    file: File[UploadedFile | None] = None,
    kind: Form[str] = "paper",
    language: Form[str] = "en",
    dated: Form[str] = "",
    author_member: Form[str] = "",
    summary: Form[str] = "",
    visibility: Form[str] = "taskforce",
) -> Status[Any]:
    c = writer(request)
    day: datetime.date | None = None
    if dated.strip():
        try:
            day = strict_date(dated)
        except ValueError as exc:
            problem = Problem(_("Write the date as YYYY-MM-DD."), field="dated")
            raise ValidationFailed(_("The document was not saved."), problems=[problem]) from exc
    data = DocumentInput(
        title=title,
        kind=kind,
        language=language,
        dated=day,
        author_member=_member(c.viewer, author_member),
        summary=summary,
        visibility=visibility,
    )
    document = document_upload(viewer=c.viewer, data=data, upload=file, via=c.via)
    document = _read(c.viewer, document)
    set_etag(response, document)
    return Status(201, document)


@router.get("/{document_id}", response=LibraryDocumentOut, summary="One library document")
def get_document(request: HttpRequest, response: HttpResponse, document_id: int) -> Document:
    document = document_get(viewer=caller(request).viewer, pk=document_id)
    set_etag(response, document)
    return document


@router.get("/{document_id}/file", summary="Download a document's file", url_name="knowledge_document_file")
def download_document(request: HttpRequest, document_id: int) -> FileResponse:
    return document_file_response(document_get(viewer=caller(request).viewer, pk=document_id))


@router.patch("/{document_id}", response=LibraryDocumentOut, summary="Change a document's details")
def update_document(
    request: HttpRequest, response: HttpResponse, document_id: int, payload: LibraryDocumentPatch
) -> Document:
    c = writer(request)
    document = document_get(viewer=c.viewer, pk=document_id)
    values = payload.dict(exclude_unset=True)
    if "author_member" in values:
        values["author_member"] = _member(c.viewer, values["author_member"])
    document = document_edit(
        viewer=c.viewer, document_id=document.pk, data=DocumentInput(**values), version=if_match(request), via=c.via
    )
    document = _read(c.viewer, document)
    set_etag(response, document)
    return document


@router.post("/{document_id}/file", response=LibraryDocumentOut, summary="Replace a document's file (multipart)")
def replace_document_file(
    request: HttpRequest, response: HttpResponse, document_id: int, file: File[UploadedFile | None] = None
) -> Document:
    c = writer(request)
    document = document_get(viewer=c.viewer, pk=document_id)
    document = document_replace_file(
        viewer=c.viewer, document_id=document.pk, upload=file, version=if_match(request), via=c.via
    )
    document = _read(c.viewer, document)
    set_etag(response, document)
    return document


@router.post("/{document_id}/withdraw", response={204: None}, summary="Withdraw a document (kept for the secretariat)")
def withdraw_document(request: HttpRequest, document_id: int, payload: LibraryWithdrawIn) -> Status[None]:
    c = writer(request)
    document = document_get(viewer=c.viewer, pk=document_id)
    document_withdraw(viewer=c.viewer, document_id=document.pk, reason=payload.reason, via=c.via)
    return Status(204, None)
