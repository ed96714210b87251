"""Keeping the index: a save or delete re-indexes its record after commit; `reindex` rebuilds it all,
the same twice over."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from hub.core.models import Visibility
from hub.core.viewer import ANONYMOUS
from hub.core.viewer import SYSTEM
from hub.knowledge.models import SearchEntry
from hub.knowledge.models import SearchFacet
from hub.knowledge.selectors.search import SearchFilters
from hub.knowledge.selectors.search import search_run
from hub.knowledge.tests.search_world import build
from hub.meetings.services import AgendaItemInput
from hub.meetings.services import MeetingInput
from hub.meetings.services import agenda_item_add
from hub.meetings.services import meeting_update
from hub.meetings.tests.helpers import schedule
from hub.reporting.services import report_save
from hub.reporting.tests.helpers import focal_viewer


def _snapshot() -> list[tuple[Any, ...]]:
    entries = SearchEntry.objects.order_by("kind", "object_id").values_list(
        "kind", "object_id", "language", "title", "summary", "body", "member_id", "year", "path"
    )
    tags = SearchFacet.objects.order_by("entry__kind", "entry__object_id", "facet", "value").values_list(
        "entry__kind", "entry__object_id", "facet", "value"
    )
    return [*entries, *tags]


def _public_finds(q: str) -> list[str]:
    return [h.title for h in search_run(viewer=ANONYMOUS, filters=SearchFilters(q=q)).hits]


def test_reindex_twice_gives_the_same_entries_and_says_how_many(member_a: Any, member_b: Any) -> None:
    build(member_a, member_b)
    out = io.StringIO()
    call_command("reindex", stdout=out)
    first = _snapshot()
    call_command("reindex", stdout=out)
    assert _snapshot() == first
    assert "meeting: 3 entries" in out.getvalue()
    assert "report: 2 entries" in out.getvalue()
    assert SearchFacet.objects.filter(facet="commitment", value="1").exists()  # A's report answers commitment 1


def test_reindex_of_one_kind_leaves_the_others(member_a: Any, member_b: Any) -> None:
    build(member_a, member_b)
    before = SearchEntry.objects.exclude(kind="meeting").count()
    call_command("reindex", "--kind", "meeting", stdout=io.StringIO())
    assert SearchEntry.objects.exclude(kind="meeting").count() == before
    assert SearchEntry.objects.filter(kind="meeting").count() == 3


def test_reindex_refuses_an_unknown_kind(db: Any) -> None:
    with pytest.raises(CommandError, match="Unknown kind nothing"):
        call_command("reindex", "--kind", "nothing", stdout=io.StringIO())


def test_a_saved_record_is_indexed_after_its_transaction_commits(
    db: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        meeting = schedule("Heron gathering", visibility=Visibility.PUBLIC)
    assert _public_finds("heron") == ["Heron gathering"]
    with django_capture_on_commit_callbacks(execute=True):
        meeting_update(viewer=SYSTEM, meeting=meeting, data=MeetingInput(title="Egret gathering"))
    assert _public_finds("heron") == []
    assert _public_finds("egret") == ["Egret gathering"]
    with django_capture_on_commit_callbacks(execute=True):  # an agenda item is part of its meeting's entry
        agenda_item_add(viewer=SYSTEM, meeting=meeting, data=AgendaItemInput(title="Cormorant census"))
    assert _public_finds("cormorant") == ["Egret gathering"]


def test_hiding_a_record_hides_it_from_search_at_once_without_reindexing(
    db: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        meeting = schedule("Ibis gathering", visibility=Visibility.PUBLIC)
    assert _public_finds("ibis") == ["Ibis gathering"]
    meeting.visibility = Visibility.SECRETARIAT
    meeting.save(update_fields=["visibility"])  # no commit, no re-index: visibility is asked at query time
    assert _public_finds("ibis") == []


def test_a_saved_answer_re_indexes_its_report(
    member_a: Any, member_b: Any, django_capture_on_commit_callbacks: Any
) -> None:
    world = build(member_a, member_b)
    report = world.records["report_a"]
    with django_capture_on_commit_callbacks(execute=True):
        report_save(
            viewer=focal_viewer(member_a),
            report_id=report.pk,
            answers={"c3-leadership": {"status": "limited", "narrative": "A flamingo board."}},
        )
    entry = SearchEntry.objects.get(kind="report", object_id=report.pk)
    assert "flamingo" in entry.body
    assert "ibex" in entry.body
    assert set(entry.facets.values_list("value", flat=True)) == {"1", "3"}


def test_a_deleted_record_leaves_the_index(db: Any, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        meeting = schedule("Puffin gathering", visibility=Visibility.PUBLIC)
    with django_capture_on_commit_callbacks(execute=True):
        meeting.delete()
    assert not SearchEntry.objects.filter(kind="meeting").exists()
    assert _public_finds("puffin") == []


def test_the_search_command_finds_as_the_person_named_and_refuses_a_too_long_query(
    member_a: Any, member_b: Any, official_a: Any, official_b: Any
) -> None:
    build(member_a, member_b)
    out = io.StringIO()
    call_command("search", "zebrafish", "--as", official_a.email, stdout=out)
    assert "Zebrafish walrus meeting" in out.getvalue()
    out = io.StringIO()
    call_command("search", "zebrafish", "--as", official_b.email, stdout=out)
    assert out.getvalue().startswith("0 result(s)")
    with pytest.raises(CommandError, match="500 characters"):
        call_command("search", "x" * 600, stdout=io.StringIO())
    with pytest.raises(CommandError, match="No person"):
        call_command("search", "x", "--as", "nobody@example.org", stdout=io.StringIO())
