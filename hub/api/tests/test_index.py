"""/api/v1/ answers an index of the API's sections, open to anyone; the documentation links back to the site."""

from __future__ import annotations

import json

from django.conf import settings
from django.test import Client

from conftest import client_for

ROOT = "/api/v1/"


def index(client: Client) -> dict:
    response = client.get(ROOT)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def relative(url: str) -> str:
    assert url.startswith(settings.SITE_URL), url
    return url.removeprefix(settings.SITE_URL)


def test_an_anonymous_caller_gets_the_title_version_and_where_the_documentation_is(db):
    body = index(Client())
    assert body["title"] == "Taskforce Hub API"
    assert body["version"] == "1"
    assert relative(body["docs"]) == "/api/v1/docs"
    assert relative(body["openapi"]) == "/api/v1/openapi.json"
    assert relative(body["site"]) == "/"


def test_each_section_names_the_address_of_its_list(db):
    sections = {s["name"]: relative(s["url"]) for s in index(Client())["sections"]}
    assert sections["members"] == "/api/v1/members"
    assert sections["meetings"] == "/api/v1/meetings"
    assert sections["progress reports"] == "/api/v1/reports"
    assert sections["reporting cycles"] == "/api/v1/cycles"
    assert all("{" not in url for url in sections.values())
    assert ROOT not in sections.values()


def test_every_section_address_answers_the_secretariat(secretariat):
    client = client_for(secretariat)
    for section in index(client)["sections"]:
        response = client.get(relative(section["url"]))
        assert response.status_code == 200, (section, response.content[:300])


def test_every_section_address_answers_an_anonymous_caller_with_json(db):
    """Open sections answer with their list; the others with a problem, never an HTML page."""
    client = Client()
    for section in index(client)["sections"]:
        response = client.get(relative(section["url"]))
        assert response.status_code in {200, 401, 404}, (section, response.status_code)
        assert "json" in response["Content-Type"], section


def test_the_schema_documents_the_index_as_open_to_anonymous_callers(db):
    schema = Client().get("/api/v1/openapi.json").json()
    operation = schema["paths"][ROOT]["get"]
    assert {} in operation["security"]
    properties = schema["components"]["schemas"]["IndexOut"]["properties"]
    assert {"title", "version", "docs", "openapi", "sections"} <= set(properties)


def test_the_documentation_page_links_back_to_the_site_and_to_the_index(db):
    page = Client().get("/api/v1/docs").content.decode()
    assert '<a class="hub-api-docs__back" href="/">Back to Taskforce Hub</a>' in page
    assert 'href="/api/v1/"' in page
