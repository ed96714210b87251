"""Personal API tokens: shown once, stored hashed, scoped, revocable and expiring."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from conftest import as_viewer
from conftest import client_for
from hub.accounts.models import ApiToken
from hub.accounts.services import api_token_create
from hub.accounts.services import hash_secret
from hub.core.errors import ValidationFailed


def bearer(raw: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_token_is_shown_once_on_the_profile_page_and_stored_hashed(official_a):
    client = client_for(official_a)
    response = client.post("/profile/", {"name": "script", "scope": "read", "days": 30})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=official_a)
    page = response.content.decode()
    start = page.index("tfh_")
    raw = page[start : page.index("<", start)].strip()
    assert token.token_hash == hash_secret(raw)
    assert raw not in client.get("/profile/").content.decode()


def test_api_answers_to_a_valid_token(official_a):
    _token, raw = api_token_create(viewer=as_viewer(official_a), name="t", scope="read", days=10)
    body = Client().get("/api/v1/me", **bearer(raw)).json()
    assert body["email"] == official_a.email


def test_a_malformed_token_gets_a_problem_naming_the_header(db):
    response = Client().get("/api/v1/me", HTTP_AUTHORIZATION="Token abc")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert "Bearer" in response.json()["detail"]


def test_an_unknown_token_is_refused(db):
    response = Client().get("/api/v1/me", **bearer("tfh_unknown"))
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_a_revoked_token_is_refused(official_a):
    token, raw = api_token_create(viewer=as_viewer(official_a), name="t", scope="read", days=10)
    assert client_for(official_a).post(f"/profile/tokens/{token.pk}/revoke/").status_code == 302
    assert Client().get("/api/v1/me", **bearer(raw)).status_code == 401


def test_an_expired_token_is_refused(official_a):
    _token, raw = api_token_create(viewer=as_viewer(official_a), name="t", scope="read", days=1)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        assert Client().get("/api/v1/me", **bearer(raw)).status_code == 401


def test_someone_elses_token_cannot_be_revoked(official_a, official_b):
    token, _raw = api_token_create(viewer=as_viewer(official_a), name="t", scope="read", days=10)
    assert client_for(official_b).post(f"/profile/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_token_input_is_validated_field_by_field(official_a):
    with pytest.raises(ValidationFailed) as exc:
        api_token_create(viewer=as_viewer(official_a), name="", scope="admin", days=0)
    assert {p.field for p in exc.value.problems} == {"name", "scope", "days"}


def test_last_use_is_written_at_most_once_a_minute(official_a):
    token, raw = api_token_create(viewer=as_viewer(official_a), name="t", scope="read", days=10)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert Client().get("/api/v1/me", **bearer(raw)).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at == start
    with time_machine.travel(start + datetime.timedelta(seconds=59), tick=False):
        assert Client().get("/api/v1/me", **bearer(raw)).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at == start
    later = start + datetime.timedelta(seconds=61)
    with time_machine.travel(later, tick=False):
        assert Client().get("/api/v1/me", **bearer(raw)).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at == later
