"""Two secretariat officers deciding one correction request at the same moment (one accepts, the other
accepts or rejects): one decides, the other is told it was decided already (409), and the coding
changes once."""

from __future__ import annotations

import pytest

from conftest import as_viewer
from conftest import client_for
from conftest import make_member
from conftest import make_person
from conftest import race
from hub.legal.models import Coding
from hub.legal.models import CorrectionRequest
from hub.legal.services.corrections import correction_request
from hub.legal.tests.legal_world import checklist
from hub.legal.tests.legal_world import code
from hub.legal.tests.legal_world import profile_for
from hub.members.models import Role

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("race_db")]
JSON = "application/json"


def _world():
    sam = make_person("sam.secretariat@example.org", Role.Kind.SECRETARIAT)
    sue = make_person("sue.secretariat@example.org", Role.Kind.SECRETARIAT)
    member = make_member("Alphaland", region="Europe")
    olga = make_person("olga.official@alphaland.example.org", Role.Kind.OFFICIAL, member)
    checklist()
    coding = code(profile_for(member, sam), "O5", "not_met", sam)
    request = correction_request(
        viewer=as_viewer(olga), coding_id=coding.pk, proposed_status="met", citation="s. 4", reason="Covered"
    )
    return sam, sue, coding, request


@pytest.mark.parametrize("second", ["accept", "reject"])
def test_two_officers_deciding_at_once_one_wins_the_other_gets_a_409(second):
    sam, sue, coding, request = _world()
    a, b = client_for(sam), client_for(sue)
    url = f"/api/v1/legal/corrections/{request.pk}"
    results = race(
        lambda: a.post(f"{url}/accept", {"note": ""}, content_type=JSON),
        lambda: b.post(f"{url}/{second}", {"note": "Not convinced"}, content_type=JSON),
    )
    assert sorted(r.status_code for r in results) == [200, 409], [r.content for r in results]
    loser = next(r for r in results if r.status_code == 409)
    assert "already" in loser.json()["detail"]
    request.refresh_from_db()
    coding.refresh_from_db()
    assert request.status in ("accepted", "rejected")
    assert coding.status == ("met" if request.status == "accepted" else "not_met")
    assert Coding.history.model.objects.filter(id=coding.pk).count() == (2 if request.status == "accepted" else 1)
    assert CorrectionRequest.objects.count() == 1
