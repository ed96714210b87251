"""Legal frameworks: the views across members — comparison, matrix, safe havens, gap list, coverage
map — each with its CSV/XLSX export and "as of". Public pages: each viewer sees the profiles they may
(the public, the published ones); every read goes through hub.legal.selectors.compare."""

from __future__ import annotations

import datetime
import gzip
import hashlib
from typing import Any

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe
from pygal.maps.world import World
from pygal.style import Style

from hub.core.errors import HubError
from hub.core.errors import Problem
from hub.core.errors import ValidationFailed
from hub.core.web import export_response
from hub.core.web import public_page
from hub.core.web import viewer
from hub.legal.forms.compare import AsOfForm
from hub.legal.forms.compare import CompareForm
from hub.legal.forms.compare import CoverageForm
from hub.legal.forms.compare import MatrixFilterForm
from hub.legal.selectors.codings import STATUS
from hub.legal.selectors.compare import Comparison
from hub.legal.selectors.compare import Coverage
from hub.legal.selectors.compare import Matrix
from hub.legal.selectors.compare import MatrixFilters
from hub.legal.selectors.compare import compare_choices
from hub.legal.selectors.compare import comparison_build
from hub.legal.selectors.compare import comparison_table
from hub.legal.selectors.compare import coverage_build
from hub.legal.selectors.compare import coverage_table
from hub.legal.selectors.compare import gap_list_build
from hub.legal.selectors.compare import gaps_table
from hub.legal.selectors.compare import matrix_build
from hub.legal.selectors.compare import matrix_filter_choices
from hub.legal.selectors.compare import matrix_table
from hub.legal.selectors.compare import provision_choices
from hub.legal.selectors.compare import safe_havens_build
from hub.legal.selectors.compare import safe_havens_table
from hub.legal.selectors.compare import version_resolve
from hub.members.map import MAP_STYLE
from hub.members.map import SCRIPT

# Short labels of the matrix's cells (the full words are in the cell's title and for screen readers).
SHORT: dict[str, Any] = {
    STATUS.MET: gettext_lazy("Met"),
    STATUS.PARTIAL: gettext_lazy("Part"),
    STATUS.NOT_MET: gettext_lazy("No"),
    STATUS.NOT_ASSESSED: "–",
    STATUS.NOT_APPLICABLE: gettext_lazy("n/a"),
}
# Map colours by status (the legend and the table name each status in words).
COLOURS: dict[str, str] = {
    STATUS.MET: "#00a91c",
    STATUS.PARTIAL: "#e5a000",
    STATUS.NOT_MET: "#d54309",
    STATUS.NOT_ASSESSED: "#a9aeb1",
    STATUS.NOT_APPLICABLE: "#5c1111",
}
MAP_SECONDS = 24 * 3600
REACHERS_NAMED = 12


def _short(status: str) -> str:
    return str(SHORT.get(status, status))


def _failed(form: forms.Form) -> ValidationFailed:
    """The form's errors as the hub's error, naming each field (for exports and the map)."""
    problems = [Problem(str(e), field=name) for name, errors in form.errors.items() for e in errors]
    return ValidationFailed(_("Check the choices."), problems=problems)


def _bound(request: HttpRequest, *names: str) -> Any:
    return request.GET if any(n in request.GET for n in names) else None


# --- comparison ----------------------------------------------------------------------------------


def _comparison(request: HttpRequest) -> tuple[CompareForm, Comparison | None]:
    v = viewer(request)
    form = CompareForm(_bound(request, "members", "as_of"), choices=compare_choices(viewer=v))
    comparison = None
    if form.is_bound and form.is_valid():
        try:
            comparison = comparison_build(
                viewer=v, member_slugs=form.cleaned_data["members"], as_of=form.cleaned_data["as_of"]
            )
        except HubError as exc:
            form.add_hub_error(exc)
    return form, comparison


@require_safe
@public_page
def compare_view(request: HttpRequest) -> HttpResponse:
    form, comparison = _comparison(request)
    chosen = set(request.GET.getlist("members")) if form.is_bound else set()
    context = {
        "form": form,
        # The checkboxes, built once (a BoundField per option is slow with two hundred members).
        "options": [(slug, name, slug in chosen) for slug, name in form.member_choices],
        "comparison": comparison,
        "query": request.GET.urlencode(),
        "has_synthetic": comparison is not None and comparison.grid.has_synthetic,
    }
    status = 422 if form.is_bound and comparison is None else 200
    return render(request, "legal/compare/compare.html", context, status=status)


@require_safe
@public_page
def compare_export_view(request: HttpRequest, fmt: str) -> HttpResponse:
    form, comparison = _comparison(request)
    if comparison is None:
        raise _failed(form) if form.errors else ValidationFailed(_("Choose two to five members to compare."))
    headers, rows = comparison_table(comparison)
    return export_response(headers=headers, rows=rows, fmt=fmt, filename="legal-comparison")


# --- matrix --------------------------------------------------------------------------------------


