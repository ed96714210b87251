"""Legal frameworks API: importing codings and statutes (secretariat, multipart), exports of what the
caller sees, and the PDFs of a profile and of a comparison (the same as the pages')."""

from __future__ import annotations

from django.http import HttpRequest
from django.http import HttpResponse
from ninja import File
from ninja import Form
from ninja import Query
from ninja import Router
from ninja import UploadedFile

from hub.core.api import caller
from hub.core.api import writer
from hub.core.errors import NotFound
from hub.core.viewer import Viewer
from hub.core.web import export_response
from hub.legal.api.io_schemas import ComparisonPdfQuery
from hub.legal.api.io_schemas import ExportQuery
from hub.legal.api.io_schemas import LegalImportOut
from hub.legal.api.io_schemas import ProfilePdfQuery
from hub.legal.pdf import comparison_pdf
from hub.legal.pdf import pdf_response
from hub.legal.pdf import profile_pdf
from hub.legal.policies.io import legal_io
from hub.legal.selectors.codings import as_of_parse
from hub.legal.selectors.compare import comparison_build
from hub.legal.selectors.io import CODING_EXPORT_HEADERS
from hub.legal.selectors.io import STATUTE_EXPORT_HEADERS
from hub.legal.selectors.io import codings_export_rows
from hub.legal.selectors.io import profile_pdf_page
from hub.legal.selectors.io import statutes_export_rows
from hub.legal.services.io import LegalImportReport
from hub.legal.services.io import codings_import
from hub.legal.services.io import statutes_import

router = Router(tags=["Legal frameworks"])


@router.post(
    "/imports/codings",
    response=LegalImportOut,
    summary="Import codings from CSV or XLSX (secretariat, multipart; all rows or none)",
)
def import_codings(request: HttpRequest, file: File[UploadedFile], dry_run: Form[bool] = False) -> LegalImportReport:
    c = writer(request)
    return codings_import(
        viewer=c.viewer, name=file.name or "codings.csv", content=file.read(), dry_run=dry_run, via=c.via
    )


@router.post(
    "/imports/statutes",
    response=LegalImportOut,
    summary="Import statutes from CSV or XLSX (secretariat, multipart; all rows or none)",
)
def import_statutes(request: HttpRequest, file: File[UploadedFile], dry_run: Form[bool] = False) -> LegalImportReport:
    c = writer(request)
    return statutes_import(
        viewer=c.viewer, name=file.name or "statutes.csv", content=file.read(), dry_run=dry_run, via=c.via
    )


def _exporter(request: HttpRequest) -> Viewer:
    v = caller(request).viewer
    if not legal_io.can(v, "export"):
        raise NotFound()
    return v


@router.get("/exports/codings", summary="The codings you may see, in the import's columns (CSV or XLSX)")
def export_codings(request: HttpRequest, query: Query[ExportQuery]) -> HttpResponse:
    v = _exporter(request)
    rows = codings_export_rows(viewer=v, member_slug=query.member or None, as_of=as_of_parse(query.as_of))
    return export_response(headers=CODING_EXPORT_HEADERS, rows=rows, fmt=query.format, filename="legal-codings")


@router.get("/exports/statutes", summary="The statutes you may see, in the import's columns (CSV or XLSX)")
def export_statutes(request: HttpRequest, query: Query[ExportQuery]) -> HttpResponse:
    v = _exporter(request)
    rows = statutes_export_rows(viewer=v, member_slug=query.member or None)
    return export_response(headers=STATUTE_EXPORT_HEADERS, rows=rows, fmt=query.format, filename="legal-statutes")


@router.get("/profiles/{slug}/pdf", summary="A member's legal profile as PDF (as the page shows it)")
def profile_as_pdf(request: HttpRequest, slug: str, query: Query[ProfilePdfQuery]) -> HttpResponse:
    page = profile_pdf_page(viewer=caller(request).viewer, slug=slug, as_of=as_of_parse(query.as_of))
    return pdf_response(profile_pdf(page), name=f"legal-profile-{slug}")


@router.get("/comparison/pdf", summary="Two to five members side by side as PDF (the comparison page's)")
def comparison_as_pdf(request: HttpRequest, query: Query[ComparisonPdfQuery]) -> HttpResponse:
    comparison = comparison_build(
        viewer=caller(request).viewer, member_slugs=query.members, as_of=as_of_parse(query.as_of)
    )
    return pdf_response(comparison_pdf(comparison), name="legal-comparison")
