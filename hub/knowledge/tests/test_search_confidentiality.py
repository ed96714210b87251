"""The one search never finds, nor counts, what the searcher may not open (SQLite and PostgreSQL)."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import as_viewer
from conftest import client_for
from hub.core.viewer import ANONYMOUS
from hub.knowledge.selectors.search import SearchFilters
from hub.knowledge.selectors.search import search_run
from hub.knowledge.tests.search_world import SECRETS
from hub.knowledge.tests.search_world import SearchWorld
from hub.knowledge.tests.search_world import build


@pytest.fixture
def world(member_a: Any, member_b: Any) -> SearchWorld:
    return build(member_a, member_b)


def _finds(viewer: Any, q: str, **filters: Any) -> Any:
    return search_run(viewer=viewer, filters=SearchFilters(q=q, **filters), page_size=100)


def _audience(persona: str) -> set[str]:
    return {
        "secretariat": {"a", "b", "tf", "public", "secretariat"},
        "official_a": {"a", "tf", "public"},
        "official_b": {"b", "tf", "public"},
        "anonymous": {"public"},
    }[persona]


@pytest.mark.parametrize("persona", ["secretariat", "official_a", "official_b", "anonymous"])
def test_each_secret_word_is_found_only_by_who_may_open_its_record(
    world: SearchWorld, persona: str, request: Any
) -> None:
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    viewer = as_viewer(user) if user else ANONYMOUS
    for word, audience in SECRETS.items():
        found = _finds(viewer, word)
        if audience in _audience(persona):
            assert found.count >= 1, f"{persona} should find {word}"
        else:
            assert found.count == 0, f"{persona} finds {word}: {[h.title for h in found.hits]}"
            assert all(not values for values in found.facets.values()), f"{persona} counts {word}"


def test_member_b_finds_none_of_as_confidential_records_and_its_counts_match_what_it_opens(
    world: SearchWorld, official_b: Any
) -> None:
    found = _finds(as_viewer(official_b), "walrus")
    texts = " ".join(f"{h.title} {h.snippet_html}" for h in found.hits).lower()
    for word, audience in SECRETS.items():
        if audience in ("a", "secretariat"):
            assert word not in texts
    assert found.count == len(found.hits)
    assert sum(f.count for f in found.facets["type"]) == found.count
    assert sum(f.count for f in found.facets["year"]) == found.count
    assert {f.label for f in found.facets["member"]} <= {"Betaland"}
    client = client_for(official_b)
    for hit in found.hits:
        assert client.get(hit.url).status_code == 200, hit.url
    kinds = {f.value: f.count for f in found.facets["type"]}
    assert kinds == {"meeting": 2, "minutes": 1, "report": 1}


def test_member_a_opens_every_result_it_finds(world: SearchWorld, official_a: Any) -> None:
    found = _finds(as_viewer(official_a), "walrus")
    assert {f.value: f.count for f in found.facets["type"]} == {
        "meeting": 3,
        "minutes": 1,
        "decision": 1,
        "action_item": 1,
        "report": 1,
    }
    client = client_for(official_a)
    for hit in found.hits:
        assert client.get(hit.url).status_code == 200, hit.url


def test_a_facet_filter_narrows_and_still_counts_only_what_the_viewer_may_open(
    world: SearchWorld, official_b: Any, member_a: Any
) -> None:
    viewer = as_viewer(official_b)
    assert _finds(viewer, "walrus", member=member_a.pk).count == 0
    assert _finds(viewer, "walrus", kind="decision").count == 0
    assert _finds(viewer, "walrus", commitment=1).count == 0  # A's report and decision serve commitment 1
    reports = _finds(viewer, "walrus", kind="report")
    assert [h.title for h in reports.hits] == [str(world.records["report_b"])]


def test_the_anonymous_visitor_finds_only_public_records(world: SearchWorld) -> None:
    found = _finds(ANONYMOUS, "walrus")
    assert [(h.kind, h.id) for h in found.hits] == [("meeting", world.meeting_p.pk)]
    assert found.count == 1


def test_the_secretariat_finds_draft_minutes_under_their_own_kind_never_in_the_meeting(
    world: SearchWorld, secretariat: Any, official_a: Any
) -> None:
    found = _finds(as_viewer(secretariat), "narwhal")
    assert [(h.kind, h.id) for h in found.hits] == [("minutes", world.meeting_a.pk)]
    assert _finds(as_viewer(official_a), "narwhal").count == 0
