"""The glossary pages: the public glossary in three languages, the check anyone may run, the
secretariat's add, edit and out-of-use pages."""

from __future__ import annotations

import html

import pytest
from django.test import Client

from conftest import client_for
from conftest import discouraged_term
from hub.core.concurrency import version_of
from hub.knowledge.models.terminology import GlossaryTerm
from hub.knowledge.services.terminology import reference_terminology_load

CSAM = discouraged_term("csam")


@pytest.fixture
def glossary(db: None) -> None:
    reference_terminology_load()


def _in(language: str) -> Client:
    client = Client(headers={"accept-language": language})
    return client


def term_post(**extra: str) -> dict[str, str]:
    values = {
        "language": "fr",
        "match": r"\bp[ée]dopornographie\b",
        "action": "warn",
        "discouraged_en": "pédopornographie (French)",
        "preferred_en": "child sexual abuse material (CSAM)",
        "why_en": "the French word carries 'pornography' too",
        "source": "Luxembourg Terminology Guidelines (2016), French edition",
    }
    return {**values, **extra}


def test_anyone_reads_the_glossary_with_sources_and_unconfirmed_rows_labelled(glossary):
    page = Client().get("/glossary/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "child sexual abuse material (CSAM)" in body
    assert "Luxembourg Terminology Guidelines (2016)" in body
    assert "Mission statement of the Global Taskforce" in body  # "seed 001" cited by its title
    assert body.count("Not yet confirmed") == 4
    assert "Glossary only (never flagged)" in body
    assert "Unofficial translation" not in body
    assert 'href="/glossary/"' in body  # the footer links it


@pytest.mark.parametrize(
    ("language", "text", "label"),
    [
        ("fr", "matériel d'abus sexuels sur enfants (CSAM)", "Traduction non officielle"),
        ("es", "material de abuso sexual infantil (CSAM)", "Traducción no oficial"),
    ],
)
def test_the_glossary_in_french_and_spanish_says_it_is_an_unofficial_translation(glossary, language, text, label):
    body = html.unescape(_in(language).get("/glossary/").content.decode())
    assert text in body
    assert label in body
    assert "hub-unofficial" in body


def test_a_term_has_its_own_page(glossary):
    body = Client().get("/glossary/webcam/").content.decode()
    assert "live streaming of child sexual abuse" in body and "Not yet confirmed" in body
    assert "Edit the term" not in body
    assert Client().get("/glossary/no-such-term/").status_code == 404


def test_anyone_checks_a_text_without_signing_in_and_nothing_is_stored(glossary):
    client = Client(enforce_csrf_checks=False)
    assert client.get("/glossary/check/").status_code == 200
    before = GlossaryTerm.objects.count()
    body = client.post("/glossary/check/", {"text": f'The "{CSAM} Act" bans {CSAM}; grooming too.'}).content.decode()
    assert f"Instead of “{CSAM}”" in body
    assert body.count("Instead of") == 1
    assert "usa-alert--warning" in body and "usa-alert--error" not in body
    clean = client.post("/glossary/check/", {"text": "Child sexual abuse material."}).content.decode()
    assert "No discouraged term found." in clean
    assert client.post("/glossary/check/", {"text": ""}).status_code == 422
    assert GlossaryTerm.objects.count() == before


def test_an_official_cannot_add_or_edit_terms(glossary, official_a):
    o = client_for(official_a)
    assert o.get("/glossary/new/").status_code == 404
    assert o.post("/glossary/new/", term_post()).status_code == 404
    assert o.get("/glossary/csam/edit/").status_code == 404
    assert o.post("/glossary/csam/deactivate/", {"confirmed": "yes"}).status_code == 404
    assert "Add a term" not in o.get("/glossary/").content.decode()
    assert Client().get("/glossary/new/").status_code == 302  # to sign in
    assert GlossaryTerm.objects.count() == 10


def test_the_secretariat_adds_a_term_that_is_checked_at_once(glossary, secretariat):
    s = client_for(secretariat)
    assert "Add a term" in s.get("/glossary/").content.decode()
    bad = s.post("/glossary/new/", term_post(match=r"\bporn+"))
    assert bad.status_code == 422
    assert "Repeat at most 20 times" in bad.content.decode()
    response = s.post("/glossary/new/", term_post())
    term = GlossaryTerm.objects.get(added_on_platform=True)
    assert response.status_code == 302 and response["Location"] == term.get_absolute_url()
    assert term.language == "fr"
    result = Client().post("/glossary/check/", {"text": "La pédopornographie."}).content.decode()
    assert "Instead of “pédopornographie”" in result


def test_the_secretariat_edits_a_term_and_a_stale_edit_is_refused(glossary, secretariat):
    s = client_for(secretariat)
    term = GlossaryTerm.objects.get(key="webcam")
    assert s.get("/glossary/webcam/edit/").status_code == 200
    stale = version_of(term)
    fields = {
        "language": "en",
        "match": term.match,
        "action": "warn",
        "discouraged_en": term.discouraged_en,
        "preferred_en": term.preferred_en,
        "why_en": term.why_en,
        "source": term.source,
        "confirmed": "on",
        "row_version": stale,
    }
    assert s.post("/glossary/webcam/edit/", fields).status_code == 302
    term.refresh_from_db()
    assert term.confirmed
    again = s.post("/glossary/webcam/edit/", {**fields, "source": "Another source"})
    assert again.status_code == 422
    assert "changed by someone else" in again.content.decode()
    term.refresh_from_db()
    assert term.source.startswith("Luxembourg")


def test_the_secretariat_takes_a_term_out_of_use_after_confirming(glossary, secretariat):
    s = client_for(secretariat)
    asked = s.post("/glossary/extortion/deactivate/")
    assert asked.status_code == 200 and "Take “sextortion” out of use?" in asked.content.decode()
    assert GlossaryTerm.objects.get(key="extortion").is_active
    done = s.post("/glossary/extortion/deactivate/", {"confirmed": "yes"})
    assert done.status_code == 302
    assert not GlossaryTerm.objects.get(key="extortion").is_active
    assert Client().get("/glossary/extortion/").status_code == 404
    assert "Out of use" in s.get("/glossary/").content.decode()
    assert s.post("/glossary/extortion/activate/").status_code == 302
    assert GlossaryTerm.objects.get(key="extortion").is_active
