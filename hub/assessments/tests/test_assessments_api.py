"""The self-assessment API: cycles (secretariat writes), a member's assessment (start, answers with
If-Match, submit, acknowledge, reopen), bad input (a phase outside 1 to 4, a capability of another
framework version, unanswered capabilities), the access log, the exports; another member's caller
gets 404 on every route."""

from __future__ import annotations

import pytest

from conftest import as_viewer
from conftest import client_for
from conftest import pdf_text
from hub.assessments.models import AccessLogEntry
from hub.assessments.models import Assessment
from hub.assessments.models import Capability
from hub.assessments.models import Framework
from hub.assessments.services.assessments import assessment_start
from hub.assessments.tests.assessment_world import cycle
from hub.assessments.tests.assessment_world import framework
from hub.assessments.tests.assessment_world import submitted

pytestmark = pytest.mark.django_db
JSON = "application/json"
BASE = "/api/v1/assessments"


@pytest.fixture
def the_cycle(secretariat):
    framework()
    return cycle(secretariat)


def one(a, suffix=""):
    return f"{BASE}/assessments/{a.pk}{suffix}"


def all_answers(phase=2):
    return {"answers": [{"capability": n, "phase": phase, "target_phase": 3} for n in range(1, 22)]}


def test_cycles_are_listed_with_counts_and_opened_and_closed_by_the_secretariat(the_cycle, secretariat, official_a):
    client = client_for(secretariat)
    listed = client.get(f"{BASE}/cycles").json()
    assert listed["count"] == 1
    assert listed["items"][0]["status_label"] == "Open" and listed["items"][0]["submitted_count"] == 0
    body = {"title": "2030 round", "framework": "mnr-2016", "opens_on": "2030-01-01", "due_on": "2030-03-01"}
    made = client.post(f"{BASE}/cycles", body, content_type=JSON)
    assert made.status_code == 201 and made.json()["framework"] == "mnr-2016"
    bad = client.post(f"{BASE}/cycles", {**body, "title": "x", "framework": "nope"}, content_type=JSON)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "framework"
    refused = client_for(official_a).post(f"{BASE}/cycles", {**body, "title": "y"}, content_type=JSON)
    assert refused.status_code == 403
    cid = made.json()["id"]
    assert client.get(f"{BASE}/cycles/{cid}").json()["title"] == "2030 round"
    assert client.post(f"{BASE}/cycles/{cid}/close").json()["status"] == "closed"
    assert client.post(f"{BASE}/cycles/{cid}/close").status_code == 409


def test_a_member_official_starts_saves_and_the_focal_point_submits(the_cycle, member_a, official_a, focal_point_a):
    client = client_for(official_a)
    started = client.post(f"{BASE}/assessments", {"cycle_id": the_cycle.pk, "member": member_a.slug}, content_type=JSON)
    assert started.status_code == 201
    detail = started.json()
    assert len(detail["answers"]) == 21 and detail["status"] == "draft"
    a = Assessment.objects.get()
    twice = client.post(f"{BASE}/assessments", {"cycle_id": the_cycle.pk, "member": member_a.pk}, content_type=JSON)
    assert twice.status_code == 409
    got = client.get(one(a))
    etag = got["ETag"]
    saved = client.patch(one(a, "/answers"), all_answers(3), content_type=JSON, HTTP_IF_MATCH=etag)
    assert saved.status_code == 200
    assert {x["phase_label"] for x in saved.json()["answers"]} == {"Phase 3"}
    stale = client.patch(one(a, "/answers"), all_answers(1), content_type=JSON, HTTP_IF_MATCH=etag)
    assert stale.status_code == 409
    assert set(a.answers.values_list("phase", flat=True)) == {3}
    assert client.post(one(a, "/submit")).status_code == 403  # an official, not the focal point
    submitted_ = client_for(focal_point_a).post(one(a, "/submit"))
    assert submitted_.status_code == 200 and submitted_.json()["status"] == "submitted"
    assert client_for(focal_point_a).post(one(a, "/submit")).status_code == 409
    assert not AccessLogEntry.objects.exists()


