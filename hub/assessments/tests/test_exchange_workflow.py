"""The consent-based exchange: propose, accept or decline once (a second answer is 409), withdraw;
each bad input refused with its field named and nothing changed; a member not party finds nothing
(404); phases only once both consented; the e-mails, the dashboard panel, the pages and the API."""

from __future__ import annotations

import pytest
from django.core import mail

from conftest import as_viewer
from conftest import client_for
from conftest import make_member
from conftest import make_person
from hub.assessments.models import Capability
from hub.assessments.models import Exchange
from hub.assessments.models import Framework
from hub.assessments.selectors.exchange import exchange_get
from hub.assessments.selectors.exchange import exchange_page
from hub.assessments.services.exchange import exchange_accept
from hub.assessments.services.exchange import exchange_decline
from hub.assessments.services.exchange import exchange_propose
from hub.assessments.services.exchange import exchange_withdraw
from hub.assessments.tests.assessment_world import cycle
from hub.assessments.tests.assessment_world import framework
from hub.assessments.tests.assessment_world import submitted
from hub.assessments.wiring.exchange import awaiting_panel
from hub.core.errors import Conflict
from hub.core.errors import NotFound
from hub.core.errors import PermissionDenied
from hub.core.errors import ValidationFailed
from hub.core.viewer import SYSTEM
from hub.members.models import Member
from hub.members.models import Role
from hub.members.services import role_grant

pytestmark = pytest.mark.django_db
API = "/api/v1/assessments"


@pytest.fixture
def parties(member_a, focal_point_a, member_b):
    framework()
    focal_b = make_person("fred.focal@betaland.example.org", Role.Kind.FOCAL_POINT, member_b)
    member_c = make_member("Gammaria", region="Asia")
    focal_c = make_person("fay.focal@gammaria.example.org", Role.Kind.FOCAL_POINT, member_c)
    cap = Capability.objects.get(framework__code="mnr-2016", number=4)
    return {"focal_b": focal_b, "c": member_c, "focal_c": focal_c, "cap": cap}


def propose(focal_point_a, member_a, member_b, cap, **extra):
    values = {"kind": "offer", "message": "We built a hotline.", **extra}
    return exchange_propose(
        viewer=as_viewer(focal_point_a), member_id=member_a.pk, counterpart_id=member_b.pk, capability_id=cap.pk,
        **values,
    )  # fmt: skip


def test_propose_accept_and_both_see_each_others_phase_for_that_capability_only(
    parties, member_a, focal_point_a, member_b, secretariat, django_capture_on_commit_callbacks
):
    the_cycle = cycle(secretariat)
    submitted(member_a, the_cycle, focal_point_a, {4: 1, 5: 3})
    submitted(member_b, the_cycle, parties["focal_b"], {4: 3, 5: 1})
    with django_capture_on_commit_callbacks(execute=True):
        exchange = propose(focal_point_a, member_a, member_b, parties["cap"])
    assert exchange.status == Exchange.Status.PENDING
    assert exchange_page(viewer=as_viewer(focal_point_a), pk=exchange.pk).sides == []  # pending: no phases
    assert [m.to for m in mail.outbox] == [["fred.focal@betaland.example.org"]]
    assert "Alphaland proposes an exchange" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        accepted = exchange_accept(viewer=as_viewer(parties["focal_b"]), exchange_id=exchange.pk)
    assert accepted.status == Exchange.Status.ACCEPTED and accepted.answered_by == parties["focal_b"]
    assert mail.outbox[-1].to == ["fiona.focal@alphaland.example.org"]
    for user in (focal_point_a, parties["focal_b"]):
        page = exchange_page(viewer=as_viewer(user), pk=exchange.pk)
        assert [(s.member.name, s.phase) for s in page.sides] == [("Alphaland", 1), ("Betaland", 3)]
    detail = client_for(focal_point_a).get(f"/assessments/exchanges/{exchange.pk}/").content.decode()
    assert "Both consented" in detail and "Betaland" in detail