def _matrix(request: HttpRequest) -> tuple[MatrixFilterForm, Matrix | None]:
    v = viewer(request)
    # Always bound: every filter is optional, and a problem of the view (no checklist yet) shows on it.
    form = MatrixFilterForm(request.GET, choices=matrix_filter_choices(viewer=v))
    if not form.is_valid():
        return form, None
    d = form.cleaned_data
    filters = MatrixFilters(
        group=d.get("group") or "",
        region=d.get("region") or "",
        status=d.get("status") or "",
        review=d.get("review") or "",
    )
    try:
        return form, matrix_build(viewer=v, filters=filters, as_of=d.get("as_of"))
    except HubError as exc:
        form.add_hub_error(exc)
        return form, None


def _matrix_fragments() -> dict[tuple[str, bool], str]:
    """The HTML of a matrix cell for each status, verified or draft: there are only ten different cells,
    so a 200 by 35 matrix is joined from these strings rather than rendered cell by cell."""
    out: dict[tuple[str, bool], str] = {}
    for status in STATUS:
        for draft in (False, True):
            full = str(status.label) + (", " + _("draft") if draft else "")
            short = _short(status.value) + ("*" if draft else "")
            out[(status.value, draft)] = format_html(
                '<td class="lm-{}" title="{}"><span aria-hidden="true">{}</span>'
                '<span class="usa-sr-only">{}</span></td>',
                status.value,
                full,
                short,
                full,
            )
    return out


def matrix_rows_html(matrix: Matrix) -> list[tuple[str, str]]:
    """(member name, the row's cells as HTML) for each row of the matrix."""
    fragments = _matrix_fragments()
    return [
        (
            r.profile.member.name,
            mark_safe(  # noqa: S308 - joined from format_html fragments, which escaped every value
                "".join(fragments[(c.status, c.coding_id is not None and not c.is_verified)] for c in r.cells)
            ),
        )
        for r in matrix.rows
    ]


@require_safe
@public_page
def matrix_view(request: HttpRequest) -> HttpResponse:
    form, matrix = _matrix(request)
    rows = matrix_rows_html(matrix) if matrix is not None else []
    context = {
        "form": form,
        "matrix": matrix,
        "rows": rows,
        "query": request.GET.urlencode(),
        "has_synthetic": matrix is not None and matrix.grid.has_synthetic,
    }
    return render(request, "legal/compare/matrix.html", context, status=200 if matrix is not None else 422)


@require_safe
@public_page
def matrix_export_view(request: HttpRequest, fmt: str) -> HttpResponse:
    form, matrix = _matrix(request)
    if matrix is None:
        raise _failed(form)
    headers, rows = matrix_table(matrix)
    return export_response(headers=headers, rows=rows, fmt=fmt, filename="legal-matrix")


# --- safe havens and gaps ------------------------------------------------------------------------


def _as_of(request: HttpRequest) -> tuple[AsOfForm, bool, datetime.date | None]:
    """The "as of" form, whether its input is good, and the day (None: today)."""
    form = AsOfForm(_bound(request, "as_of"))
    if not form.is_bound:
        return form, True, None
    ok = form.is_valid()
    return form, ok, form.cleaned_data.get("as_of") if ok else None


@require_safe
@public_page
def safe_havens_view(request: HttpRequest) -> HttpResponse:
    form, ok, as_of = _as_of(request)
    havens = safe_havens_build(viewer=viewer(request), as_of=as_of) if ok else None
    context = {
        "form": form,
        "havens": havens,
        # Past a dozen, the members that reach a haven are named once, above, not in every row.
        "many": havens is not None and len(havens.reachers) > REACHERS_NAMED,
        "query": request.GET.urlencode(),
        "has_synthetic": havens is not None and havens.grid.has_synthetic,
    }
    return render(request, "legal/compare/safe_havens.html", context, status=200 if ok else 422)


@require_safe
@public_page
def safe_havens_export_view(request: HttpRequest, fmt: str) -> HttpResponse:
    form, ok, as_of = _as_of(request)
    if not ok:
        raise _failed(form)
    headers, rows = safe_havens_table(safe_havens_build(viewer=viewer(request), as_of=as_of))
    return export_response(headers=headers, rows=rows, fmt=fmt, filename="legal-safe-havens")


@require_safe
@public_page
def gaps_view(request: HttpRequest, slug: str) -> HttpResponse:
    form, ok, as_of = _as_of(request)
    gaps = gap_list_build(viewer=viewer(request), slug=slug, as_of=as_of)
    context = {
        "form": form,
        "gaps": gaps,
        "query": request.GET.urlencode(),
        "has_synthetic": gaps.grid.has_synthetic,
    }
    return render(request, "legal/compare/gaps.html", context, status=200 if ok else 422)


