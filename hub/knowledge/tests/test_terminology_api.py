"""The terminology API: the public glossary, the check open to anonymous callers, the secretariat's
writes (a stale edit is 409)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from conftest import as_viewer
from conftest import discouraged_term
from hub.accounts.services import api_token_create
from hub.knowledge.models.terminology import GlossaryTerm
from hub.knowledge.services.terminology import reference_terminology_load

CSAM = discouraged_term("csam")


@pytest.fixture
def glossary(db: None) -> None:
    reference_terminology_load()


def auth(user: Any) -> dict[str, str]:
    _t, raw = api_token_create(viewer=as_viewer(user), name="t", scope="read-write", days=1)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def send(method: str, url: str, body: Any = None, headers: dict[str, str] | None = None) -> Any:
    return getattr(Client(), method)(url, body, content_type="application/json", **(headers or {}))


def fields(response: Any) -> list[str]:
    assert response["Content-Type"] == "application/problem+json", response.content
    return [e.get("field") for e in response.json().get("errors", [])]


NEW_TERM = {
    "language": "fr",
    "match": r"\bp[ée]dopornographie\b",
    "discouraged_en": "pédopornographie (French)",
    "preferred_en": "child sexual abuse material (CSAM)",
    "why_en": "the French word carries 'pornography' too",
    "source": "Luxembourg Terminology Guidelines (2016), French edition",
}


def test_anyone_lists_the_glossary_in_pages(glossary):
    r = Client().get("/api/v1/terminology?page_size=4")
    assert r.status_code == 200
    body = r.json()
    assert body["count"] == 10 and len(body["items"]) == 4
    csam = Client().get("/api/v1/terminology/csam").json()
    assert csam["action"] == "warn" and csam["confirmed"] is True
    assert csam["translations"]["fr"]["unofficial_translation"] is True
    assert csam["translations"]["en"]["unofficial_translation"] is False
    assert Client().get("/api/v1/terminology/nothing").status_code == 404


def test_an_anonymous_caller_checks_a_text(glossary):
    r = send("post", "/api/v1/terminology/check", {"text": f'The "{CSAM} Act" bans {CSAM}; grooming too.'})
    assert r.status_code == 200, r.content
    (warning,) = r.json()
    assert warning["found"] == CSAM and warning["term"] == "csam"
    assert "child sexual abuse material" in warning["preferred"]
    assert set(warning) == {"found", "preferred", "why", "source", "term", "start"}
    assert send("post", "/api/v1/terminology/check", {"text": "Nothing to see."}).json() == []


def test_an_over_long_text_is_refused_naming_the_field(glossary):
    r = send("post", "/api/v1/terminology/check", {"text": "a" * 100_001})
    assert r.status_code == 422
    assert fields(r) == ["text"]


def test_the_secretariat_adds_a_term_and_an_official_may_not(glossary, secretariat, official_a):
    assert send("post", "/api/v1/terminology", NEW_TERM).status_code == 401
    assert send("post", "/api/v1/terminology", NEW_TERM, auth(official_a)).status_code == 403
    bad = send("post", "/api/v1/terminology", {**NEW_TERM, "match": "x*"}, auth(secretariat))
    assert bad.status_code == 422 and fields(bad) == ["match"]
    r = send("post", "/api/v1/terminology", NEW_TERM, auth(secretariat))
    assert r.status_code == 201, r.content
    assert r.json()["added_on_platform"] is True
    check = send("post", "/api/v1/terminology/check", {"text": "La pédopornographie."}).json()
    assert [w["found"] for w in check] == ["pédopornographie"]


def test_a_stale_edit_is_409(glossary, secretariat, official_a):
    s = auth(secretariat)
    etag = Client().get("/api/v1/terminology/webcam")["ETag"]
    assert send("patch", "/api/v1/terminology/webcam", {"confirmed": True}, auth(official_a)).status_code == 403
    r = send("patch", "/api/v1/terminology/webcam", {"confirmed": True}, {**s, "HTTP_IF_MATCH": etag})
    assert r.status_code == 200 and r.json()["confirmed"] is True
    stale = send("patch", "/api/v1/terminology/webcam", {"source": "Other"}, {**s, "HTTP_IF_MATCH": etag})
    assert stale.status_code == 409
    assert GlossaryTerm.objects.get(key="webcam").source.startswith("Luxembourg")


def test_the_secretariat_takes_a_term_out_of_use_and_back(glossary, secretariat):
    s = auth(secretariat)
    assert send("post", "/api/v1/terminology/extortion/deactivate", {}, s).json()["is_active"] is False
    assert Client().get("/api/v1/terminology/extortion").status_code == 404
    assert send("post", "/api/v1/terminology/extortion/deactivate", {}, s).status_code == 409
    assert send("post", "/api/v1/terminology/extortion/activate", {}, s).json()["is_active"] is True
