"""The codings API: a profile's codings now and as of a day, one coding with its history, the
secretariat's PUT (If-Match: stale is 409) and verification, correction requests and decisions, with an
allowed and a denied caller for each."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from conftest import as_viewer
from conftest import client_for
from hub.accounts.services import api_token_create
from hub.legal.models import Coding
from hub.legal.models import CorrectionRequest
from hub.legal.tests.legal_world import checklist
from hub.legal.tests.legal_world import code
from hub.legal.tests.legal_world import profile_for

JSON = "application/json"
BASE = "/api/v1/legal"


@pytest.fixture
def coded(secretariat, member_a):
    checklist()
    return code(profile_for(member_a, secretariat), "O5", "not_met", secretariat, pinpoint="s. 7")


def token(user, scope="read-write"):
    _t, raw = api_token_create(viewer=as_viewer(user), name="t", scope=scope, days=1)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def one(slug="alphaland", code_="O5"):
    return f"{BASE}/profiles/{slug}/codings/2026-1/{code_}"


def test_a_profiles_codings_list_every_provision_and_hide_it_from_the_public(coded, official_b, anonymous):
    response = client_for(official_b).get(f"{BASE}/profiles/alphaland/codings", {"page_size": 100})
    assert response.status_code == 200
    items = response.json()["items"]
    assert response.json()["count"] == 35
    o5 = next(i for i in items if i["provision"] == "O5")
    assert (o5["status"], o5["status_label"], o5["pinpoint"]) == ("not_met", "Not met", "s. 7")
    assert next(i for i in items if i["provision"] == "O6")["status"] == "not_assessed"
    assert client_for(anonymous).get(f"{BASE}/profiles/alphaland/codings").status_code == 404


def test_the_list_as_of_a_day_before_a_change_and_a_future_day_refused(coded, secretariat, official_a):
    today = datetime.date.today()
    with time_machine.travel(today + datetime.timedelta(days=2)):
        code(coded.profile, "O5", "met", secretariat, reason="New Act")
        client = client_for(official_a)
        then = client.get(f"{BASE}/profiles/alphaland/codings", {"as_of": today.isoformat(), "page_size": 100})
        future = client.get(f"{BASE}/profiles/alphaland/codings", {"as_of": "2999-01-01"})
    assert next(i for i in then.json()["items"] if i["provision"] == "O5")["status"] == "not_met"
    assert future.status_code == 422
    assert future.json()["errors"][0]["field"] == "as_of"


def test_one_coding_with_its_history_and_etag(coded, official_a, secretariat):
    response = client_for(official_a).get(one())
    assert response.status_code == 200 and response["ETag"]
    body = response.json()
    assert body["status"] == "not_met" and body["coder"] == secretariat.full_name
    assert [h["status"] for h in body["history"]] == ["not_met"]
    assert client_for(official_a).get(one(code_="O6")).json()["status"] == "not_assessed"


def test_the_secretariat_puts_a_coding_and_a_stale_if_match_is_409(coded, secretariat, official_a):
    client = client_for(secretariat)
    etag = client.get(one())["ETag"]
    body = {"status": "met", "pinpoint": "s. 8", "verified": True, "reason": "New Act"}
    denied = client_for(official_a).put(one(), body, content_type=JSON, **token(official_a))
    assert denied.status_code == 404
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=5)):
        done = client.put(one(), body, content_type=JSON, HTTP_IF_MATCH=etag, **token(secretariat))
        stale = client.put(
            one(), body | {"status": "not_met"}, content_type=JSON, HTTP_IF_MATCH=etag, **token(secretariat)
        )
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "met"
    assert stale.status_code == 409
    coded.refresh_from_db()
    assert coded.status == "met"


def test_bad_input_names_the_field(coded, secretariat):
    headers = token(secretariat)
    client = client_for(None)
    bad_status = client.put(one(), {"status": "mostly"}, content_type=JSON, **headers)
    assert bad_status.status_code == 422 and bad_status.json()["errors"][0]["field"] == "status"
    no_citation = client.put(one(code_="O6"), {"status": "met", "verified": True}, content_type=JSON, **headers)
    assert no_citation.status_code == 422 and no_citation.json()["errors"][0]["field"] == "pinpoint"
    assert not Coding.objects.filter(provision__code="O6").exists()


def test_verify_by_the_secretariat_only(coded, secretariat, official_a):
    code(coded.profile, "O6", "met", secretariat, verified=False)
    assert client_for(None).post(one(code_="O6") + "/verify", **token(official_a)).status_code == 404
    response = client_for(None).post(one(code_="O6") + "/verify", **token(secretariat))
    assert response.status_code == 200 and response.json()["review"] == "verified"
    again = client_for(None).post(one(code_="O6") + "/verify", **token(secretariat))
    assert again.status_code == 409


def test_a_member_official_contests_and_the_secretariat_decides(coded, secretariat, official_a, official_b):
    body = {"proposed_status": "met", "citation": "Act 12, s. 4", "reason": "Covered since 2019"}
    assert (
        client_for(None).post(one() + "/corrections", body, content_type=JSON, **token(official_b)).status_code == 404
    )
    made = client_for(None).post(one() + "/corrections", body, content_type=JSON, **token(official_a))
    assert made.status_code == 201, made.content
    correction_id = made.json()["id"]
    assert made.json()["status"] == "open" and made.json()["citation"] == "Act 12, s. 4"
    twice = client_for(None).post(one() + "/corrections", body, content_type=JSON, **token(official_a))
    assert twice.status_code == 409
    listed = client_for(None).get(f"{BASE}/corrections", **token(official_a)).json()
    assert [c["id"] for c in listed["items"]] == [correction_id]
    assert client_for(None).get(f"{BASE}/corrections", **token(official_b)).json()["count"] == 0
    assert client_for(None).get(f"{BASE}/corrections/{correction_id}", **token(official_b)).status_code == 404
    forbidden = client_for(None).post(
        f"{BASE}/corrections/{correction_id}/accept", {}, content_type=JSON, **token(official_a)
    )
    assert forbidden.status_code == 403
    accepted = client_for(None).post(
        f"{BASE}/corrections/{correction_id}/accept", {"note": "Agreed"}, content_type=JSON, **token(secretariat)
    )
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    history = client_for(None).get(one(), **token(official_a)).json()["history"]
    assert [h["status"] for h in history] == ["met", "not_met"]
    assert history[0]["reason"] == "Correction accepted: Covered since 2019"
    late = client_for(None).post(
        f"{BASE}/corrections/{correction_id}/reject", {"note": "No"}, content_type=JSON, **token(secretariat)
    )
    assert late.status_code == 409


def test_a_rejection_needs_a_note_and_a_read_only_token_cannot_write(coded, secretariat, official_a):
    body = {"proposed_status": "met", "citation": "s. 4", "reason": "Why"}
    read_only = client_for(None).post(one() + "/corrections", body, content_type=JSON, **token(official_a, "read"))
    assert read_only.status_code == 403
    made = client_for(None).post(one() + "/corrections", body, content_type=JSON, **token(official_a)).json()
    empty = client_for(None).post(
        f"{BASE}/corrections/{made['id']}/reject", {"note": ""}, content_type=JSON, **token(secretariat)
    )
    assert empty.status_code == 422 and empty.json()["errors"][0]["field"] == "note"
    assert CorrectionRequest.objects.get().status == "open"


def test_the_command_lists_open_requests_and_refuses_an_unknown_status(coded, official_a):
    import io

    from django.core.management import CommandError
    from django.core.management import call_command

    from hub.legal.services.corrections import correction_request

    correction_request(
        viewer=as_viewer(official_a), coding_id=coded.pk, proposed_status="met", citation="s. 4", reason="Why"
    )
    out = io.StringIO()
    call_command("legal_corrections", stdout=out)
    assert "Alphaland  O5  Not met → Met  [Awaiting the secretariat]" in out.getvalue()
    assert "1 correction request(s)." in out.getvalue()
    with pytest.raises(CommandError, match="Unknown status"):
        call_command("legal_corrections", "--status", "maybe")
