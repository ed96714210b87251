"""Knowledge: keeping the search index. Infrastructure, like the audit log: no viewer acts here, and
what is indexed is only what every viewer of a record may see (each source's `document`).

`search_entry_refresh` re-indexes one record (after a commit, from the receivers in
wiring/search.py); `search_rebuild` rebuilds every kind in bulk (`manage.py reindex`, `seed_demo`),
idempotent: the same records give the same entries."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db import connection
from django.db import transaction
from django.utils import translation

from hub.core import registry
from hub.core.registry import SearchDocument
from hub.core.registry import SearchSource
from hub.knowledge.models.search import SearchEntry
from hub.knowledge.models.search import SearchFacet
from hub.knowledge.selectors.search import FTS_TABLE
from hub.knowledge.selectors.search import LANGUAGES
from hub.knowledge.selectors.search import MULTILINGUAL
from hub.knowledge.selectors.search import POSTGRES_CONFIGS
from hub.knowledge.selectors.search import indexed_text
from hub.knowledge.selectors.search import words

TITLE_MAX = 500
BODY_MAX = 200_000  # characters of a record's body that are indexed (PostgreSQL's tsvector has limits)
CHUNK = 1000


def _source(kind: str) -> SearchSource | None:
    return next((s for s in registry.search_sources() if s.kind == kind), None)


def _entry(source: SearchSource, obj: Any, doc: SearchDocument) -> SearchEntry:
    path = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
    return SearchEntry(
        kind=source.kind,
        object_id=obj.pk,
        language=(doc.language or "")[:16],
        title=doc.title[:TITLE_MAX],
        summary=doc.summary,
        body=doc.body[:BODY_MAX],
        member_id=doc.member_id,
        year=doc.year,
        path=path[:500],
    )


def _facets(entry: SearchEntry, doc: SearchDocument) -> list[SearchFacet]:
    tags = {(SearchFacet.Facet.COMMITMENT.value, str(n)) for n in doc.commitments}
    tags |= {(SearchFacet.Facet.CAPABILITY.value, c[:64]) for c in doc.capabilities}
    return [SearchFacet(entry=entry, facet=facet, value=value) for facet, value in sorted(tags)]


def _pg_configs(language: str) -> list[str]:
    """The configurations an entry's vector is built with: its language's, and always "simple" (the
    words as they are), so a query word PostgreSQL calls a stop word ("the", "a") still matches the
    record that contains it, as on SQLite."""
    if language in POSTGRES_CONFIGS:
        return [POSTGRES_CONFIGS[language], "simple"]
    if language == MULTILINGUAL:
        return [*(POSTGRES_CONFIGS[code] for code in LANGUAGES), "simple"]
    return ["simple"]


def _pg_vector_sql(configs: list[str]) -> str:
    """setweight(to_tsvector(cfg, title), 'A') || ... over each config (several for a multilingual entry)."""
    parts = []
    for weight in ("A", "B", "C"):
        for config in configs:
            parts.append(f"setweight(to_tsvector('{config}'::regconfig, %s), '{weight}')")
    return " || ".join(parts)


def _write_full_text(entries: list[SearchEntry]) -> None:
    """The full-text data of entries just saved: FTS5 rows on SQLite, the vector on PostgreSQL. Both
    are built from the same normalised words (diacritics removed)."""
    if not entries:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            by_configs: dict[tuple[str, ...], list[list[Any]]] = {}
            for e in entries:
                configs = _pg_configs(e.language)
                texts = [" ".join(words(text)) for text in (e.title, e.summary, e.body)]
                params = [text for text in texts for _config in configs]
                by_configs.setdefault(tuple(configs), []).append([*params, e.pk])
            for config_names, rows in by_configs.items():
                vector = _pg_vector_sql(list(config_names))
                sql = f"UPDATE knowledge_searchentry SET vector = {vector} WHERE id = %s"  # noqa: S608
                cursor.executemany(sql, rows)
        elif connection.vendor == "sqlite":
            cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [[e.pk] for e in entries])  # noqa: S608
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, title, summary, body) VALUES (%s, %s, %s, %s)",  # noqa: S608
                [[e.pk, *(indexed_text(text, e.language) for text in (e.title, e.summary, e.body))] for e in entries],
            )


def _delete_full_text(ids: Iterable[int] | None) -> None:
    """Drop FTS5 rows (all of them when `ids` is None); PostgreSQL's vector goes with its entry."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        if ids is None:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608
        else:
            cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [[pk] for pk in ids])  # noqa: S608


def search_entry_refresh(*, kind: str, object_id: int) -> None:
    """(Re)index one record, or drop its entry when it is gone or no longer indexed."""
    source = _source(kind)
    if source is None:
        return
    with translation.override(settings.LANGUAGE_CODE):  # the same texts whoever's request saved the record
        obj = source.rows().filter(pk=object_id).first()
        doc = source.document(obj) if obj is not None else None
    with transaction.atomic():
        old = list(SearchEntry.objects.filter(kind=kind, object_id=object_id).values_list("pk", flat=True))
        if doc is None:
            _delete_full_text(old)
            SearchEntry.objects.filter(pk__in=old).delete()
            return
        fresh = _entry(source, obj, doc)
        values = {f.attname: getattr(fresh, f.attname) for f in SearchEntry._meta.concrete_fields}
        for name in ("id", "kind", "object_id", "vector", "updated_at"):
            values.pop(name)
        entry, _created = SearchEntry.objects.update_or_create(kind=kind, object_id=object_id, defaults=values)
        SearchFacet.objects.filter(entry=entry).delete()
        SearchFacet.objects.bulk_create(_facets(entry, doc))
        _write_full_text([entry])


