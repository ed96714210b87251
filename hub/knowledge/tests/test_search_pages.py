"""The search page and the search API: what each persona finds, facets as links, bad input."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from conftest import client_for
from hub.knowledge.tests.search_world import SearchWorld
from hub.knowledge.tests.search_world import build


@pytest.fixture
def world(member_a: Any, member_b: Any) -> SearchWorld:
    return build(member_a, member_b)


def test_the_page_lists_what_official_a_may_open_with_highlights_and_facets(
    world: SearchWorld, official_a: Any
) -> None:
    response = client_for(official_a).get("/search/", {"q": "zebrafish"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>Zebrafish</mark> walrus meeting" in html
    assert f'href="{world.meeting_a.get_absolute_url()}"' in html
    assert "2 results" in html  # the meeting, and its decision (which names its meeting)
    assert "?q=zebrafish&amp;type=meeting" in html  # the type facet links to the narrowed search


def test_the_page_shows_official_b_nothing_of_as_records(world: SearchWorld, official_b: Any) -> None:
    response = client_for(official_b).get("/search/", {"q": "zebrafish"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Zebrafish" not in html.replace("zebrafish", "")
    assert "No results" in html


def test_a_facet_filter_narrows_the_page_and_offers_its_removal(world: SearchWorld, official_a: Any) -> None:
    html = client_for(official_a).get("/search/", {"q": "walrus", "type": "report"}).content.decode()
    assert "1 result" in html
    assert "Remove the filter" in html
    assert "Zebrafish" not in html.split("Refine")[0]


def test_the_page_with_no_words_invites_a_search(db: Any) -> None:
    response = Client().get("/search/")
    assert response.status_code == 200
    assert "Type one or more words" in response.content.decode()


def test_a_search_of_5000_characters_is_a_clear_error_on_its_field_not_a_server_error(db: Any) -> None:
    response = Client().get("/search/", {"q": "walrus " * 715})
    assert response.status_code == 400
    html = response.content.decode()
    assert "usa-error-message" in html
    assert "500 characters" in html


def test_a_search_with_operators_answers_200(world: SearchWorld, official_a: Any) -> None:
    response = client_for(official_a).get("/search/", {"q": 'zebrafish" OR * NEAR( -x'})
    assert response.status_code == 200


def test_a_filter_out_of_bounds_is_named_not_a_server_error(db: Any) -> None:
    assert Client().get("/search/", {"q": "x", "year": "abc"}).status_code == 400
    assert Client().get("/search/", {"q": "x", "member": "99999999999999999999999"}).status_code == 400
    assert Client().get("/search/", {"q": "x", "page": "0"}).status_code == 400


def test_a_page_past_the_last_shows_the_last(world: SearchWorld, secretariat: Any) -> None:
    response = client_for(secretariat).get("/search/", {"q": "walrus", "page": "99"})
    assert response.status_code == 200
    assert "<mark>walrus</mark>" in response.content.decode()


def test_the_page_speaks_french(world: SearchWorld, official_a: Any) -> None:
    client = client_for(official_a)
    client.cookies["django_language"] = "fr"
    response = client.get("/search/", {"q": "zebrafish"}, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    assert 'lang="fr"' in response.content.decode()


def test_the_header_offers_the_search_box_on_every_page(db: Any) -> None:
    html = Client().get("/members/").content.decode()
    assert 'role="search"' in html
    assert 'action="/search/"' in html


# --- the API ----------------------------------------------------------------------------------


def test_the_api_answers_results_and_facets_counting_only_what_the_caller_may_open(
    world: SearchWorld, official_b: Any
) -> None:
    body = client_for(official_b).get("/api/v1/search", {"q": "walrus"}).json()
    assert body["count"] == len(body["results"]) == 4
    assert sum(f["count"] for f in body["facets"]["type"]) == body["count"]
    assert {r["kind"] for r in body["results"]} == {"meeting", "minutes", "report"}
    assert all("zebrafish" not in r["title"].lower() for r in body["results"])
    assert [f["label"] for f in body["facets"]["member"]] == ["Betaland"]
    report = next(r for r in body["results"] if r["kind"] == "report")
    assert report["member"] == world.member_b.pk
    assert "<mark>walrus</mark>" in report["snippet_html"]


def test_the_api_lets_anonymous_callers_find_public_records_only(world: SearchWorld) -> None:
    body = Client().get("/api/v1/search", {"q": "walrus"}).json()
    assert [(r["kind"], r["id"]) for r in body["results"]] == [("meeting", world.meeting_p.pk)]


def test_the_api_refuses_a_5000_character_query_with_a_422_naming_q(db: Any) -> None:
    response = Client().get("/api/v1/search", {"q": "x" * 5000})
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    assert "q" in {e.get("field") for e in response.json()["errors"]}


def test_the_api_pages_results(world: SearchWorld, secretariat: Any) -> None:
    client = client_for(secretariat)
    first = client.get("/api/v1/search", {"q": "walrus", "page_size": 2}).json()
    second = client.get("/api/v1/search", {"q": "walrus", "page_size": 2, "page": 2}).json()
    assert first["count"] == second["count"] >= 4
    assert len(first["results"]) == 2
    assert not {(r["kind"], r["id"]) for r in first["results"]} & {(r["kind"], r["id"]) for r in second["results"]}
    beyond = client.get("/api/v1/search", {"q": "walrus", "page": 99}).json()
    assert beyond["results"] == []
    assert client.get("/api/v1/search", {"q": "walrus", "page_size": 101}).status_code == 422