@require_safe
@public_page
def gaps_export_view(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    form, ok, as_of = _as_of(request)
    if not ok:
        raise _failed(form)
    gaps = gap_list_build(viewer=viewer(request), slug=slug, as_of=as_of)
    headers, rows = gaps_table(gaps)
    return export_response(headers=headers, rows=rows, fmt=fmt, filename=f"legal-gaps-{slug}")


# --- coverage map --------------------------------------------------------------------------------


def _coverage(request: HttpRequest) -> tuple[CoverageForm, Coverage | None]:
    v = viewer(request)
    try:
        version = version_resolve(viewer=v, code=request.GET.get("version"))
    except HubError as exc:
        form = CoverageForm(request.GET, provisions=[])
        form.is_valid()
        form.add_hub_error(exc)
        return form, None
    form = CoverageForm(_bound(request, "provision", "version", "as_of"), provisions=provision_choices(version=version))
    if form.is_bound and not form.is_valid():
        return form, None
    d = form.cleaned_data if form.is_bound else {}
    try:
        coverage = coverage_build(
            viewer=v, version_code=version.code, provision_code=d.get("provision"), as_of=d.get("as_of")
        )
    except HubError as exc:
        form.add_hub_error(exc)
        return form, None
    return form, coverage


@require_safe
@public_page
def coverage_view(request: HttpRequest) -> HttpResponse:
    form, coverage = _coverage(request)
    context = {
        "form": form,
        "coverage": coverage,
        "legend": [(s, label, n, COLOURS[s]) for s, label, n in coverage.counts] if coverage else [],
        "query": request.GET.urlencode(),
        "has_synthetic": coverage is not None and coverage.grid.has_synthetic,
    }
    return render(request, "legal/compare/coverage.html", context, status=200 if coverage is not None else 422)


@require_safe
@public_page
def coverage_export_view(request: HttpRequest, fmt: str) -> HttpResponse:
    form, coverage = _coverage(request)
    if coverage is None:
        raise _failed(form)
    headers, rows = coverage_table(coverage)
    return export_response(headers=headers, rows=rows, fmt=fmt, filename="legal-coverage")


def _map_svg(coverage: Coverage) -> bytes:
    chart = World(
        style=Style(
            **{k: getattr(MAP_STYLE, k) for k in ("background", "plot_background", "foreground", "font_family")},
            colors=tuple(COLOURS[s] for s, _label, _n in coverage.counts),
        ),
        js=[],
        disable_xml_declaration=True,
        show_legend=True,
        legend_at_bottom=True,
        width=960,
        height=560,
        print_values=False,
    )
    chart.title = f"{coverage.provision.code} {coverage.provision.text}"
    by_status = coverage.by_status
    for status, label, n in coverage.counts:
        chart.add(f"{label} ({n})", by_status[status])
    svg = chart.render()
    raw = svg.encode("utf-8") if isinstance(svg, str) else bytes(svg)
    return SCRIPT.sub(b"", raw)


@require_safe
@public_page
def coverage_map_view(request: HttpRequest) -> HttpResponse:
    """The coverage map as its own cached, compressed SVG file (the page's table is its alternative)."""
    lang = request.GET.get("lang", "")
    if lang not in dict(settings.LANGUAGES):
        lang = translation.get_language()
    form, coverage = _coverage(request)
    if coverage is None:
        raise _failed(form)
    basis = "|".join(f"{e.country}:{e.cell.status}" for e in coverage.entries)
    key = hashlib.sha256(f"{lang}|{coverage.version.code}|{coverage.provision.code}|{basis}".encode()).hexdigest()
    cache_key = f"hub:legal:coverage:{key[:32]}"
    body = cache.get(cache_key)
    if body is None:
        with translation.override(lang):
            body = gzip.compress(_map_svg(coverage), compresslevel=9, mtime=0)
        cache.set(cache_key, body, MAP_SECONDS)
    etag = f'"{key[:32]}"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponse(status=304)
    elif "gzip" in request.headers.get("Accept-Encoding", ""):
        response = HttpResponse(body, content_type="image/svg+xml")
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(gzip.decompress(body), content_type="image/svg+xml")
    response["ETag"] = etag
    response["Vary"] = "Accept-Encoding, Accept-Language, Cookie"
    response["Cache-Control"] = "private, max-age=300"
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


urlpatterns = [
    path("legal/compare/", compare_view, name="legal_compare"),
    path("legal/compare/export.<str:fmt>", compare_export_view, name="legal_compare_export"),
    path("legal/matrix/", matrix_view, name="legal_matrix"),
    path("legal/matrix/export.<str:fmt>", matrix_export_view, name="legal_matrix_export"),
    path("legal/safe-havens/", safe_havens_view, name="legal_safe_havens"),
    path("legal/safe-havens/export.<str:fmt>", safe_havens_export_view, name="legal_safe_havens_export"),
    path("legal/gaps/<slug:slug>/", gaps_view, name="legal_gaps"),
    path("legal/gaps/<slug:slug>/export.<str:fmt>", gaps_export_view, name="legal_gaps_export"),
    path("legal/coverage/", coverage_view, name="legal_coverage"),
    path("legal/coverage/map.svg", coverage_map_view, name="legal_coverage_map"),
    path("legal/coverage/export.<str:fmt>", coverage_export_view, name="legal_coverage_export"),
]