def test_a_second_answer_is_409_and_changes_nothing(parties, member_a, focal_point_a, member_b, official_b):
    exchange = propose(focal_point_a, member_a, member_b, parties["cap"])
    exchange_decline(viewer=as_viewer(parties["focal_b"]), exchange_id=exchange.pk)
    for step in (exchange_accept, exchange_decline):
        with pytest.raises(Conflict):
            step(viewer=as_viewer(official_b), exchange_id=exchange.pk)
    exchange.refresh_from_db()
    assert exchange.status == Exchange.Status.DECLINED and exchange.answered_by == parties["focal_b"]
    response = client_for(official_b).post(f"{API}/exchanges/{exchange.pk}/accept")
    assert response.status_code == 409
    assert response["Content-Type"].startswith("application/problem+json")


def test_an_answer_from_the_member_that_was_not_asked_is_404_and_changes_nothing(
    parties, member_a, focal_point_a, member_b, official_a
):
    exchange = propose(focal_point_a, member_a, member_b, parties["cap"])
    for user in (official_a, focal_point_a, parties["focal_c"]):
        for step in (exchange_accept, exchange_decline):
            with pytest.raises(NotFound):
                step(viewer=as_viewer(user), exchange_id=exchange.pk)
    assert client_for(official_a).post(f"{API}/exchanges/{exchange.pk}/accept").status_code == 404
    assert client_for(official_a).post(f"/assessments/exchanges/{exchange.pk}/accept/").status_code == 404
    exchange.refresh_from_db()
    assert exchange.status == Exchange.Status.PENDING and exchange.answered_at is None


def test_bad_proposals_name_their_field_and_create_nothing(parties, member_a, focal_point_a, member_b, secretariat):
    cap = parties["cap"]
    later = Framework.objects.create(code="mnr-2030", source="A draft revision")
    other_cap = Capability.objects.create(framework=later, number=1, domain="Policy", name="New", source="draft")
    withdrawn = make_member("Omegaland", region="Europe", status=Member.Status.WITHDRAWN)
    cases = [
        ({"counterpart_id": member_a.pk}, "counterpart"),
        ({"counterpart_id": withdrawn.pk}, "counterpart"),
        ({"counterpart_id": 999999}, "counterpart"),
        ({"capability_id": other_cap.pk}, "capability"),
        ({"capability_id": "x"}, "capability"),
        ({"kind": "demand"}, "kind"),
        ({"message": "x" * 2001}, "message"),
        ({"member_id": member_b.pk}, "member"),
    ]
    for change, field in cases:
        values = {"member_id": member_a.pk, "counterpart_id": member_b.pk, "capability_id": cap.pk, "kind": "offer"}
        values.update(change)
        with pytest.raises(ValidationFailed) as caught:
            exchange_propose(viewer=as_viewer(focal_point_a), **values)
        assert field in {p.field for p in caught.value.problems}, change
    with pytest.raises(PermissionDenied):
        exchange_propose(
            viewer=as_viewer(secretariat), member_id=member_a.pk, counterpart_id=member_b.pk,
            capability_id=cap.pk, kind="offer",
        )  # fmt: skip
    assert not Exchange.objects.exists()


def test_a_duplicate_open_exchange_either_way_is_409(parties, member_a, focal_point_a, member_b):
    first = propose(focal_point_a, member_a, member_b, parties["cap"])
    with pytest.raises(Conflict):
        propose(focal_point_a, member_a, member_b, parties["cap"])
    with pytest.raises(Conflict):
        exchange_propose(
            viewer=as_viewer(parties["focal_b"]), member_id=member_b.pk, counterpart_id=member_a.pk,
            capability_id=parties["cap"].pk, kind="request",
        )  # fmt: skip
    exchange_withdraw(viewer=as_viewer(focal_point_a), exchange_id=first.pk)
    again = propose(focal_point_a, member_a, member_b, parties["cap"])  # ended: a new one may start
    assert Exchange.objects.count() == 2 and again.status == Exchange.Status.PENDING
    response = client_for(focal_point_a).post(
        f"{API}/exchanges",
        {"counterpart_id": member_b.pk, "capability_id": parties["cap"].pk, "kind": "offer"},
        content_type="application/json",
    )
    assert response.status_code == 409


