"""The same words find the same records on SQLite (FTS5) and PostgreSQL (weighted tsvector): a fixed
corpus in English, French and Spanish, and the records each query must find. CI runs this file on
PostgreSQL too (`make test-postgres`).

PostgreSQL drops stop words ("de", "the", "las") and FTS5 does not, so the queries here use content
words only; stemming is Snowball's on both (PostgreSQL's english, french and spanish configurations)."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import make_member
from hub.core import registry
from hub.core.registry import SearchDocument
from hub.core.registry import SearchSource
from hub.core.viewer import ANONYMOUS
from hub.knowledge.selectors.search import SearchFilters
from hub.knowledge.selectors.search import search_run
from hub.members.models import Member

CORPUS = {
    "en-practices": ("en", "Online safety practices", "", "Hotlines remove abusive material quickly."),
    "fr-pratiques": ("fr", "Bonnes Pratiques de sécurité en ligne", "Les signalements sont traités rapidement.", ""),
    "es-practicas": ("es", "Prácticas de seguridad", "", "Las líneas directas eliminan material abusivo."),
    "en-victims": ("en", "Victim support", "Survivors receive counselling.", "Practice notes."),
    "fr-victimes": ("fr", "Protection des victimes", "", "Les survivants reçoivent un soutien."),
    "mul-coordination": ("mul", "Coordination nationale", "", "National coordination; coordinación nacional."),
    "xx-unstemmed": ("de", "Kinderschutz", "", "Meldestellen arbeiten zusammen."),
}

QUERIES = {
    "pratiques": {"fr-pratiques"},
    "pratique": {"fr-pratiques"},
    "PRATIQUES": {"fr-pratiques"},
    "securite": {"fr-pratiques"},
    "sécurité": {"fr-pratiques"},
    "signalement": {"fr-pratiques"},
    "practice": {"en-practices", "es-practicas", "en-victims"},
    "prácticas": {"es-practicas", "en-practices", "en-victims"},  # its Spanish stem is the English one
    "seguridad": {"es-practicas"},
    "victims": {"en-victims", "fr-victimes"},
    "survivors counselling": {"en-victims"},
    "survivants": {"fr-victimes"},
    "coordinacion": {"mul-coordination"},
    "coordinating": {"mul-coordination"},
    "material": {"en-practices", "es-practicas"},
    "online material": {"en-practices"},
    "kinderschutz": {"xx-unstemmed"},
    "meldestellen": {"xx-unstemmed"},
    "meldestelle": set(),  # a language without a stemmer is matched word for word
    "hotline": {"en-practices"},
    "zanzibar": set(),
    'practice" OR victims': set(),  # every word must match: "or" is a word, never an operator
    "victim*": {"en-victims", "fr-victimes"},  # "*" separates; it is not a prefix search
    "hotlines remove": {"en-practices"},
}


@pytest.fixture
def corpus(db: Any, monkeypatch: Any) -> dict[int, str]:
    members = {key: make_member(f"Corpus {key}") for key in CORPUS}
    by_pk = {m.pk: key for key, m in members.items()}

    def document(member: Member) -> SearchDocument:
        language, title, summary, body = CORPUS[by_pk[member.pk]]
        return SearchDocument(title=title, summary=summary, body=body, language=language)

    source = SearchSource(
        "corpus",
        "Corpus",
        Member,
        document,
        lambda viewer: Member.objects.all(),
        lambda: Member.objects.filter(pk__in=list(by_pk)),
    )
    monkeypatch.setitem(registry._search, "corpus", source)
    registry.search_rebuild(kinds=["corpus"])
    return by_pk


@pytest.mark.parametrize("query", list(QUERIES))
def test_a_query_finds_the_same_records_on_either_database(corpus: dict[int, str], query: str) -> None:
    found = search_run(viewer=ANONYMOUS, filters=SearchFilters(q=query, kind="corpus"), page_size=100)
    assert {corpus[h.id] for h in found.hits} == QUERIES[query]
    assert found.count == len(QUERIES[query])


def test_a_title_match_ranks_above_a_summary_match_above_a_body_match(db: Any, monkeypatch: Any) -> None:
    members = [make_member(f"Ranked {n}") for n in range(3)]
    texts = {
        members[0].pk: SearchDocument(title="Notes", body="Several notes on referrals."),
        members[1].pk: SearchDocument(title="Referrals", body="Notes."),
        members[2].pk: SearchDocument(title="Notes", summary="On referrals.", body="Other notes."),
    }
    source = SearchSource(
        "ranked",
        "Ranked",
        Member,
        lambda m: texts[m.pk],
        lambda viewer: Member.objects.all(),
        lambda: Member.objects.filter(pk__in=list(texts)),
    )
    monkeypatch.setitem(registry._search, "ranked", source)
    registry.search_rebuild(kinds=["ranked"])
    found = search_run(viewer=ANONYMOUS, filters=SearchFilters(q="referral", kind="ranked"))
    assert [h.id for h in found.hits] == [members[1].pk, members[2].pk, members[0].pk]
    assert found.hits[0].rank > found.hits[1].rank > found.hits[2].rank


def test_a_query_with_a_stop_word_still_finds_the_record_that_contains_it(corpus: dict[int, str]) -> None:
    """PostgreSQL's english configuration drops "the"; every vector also holds the words as they are."""
    found = search_run(viewer=ANONYMOUS, filters=SearchFilters(q="support the victim", kind="corpus"))
    assert {corpus[h.id] for h in found.hits} == set()  # "the" is not in "Victim support"
    found = search_run(viewer=ANONYMOUS, filters=SearchFilters(q="des victimes", kind="corpus"))
    assert {corpus[h.id] for h in found.hits} == {"fr-victimes"}  # "des" is a French stop word
