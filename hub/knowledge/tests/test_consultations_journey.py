"""A consultation from draft to closed, through the pages and the API: the secretariat opens it, its
audience answers before the deadline, the secretariat responds; input after the deadline is refused
with a clear message and nothing written; who is outside the audience cannot answer."""

from __future__ import annotations

import datetime
import json

import pytest
import time_machine
from django.utils import timezone

from conftest import as_viewer
from conftest import client_for
from conftest import make_person
from hub.commitments.services import reference_commitments_load
from hub.core.concurrency import version_of
from hub.core.errors import Conflict
from hub.core.errors import NotFound
from hub.core.errors import PermissionDenied
from hub.core.errors import ValidationFailed
from hub.core.models import Notification
from hub.knowledge.models.consultations import Consultation
from hub.knowledge.models.consultations import ConsultationInput
from hub.knowledge.services.consultations import ConsultationData
from hub.knowledge.services.consultations import consultation_close
from hub.knowledge.services.consultations import consultation_edit
from hub.knowledge.services.consultations import consultation_open
from hub.knowledge.services.consultations import input_edit
from hub.knowledge.services.consultations import input_respond
from hub.knowledge.services.consultations import input_submit
from hub.knowledge.tests.test_consultations_helpers import ORG
from hub.knowledge.tests.test_consultations_helpers import answer
from hub.knowledge.tests.test_consultations_helpers import draft
from hub.knowledge.tests.test_consultations_helpers import opened
from hub.members.models import Role

pytestmark = pytest.mark.django_db

JSON = "application/json"
LATER = datetime.timedelta(days=22)


