"""The registries other apps plug into, so that a cross-app command or page never imports a domain app.

Each app registers its parts in its `AppConfig.ready()`; Django calls those in `INSTALLED_APPS` order,
which is therefore the order in which reference tables load, demo data is seeded, reminders are sent
and dashboard panels are shown. A new module adds its own without editing another app.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hub.core.reference import LoadReport
from hub.core.viewer import Viewer


@dataclass(frozen=True)
class ReferenceTable:
    """A reference table: `load(dry_run=...)` validates every row first, then upserts."""

    name: str
    load: Callable[..., LoadReport]


@dataclass(frozen=True)
class DemoSeed:
    """Synthetic demo data: `seed()` is idempotent and returns the lines to print."""

    name: str
    seed: Callable[[], list[str]]


@dataclass(frozen=True)
class Reminders:
    """A reminder job: `send(today=...)` queues what is due (once each) and returns how many."""

    name: str
    send: Callable[..., int]
    message: str  # printed with {count}


@dataclass(frozen=True)
class DashboardPanel:
    """A dashboard panel: `context(viewer)` returns the template context, or None to show nothing."""

    name: str
    template: str
    context: Callable[[Viewer], dict[str, Any] | None]
    order: int = 50


@dataclass(frozen=True)
class CalendarEvent:
    """A whole-day entry of a person's calendar feed from another module (a reporting deadline)."""

    uid: str
    title: str
    day: datetime.date
    path: str  # the record's address on the site; the feed makes it absolute with settings.SITE_URL
    description: str = ""


@dataclass(frozen=True)
class CalendarSource:
    """Entries for calendar feeds: `events(viewer)` returns what this viewer may see."""

    name: str
    events: Callable[[Viewer], list[CalendarEvent]]


@dataclass(frozen=True)
class SearchDocument:
    """What one record puts in the search index. Text only: who may see the record is never stored
    here but asked of the source's `visible(viewer)` queryset at query time."""

    title: str
    summary: str = ""
    body: str = ""
    language: str = "en"  # the record's own language tag (en, fr, es; anything else is indexed unstemmed)
    member_id: int | None = None  # the member the record belongs to or is about, for the member facet
    year: int | None = None
    commitments: tuple[int, ...] = ()  # commitment numbers (1..9)
    capabilities: tuple[str, ...] = ()  # MNR capability keys, "<framework>/<id>", e.g. "mnr-2016/3"


@dataclass(frozen=True)
class SearchSource:
    """A kind of record the one search box finds.

    `document(obj)` says what is indexed (None: not indexed, e.g. a draft nobody searches for);
    `visible(viewer)` is the policy's visible queryset of `model`; `rows()` every row to index, with
    what `document` reads already joined (for `reindex`)."""

    kind: str
    label: Any  # a lazily translated plural noun: "Meetings"
    model: type[Any]
    document: Callable[[Any], SearchDocument | None]
    visible: Callable[[Viewer], Any]
    rows: Callable[[], Any]
    # Other models whose rows are part of this record's text: (model, the attribute holding the
    # record's id), e.g. (AgendaItem, "meeting_id"); a change to one re-indexes the record.
    related: tuple[tuple[type[Any], str], ...] = ()


@dataclass(frozen=True)
class SearchIndexer:
    """Who keeps the search index (knowledge): `rebuild(kinds=None)` rebuilds it in bulk, idempotent,
    and returns (kind, entries) for each kind; `kinds=None` means every registered kind."""

    rebuild: Callable[..., list[tuple[str, int]]]


@dataclass(frozen=True)
class TextWarning:
    """A discouraged term found in a narrative a user wrote, with the preferred term."""

    found: str
    preferred: str
    why: str
    source: str


_reference: dict[str, ReferenceTable] = {}
_demo: dict[str, DemoSeed] = {}
_reminders: dict[str, Reminders] = {}
_panels: dict[str, DashboardPanel] = {}
_calendar: dict[str, CalendarSource] = {}
_search: dict[str, SearchSource] = {}
_search_indexer: list[SearchIndexer] = []
_text_checks: dict[str, Callable[[str], list[TextWarning]]] = {}


def reference_table(name: str, load: Callable[..., LoadReport]) -> None:
    _reference[name] = ReferenceTable(name, load)


def demo_seed(name: str, seed: Callable[[], list[str]]) -> None:
    _demo[name] = DemoSeed(name, seed)


def reminders(name: str, send: Callable[..., int], message: str) -> None:
    _reminders[name] = Reminders(name, send, message)


def dashboard_panel(
    name: str, template: str, context: Callable[[Viewer], dict[str, Any] | None], *, order: int = 50
) -> None:
    """A panel of the dashboard; panels show by `order`, then in registration order."""
    _panels[name] = DashboardPanel(name, template, context, order)


def calendar_source(name: str, events: Callable[[Viewer], list[CalendarEvent]]) -> None:
    """Entries another module adds to calendar feeds (read by meetings' feed, which imports no module)."""
    _calendar[name] = CalendarSource(name, events)


def calendar_sources() -> list[CalendarSource]:
    return list(_calendar.values())


def reference_tables() -> list[ReferenceTable]:
    return list(_reference.values())


def demo_seeds() -> list[DemoSeed]:
    return list(_demo.values())


def reminder_jobs() -> list[Reminders]:
    return list(_reminders.values())


def dashboard_panels() -> list[DashboardPanel]:
    return sorted(_panels.values(), key=lambda p: p.order)


def reminders_send_all(*, today: datetime.date | None = None) -> list[tuple[Reminders, int]]:
    return [(job, job.send(today=today)) for job in reminder_jobs()]


def search_source(
    kind: str,
    *,
    label: Any,
    model: type[Any],
    document: Callable[[Any], SearchDocument | None],
    visible: Callable[[Viewer], Any],
    rows: Callable[[], Any],
    related: tuple[tuple[type[Any], str], ...] = (),
) -> None:
    """A kind of record for the one search (knowledge's index reads these; no app imports it)."""
    _search[kind] = SearchSource(kind, label, model, document, visible, rows, related)


def search_sources() -> list[SearchSource]:
    return list(_search.values())


def search_indexer(*, rebuild: Callable[..., list[tuple[str, int]]]) -> None:
    """The one search index (knowledge registers it; `manage.py reindex` and `seed_demo` run it)."""
    _search_indexer[:] = [SearchIndexer(rebuild)]


def search_rebuild(*, kinds: list[str] | None = None) -> list[tuple[str, int]]:
    """Rebuild the search index (nothing when no app keeps one)."""
    return [row for indexer in _search_indexer for row in indexer.rebuild(kinds=kinds)]


def text_check(name: str, check: Callable[[str], list[TextWarning]]) -> None:
    """A check of narrative text (knowledge registers the terminology check). Warnings only, never a block."""
    _text_checks[name] = check


def text_warnings(text: str) -> list[TextWarning]:
    """What every registered check says about `text`, for any narrative form of any module."""
    return [warning for check in _text_checks.values() for warning in check(text)]
