"""Legal frameworks API: the views across members (comparison, matrix, safe havens, gaps, coverage),
read through the same selectors as the pages, so the API answers what the page shows."""

from typing import Any

from django.http import HttpRequest
from ninja import Query
from ninja import Router
from ninja.pagination import paginate

from hub.core.api import Pagination
from hub.core.api import caller
from hub.core.api import with_attributes
from hub.legal.api.compare_schemas import AsOfQuery
from hub.legal.api.compare_schemas import ComparisonOut
from hub.legal.api.compare_schemas import ComparisonQuery
from hub.legal.api.compare_schemas import CoverageOut
from hub.legal.api.compare_schemas import CoverageQuery
from hub.legal.api.compare_schemas import GapsOut
from hub.legal.api.compare_schemas import MatrixQuery
from hub.legal.api.compare_schemas import MatrixRowOut
from hub.legal.api.compare_schemas import SafeHavensOut
from hub.legal.selectors.codings import as_of_parse
from hub.legal.selectors.codings import current_version
from hub.legal.selectors.compare import MatrixFilters
from hub.legal.selectors.compare import comparison_build
from hub.legal.selectors.compare import coverage_build
from hub.legal.selectors.compare import gap_list_build
from hub.legal.selectors.compare import matrix_build
from hub.legal.selectors.compare import safe_havens_build

router = Router(tags=["Legal frameworks"])


@router.get("/comparison", response=ComparisonOut, summary="Two to five members side by side")
def get_comparison(request: HttpRequest, query: Query[ComparisonQuery]) -> Any:
    v = caller(request).viewer
    comparison = comparison_build(viewer=v, member_slugs=query.members, as_of=as_of_parse(query.as_of))
    slugs = [p.member.slug for p in comparison.profiles]
    rows = [
        with_attributes(
            row,
            differs=row.differs,
            cells=[with_attributes(c, member=s) for c, s in zip(row.cells, slugs, strict=True)],
        )
        for row in comparison.rows
    ]
    return with_attributes(comparison, rows=rows, differences=comparison.differences)


@router.get("/matrix", response=list[MatrixRowOut], summary="Members by provisions, a page of members")
@paginate(Pagination)
def get_matrix(request: HttpRequest, query: Query[MatrixQuery]) -> list[Any]:
    v = caller(request).viewer
    if current_version() is None:
        return []  # no checklist published yet: a list with no rows
    filters = MatrixFilters(group=query.group, region=query.region, status=query.status, review=query.review)
    matrix = matrix_build(viewer=v, filters=filters, as_of=as_of_parse(query.as_of))
    codes = [p.code for p in matrix.provisions]
    return [
        with_attributes(
            r,
            cells={code: c.status for code, c in zip(codes, r.cells, strict=True)},
            drafts=[
                code for code, c in zip(codes, r.cells, strict=True) if c.coding_id is not None and not c.is_verified
            ],
        )
        for r in matrix.rows
    ]


@router.get("/safe-havens", response=SafeHavensOut, summary="Possible safe havens, conduct by conduct")
def get_safe_havens(request: HttpRequest, query: Query[AsOfQuery]) -> Any:
    return safe_havens_build(viewer=caller(request).viewer, as_of=as_of_parse(query.as_of))


@router.get("/profiles/{slug}/gaps", response=GapsOut, summary="A member's gaps, with instruments and good practices")
def get_gaps(request: HttpRequest, slug: str, query: Query[AsOfQuery]) -> Any:
    gaps = gap_list_build(viewer=caller(request).viewer, slug=slug, as_of=as_of_parse(query.as_of))
    return with_attributes(gaps, gaps=[with_attributes(g, instruments=g.instruments) for g in gaps.gaps])


@router.get("/coverage", response=CoverageOut, summary="One provision across the members (the coverage map)")
def get_coverage(request: HttpRequest, query: Query[CoverageQuery]) -> Any:
    return coverage_build(
        viewer=caller(request).viewer,
        version_code=query.version,
        provision_code=query.provision,
        as_of=as_of_parse(query.as_of),
    )
