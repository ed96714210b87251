"""Legal frameworks: the legal profile API (list with counts, one profile as of a day, the secretariat's
writes with If-Match, the focal point's publishing)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from conftest import as_viewer
from conftest import client_for
from hub.core.concurrency import etag
from hub.legal.models import Statute
from hub.legal.services.codings import CodingInput
from hub.legal.services.codings import coding_record
from hub.legal.tests.legal_world import code
from hub.legal.tests.legal_world import profile_for
from hub.legal.tests.legal_world import provision
from hub.legal.tests.profiles_world import profile_with_statute
from hub.legal.tests.profiles_world import ratify
from hub.legal.tests.profiles_world import reserve

API = "/api/v1/legal/profiles"


@pytest.fixture
def world(secretariat, member_a, member_b):
    profile_a, statute_a = profile_with_statute(member_a, secretariat)
    ratify(profile_a, secretariat)
    reserve(profile_a, secretariat, codes=["O5"])
    code(profile_a, "O5", "met", secretariat)
    code(profile_a, "O6", "not_met", secretariat, verified=False)
    return {"a": profile_a, "b": profile_for(member_b, secretariat), "statute": statute_a}


def test_the_list_gives_each_profile_with_its_counts(world, official_b):
    body = client_for(official_b).get(API).json()
    assert body["count"] == 2
    a = next(p for p in body["items"] if p["member"] == "alphaland")
    assert a["counts"] == {"met": 1, "partial": 0, "not_met": 0, "not_assessed": 34, "not_applicable": 0}
    assert a["visibility"] == "taskforce"


def test_the_public_list_and_profile_hold_published_profiles_only(world, anonymous):
    client = client_for(None)
    assert client.get(API).json()["count"] == 0
    assert client.get(f"{API}/alphaland").status_code == 404


def test_one_profile_gives_statutes_treaties_reservations_and_codings(world, official_a):
    body = client_for(official_a).get(f"{API}/alphaland").json()
    assert [s["citation"] for s in body["statutes"]] == ["Act No. 1 of 2020"]
    lanzarote = next(t for t in body["treaties"] if t["treaty"] == "lanzarote")
    assert lanzarote["status"] == "ratified" and lanzarote["reservations"][0]["provisions"] == ["O5"]
    o5 = next(c for c in body["codings"] if c["provision"] == "O5")
    assert o5["status"] == "met" and o5["review"] == "verified" and o5["reservations"]
    o6 = next(c for c in body["codings"] if c["provision"] == "O6")
    assert o6["review"] == "draft"  # A's own official sees its draft
    assert len(body["codings"]) == 35 and body["version"] == "2026-1"


def test_as_of_a_past_day_and_a_future_day(world, official_a):
    client = client_for(official_a)
    past = client.get(f"{API}/alphaland", {"as_of": "2020-01-01"}).json()
    assert past["as_of"] == "2020-01-01" and past["counts"]["not_assessed"] == 35
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    future = client.get(f"{API}/alphaland", {"as_of": tomorrow})
    assert future.status_code == 422
    assert "as_of" in str(future.json())


def test_the_secretariat_adds_and_patches_a_statute_with_if_match(world, secretariat):
    client = client_for(secretariat)
    made = client.post(
        f"{API}/alphaland/statutes",
        {"title_original": "Code", "citation": "Code 1", "source": "Gazette"},
        content_type="application/json",
    )
    assert made.status_code == 201
    statute_id = made.json()["id"]
    tag = made["ETag"]
    ok = client.patch(
        f"{API}/alphaland/statutes/{statute_id}",
        {"title_en": "Code in English"},
        content_type="application/json",
        HTTP_IF_MATCH=tag,
    )
    assert ok.status_code == 200 and ok.json()["title_en"] == "Code in English"
    stale = client.patch(
        f"{API}/alphaland/statutes/{statute_id}", {"title_en": "X"}, content_type="application/json", HTTP_IF_MATCH=tag
    )
    assert stale.status_code == 409
    assert client.delete(f"{API}/alphaland/statutes/{statute_id}").status_code == 204
    cited = world["statute"]
    coding_record(
        viewer=as_viewer(secretariat),
        profile_id=world["a"].pk,
        provision_id=provision("O1").pk,
        data=CodingInput(status="met", statute_id=cited.pk),
    )
    refused = client.delete(f"{API}/alphaland/statutes/{cited.pk}")
    assert refused.status_code == 409 and "repealed" in refused.json()["detail"]
    assert Statute.objects.filter(profile=world["a"]).count() == 1


def test_the_secretariat_sets_a_treaty_status_and_a_reservation(world, secretariat):
    client = client_for(secretariat)
    set_ = client.post(
        f"{API}/alphaland/treaties",
        {"treaty": "opsc", "status": "signed", "signed_on": "2004-02-02", "source": "UN"},
        content_type="application/json",
    )
    assert set_.status_code == 200 and set_.json()["status"] == "signed"
    ratified = {"treaty": "opsc", "status": "ratified", "source": "UN"}
    bad = client.post(f"{API}/alphaland/treaties", ratified, content_type="application/json")
    assert bad.status_code == 422
    made = client.post(
        f"{API}/alphaland/reservations",
        {"treaty": "opsc", "article": "Art. 3", "text": "t", "source": "UN", "provisions": ["O1"]},
        content_type="application/json",
    )
    assert made.status_code == 201
    rid = made.json()["id"]
    patched = client.patch(
        f"{API}/alphaland/reservations/{rid}", {"provisions": ["O2"]}, content_type="application/json"
    )
    assert patched.status_code == 200 and patched.json()["provisions"] == ["O2"]
    stale = client.patch(
        f"{API}/alphaland/reservations/{rid}", {"text": "y"}, content_type="application/json", HTTP_IF_MATCH='"1"'
    )
    assert stale.status_code == 409


def test_an_official_writing_gets_404(world, official_a):
    client = client_for(official_a)
    for method, url, body in [
        ("post", f"{API}/alphaland/statutes", {"title_original": "x", "citation": "x", "source": "x"}),
        ("post", f"{API}/alphaland/treaties", {"treaty": "opsc", "status": "not_known", "source": "x"}),
        ("patch", f"{API}/alphaland", {"summary": "x"}),
        ("post", API, {"member": "betaland"}),
        ("post", f"{API}/alphaland/publish", {}),
    ]:
        assert getattr(client, method)(url, body, content_type="application/json").status_code == 404, url


def test_the_secretariat_opens_a_profile_and_changes_the_summary(world, secretariat):
    from conftest import make_member

    make_member("Gammaland")
    client = client_for(secretariat)
    opened = client.post(API, {"member": "gammaland"}, content_type="application/json")
    assert opened.status_code == 201 and opened.json()["member"] == "gammaland"
    tag = etag(world["a"])
    ok = client.patch(f"{API}/alphaland", {"summary": "S."}, content_type="application/json", HTTP_IF_MATCH=tag)
    assert ok.status_code == 200 and ok.json()["summary"] == "S."
    again = client.patch(f"{API}/alphaland", {"summary": "T."}, content_type="application/json", HTTP_IF_MATCH=tag)
    assert again.status_code == 409


def test_the_focal_point_publishes_and_unpublishes_by_the_api(world, focal_point_a):
    client = client_for(focal_point_a)
    assert client.post(f"{API}/alphaland/publish").json()["visibility"] == "public"
    assert client.post(f"{API}/alphaland/publish").status_code == 409
    assert client_for(None).get(f"{API}/alphaland").status_code == 200
    assert client.post(f"{API}/alphaland/unpublish").json()["visibility"] == "taskforce"
