"""Two secretariat officers closing one consultation at the same moment: one closes it, the other is
told it was closed already (409); input sent as the consultation closes is either taken or refused,
never half-written."""

from __future__ import annotations

import pytest

from conftest import client_for
from conftest import make_person
from conftest import race
from hub.knowledge.models.consultations import Consultation
from hub.knowledge.models.consultations import ConsultationInput
from hub.knowledge.tests.test_consultations_helpers import ORG
from hub.knowledge.tests.test_consultations_helpers import opened
from hub.members.models import Role

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("race_db")]
JSON = "application/json"


def test_two_officers_closing_at_once_one_closes_the_other_gets_a_409():
    sam = make_person("sam.secretariat@example.org", Role.Kind.SECRETARIAT)
    sue = make_person("sue.secretariat@example.org", Role.Kind.SECRETARIAT)
    c = opened(sam)
    a, b = client_for(sam), client_for(sue)
    results = race(
        lambda: a.post(f"/api/v1/consultations/{c.pk}/close", content_type=JSON),
        lambda: b.post(f"/api/v1/consultations/{c.pk}/close", content_type=JSON),
    )
    assert sorted(r.status_code for r in results) == [200, 409]
    loser = next(r for r in results if r.status_code == 409)
    assert "already closed" in loser.json()["detail"]
    c.refresh_from_db()
    assert c.status == Consultation.Status.CLOSED


def test_input_sent_as_the_consultation_closes_is_taken_whole_or_refused():
    sam = make_person("sam.secretariat@example.org", Role.Kind.SECRETARIAT)
    cora = make_person("cora.contributor@example.org", Role.Kind.CONTRIBUTOR)
    c = opened(sam)
    staff, person = client_for(sam), client_for(cora)
    results = race(
        lambda: staff.post(f"/api/v1/consultations/{c.pk}/close", content_type=JSON),
        lambda: person.post(
            f"/api/v1/consultations/{c.pk}/input", {"text": "Just in time?", "organisation": ORG}, content_type=JSON
        ),
    )
    closed, sent = results
    assert closed.status_code == 200
    assert sent.status_code in (201, 409)
    assert ConsultationInput.objects.count() == (1 if sent.status_code == 201 else 0)
