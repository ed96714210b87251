"""Legal frameworks: importing codings and statutes (secretariat), exports of what a viewer sees, and
the PDFs of a member's legal profile and of a comparison."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import URLPattern
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.decorators.http import require_safe

from hub.core.errors import HubError
from hub.core.errors import NotFound
from hub.core.tabular import export_body
from hub.core.web import export_response
from hub.core.web import file_response
from hub.core.web import public_page
from hub.core.web import viewer
from hub.core.web import viewer_required
from hub.legal.forms.io import LegalImportForm
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
from hub.legal.services.io import CODING_COLUMNS
from hub.legal.services.io import STATUTE_COLUMNS
from hub.legal.services.io import LegalImportReport
from hub.legal.services.io import codings_import
from hub.legal.services.io import statutes_import

TEMPLATE_ROWS = {
    "codings": (
        CODING_COLUMNS,
        ["fictland", "2026-1", "O5", "met", "Act 12 of 2019", "s. 163.1(4)", "Section 163.1 covers it.", "draft", ""],
    ),
    "statutes": (
        STATUTE_COLUMNS,
        [
            "fictland",
            "Act 12 of 2019",
            "Loi n° 12 de 2019 sur la protection de l'enfance",
            "fr",
            "Child Protection Act 2019",
            "https://example.org/act-12-2019",
            "2019-03-01",
            "",
            "Official journal, 2019",
        ],
    ),
}


def _require_import(request: HttpRequest) -> Any:
    v = viewer(request)
    if not legal_io.can(v, "import"):
        raise NotFound()
    return v


def _run(v: Any, form: LegalImportForm, *, dry_run: bool) -> LegalImportReport:
    upload = form.cleaned_data["file"]
    run = codings_import if form.cleaned_data["kind"] == "codings" else statutes_import
    return run(viewer=v, name=upload.name or "upload.csv", content=upload.read(), dry_run=dry_run, via="web")


@require_http_methods(["GET", "HEAD", "POST"])
@viewer_required
def legal_import_view(request: HttpRequest) -> HttpResponse:
    """Upload codings or statutes: check only (a dry run) or import. Every bad row and column is listed."""
    v = _require_import(request)
    form = LegalImportForm(request.POST or None, request.FILES or None)
    report: LegalImportReport | None = None
    refused: HubError | None = None
    if request.method == "POST" and form.is_valid():
        try:
            report = _run(v, form, dry_run=request.POST.get("action") == "check")
        except NotFound:
            raise
        except HubError as exc:
            refused = exc
    status = 422 if request.method == "POST" and report is None else 200
    return render(request, "legal/io/import.html", {"form": form, "report": report, "refused": refused}, status=status)


@require_safe
@viewer_required
def legal_import_template_view(request: HttpRequest, kind: str) -> HttpResponse:
    _require_import(request)
    headers, example = TEMPLATE_ROWS[kind]
    body = export_body(headers=headers, rows=[example], fmt="csv")
    return file_response(body, content_type="text/csv; charset=utf-8", filename=f"legal-{kind}-template.csv")


def _as_of(request: HttpRequest) -> Any:
    return as_of_parse(request.GET.get("as_of"))


def _require_export(request: HttpRequest) -> Any:
    v = viewer(request)
    if not legal_io.can(v, "export"):
        raise NotFound()
    return v


@require_safe
@public_page
def legal_codings_export_view(request: HttpRequest, fmt: str) -> HttpResponse:
    """The codings the viewer sees (one member with ?member=, as of a day with ?as_of=), in the import's columns."""
    v = _require_export(request)
    rows = codings_export_rows(viewer=v, member_slug=request.GET.get("member") or None, as_of=_as_of(request))
    return export_response(headers=CODING_EXPORT_HEADERS, rows=rows, fmt=fmt, filename="legal-codings")


@require_safe
@public_page
def legal_statutes_export_view(request: HttpRequest, fmt: str) -> HttpResponse:
    v = _require_export(request)
    rows = statutes_export_rows(viewer=v, member_slug=request.GET.get("member") or None)
    return export_response(headers=STATUTE_EXPORT_HEADERS, rows=rows, fmt=fmt, filename="legal-statutes")


@require_safe
@public_page
def legal_profile_pdf_view(request: HttpRequest, slug: str) -> HttpResponse:
    """The member's legal profile as a PDF (a profile the viewer may not see is a 404)."""
    page = profile_pdf_page(viewer=viewer(request), slug=slug, as_of=_as_of(request))
    return pdf_response(profile_pdf(page), name=_("legal-profile-%(slug)s") % {"slug": slug})


@require_safe
@public_page
def legal_compare_pdf_view(request: HttpRequest) -> HttpResponse:
    """Two to five members side by side as a PDF (?members=a&members=b, optionally ?as_of=)."""
    comparison = comparison_build(
        viewer=viewer(request), member_slugs=request.GET.getlist("members"), as_of=_as_of(request)
    )
    return pdf_response(comparison_pdf(comparison), name="legal-comparison")


urlpatterns: list[URLPattern] = [
    path("legal/import/", legal_import_view, name="legal_import"),
    path(
        "legal/import/codings-template.csv",
        legal_import_template_view,
        {"kind": "codings"},
        name="legal_import_codings_template",
    ),
    path(
        "legal/import/statutes-template.csv",
        legal_import_template_view,
        {"kind": "statutes"},
        name="legal_import_statutes_template",
    ),
    path("legal/export/codings.<str:fmt>", legal_codings_export_view, name="legal_codings_export"),
    path("legal/export/statutes.<str:fmt>", legal_statutes_export_view, name="legal_statutes_export"),
    path("legal/profiles/<slug:slug>/pdf/", legal_profile_pdf_view, name="legal_profile_pdf"),
    path("legal/compare/pdf/", legal_compare_pdf_view, name="legal_compare_pdf"),
]
