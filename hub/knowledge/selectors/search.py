"""Knowledge: the one search across every registered kind of record.

Who may see a record is asked of its source's `visible(viewer)` queryset at query time: one query
filters the index by every kind's visible ids (subqueries, no lists of ids) before anything is
ranked, counted or faceted, so neither results nor counts include a record the viewer may not open.

Text is normalised the same way for both databases (lower case, diacritics removed, words of letters
and digits) and stemmed with the Snowball algorithms PostgreSQL's english, french and spanish
configurations use. A query word matches a record when its English, French or Spanish stem, or the
word itself, is among the record's (stemmed) words; every word must match. Operator characters are
separators, never query syntax.
"""

from __future__ import annotations

import contextlib
import functools
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from typing import Any

import snowballstemmer
from django.contrib.postgres.search import SearchQuery
from django.contrib.postgres.search import SearchRank
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db import transaction
from django.db.models import BooleanField
from django.db.models import Count
from django.db.models import F
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from hub.commitments.selectors import commitment_list
from hub.core import registry
from hub.core.errors import Problem
from hub.core.errors import ValidationFailed
from hub.core.policies import policy_for
from hub.core.viewer import Viewer
from hub.knowledge.models.search import SearchEntry
from hub.knowledge.models.search import SearchFacet
from hub.knowledge.selectors.practices import capabilities
from hub.members.models import Member

MAX_QUERY_CHARS = 500  # a longer query is refused with a message naming `q`
MAX_TERMS = 12  # words beyond these are ignored
MAX_TERM_CHARS = 64  # a longer word is cut
FILTER_MAX_CHARS = 100
SNIPPET_CHARS = 200
LANGUAGES = ("en", "fr", "es")
MULTILINGUAL = "mul"  # a record with texts in several languages (a member's profile): every stem indexed
POSTGRES_CONFIGS = {"en": "english", "fr": "french", "es": "spanish"}
FTS_TABLE = "knowledge_search_fts"
FTS_MATCHING = "SELECT rowid FROM knowledge_search_fts WHERE knowledge_search_fts MATCH %s"
FTS_WEIGHTS = (10.0, 4.0, 1.0)  # bm25 weights of title, summary, body
POSTGRES_RANDOM_PAGE_COST = "1.1"  # for the search statement (_postgres_rows): index and table in memory
FACETS = ("type", "member", "commitment", "capability", "year")

_WORD = re.compile(r"[^\W_]+")
_SNOWBALL = {"en": "english", "fr": "french", "es": "spanish"}
_local = threading.local()


