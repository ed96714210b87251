"""Knowledge: search (API schemas)."""

from __future__ import annotations

from ninja import Field
from ninja import Schema

from hub.core.fields import BIG
from hub.core.limits import PAGE_MAX
from hub.core.limits import PAGE_SIZE
from hub.core.limits import PAGE_SIZE_MAX
from hub.knowledge.selectors.search import FILTER_MAX_CHARS
from hub.knowledge.selectors.search import MAX_QUERY_CHARS


class SearchQueryIn(Schema):
    q: str = Field(
        "",
        max_length=MAX_QUERY_CHARS,
        description="Words to find (English, French or Spanish); every word must match. Punctuation and "
        "operators separate words; at most 12 words count.",
    )
    type: str = Field("", max_length=FILTER_MAX_CHARS, description="Only this kind of record (see facets.type).")
    member: int | None = Field(None, ge=1, le=BIG[1], description="Only records of this member (its id).")
    commitment: int | None = Field(None, ge=1, le=9, description="Only records serving this commitment (1 to 9).")
    capability: str = Field("", max_length=FILTER_MAX_CHARS, description="Only records tagged with this capability.")
    year: int | None = Field(None, ge=1900, le=2999, description="Only records of this year.")
    page: int = Field(1, ge=1, le=PAGE_MAX, description="The page, from 1.")
    page_size: int | None = Field(
        None,
        ge=1,
        le=PAGE_SIZE_MAX,
        description=f"Results per page: {PAGE_SIZE} unless asked, at most {PAGE_SIZE_MAX}.",
    )


class SearchResultOut(Schema):
    kind: str
    kind_label: str
    id: int
    title: str
    url: str
    snippet_html: str = Field(..., description="HTML: the text around the first match, escaped, matches in <mark>.")
    member: int | None = Field(..., alias="member_id", description="The member the record belongs to (its id).")
    member_name: str = Field(..., alias="member")
    year: int | None
    rank: float


class FacetValueOut(Schema):
    value: str
    label: str
    count: int


class SearchFacetsOut(Schema):
    type: list[FacetValueOut]
    member: list[FacetValueOut]
    commitment: list[FacetValueOut]
    capability: list[FacetValueOut]
    year: list[FacetValueOut]


class SearchOut(Schema):
    count: int = Field(..., description="Every result the caller may open (not just this page).")
    page: int
    page_size: int
    results: list[SearchResultOut]
    facets: SearchFacetsOut
