"""Knowledge: search (pages). The one search box: results the viewer may open, with facets."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.http import HttpResponse
from django.http import QueryDict
from django.shortcuts import render
from django.urls import URLPattern
from django.urls import path
from django.views.decorators.http import require_safe

from hub.core.web import public_page
from hub.core.web import viewer
from hub.knowledge.forms.search import SearchForm
from hub.knowledge.selectors.search import FacetValue
from hub.knowledge.selectors.search import search_commitment_choices
from hub.knowledge.selectors.search import search_kinds
from hub.knowledge.selectors.search import search_run

PAGE_SIZE = 20


class _Counted:
    """One page of hits standing for the whole result list, for Django's paginator."""

    def __init__(self, count: int, hits: list[Any]) -> None:
        self.count_ = count
        self.hits = hits

    def __len__(self) -> int:
        return self.count_

    def __getitem__(self, item: Any) -> list[Any]:
        return self.hits


def _facet_links(query: QueryDict, facets: dict[str, list[FacetValue]]) -> dict[str, list[tuple[FacetValue, str]]]:
    """Each facet value with the address of the search narrowed by it (or widened again when chosen)."""
    links: dict[str, list[tuple[FacetValue, str]]] = {}
    for name, values in facets.items():
        links[name] = []
        for value in values:
            q = query.copy()
            if value.selected:
                q.pop(name, None)
            else:
                q[name] = value.value
            links[name].append((value, f"?{q.urlencode()}"))
    return links


@require_safe
@public_page
def search_page(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    form = SearchForm(request.GET, kinds=search_kinds(), commitments=search_commitment_choices(viewer=v))
    results = None
    page: Page[Any] | None = None
    if form.is_valid():
        results = search_run(viewer=v, filters=form.filters(), page=form.cleaned_data["page"] or 1, page_size=PAGE_SIZE)
        page = Paginator(_Counted(results.count, results.hits), PAGE_SIZE).page(results.page)  # type: ignore[arg-type]
    query = request.GET.copy()
    query.pop("page", None)
    facets = _facet_links(query, results.facets) if results is not None else {}
    return render(
        request,
        "knowledge/search/search.html",
        {"form": form, "results": results, "page": page, "query": query.urlencode(), "facets": facets},
        status=400 if form.errors else 200,  # a search or filter out of bounds is named on its field
    )


urlpatterns: list[URLPattern] = [
    path("search/", search_page, name="knowledge_search"),
]