def test_either_side_withdraws_consent_once_and_the_phases_are_hidden_again(
    parties, member_a, focal_point_a, member_b, secretariat, django_capture_on_commit_callbacks
):
    exchange = propose(focal_point_a, member_a, member_b, parties["cap"])
    exchange_accept(viewer=as_viewer(parties["focal_b"]), exchange_id=exchange.pk)
    assert exchange_page(viewer=as_viewer(focal_point_a), pk=exchange.pk).consented
    with pytest.raises(NotFound):
        exchange_withdraw(viewer=as_viewer(parties["focal_c"]), exchange_id=exchange.pk)
    with django_capture_on_commit_callbacks(execute=True):
        done = exchange_withdraw(viewer=as_viewer(parties["focal_b"]), exchange_id=exchange.pk)
    assert done.status == Exchange.Status.WITHDRAWN and done.withdrawn_by == parties["focal_b"]
    assert mail.outbox[-1].to == ["fiona.focal@alphaland.example.org"]
    assert not exchange_page(viewer=as_viewer(focal_point_a), pk=exchange.pk).consented
    with pytest.raises(Conflict):
        exchange_withdraw(viewer=as_viewer(focal_point_a), exchange_id=exchange.pk)
    pending = propose(focal_point_a, member_a, member_b, parties["cap"])
    with django_capture_on_commit_callbacks(execute=True):
        exchange_withdraw(viewer=as_viewer(focal_point_a), exchange_id=pending.pk)  # the proposer, while pending
    assert mail.outbox[-1].to == ["fred.focal@betaland.example.org"]


def test_member_c_not_party_sees_nothing_of_an_exchange(parties, member_a, focal_point_a, member_b):
    exchange = propose(focal_point_a, member_a, member_b, parties["cap"])
    exchange_accept(viewer=as_viewer(parties["focal_b"]), exchange_id=exchange.pk)
    focal_c = parties["focal_c"]
    with pytest.raises(NotFound):
        exchange_get(viewer=as_viewer(focal_c), pk=exchange.pk)
    client = client_for(focal_c)
    assert client.get(f"/assessments/exchanges/{exchange.pk}/").status_code == 404
    assert "Alphaland" not in client.get("/assessments/exchanges/").content.decode()
    assert client.get(f"{API}/exchanges/{exchange.pk}").status_code == 404
    assert client.get(f"{API}/exchanges").json()["count"] == 0
    for step in ("accept", "decline", "withdraw"):
        assert client.post(f"{API}/exchanges/{exchange.pk}/{step}").status_code == 404
        assert client.post(f"/assessments/exchanges/{exchange.pk}/{step}/").status_code == 404
    assert awaiting_panel(as_viewer(focal_c)) is None


def test_the_dashboard_panel_lists_proposals_awaiting_the_viewers_answer(
    parties, member_a, focal_point_a, member_b, official_b, django_assert_num_queries
):
    exchange = propose(focal_point_a, member_a, member_b, parties["cap"])
    assert awaiting_panel(as_viewer(focal_point_a)) is None  # the proposer does not answer
    viewer = as_viewer(official_b)
    with django_assert_num_queries(1):
        panel = awaiting_panel(viewer)
    assert panel is not None and [e.pk for e in panel["exchanges"]] == [exchange.pk]
    page = client_for(official_b).get("/dashboard/")
    assert "Exchange proposals awaiting your answer" in page.content.decode()
    exchange_accept(viewer=viewer, exchange_id=exchange.pk)
    assert awaiting_panel(viewer) is None


