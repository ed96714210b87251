"""The members API through the policy layer; errors as problem+json."""

from __future__ import annotations

from django.test import Client

from conftest import as_viewer
from conftest import client_for
from hub.accounts.services import api_token_create
from hub.members.models import Member
from hub.members.models import MemberNote


def token_client(user, scope="read-write") -> tuple[Client, dict[str, str]]:
    _token, raw = api_token_create(viewer=as_viewer(user), name="t", scope=scope, days=5)
    return Client(), {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_members_list_is_paginated_and_public(member_a, member_b):
    body = Client().get("/api/v1/members").json()
    assert body["count"] == 2
    assert [m["slug"] for m in body["items"]] == ["alphaland", "betaland"]


def test_member_detail_and_not_found(member_a):
    assert Client().get("/api/v1/members/alphaland").json()["is_synthetic"] is True
    response = Client().get("/api/v1/members/nowhere")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_hidden_members_are_not_listed_or_counted(member_a, secretariat):
    Member.objects.create(name="Hiddenia", slug="hiddenia", kind="government", visibility="secretariat")
    assert Client().get("/api/v1/members").json()["count"] == 1
    assert Client().get("/api/v1/members/hiddenia").status_code == 404
    client, auth = token_client(secretariat)
    assert client.get("/api/v1/members", **auth).json()["count"] == 2


def test_an_official_writes_a_note_with_a_read_write_token(member_a, official_a):
    client, auth = token_client(official_a)
    response = client.post(
        "/api/v1/members/alphaland/notes",
        {"text": "via api", "visibility": "member"},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 201
    assert MemberNote.objects.get().text == "via api"


def test_a_read_only_token_cannot_write(member_a, official_a):
    client, auth = token_client(official_a, scope="read")
    response = client.post("/api/v1/members/alphaland/notes", {"text": "x"}, content_type="application/json", **auth)
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert not MemberNote.objects.exists()


def test_another_members_official_gets_404_on_write(member_a, official_b):
    client, auth = token_client(official_b)
    response = client.post("/api/v1/members/alphaland/notes", {"text": "x"}, content_type="application/json", **auth)
    assert response.status_code == 404
    assert not MemberNote.objects.exists()


def test_a_body_with_wrong_types_names_the_field(member_a, official_a):
    client, auth = token_client(official_a)
    response = client.post(
        "/api/v1/members/alphaland/notes",
        {"text": 12, "visibility": "everyone"},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"text", "visibility"}
    assert not MemberNote.objects.exists()


def test_anonymous_cannot_write(member_a):
    response = Client().post("/api/v1/members/alphaland/notes", {"text": "x"}, content_type="application/json")
    assert response.status_code == 401


def test_a_session_write_needs_the_csrf_token(member_a, official_a):
    client = client_for(official_a)
    client.handler.enforce_csrf_checks = True
    response = client.post("/api/v1/members/alphaland/notes", {"text": "x"}, content_type="application/json")
    assert response.status_code == 403
    assert not MemberNote.objects.exists()


def test_me_describes_the_caller(official_a, member_a):
    client, auth = token_client(official_a)
    body = client.get("/api/v1/me", **auth).json()
    assert body["member_ids"] == [member_a.pk]
    assert body["roles"][0]["kind"] == "official"
    assert Client().get("/api/v1/me").json()["authenticated"] is False


def test_notes_list_follows_visibility(member_a, official_a, official_b, secretariat):
    MemberNote.objects.create(member=member_a, author=secretariat, visibility="member", text="private")
    MemberNote.objects.create(member=member_a, author=secretariat, visibility="taskforce", text="shared")
    client, auth = token_client(official_b)
    texts = [n["text"] for n in client.get("/api/v1/members/alphaland/notes", **auth).json()["items"]]
    assert texts == ["shared"]