def test_the_secretariat_creates_and_opens_a_consultation_through_its_pages(secretariat, contributor, official_a):
    client = client_for(secretariat)
    deadline = (timezone.now() + datetime.timedelta(days=10)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        "/consultations/new/",
        {
            "title": "Consultation on hotlines",
            "question": "What hinders referrals?",
            "time_zone": "Europe/Brussels",
            "deadline": deadline,
            "for_contributors": "on",
            "input_visibility": "taskforce",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    c = Consultation.objects.get()
    assert c.status == Consultation.Status.DRAFT
    assert c.deadline.utcoffset() is not None
    assert client_for(contributor).get(c.get_absolute_url()).status_code == 404
    asked = client.post(f"/consultations/{c.pk}/open/")
    assert "Open the consultation" in asked.content.decode()
    done = client.post(f"/consultations/{c.pk}/open/", {"confirmed": "yes"})
    assert done.status_code == 302
    c.refresh_from_db()
    assert c.status == Consultation.Status.OPEN
    # The audience (contributors) is told, the members' officials are not asked.
    assert Notification.objects.filter(user=contributor).count() == 1
    assert not Notification.objects.filter(user=official_a).exists()
    page = client_for(contributor).get("/consultations/").content.decode()
    assert "Closes in" in page
    assert "Consultation on hotlines" in page


def test_a_new_consultation_needs_an_audience_and_the_page_names_the_field(secretariat):
    response = client_for(secretariat).post(
        "/consultations/new/",
        {
            "title": "T",
            "question": "Q",
            "time_zone": "UTC",
            "deadline": "2030-01-01T10:00",
            "input_visibility": "private",
        },
    )
    assert response.status_code == 422
    assert "Choose who may answer." in response.content.decode()
    assert not Consultation.objects.exists()


def test_the_new_page_is_the_secretariats(official_a, contributor):
    assert client_for(official_a).get("/consultations/new/").status_code == 404
    assert client_for(contributor).get("/consultations/new/").status_code == 404


def test_a_contributor_answers_with_their_organisation_prefilled_and_the_secretariat_responds(secretariat, contributor):
    c = opened(secretariat)
    Role.objects.filter(user=contributor).update(organisation="Tech coalition")
    person = client_for(contributor)
    page = person.get(c.get_absolute_url()).content.decode()
    assert 'value="Tech coalition"' in page
    sent = person.post(f"/consultations/{c.pk}/input/", {"organisation": "Tech coalition", "text": "Our input."})
    assert sent.status_code == 302
    record = ConsultationInput.objects.get()
    assert record.organisation == "Tech coalition"
    staff = client_for(secretariat)
    assert "Record a response" in staff.get(record.get_absolute_url()).content.decode()
    refused = staff.post(f"/consultations/input/{record.pk}/respond/", {"response": " "})
    assert refused.status_code == 422
    done = staff.post(
        f"/consultations/input/{record.pk}/respond/",
        {"response": "Taken up, because three members said so.", "row_version": version_of(record)},
    )
    assert done.status_code == 302
    record.refresh_from_db()
    assert record.responded_by == secretariat
    assert Notification.objects.filter(user=contributor, subject__contains="responded").count() == 1
    mine = person.get(record.get_absolute_url()).content.decode()
    assert "Taken up, because three members said so." in mine
    assert "Record a response" not in mine
    assert person.post(f"/consultations/input/{record.pk}/respond/", {"response": "x"}).status_code == 404


def test_input_after_the_deadline_is_refused_on_the_page_with_nothing_written(secretariat, contributor):
    c = opened(secretariat)
    with time_machine.travel(timezone.now() + LATER):
        person = client_for(contributor)
        response = person.post(f"/consultations/{c.pk}/input/", {"organisation": ORG, "text": "Too late."})
        assert response.status_code == 422
        assert "closed for input on" in response.content.decode()
        assert "The deadline has passed: no more input is taken." in person.get(c.get_absolute_url()).content.decode()
    assert not ConsultationInput.objects.exists()


def test_input_after_the_deadline_is_a_409_on_the_api_with_nothing_written(secretariat, contributor):
    c = opened(secretariat)
    with time_machine.travel(timezone.now() + LATER):
        response = client_for(contributor).post(
            f"/api/v1/consultations/{c.pk}/input",
            {"text": "Too late.", "organisation": ORG},
            content_type=JSON,
        )
    assert response.status_code == 409
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert "closed for input" in json.dumps(body)
    assert not ConsultationInput.objects.exists()


def test_the_service_rechecks_the_deadline_inside_its_transaction(secretariat, contributor):
    c = opened(secretariat)
    with time_machine.travel(timezone.now() + LATER), pytest.raises(Conflict) as refused:
        input_submit(viewer=as_viewer(contributor), consultation=c, text="Late.", organisation=ORG)
    assert refused.value.problems[0].field == "deadline"
    assert not ConsultationInput.objects.exists()


def test_a_contributor_outside_the_audience_gets_a_404_and_cannot_answer(secretariat, contributor, official_a):
    c = opened(secretariat, for_contributors=False, for_members=True)
    person = client_for(contributor)
    assert person.get(c.get_absolute_url()).status_code == 404
    assert person.post(f"/consultations/{c.pk}/input/", {"organisation": ORG, "text": "x"}).status_code == 404
    assert client_for(contributor).get(f"/api/v1/consultations/{c.pk}").status_code == 404
    with pytest.raises(NotFound):
        input_submit(viewer=as_viewer(contributor), consultation=c, text="x", organisation=ORG)
    # A member official sees a consultation for contributors only but may not answer it.
    groups = opened(secretariat, for_contributors=True)
    with pytest.raises(PermissionDenied):
        input_submit(viewer=as_viewer(official_a), consultation=groups, text="x", organisation=ORG)
    assert not ConsultationInput.objects.exists()


def test_member_b_does_not_see_member_as_input_when_the_consultation_keeps_input_private(
    secretariat, official_a, official_b
):
    c = opened(secretariat, for_contributors=False, for_members=True, input_visibility="private")
    a = answer(official_a, c, text="Alphaland's own view.", member_id=None)
    assert a.member is not None and a.member.name == "Alphaland"
    b_page = client_for(official_b).get(c.get_absolute_url()).content.decode()
    assert "Alphaland&#x27;s own view." not in b_page and "Alphaland's own view." not in b_page
    assert client_for(official_b).get(a.get_absolute_url()).status_code == 404
    listed = client_for(official_b).get(f"/api/v1/consultations/{c.pk}/input").json()
    assert listed["count"] == 0
    assert "own view" in client_for(official_a).get(c.get_absolute_url()).content.decode()


def test_an_official_answers_for_a_member_they_write_for_only(secretariat, official_a, member_b):
    c = opened(secretariat, for_contributors=False, for_members=True)
    with pytest.raises(ValidationFailed) as refused:
        input_submit(viewer=as_viewer(official_a), consultation=c, text="x", member_id=member_b.pk)
    assert refused.value.problems[0].field == "member"
    with pytest.raises(ValidationFailed) as blank:
        input_submit(viewer=as_viewer(official_a), consultation=c, text=" ")
    assert blank.value.problems[0].field == "text"


def test_closing_early_asks_once_more_and_closed_consultations_take_no_input(secretariat, contributor):
    c = opened(secretariat)
    staff = client_for(secretariat)
    asked = staff.post(f"/consultations/{c.pk}/close/").content.decode()
    assert "closes early" in asked
    staff.post(f"/consultations/{c.pk}/close/", {"confirmed": "yes"})
    c.refresh_from_db()
    assert c.status == Consultation.Status.CLOSED
    again = staff.post(f"/consultations/{c.pk}/close/", {"confirmed": "yes"}, follow=True)
    assert "already closed" in again.content.decode()
    with pytest.raises(Conflict):
        input_submit(viewer=as_viewer(contributor), consultation=c, text="x", organisation=ORG)
    assert client_for(contributor).post(f"/consultations/{c.pk}/close/", {"confirmed": "yes"}).status_code == 404


def test_opening_needs_a_deadline_in_the_future(secretariat):
    d = draft(secretariat, days=1)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)), pytest.raises(ValidationFailed) as refused:
        consultation_open(viewer=as_viewer(secretariat), consultation=d)
    assert refused.value.problems[0].field == "deadline"


