"""Knowledge: search (API routes; schemas in search_schemas.py)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query
from ninja import Router

from hub.core.api import caller
from hub.core.limits import PAGE_SIZE
from hub.knowledge.api.search_schemas import SearchOut
from hub.knowledge.api.search_schemas import SearchQueryIn
from hub.knowledge.selectors.search import FACETS
from hub.knowledge.selectors.search import SearchFilters
from hub.knowledge.selectors.search import search_run

router = Router(tags=["Search"])


@router.get("", response=SearchOut, summary="Search everything you may open")
def search(request: HttpRequest, params: Query[SearchQueryIn]) -> dict[str, Any]:
    filters = SearchFilters(
        q=params.q,
        kind=params.type,
        member=params.member,
        commitment=params.commitment,
        capability=params.capability,
        year=params.year,
    )
    size = params.page_size or PAGE_SIZE
    results = search_run(viewer=caller(request).viewer, filters=filters, page=params.page, page_size=size, clamp=False)
    return {
        "count": results.count,
        "page": results.page,
        "page_size": results.page_size,
        "results": results.hits,
        "facets": {name: results.facets.get(name, []) for name in FACETS},
    }
