"""Search text: normalisation, bounds on a query, operators as plain words, escaped highlighting."""

from __future__ import annotations

from typing import Any

import pytest

from hub.core.errors import ValidationFailed
from hub.core.viewer import ANONYMOUS
from hub.knowledge.selectors.search import MAX_TERMS
from hub.knowledge.selectors.search import SearchFilters
from hub.knowledge.selectors.search import fts_match
from hub.knowledge.selectors.search import highlight
from hub.knowledge.selectors.search import indexed_text
from hub.knowledge.selectors.search import normalise
from hub.knowledge.selectors.search import query_terms
from hub.knowledge.selectors.search import search_run
from hub.knowledge.selectors.search import snippet
from hub.knowledge.selectors.search import words


def test_text_is_lower_cased_and_loses_its_diacritics() -> None:
    assert normalise("Sécurité ÉLÈVES Niño") == "securite eleves nino"
    assert words("l'enfant, (niños) & co_op*") == ["l", "enfant", "ninos", "co", "op"]


def test_a_record_is_indexed_with_stems_of_its_own_language() -> None:
    assert indexed_text("Pratiques", "fr") == "pratiqu"
    assert indexed_text("practices", "en") == "practic"
    assert indexed_text("Kinderschutz", "de") == "kinderschutz"
    assert set(indexed_text("victimes", "mul").split()) == {"victimes", "victim"}


def test_a_query_keeps_at_most_twelve_words_each_cut_to_64_characters() -> None:
    terms = query_terms(" ".join(f"word{n}" for n in range(40)) + " " + "x" * 100)
    assert len(terms) == MAX_TERMS
    assert max(len(t.word) for t in query_terms("y" * 300)) == 64


def test_a_query_longer_than_500_characters_is_refused_naming_q() -> None:
    with pytest.raises(ValidationFailed) as caught:
        query_terms("a" * 501)
    assert caught.value.problems[0].field == "q"


def test_operators_are_separators_and_every_form_is_quoted() -> None:
    match = fts_match(query_terms('"a" OR b* NEAR(c d) -e ^f {g} :h'))
    assert match.count("(") == match.count(")")
    for group in match.split(" AND "):
        assert group.startswith("(") and group.endswith(")")
        for form in group[1:-1].split(" OR "):
            assert form.startswith('"') and form.endswith('"') and '"' not in form[1:-1]


@pytest.mark.parametrize(
    "q", ['"unbalanced', "a OR b", "NEAR(x y)", "*", "col:val", "-x", "x AND NOT y", "\\'; DROP TABLE x; --", "()"]
)
def test_a_query_with_operators_is_searched_as_words_without_an_error(db: Any, q: str) -> None:
    results = search_run(viewer=ANONYMOUS, filters=SearchFilters(q=q))
    assert results.count == 0


def test_a_query_of_only_punctuation_searches_nothing(db: Any) -> None:
    results = search_run(viewer=ANONYMOUS, filters=SearchFilters(q="!!! ??? ..."))
    assert not results.searched
    assert results.count == 0


def test_highlighting_escapes_the_text_and_marks_stemmed_matches() -> None:
    terms = query_terms("pratiques")
    assert str(highlight("<b>Bonnes</b> pratique", "fr", terms)) == "&lt;b&gt;Bonnes&lt;/b&gt; <mark>pratique</mark>"
    assert str(highlight("<script>x</script>", "en", query_terms("script"))) == (
        "&lt;<mark>script</mark>&gt;x&lt;/<mark>script</mark>&gt;"
    )


def test_a_snippet_is_the_text_around_the_first_match_of_the_first_field_that_has_one() -> None:
    body = "Intro words. " * 40 + "The hotline & its referrals. " + "Closing words. " * 40
    html = str(snippet(["A summary without it.", body], "en", query_terms("referral")))
    assert "<mark>referrals</mark>" in html
    assert "&amp;" in html
    assert html.startswith("… ") and html.endswith(" …")
    assert len(html) < 320
    assert str(snippet(["Plain summary."], "en", query_terms("absent"))) == "Plain summary."