def normalise(text: str) -> str:
    """Lower case, diacritics removed (NFKD, combining marks dropped)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def words(text: str) -> list[str]:
    """The normalised words of a text: runs of letters and digits; everything else separates them."""
    return _WORD.findall(normalise(text))


def _stemmer(language: str) -> Any:
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {code: snowballstemmer.stemmer(name) for code, name in _SNOWBALL.items()}
    return stemmers[language]


@functools.lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    """The Snowball stem of a normalised word in en, fr or es (the word itself in another language)."""
    if language not in _SNOWBALL:
        return word
    return str(_stemmer(language).stemWord(word))


def forms(word: str, language: str) -> tuple[str, ...]:
    """What the index holds for one word of a record in `language`: its stem in that language; for a
    multilingual record the word and its three stems; in any other language the word itself."""
    if language in _SNOWBALL:
        return (stem(word, language),)
    if language == MULTILINGUAL:
        return tuple(dict.fromkeys((word, *(stem(word, code) for code in LANGUAGES))))
    return (word,)


def indexed_text(text: str, language: str) -> str:
    """A field as the SQLite index holds it: its words replaced by their forms."""
    return " ".join(form for word in words(text) for form in forms(word, language))


@dataclass(frozen=True)
class Term:
    """One word of a query and what it matches: its stems in en, fr, es and the word itself."""

    word: str
    matches: frozenset[str]


def query_terms(q: str) -> list[Term]:
    """The words of a query (at most MAX_TERMS, each at most MAX_TERM_CHARS); too long a query is a
    ValidationFailed naming `q`. Nothing in it is ever query syntax."""
    if len(q) > MAX_QUERY_CHARS:
        raise ValidationFailed(
            _("The search is too long: use at most %(max)d characters.") % {"max": MAX_QUERY_CHARS},
            problems=[
                Problem(
                    _("Use at most %(max)d characters (this has %(count)d).")
                    % {"max": MAX_QUERY_CHARS, "count": len(q)},
                    field="q",
                )
            ],
        )
    unique = dict.fromkeys(word[:MAX_TERM_CHARS] for word in words(q))
    return [
        Term(word, frozenset((word, *(stem(word, code) for code in LANGUAGES)))) for word in list(unique)[:MAX_TERMS]
    ]


# ----------------------------------------------------------------------------------------- filters


@dataclass(frozen=True)
class SearchFilters:
    q: str = ""
    kind: str = ""
    member: int | None = None
    commitment: int | None = None
    capability: str = ""
    year: int | None = None

    @property
    def narrowed(self) -> bool:
        return bool(self.kind or self.member or self.commitment or self.capability or self.year)


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class SearchHit:
    kind: str
    kind_label: str
    id: int
    title: str
    title_html: SafeString
    url: str
    snippet_html: SafeString
    member_id: int | None
    member: str
    year: int | None
    rank: float


@dataclass
class SearchResults:
    filters: SearchFilters
    terms: list[Term]
    count: int = 0
    page: int = 1
    page_size: int = 20
    hits: list[SearchHit] = field(default_factory=list)
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)

    @property
    def searched(self) -> bool:
        return bool(self.terms) or self.filters.narrowed

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.page_size))


def search_kinds() -> list[tuple[str, str]]:
    """(kind, label) of every registered kind of record, for the type filter."""
    return [(source.kind, str(source.label)) for source in registry.search_sources()]


def search_commitment_choices(*, viewer: Viewer) -> list[tuple[int, str]]:
    """(number, "1. Short title") of the commitments, for the commitment filter."""
    return [
        (number, f"{number}. {title}")
        for number, title in commitment_list(viewer=viewer).order_by("number").values_list("number", "short_title")
    ]


def _visible(viewer: Viewer, kind: str) -> list[tuple[str, str, tuple[Any, ...]]]:
    """(kind, SQL, params) of the ids of each kind this viewer may see (the source's policy queryset)."""
    found = []
    for source in registry.search_sources():
        if kind and source.kind != kind:
            continue
        try:
            sql, params = source.visible(viewer).order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:  # the policy lets this viewer see none of this kind
            continue
        found.append((source.kind, sql, tuple(params)))
    return found


def _visible_filter(qs: QuerySet[SearchEntry], viewer: Viewer, kind: str) -> QuerySet[SearchEntry]:
    """Entries of records this viewer may see: per kind, `kind = K AND object_id IN (<visible ids>)`,
    OR-ed. On SQLite the columns carry a unary `+` so the planner starts from the full-text matches
    (few) instead of walking every visible record of every kind through the (kind, object_id) index."""
    parts = _visible(viewer, kind)
    if not parts:
        return qs.none()
    if connection.vendor != "sqlite":
        q = Q()
        for name, sql, kind_params in parts:
            q |= Q(kind=name, object_id__in=RawSQL(sql, kind_params))  # noqa: S611 - the policy's compiled SQL
        return qs.filter(q)
    table = SearchEntry._meta.db_table
    clause = " OR ".join(f'(+"{table}"."kind" = %s AND +"{table}"."object_id" IN ({sql}))' for _n, sql, _p in parts)
    params = [p for name, _sql, ps in parts for p in (name, *ps)]
    return qs.alias(seen=RawSQL(f"({clause})", params, output_field=BooleanField())).filter(seen=True)  # noqa: S611


def _postgres_query(terms: list[Term]) -> SearchQuery:
    query: Any = None
    for term in terms:
        either: Any = None
        for config in (*POSTGRES_CONFIGS.values(), "simple"):
            one = SearchQuery(term.word, config=config, search_type="plain")
            either = one if either is None else either | one
        query = either if query is None else query & either
    return query  # type: ignore[no-any-return]


def fts_match(terms: list[Term]) -> str:
    """The FTS5 MATCH expression: per word, any of its forms (each quoted), the words AND-ed."""
    groups = []
    for term in terms:
        quoted = " OR ".join('"{}"'.format(form.replace('"', '""')) for form in sorted(term.matches))
        groups.append(f"({quoted})")
    return " AND ".join(groups)


def _filtered(viewer: Viewer, filters: SearchFilters, terms: list[Term]) -> QuerySet[SearchEntry]:
    qs = _visible_filter(SearchEntry.objects.all(), viewer, filters.kind)
    if filters.member is not None:
        qs = qs.filter(member_id=filters.member)
    if filters.year is not None:
        qs = qs.filter(year=filters.year)
    if filters.commitment is not None:
        tagged = SearchFacet.objects.filter(facet=SearchFacet.Facet.COMMITMENT, value=str(filters.commitment))
        qs = qs.filter(pk__in=tagged.values("entry_id"))
    if filters.capability:
        tagged = SearchFacet.objects.filter(facet=SearchFacet.Facet.CAPABILITY, value=filters.capability)
        qs = qs.filter(pk__in=tagged.values("entry_id"))
    if terms:
        if connection.vendor == "postgresql":
            qs = qs.filter(vector=_postgres_query(terms))
        else:
            matching = RawSQL(FTS_MATCHING, [fts_match(terms)])  # noqa: S611 - the match is a parameter
            qs = qs.filter(pk__in=matching)
    return qs


def _ranked_ids(qs: QuerySet[SearchEntry], terms: list[Term], offset: int, limit: int) -> list[tuple[int, float]]:
    """The ids of one page of entries, best first, with their rank (higher is better)."""
    if not terms:
        return [(pk, 0.0) for pk in qs.order_by("title", "pk").values_list("pk", flat=True)[offset : offset + limit]]
    if connection.vendor == "postgresql":
        ranked = qs.annotate(rank=SearchRank(F("vector"), _postgres_query(terms))).order_by("-rank", "pk")
        return [(pk, float(rank)) for pk, rank in ranked.values_list("pk", "rank")[offset : offset + limit]]
    inner, params = qs.values("pk").query.sql_with_params()
    weights = ", ".join(str(w) for w in FTS_WEIGHTS)
    sql = (
        f"SELECT rowid, bm25({FTS_TABLE}, {weights}) AS score FROM {FTS_TABLE} "  # noqa: S608
        f"WHERE {FTS_TABLE} MATCH %s AND +rowid IN ({inner}) ORDER BY score, rowid LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [fts_match(terms), *params, limit, offset])
        return [(int(pk), -float(score)) for pk, score in cursor.fetchall()]


Grouped = tuple[Counter[str], Counter[int], Counter[int]]  # kinds, members, years of the results


def _grouped(qs: QuerySet[SearchEntry]) -> Grouped:
    """Kinds, members and years of the results, from one GROUP BY (the count is their sum)."""
    kinds: Counter[str] = Counter()
    members: Counter[int] = Counter()
    years: Counter[int] = Counter()
    for row in qs.values("kind", "member_id", "year").annotate(n=Count("pk")).order_by():
        kinds[row["kind"]] += row["n"]
        if row["member_id"] is not None:
            members[row["member_id"]] += row["n"]
        if row["year"] is not None:
            years[row["year"]] += row["n"]
    return kinds, members, years


def _tag_counts(qs: QuerySet[SearchEntry]) -> dict[str, dict[str, int]]:
    """Commitment and capability tags of the results, from one GROUP BY (a tag is once per entry)."""
    counts: dict[str, dict[str, int]] = {SearchFacet.Facet.COMMITMENT: {}, SearchFacet.Facet.CAPABILITY: {}}
    rows = SearchFacet.objects.filter(entry_id__in=qs.values("pk")).values("facet", "value").annotate(n=Count("pk"))
    for row in rows.order_by():
        counts.setdefault(row["facet"], {})[row["value"]] = row["n"]
    return counts


def _facets(
    viewer: Viewer, filters: SearchFilters, grouped: Grouped, tags: dict[str, dict[str, int]]
) -> tuple[int, dict[str, list[FacetValue]], dict[int, str]]:
    """The count, the facets and the names of the members they show (only members the viewer may see),
    from the results' kinds, members and years (`_grouped`) and tags (`_tag_counts`)."""
    kind_counts, member_counts, year_counts = grouped
    labels = dict(search_kinds())
    order = list(labels)
    kinds = sorted(
        (FacetValue(kind, labels.get(kind, kind), n, kind == filters.kind) for kind, n in kind_counts.items()),
        key=lambda f: order.index(f.value) if f.value in order else len(order),
    )
    names = dict(
        policy_for(Member).visible(viewer).filter(pk__in=list(member_counts)).values_list("pk", "name")
    )  # a member the viewer may not see is never named (nor counted)
    members = sorted(
        (FacetValue(str(pk), names[pk], n, pk == filters.member) for pk, n in member_counts.items() if pk in names),
        key=lambda f: f.label.lower(),
    )
    commitment_counts = tags[SearchFacet.Facet.COMMITMENT]
    numbers = [int(v) for v in commitment_counts if v.isdigit()]
    titles = dict(commitment_list(viewer=viewer).filter(number__in=numbers).values_list("number", "short_title"))
    commitments = sorted(
        (
            FacetValue(
                value,
                _("Commitment %(number)s: %(title)s") % {"number": value, "title": titles[int(value)]}
                if value.isdigit() and int(value) in titles
                else _("Commitment %(number)s") % {"number": value},
                n,
                value == str(filters.commitment),
            )
            for value, n in commitment_counts.items()
        ),
        key=lambda f: int(f.value) if f.value.isdigit() else 0,
    )
    known = capabilities()
    capability_facets = sorted(
        (
            FacetValue(value, str(known[value]) if value in known else value, n, value == filters.capability)
            for value, n in tags[SearchFacet.Facet.CAPABILITY].items()
        ),
        key=lambda f: (f.value.partition("/")[0], f.value.partition("/")[2].zfill(4)),
    )
    years = sorted(
        (FacetValue(str(year), str(year), n, year == filters.year) for year, n in year_counts.items()),
        key=lambda f: f.value,
        reverse=True,
    )
    facets = {
        "type": kinds,
        "member": members,
        "commitment": commitments,
        "capability": capability_facets,
        "year": years,
    }
    return sum(kind_counts.values()), facets, names


def search_run(
    *, viewer: Viewer, filters: SearchFilters, page: int = 1, page_size: int = 20, clamp: bool = True
) -> SearchResults:
    """One page of what the viewer may open that matches, best first, with facet counts over the
    same visible, matching set. `clamp`: a page past the last shows the last (pages); else empty (API)."""
    terms = query_terms(filters.q)
    results = SearchResults(filters=filters, terms=terms, page=page, page_size=page_size)
    if not results.searched:
        return results
    # The filter (every kind's visible ids, the facets chosen, the words) is compiled to SQL once: on
    # PostgreSQL it is a MATERIALIZED CTE of one statement giving the count, the facets and the page;
    # on SQLite the ids it selects fill a temporary table the count, the facets and the page read.
    # No list of ids in Python, and no recompiling.
    filtered = _filtered(viewer, filters, terms)
    if connection.vendor == "postgresql":
        return _postgres_run(viewer, results, filtered, clamp=clamp)
    try:
        sql, params = filtered.values("pk").query.sql_with_params()
    except EmptyResultSet:  # nothing of any kind is visible to this viewer
        return results
    with _matching_ids(sql, params) as (inner, inner_params):
        qs = SearchEntry.objects.filter(pk__in=RawSQL(inner, inner_params))  # noqa: S611 - compiled SQL
        results.count, results.facets, names = _facets(viewer, filters, _grouped(qs), _tag_counts(qs))
        if clamp:
            results.page = min(max(1, page), results.pages)
        ranked = _ranked_ids(qs, terms, (results.page - 1) * page_size, page_size) if results.count else []
    results.hits = _hits(ranked, terms, names)
    return results


def _postgres_run(
    viewer: Viewer, results: SearchResults, filtered: QuerySet[SearchEntry], *, clamp: bool
) -> SearchResults:
    """PostgreSQL: the count, the facets and the page from one statement (`_postgres_rows`), so the
    filter (visibility, facets chosen, words) and the rank are evaluated once; a second statement only
    when a page past the last is clamped to the last."""
    page, page_size, terms = max(1, results.page), results.page_size, results.terms
    try:
        grouped, tags, ranked = _postgres_rows(filtered, terms, (page - 1) * page_size, page_size)
    except EmptyResultSet:  # nothing of any kind is visible to this viewer
        return results
    results.count, results.facets, names = _facets(viewer, results.filters, grouped, tags)
    if clamp:
        results.page = min(page, results.pages)
        if results.page != page and results.count:
            _g, _t, ranked = _postgres_rows(filtered, terms, (results.page - 1) * page_size, page_size)
    results.hits = _hits(ranked, terms, names)
    return results


def _postgres_rows(
    filtered: QuerySet[SearchEntry], terms: list[Term], offset: int, limit: int
) -> tuple[Grouped, dict[str, dict[str, int]], list[tuple[int, float]]]:
    """One statement: the filtered entries (with their rank when there are words) in a MATERIALIZED
    CTE, computed once; from it the GROUP BY of kind, member and year, the GROUP BY of the tags, and
    one page, best first (or by title without words), as rows of one UNION ALL told apart by `part`."""
    hits: QuerySet[Any, Any]
    if terms:
        qs = filtered.annotate(rank=SearchRank(F("vector"), _postgres_query(terms)))
        hits, last, order = qs.values("pk", "kind", "member_id", "year", "rank"), "rank", "rank DESC, id"
    else:
        hits, last, order = filtered.values("pk", "kind", "member_id", "year", "title"), "title", "title, id"
    rank = "rank" if terms else "0"
    inner, params = hits.order_by().query.sql_with_params()
    facet_table = SearchFacet._meta.db_table
    sql = (
        f"WITH hits (id, kind, member_id, year, {last}) AS MATERIALIZED ({inner}) "  # noqa: S608 - compiled SQL
        "SELECT 0 AS part, kind::text AS a, member_id AS b, year::bigint AS c, NULL::text AS d, "
        "COUNT(*) AS n, NULL::float8 AS rank FROM hits GROUP BY kind, member_id, year "
        "UNION ALL "
        f"SELECT 1, f.facet, NULL, NULL, f.value, COUNT(*), NULL FROM {facet_table} f "
        "JOIN hits ON f.entry_id = hits.id GROUP BY f.facet, f.value "
        "UNION ALL "
        f"(SELECT 2, NULL, id, ROW_NUMBER() OVER (ORDER BY {order}), NULL, NULL, {rank}::float8 "
        f"FROM hits ORDER BY {order} LIMIT %s OFFSET %s)"
    )
    kinds: Counter[str] = Counter()
    members: Counter[int] = Counter()
    years: Counter[int] = Counter()
    tags: dict[str, dict[str, int]] = {SearchFacet.Facet.COMMITMENT: {}, SearchFacet.Facet.CAPABILITY: {}}
    page: list[tuple[int, int, float]] = []
    with transaction.atomic(), connection.cursor() as cursor:
        # The index and the entries are read from memory: with the default random_page_cost (4, for
        # spinning disks) the planner reads every entry's vector (a sequential scan) for a query of
        # several words instead of the GIN index's matches. For this statement only.
        cursor.execute("SELECT current_setting('random_page_cost')")
        (saved,) = cursor.fetchone()
        cursor.execute("SELECT set_config('random_page_cost', %s, true)", [POSTGRES_RANDOM_PAGE_COST])
        cursor.execute(sql, [*params, limit, offset])
        rows = cursor.fetchall()
        cursor.execute("SELECT set_config('random_page_cost', %s, true)", [saved])
    for part, a, b, c, d, n, score in rows:
        if part == 0:
            kinds[a] += n
            if b is not None:
                members[b] += n
            if c is not None:
                years[c] += n
        elif part == 1:
            tags.setdefault(a, {})[d] = n
        else:
            page.append((c, b, float(score)))
    page.sort()
    return (kinds, members, years), tags, [(pk, score) for _position, pk, score in page]


HITS_TABLE = "knowledge_search_hits"


@contextlib.contextmanager
def _matching_ids(sql: str, params: Any) -> Iterator[tuple[str, Any]]:
    """The ids the filter selects, as a subquery for the count, the facets and the page. On SQLite they
    are computed once into a temporary table of this connection (SQLite would evaluate the filter anew
    for each statement), emptied afterwards; elsewhere the filter itself is the subquery."""
    if connection.vendor != "sqlite":
        yield sql, params
        return
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS {HITS_TABLE} (id INTEGER PRIMARY KEY)")
        cursor.execute(f"DELETE FROM temp.{HITS_TABLE}")  # noqa: S608
        cursor.execute(f"INSERT INTO temp.{HITS_TABLE} (id) {sql}", params)  # noqa: S608 - Django's compiled SQL
    try:
        yield f"SELECT id FROM temp.{HITS_TABLE}", ()  # noqa: S608
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM temp.{HITS_TABLE}")  # noqa: S608


def _hits(ranked: list[tuple[int, float]], terms: list[Term], names: dict[int, str]) -> list[SearchHit]:
    """The page's entries with their highlighting; `names`: the members the viewer may see, by id."""
    if not ranked:
        return []
    entries = SearchEntry.objects.in_bulk([pk for pk, _rank in ranked])
    labels = dict(search_kinds())
    hits = []
    for pk, rank in ranked:
        entry = entries[pk]
        hits.append(
            SearchHit(
                kind=entry.kind,
                kind_label=labels.get(entry.kind, entry.kind),
                id=entry.object_id,
                title=entry.title,
                title_html=highlight(entry.title, entry.language, terms),
                url=entry.path,
                snippet_html=snippet([entry.summary, entry.body], entry.language, terms),
                member_id=entry.member_id if entry.member_id in names else None,
                member=names.get(entry.member_id, "") if entry.member_id is not None else "",
                year=entry.year,
                rank=rank,
            )
        )
    return hits


# ---------------------------------------------------------------------------------- highlighting


def _matching(word: str, language: str, matches: frozenset[str]) -> bool:
    return any(not matches.isdisjoint(forms(w, language)) for w in words(word))


def _marked(text: str, language: str, terms: list[Term]) -> str:
    """`text`, HTML-escaped, its matching words wrapped in <mark>."""
    matches = frozenset().union(*(t.matches for t in terms)) if terms else frozenset()
    out: list[str] = []
    last = 0
    for m in _WORD.finditer(text):
        if matches and _matching(m.group(), language, matches):
            out.append(escape(text[last : m.start()]))
            out.append(f"<mark>{escape(m.group())}</mark>")
            last = m.end()
    out.append(escape(text[last:]))
    return "".join(out)


def highlight(text: str, language: str, terms: list[Term]) -> SafeString:
    """A whole short text (a title) with its matching words marked; the text itself is escaped."""
    return mark_safe(_marked(text, language, terms))  # noqa: S308 - every piece is escaped in _marked


def _first_match(text: str, language: str, matches: frozenset[str]) -> int | None:
    for m in _WORD.finditer(text):
        if _matching(m.group(), language, matches):
            return m.start()
    return None


def snippet(fields: Iterable[str], language: str, terms: list[Term]) -> SafeString:
    """About SNIPPET_CHARS of the first field with a matching word, around the first one, escaped and
    marked; without a match, the start of the first non-empty field."""
    texts = [text for text in fields if text]
    if not texts:
        return mark_safe("")
    matches = frozenset().union(*(t.matches for t in terms)) if terms else frozenset()
    chosen, at = texts[0], 0
    for text in texts:
        found = _first_match(text, language, matches) if matches else None
        if found is not None:
            chosen, at = text, found
            break
    start = max(0, at - SNIPPET_CHARS // 3)
    if start:
        space = chosen.find(" ", start)
        start = space + 1 if 0 <= space < at else start
    end = min(len(chosen), start + SNIPPET_CHARS)
    if end < len(chosen):
        space = chosen.rfind(" ", start, end)
        end = space if space > at else end
    piece = _marked(chosen[start:end], language, terms)
    return mark_safe(  # noqa: S308 - _marked escapes every piece
        ("… " if start else "") + piece + (" …" if end < len(chosen) else "")
    )