def test_a_stale_response_edit_is_a_409_and_keeps_the_newer_response(secretariat, contributor):
    c = opened(secretariat)
    record = answer(contributor, c)
    sec = as_viewer(secretariat)
    first = input_respond(viewer=sec, record=record, response="First reasons.")
    seen = version_of(first)
    input_respond(viewer=sec, record=record, response="Second reasons.", version=seen)
    with pytest.raises(Conflict):
        input_respond(viewer=sec, record=record, response="Stale reasons.", version=seen)
    record.refresh_from_db()
    assert record.response == "Second reasons."
    api = client_for(secretariat).post(
        f"/api/v1/consultations/input/{record.pk}/response",
        {"response": "Stale again."},
        content_type=JSON,
        HTTP_IF_MATCH=f'"{seen}"',
    )
    assert api.status_code == 409


def test_a_stale_edit_of_the_consultation_is_a_409(secretariat):
    c = draft(secretariat)
    seen = version_of(c)
    sec = as_viewer(secretariat)
    consultation_edit(viewer=sec, consultation=c, data=ConsultationData(title="New title"), version=seen)
    with pytest.raises(Conflict):
        consultation_edit(viewer=sec, consultation=c, data=ConsultationData(title="Older"), version=seen)


def test_the_edit_page_changes_the_consultation_and_refuses_a_past_deadline_once_open(secretariat, official_a):
    c = opened(secretariat)
    staff = client_for(secretariat)
    form = staff.get(f"/consultations/{c.pk}/edit/")
    assert form.status_code == 200
    assert client_for(official_a).get(f"/consultations/{c.pk}/edit/").status_code == 404
    response = staff.post(
        f"/consultations/{c.pk}/edit/",
        {
            "title": "Renamed",
            "question": c.question,
            "time_zone": "UTC",
            "deadline": "2001-01-01T10:00",
            "for_contributors": "on",
            "input_visibility": "taskforce",
            "row_version": version_of(c),
        },
    )
    assert response.status_code == 422
    assert "The deadline must be in the future." in response.content.decode()
    c.refresh_from_db()
    assert c.title != "Renamed"


def test_its_author_corrects_input_before_the_deadline_only(secretariat, contributor):
    c = opened(secretariat)
    record = answer(contributor, c)
    person = client_for(contributor)
    ok = person.post(
        f"/consultations/input/{record.pk}/edit/", {"text": "Corrected.", "row_version": version_of(record)}
    )
    assert ok.status_code == 302
    record.refresh_from_db()
    assert record.text == "Corrected."
    with time_machine.travel(timezone.now() + LATER), pytest.raises(Conflict):
        input_edit(viewer=as_viewer(contributor), record=record, text="Late correction.")
    other = make_person("cleo.contributor@example.org", Role.Kind.CONTRIBUTOR)
    with pytest.raises(NotFound):
        input_edit(viewer=as_viewer(other), record=record, text="Not mine.")


