"""The join workflow through the API, start to finish."""

from __future__ import annotations

from django.test import Client

from conftest import as_viewer
from hub.accounts.services import api_token_create
from hub.members.models import Invitation
from hub.members.models import JoinRequest
from hub.members.models import Member
from hub.members.services import join_request_token
from hub.members.services import join_request_verify


def bearer(user) -> dict[str, str]:
    _t, raw = api_token_create(viewer=as_viewer(user), name="t", scope="read-write", days=1)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post(url, body, **headers):
    return Client().post(url, body, content_type="application/json", **headers)


def test_a_government_asks_and_the_secretariat_approves_through_the_api(secretariat):
    response = post(
        "/api/v1/join-requests",
        {"government": "Zetaland", "country": "IT", "contact_name": "Z", "contact_email": "z@zetaland.example.org"},
    )
    assert response.status_code == 202
    request = JoinRequest.objects.get()
    join_request_verify(token=join_request_token(request))
    auth = bearer(secretariat)
    listed = Client().get("/api/v1/join-requests", **auth).json()
    assert listed["items"][0]["status"] == "submitted"
    r = post(
        f"/api/v1/join-requests/{request.pk}/alliance-check", {"is_alliance_member": True, "source": "list"}, **auth
    )
    assert r.status_code == 200
    r = post(f"/api/v1/join-requests/{request.pk}/approve", {}, **auth)
    assert r.status_code == 200
    assert r.json()["status"] == "approved"
    member = Member.objects.get(name="Zetaland")
    assert Invitation.objects.filter(member=member, kind="focal_point").exists()
    history = Client().get(f"/api/v1/members/{member.slug}/status-history", **auth).json()
    assert history[0]["status"] == "active"


def test_join_requests_are_hidden_from_members(official_a, member_a):
    request = JoinRequest.objects.create(
        government="Hidden", contact_name="h", contact_email="h@example.org", token_nonce="n"
    )
    auth = bearer(official_a)
    assert Client().get("/api/v1/join-requests", **auth).json()["count"] == 0
    assert Client().get(f"/api/v1/join-requests/{request.pk}", **auth).status_code == 404
    assert post(f"/api/v1/join-requests/{request.pk}/approve", {}, **auth).status_code == 404


def test_a_bad_join_request_names_each_field(db):
    response = post(
        "/api/v1/join-requests", {"government": "", "country": "QQ", "contact_name": "x", "contact_email": "x@y.org"}
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert {e["field"] for e in response.json()["errors"]} >= {"government"}


def test_secretariat_changes_status_and_records_a_chair_through_the_api(secretariat, member_a, member_b):
    auth = bearer(secretariat)
    r = post("/api/v1/members/alphaland/status", {"status": "suspended", "reason": "dues"}, **auth)
    assert r.status_code == 201
    r = post("/api/v1/members/alphaland/status", {"status": "inactive", "reason": ""}, **auth)
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "reason"
    r = post(
        "/api/v1/members/alphaland/taskforce-roles",
        {"role": "chair", "starts_on": "2024-01-01", "source": "minutes"},
        **auth,
    )
    assert r.status_code == 201
    r = post(
        "/api/v1/members/betaland/taskforce-roles",
        {"role": "chair", "starts_on": "2024-02-01", "source": "minutes"},
        **auth,
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "role"


def test_members_are_created_and_edited_through_the_api(secretariat, official_a, member_a):
    auth = bearer(secretariat)
    r = post("/api/v1/members", {"name_en": "Etaland", "kind": "government", "country": "ES"}, **auth)
    assert r.status_code == 201
    r = Client().patch("/api/v1/members/etaland", {"source": "letter of 2024"}, content_type="application/json", **auth)
    assert r.json()["source"] == "letter of 2024"
    r = post("/api/v1/members", {"name_en": "Thetaland", "kind": "government", "country": "XX"}, **auth)
    assert r.status_code == 422
    r = post("/api/v1/members", {"name_en": "Iotaland", "kind": "government"}, **bearer(official_a))
    assert r.status_code == 403


def test_alliance_figures_are_public_and_recorded_by_the_secretariat(secretariat, official_a):
    auth = bearer(secretariat)
    assert (
        post("/api/v1/alliance-figures", {"value": 100, "as_of": "2024-05-01", "source": "report"}, **auth).status_code
        == 201
    )
    assert (
        post(
            "/api/v1/alliance-figures", {"value": 1, "as_of": "2024-05-02", "source": "x"}, **bearer(official_a)
        ).status_code
        == 403
    )
    assert Client().get("/api/v1/alliance-figures").json()[0]["value"] == 100


def test_approving_before_the_alliance_check_is_refused_naming_the_reason(secretariat):
    response = post(
        "/api/v1/join-requests",
        {"government": "Kappaland", "country": "AT", "contact_name": "K", "contact_email": "k@kappaland.example.org"},
    )
    assert response.status_code == 202
    request = JoinRequest.objects.get()
    join_request_verify(token=join_request_token(request))
    r = post(f"/api/v1/join-requests/{request.pk}/approve", {}, **bearer(secretariat))
    assert r.status_code == 422
    assert r["Content-Type"] == "application/problem+json"
    body = r.json()
    assert body["detail"] == "The request was not approved."
    assert body["errors"] == [{"field": "alliance_member", "message": "Record the Alliance membership check first."}]
    assert not Member.objects.filter(name="Kappaland").exists()