def test_bad_input_names_the_field_and_changes_nothing(the_cycle, member_a, focal_point_a, secretariat):
    a = assessment_start(viewer=as_viewer(focal_point_a), cycle_id=the_cycle.pk, member_id=member_a.pk)
    client = client_for(focal_point_a)
    phase = client.patch(one(a, "/answers"), {"answers": [{"capability": 1, "phase": 5}]}, content_type=JSON)
    assert phase.status_code == 422 and "phase" in str(phase.json())
    unknown = client.patch(one(a, "/answers"), {"answers": [{"capability": 22, "phase": 2}]}, content_type=JSON)
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "answers.0.capability"
    other = Framework.objects.create(code="mnr-2030", source="test")
    foreign = Capability.objects.create(framework=other, number=1, domain="D", name="Elsewhere", source="test")
    wrong = client.patch(
        one(a, "/answers"), {"answers": [{"capability_id": foreign.pk, "phase": 2}]}, content_type=JSON
    )
    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["field"] == "answers.0.capability_id" and "mnr-2030" not in str(wrong.json())
    client.patch(one(a, "/answers"), {"answers": [{"capability": 1, "phase": 2}]}, content_type=JSON)
    missing = client.post(one(a, "/submit"))
    assert missing.status_code == 422
    assert len(missing.json()["errors"]) == 20
    assert "Give a phase for 2." in str(missing.json())
    a.refresh_from_db()
    assert a.is_draft


def test_the_secretariat_acknowledges_reopens_and_every_opening_is_logged(
    the_cycle, member_a, focal_point_a, secretariat
):
    a = submitted(member_a, the_cycle, focal_point_a, 2)
    client = client_for(secretariat)
    assert client.get(f"{BASE}/assessments").json()["count"] == 1
    assert client.get(one(a)).status_code == 200
    assert client.post(one(a, "/acknowledge")).json()["status"] == "acknowledged"
    assert client.post(one(a, "/acknowledge")).status_code == 409
    assert client.post(one(a, "/reopen"), {"reason": ""}, content_type=JSON).status_code == 422
    reopened = client.post(one(a, "/reopen"), {"reason": "Check evidence"}, content_type=JSON)
    assert reopened.json()["status"] == "draft" and reopened.json()["reopened_reason"] == "Check evidence"
    assert client.get(one(a, "/export.xlsx")).status_code == 200
    assert "Alphaland" in pdf_text(client.get(one(a, "/pdf")))
    assert sorted(AccessLogEntry.objects.values_list("channel", flat=True)) == ["api", "export", "pdf"]
    log = client_for(focal_point_a).get(one(a, "/access-log")).json()
    assert log["count"] == 3 and {e["who"] for e in log["items"]} == {"Sam Secretariat"}
    assert {e["how"] for e in log["items"]} == {"API", "export", "PDF"}


def test_another_member_and_outsiders_get_404_on_every_route(
    the_cycle, member_a, focal_point_a, official_b, contributor, anonymous
):
    a = submitted(member_a, the_cycle, focal_point_a)
    for who in (official_b, contributor, anonymous):
        client = client_for(who)
        listed = client.get(f"{BASE}/assessments")
        assert listed.status_code in (200, 401) and "alphaland" not in listed.content.decode()
        for suffix in ("", "/access-log", "/export.xlsx", "/pdf"):
            assert client.get(one(a, suffix)).status_code in (404, 401), (who, suffix)
        for suffix in ("/submit", "/acknowledge"):
            assert client.post(one(a, suffix)).status_code in (404, 401), (who, suffix)
        assert client.post(one(a, "/reopen"), {"reason": "x"}, content_type=JSON).status_code in (404, 401)
        patched = client.patch(one(a, "/answers"), all_answers(), content_type=JSON)
        assert patched.status_code in (404, 401)
    b_start = client_for(official_b).post(
        f"{BASE}/assessments", {"cycle_id": the_cycle.pk, "member": member_a.slug}, content_type=JSON
    )
    assert b_start.status_code == 404
    assert not AccessLogEntry.objects.exists()


def test_the_list_filters_by_cycle(the_cycle, member_a, focal_point_a, secretariat):
    submitted(member_a, the_cycle, focal_point_a)
    later = cycle(secretariat, "2027 self-assessment", opens_on=the_cycle.opens_on.replace(year=2027))
    client = client_for(focal_point_a)
    assert client.get(f"{BASE}/assessments", {"cycle": the_cycle.pk}).json()["count"] == 1
    assert client.get(f"{BASE}/assessments", {"cycle": later.pk}).json()["count"] == 0
