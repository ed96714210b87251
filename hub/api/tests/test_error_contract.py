"""The API tells its error contract: every error under /api/v1/ is application/problem+json, rate limits
answer 429 with Retry-After, lists and searches have documented bounds, and the OpenAPI document lists
every operation's errors and where anonymous callers are served."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from django.test import Client
from django.test import RequestFactory

from conftest import as_viewer
from conftest import client_for
from hub.accounts.services import api_token_create
from hub.api.middleware import ApiProblemMiddleware
from hub.core.handlers import server_error
from hub.core.limits import PAGE_SIZE_MAX
from hub.core.limits import SEARCH_MAX_LENGTH
from hub.members.models import JoinRequest

PROBLEM = "application/problem+json"
ERRORS = {"401", "403", "404", "413", "422", "429"}


def problem(response, status: int) -> dict:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == PROBLEM
    body = json.loads(response.content)
    assert body["status"] == status
    assert body["title"] and body["detail"]
    return body


@pytest.fixture
def schema(db) -> dict:
    return Client().get("/api/v1/openapi.json").json()


def operations(schema: dict):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


# --- every error is problem+json -------------------------------------------------------------


def test_an_unknown_api_path_is_a_404_problem(db):
    body = problem(Client().get("/api/v1/no-such-thing"), 404)
    assert "path" in body["detail"]
    problem(Client().post("/api/v1/members/alphaland/no-such-thing", {}), 404)


def test_a_method_a_path_does_not_answer_is_a_405_problem(db):
    response = Client().delete("/api/v1/members")
    body = problem(response, 405)
    assert set(response["Allow"].split(", ")) == {"GET", "POST"}
    assert response["Allow"] in body["detail"]


def test_a_body_over_the_size_limit_is_a_413_problem(db, settings):
    settings.MAX_REQUEST_BYTES = 1000
    response = Client().post("/api/v1/join-requests", {"government": "x" * 5000}, content_type="application/json")
    problem(response, 413)
    assert "too large" in response.json()["detail"]
    assert JoinRequest.objects.count() == 0


def test_a_body_that_is_not_json_is_a_400_problem(db):
    body = problem(Client().post("/api/v1/join-requests", "{not json", content_type="application/json"), 400)
    assert body["status"] == 400
    assert JoinRequest.objects.count() == 0


def test_a_multipart_body_without_a_boundary_is_a_400_problem(secretariat):
    response = client_for(secretariat).post(
        "/api/v1/answers/1/evidence", b"--x\r\n", content_type="multipart/form-data"
    )
    assert problem(response, 400)["detail"] == "The multipart body cannot be read."


def test_a_server_error_under_the_api_is_a_500_problem():
    """What the 500 page would have answered (the error escaped everything else) becomes a problem."""
    middleware = ApiProblemMiddleware(server_error)
    problem(middleware(RequestFactory().get("/api/v1/me")), 500)
    page = middleware(RequestFactory().get("/dashboard/"))
    assert page.status_code == 500
    assert "text/html" in page["Content-Type"]


def test_pages_keep_their_html_errors(db):
    response = Client().get("/no/such/page/")
    assert response.status_code == 404
    assert "text/html" in response["Content-Type"]


# --- rate limits ------------------------------------------------------------------------------


def join(client: Client, n: int) -> dict:
    body = {"government": f"Land {n}", "country": "IT", "contact_name": "C", "contact_email": f"c{n}@example.org"}
    return client.post("/api/v1/join-requests", body, content_type="application/json")


def test_the_join_rate_limit_answers_429_with_retry_after_on_the_api(db, settings):
    cache.clear()
    settings.JOIN_REQUESTS_PER_HOUR = 2
    client = Client()
    assert [join(client, n).status_code for n in range(2)] == [202, 202]
    response = join(client, 3)
    problem(response, 429)
    assert 1 <= int(response["Retry-After"]) <= 3600
    assert JoinRequest.objects.count() == 2


def test_the_join_rate_limit_answers_429_with_retry_after_on_the_page(db, settings):
    cache.clear()
    settings.JOIN_REQUESTS_PER_HOUR = 1
    client = Client()
    assert client.post("/join/", {"government": ""}).status_code == 422
    response = client.post("/join/", {"government": ""})
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 3600
    assert "Too many requests" in response.content.decode()


def test_the_secretariat_filing_for_a_government_is_not_rate_limited(secretariat, settings):
    cache.clear()
    settings.JOIN_REQUESTS_PER_HOUR = 1
    _token, raw = api_token_create(viewer=as_viewer(secretariat), name="t", scope="read-write", days=1)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert [join(client, n).status_code for n in range(3)] == [202, 202, 202]


# --- bounds on lists and searches -------------------------------------------------------------


def test_page_size_above_its_maximum_is_refused_with_422(member_a, member_b):
    assert Client().get(f"/api/v1/members?page_size={PAGE_SIZE_MAX}").json()["count"] == 2
    body = problem(Client().get(f"/api/v1/members?page_size={PAGE_SIZE_MAX + 1}"), 422)
    assert body["errors"][0]["field"] == "page_size"
    problem(Client().get("/api/v1/members?page=99999999999999999999"), 422)


def test_page_size_has_a_documented_maximum_on_every_list(schema):
    lists = 0
    for path, method, operation in operations(schema):
        params = {p["name"]: p["schema"] for p in operation.get("parameters", [])}
        if "page_size" in params:
            lists += 1
            bounds = [s for s in params["page_size"]["anyOf"] if s.get("type") == "integer"]
            assert bounds[0]["maximum"] == PAGE_SIZE_MAX, (method, path)
            assert "maximum" in params["page"], (method, path)
    assert lists >= 10


def test_an_over_long_search_is_a_422_problem_not_a_server_error(member_a):
    ok = Client().get("/api/v1/members", {"q": "a" * SEARCH_MAX_LENGTH})
    assert ok.status_code == 200
    body = problem(Client().get("/api/v1/members", {"q": "a" * 55_000}), 422)
    assert body["errors"][0]["field"] == "q"
    problem(Client().get("/api/v1/action-items", {"owner": "x" * 55_000}), 422)
    problem(Client().get("/api/v1/meetings", {"when": "x" * 55_000}), 422)
    problem(Client().get("/api/v1/join-requests", {"status": "x" * 55_000}), 422)


def test_an_over_long_search_on_the_directory_page_is_a_field_error(member_a):
    response = Client().get("/members/", {"q": "a" * 55_000})
    assert response.status_code == 400
    assert response.context["form"].errors["q"]
    assert Client().get("/members/", {"q": "alpha"}).status_code == 200


def test_an_over_long_actor_on_the_audit_log_is_a_field_error(secretariat):
    response = client_for(secretariat).get("/audit/", {"actor": "a" * 55_000})
    assert response.status_code == 400
    assert response.context["form"].errors["actor"]


def test_search_and_filter_parameters_have_a_documented_maximum_length(schema):
    for path, method, operation in operations(schema):
        for param in operation.get("parameters", []):
            if param["in"] == "query" and param["schema"].get("type") == "string":
                assert "maxLength" in param["schema"], (method, path, param["name"])


# --- the document tells the contract ----------------------------------------------------------


def test_every_operation_documents_its_errors_as_problems(schema):
    responses = schema["components"]["responses"]
    count = 0
    for path, method, operation in operations(schema):
        count += 1
        documented = set(operation["responses"])
        expected = ERRORS | ({"409"} if method != "get" else set())
        assert expected <= documented, (method, path, expected - documented)
        for status in expected:
            ref = operation["responses"][status]["$ref"].rsplit("/", 1)[-1]
            content = responses[ref]["content"]
            assert content == {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    assert count >= 70
    assert "Retry-After" in responses["TooManyRequests"]["headers"]
    assert set(schema["components"]["schemas"]["Problem"]["required"]) == {"title", "status", "detail"}


def test_security_says_where_anonymous_callers_are_served(schema):
    assert set(schema["components"]["securitySchemes"]) == {"TokenAuth", "SessionAuth"}
    for path, method, operation in operations(schema):
        security = operation["security"]
        assert {"TokenAuth": []} in security and {"SessionAuth": []} in security
        anonymous = {} in security
        anonymous_writes = {("post", "/api/v1/join-requests"), ("post", "/api/v1/terminology/check")}
        assert anonymous == (method == "get" or (method, path) in anonymous_writes), (method, path)


def test_writes_that_need_a_caller_refuse_anonymous_ones(schema, member_a):
    """No write without an empty security requirement succeeds anonymously."""
    client = Client()
    for path, method, operation in operations(schema):
        if {} in operation["security"]:
            continue
        url = path.replace("{slug}", member_a.slug)
        for name in ("item_id", "request_id", "meeting_id", "cycle_id", "report_id", "answer_id", "input_id"):
            url = url.replace("{" + name + "}", "1")
        for name in ("procedure_id", "version_id", "evidence_id", "number"):
            url = url.replace("{" + name + "}", "1")
        response = getattr(client, method)(url, {}, content_type="application/json")
        assert response.status_code in {401, 404, 422}, (method, path, response.status_code)
        assert response["Content-Type"] == PROBLEM