def test_the_pages_propose_confirm_the_answer_and_withdraw(parties, member_a, focal_point_a, member_b, official_b):
    client = client_for(focal_point_a)
    form = client.get("/assessments/exchanges/new/")
    assert form.status_code == 200
    body = form.content.decode()
    assert "Betaland" in body and "Gammaria" in body
    bad = client.post("/assessments/exchanges/new/", {"member": member_a.pk, "counterpart": "", "kind": "offer"})
    assert bad.status_code == 422
    made = client.post(
        "/assessments/exchanges/new/",
        {"member": member_a.pk, "counterpart": member_b.pk, "capability": parties["cap"].pk, "kind": "request",
         "message": "How did you start?"},
    )  # fmt: skip
    exchange = Exchange.objects.get()
    assert made.status_code == 302 and made["Location"] == f"/assessments/exchanges/{exchange.pk}/"
    listing = client.get("/assessments/exchanges/").content.decode()
    assert "Waiting for an answer" in listing and "Betaland" in listing
    answerer = client_for(official_b)
    assert "Accept…" in answerer.get(f"/assessments/exchanges/{exchange.pk}/").content.decode()
    ask = answerer.post(f"/assessments/exchanges/{exchange.pk}/accept/")
    assert ask.status_code == 200 and "Accept the exchange with Alphaland" in ask.content.decode()
    exchange.refresh_from_db()
    assert exchange.status == Exchange.Status.PENDING  # not before confirming
    done = answerer.post(f"/assessments/exchanges/{exchange.pk}/accept/", {"confirmed": "yes"})
    assert done.status_code == 302
    exchange.refresh_from_db()
    assert exchange.status == Exchange.Status.ACCEPTED
    again = answerer.post(f"/assessments/exchanges/{exchange.pk}/decline/", {"confirmed": "yes"}, follow=True)
    assert "already" in again.content.decode()  # the lost second answer is told, nothing changed
    exchange.refresh_from_db()
    assert exchange.status == Exchange.Status.ACCEPTED
    client.post(f"/assessments/exchanges/{exchange.pk}/withdraw/", {"confirmed": "yes"})
    exchange.refresh_from_db()
    assert exchange.status == Exchange.Status.WITHDRAWN


def test_the_proposal_form_asks_which_member_only_of_someone_acting_for_several(parties, member_a, member_b):
    both = make_person("two.hats@example.org", Role.Kind.OFFICIAL, member_a)
    role_grant(viewer=SYSTEM, user=both, kind=Role.Kind.OFFICIAL, member=member_b)
    body = client_for(both).get("/assessments/exchanges/new/").content.decode()
    assert 'name="member"' in body and 'type="hidden" name="member"' not in body
    single = client_for(parties["focal_c"]).get("/assessments/exchanges/new/").content.decode()
    assert 'type="hidden" name="member"' in single


def test_the_api_proposes_lists_answers_and_withdraws(parties, member_a, focal_point_a, member_b, secretariat):
    the_cycle = cycle(secretariat)
    submitted(member_a, the_cycle, focal_point_a, {4: 1})
    submitted(member_b, the_cycle, parties["focal_b"], {4: 3})
    client = client_for(focal_point_a)
    bad = client.post(
        f"{API}/exchanges",
        {"counterpart_id": member_a.pk, "capability_id": parties["cap"].pk, "kind": "offer"},
        content_type="application/json",
    )
    assert bad.status_code == 422 and bad["Content-Type"].startswith("application/problem+json")
    assert "counterpart" in {e["field"] for e in bad.json()["errors"]}
    made = client.post(
        f"{API}/exchanges",
        {"counterpart_id": member_b.pk, "capability_id": parties["cap"].pk, "kind": "offer", "message": "Hello"},
        content_type="application/json",
    )
    assert made.status_code == 201
    data = made.json()
    assert (data["status"], data["status_label"], data["phases"]) == ("pending", "Waiting for an answer", [])
    pk = data["id"]
    listed = client.get(f"{API}/exchanges").json()
    assert listed["count"] == 1 and listed["items"][0]["counterpart"]["name"] == "Betaland"
    assert client.get(f"{API}/exchanges", {"status": "accepted"}).json()["count"] == 0
    b = client_for(parties["focal_b"])
    accepted = b.post(f"{API}/exchanges/{pk}/accept")
    assert accepted.status_code == 200
    assert [(s["member"]["name"], s["phase"]) for s in accepted.json()["phases"]] == [("Alphaland", 1), ("Betaland", 3)]
    assert b.post(f"{API}/exchanges/{pk}/decline").status_code == 409
    withdrawn = client.post(f"{API}/exchanges/{pk}/withdraw")
    assert withdrawn.status_code == 200 and withdrawn.json()["phases"] == []
    assert client.get(f"{API}/exchanges/{pk}").json()["status"] == "withdrawn"