def _documents(source: SearchSource) -> Iterator[tuple[Any, SearchDocument]]:
    for obj in source.rows().iterator(chunk_size=CHUNK):
        doc = source.document(obj)
        if doc is not None:
            yield obj, doc


def search_bulk_index(source: SearchSource, pairs: Iterable[tuple[Any, SearchDocument]]) -> int:
    """Add entries for (record, document) pairs of a kind that has none yet, in chunks; returns how many."""
    count = 0
    chunk: list[tuple[Any, SearchDocument]] = []

    def flush() -> None:
        entries = SearchEntry.objects.bulk_create([_entry(source, obj, doc) for obj, doc in chunk])
        if any(e.pk is None for e in entries):  # a database without RETURNING
            by_object = dict(
                SearchEntry.objects.filter(kind=source.kind, object_id__in=[e.object_id for e in entries]).values_list(
                    "object_id", "pk"
                )
            )
            for e in entries:
                e.pk = by_object[e.object_id]
        SearchFacet.objects.bulk_create(
            [f for e, (_o, doc) in zip(entries, chunk, strict=True) for f in _facets(e, doc)]
        )
        _write_full_text(entries)
        chunk.clear()

    for pair in pairs:
        chunk.append(pair)
        count += 1
        if len(chunk) >= CHUNK:
            flush()
    if chunk:
        flush()
    return count


FIELDS = ("language", "title", "summary", "body", "member_id", "year", "path")


def _delete_entries(ids: list[int]) -> None:
    for start in range(0, len(ids), CHUNK):
        part = ids[start : start + CHUNK]
        _delete_full_text(part)
        SearchFacet.objects.filter(entry_id__in=part).delete()
        SearchEntry.objects.filter(pk__in=part).delete()


def _rebuild_kind(source: SearchSource) -> int:
    """Bring one kind's entries in line with its records: new ones created, changed ones updated (their
    ids kept), gone ones deleted, an unchanged entry left as it is; the full-text data of every entry
    is written again. Returns how many entries the kind has."""
    existing = {e.object_id: e for e in SearchEntry.objects.filter(kind=source.kind)}
    tags: dict[int, set[tuple[str, str]]] = {}
    for entry_id, facet, value in SearchFacet.objects.filter(entry__kind=source.kind).values_list(
        "entry_id", "facet", "value"
    ):
        tags.setdefault(entry_id, set()).add((facet, value))
    seen: set[int] = set()
    created: list[tuple[Any, SearchDocument]] = []
    changed: list[tuple[SearchEntry, SearchDocument]] = []
    kept: list[SearchEntry] = []
    for obj, doc in _documents(source):
        seen.add(obj.pk)
        old = existing.get(obj.pk)
        if old is None:
            created.append((obj, doc))
            continue
        fresh = _entry(source, obj, doc)
        fresh_tags = {(f.facet, f.value) for f in _facets(old, doc)}
        if any(getattr(old, name) != getattr(fresh, name) for name in FIELDS) or tags.get(old.pk, set()) != fresh_tags:
            for name in FIELDS:
                setattr(old, name, getattr(fresh, name))
            changed.append((old, doc))
        kept.append(old)
    _delete_entries([e.pk for object_id, e in existing.items() if object_id not in seen])
    if changed:
        SearchEntry.objects.bulk_update([e for e, _doc in changed], [*FIELDS], batch_size=CHUNK)
        ids = [e.pk for e, _doc in changed]
        for start in range(0, len(ids), CHUNK):
            SearchFacet.objects.filter(entry_id__in=ids[start : start + CHUNK]).delete()
        SearchFacet.objects.bulk_create([f for e, doc in changed for f in _facets(e, doc)], batch_size=CHUNK)
    for start in range(0, len(kept), CHUNK):
        _write_full_text(kept[start : start + CHUNK])
    return len(kept) + search_bulk_index(source, created)


def search_rebuild(*, kinds: list[str] | None = None) -> list[tuple[str, int]]:
    """Rebuild the index of these kinds (every registered kind when None) in one transaction; entries
    of kinds no longer registered go on a full rebuild. Idempotent: a second run changes no entry."""
    sources = [s for s in registry.search_sources() if kinds is None or s.kind in kinds]
    done = []
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        if kinds is None:
            registered = [s.kind for s in sources]
            _delete_entries(list(SearchEntry.objects.exclude(kind__in=registered).values_list("pk", flat=True)))
            if connection.vendor == "sqlite":  # full-text rows left by an entry deleted outside the index
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"DELETE FROM {FTS_TABLE} WHERE rowid NOT IN (SELECT id FROM knowledge_searchentry)"  # noqa: S608
                    )
        for source in sources:
            done.append((source.kind, _rebuild_kind(source)))
    return done