def test_input_on_a_commitment_through_its_page_and_the_api(secretariat, contributor, official_a):
    reference_commitments_load()
    person = client_for(contributor)
    assert person.get("/consultations/commitments/3/input/").status_code == 200
    assert client_for(official_a).get("/consultations/commitments/3/input/").status_code == 404
    sent = person.post("/consultations/commitments/3/input/", {"organisation": ORG, "text": "On commitment 3."})
    assert sent.status_code == 302
    api = person.post(
        "/api/v1/consultations/commitments/4/input", {"text": "On 4.", "organisation": ORG}, content_type=JSON
    )
    assert api.status_code == 201
    assert api.json()["commitment"] == 4
    listing = client_for(official_a).get("/consultations/commitments/").content.decode()
    assert "On behalf of" in listing and ORG in listing
    assert client_for(None).get("/consultations/commitments/").status_code == 302
    assert (
        person.post(
            "/api/v1/consultations/commitments/12/input", {"text": "x", "organisation": ORG}, content_type=JSON
        ).status_code
        == 404
    )
    all_input = client_for(official_a).get("/api/v1/consultations/input").json()
    assert all_input["count"] == 2


def test_the_api_journey_create_patch_open_answer_respond_close(secretariat, contributor, official_a):
    staff = client_for(secretariat)
    deadline = (timezone.now() + datetime.timedelta(days=5)).isoformat()
    created = staff.post(
        "/api/v1/consultations",
        {"title": "API consultation", "question": "Why?", "deadline": deadline, "for_members": True},
        content_type=JSON,
    )
    assert created.status_code == 201, created.content
    cid = created.json()["id"]
    assert (
        client_for(official_a)
        .post("/api/v1/consultations", {"title": "x", "question": "y", "deadline": deadline}, content_type=JSON)
        .status_code
        == 403
    )
    etag = staff.get(f"/api/v1/consultations/{cid}")["ETag"]
    patched = staff.patch(
        f"/api/v1/consultations/{cid}", {"title": "API consultation, renamed"}, content_type=JSON, HTTP_IF_MATCH=etag
    )
    assert patched.status_code == 200
    assert (
        staff.patch(
            f"/api/v1/consultations/{cid}", {"title": "stale"}, content_type=JSON, HTTP_IF_MATCH=etag
        ).status_code
        == 409
    )
    assert staff.post(f"/api/v1/consultations/{cid}/open").json()["status"] == "open"
    assert client_for(contributor).get(f"/api/v1/consultations/{cid}").json()["can_submit"] is True
    sent = client_for(official_a).post(
        f"/api/v1/consultations/{cid}/input", {"text": "Alphaland's input."}, content_type=JSON
    )
    assert sent.status_code == 201, sent.content
    assert sent.json()["member"] == "alphaland"
    blank = client_for(contributor).post(f"/api/v1/consultations/{cid}/input", {"text": "x"}, content_type=JSON)
    assert blank.status_code == 422
    assert blank.json()["errors"][0]["field"] == "organisation"
    iid = sent.json()["id"]
    responded = staff.post(f"/api/v1/consultations/input/{iid}/response", {"response": "Reasons."}, content_type=JSON)
    assert responded.status_code == 200
    assert (
        client_for(official_a)
        .post(f"/api/v1/consultations/input/{iid}/response", {"response": "x"}, content_type=JSON)
        .status_code
        == 403
    )
    assert client_for(official_a).get(f"/api/v1/consultations/{cid}/input").json()["items"][0]["response"] == "Reasons."
    assert staff.post(f"/api/v1/consultations/{cid}/close").json()["status"] == "closed"
    assert staff.post(f"/api/v1/consultations/{cid}/close").status_code == 409
    listed = client_for(contributor).get("/api/v1/consultations").json()
    assert listed["count"] == 1
    assert client_for(None).get("/api/v1/consultations").json()["count"] == 0


def test_the_list_shows_open_consultations_first(secretariat, official_a):
    closed = opened(secretariat, title="Closed one")
    consultation_close(viewer=as_viewer(secretariat), consultation=closed)
    opened(secretariat, title="Open later", days=30)
    opened(secretariat, title="Open soon", days=3)
    page = client_for(official_a).get("/consultations/").content.decode()
    assert page.index("Open soon") < page.index("Open later") < page.index("Closed one")
