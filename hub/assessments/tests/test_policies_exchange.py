"""Who sees and does what with consent-based exchanges and the disclosure control's releases
(hub/assessments/policies/exchange.py, fully covered here)."""

from __future__ import annotations

import pytest

from conftest import make_member
from hub.assessments.models import AggregateRelease
from hub.assessments.models import Capability
from hub.assessments.models import Exchange
from hub.assessments.tests.assessment_world import cycle
from hub.assessments.tests.assessment_world import framework
from hub.core.policies import policy_for
from hub.members.models import Member

pytestmark = pytest.mark.django_db
POLICY = policy_for(Exchange)


@pytest.fixture
def exchanges(personas, member_a, member_b, member_suspended):
    framework()
    cap = Capability.objects.get(framework__code="mnr-2016", number=1)

    def make(status, initiator=member_a, counterpart=member_b, number=1):
        capability = Capability.objects.get(framework__code="mnr-2016", number=number)
        return Exchange.objects.create(
            capability=capability, initiator=initiator, counterpart=counterpart, kind="offer", status=status
        )

    return {
        "pending": make("pending"),
        "accepted": make("accepted", number=2),
        "declined": make("declined", number=3),
        "withdrawn": make("withdrawn", number=4),
        "suspended": make("pending", initiator=member_suspended, counterpart=member_a, number=5),
        "cap": cap,
    }


def who(personas, check):
    return {name for name, viewer in personas.items() if check(viewer)}


def test_an_exchange_is_seen_by_its_two_members_and_the_secretariat_only(exchanges, personas):
    pending = exchanges["pending"]
    assert who(personas, lambda v: POLICY.can_view(v, pending)) == {
        "secretariat",
        "official_a",
        "official_b",
        "focal_point_a",
    }
    suspended = exchanges["suspended"]
    assert who(personas, lambda v: POLICY.can_view(v, suspended)) == {
        "secretariat",
        "official_a",
        "focal_point_a",
        "focal_point_suspended",  # its member's officials keep reading while suspended
    }


def test_member_officials_who_may_write_propose(personas):
    assert who(personas, lambda v: POLICY.can(v, "propose")) == {"official_a", "official_b", "focal_point_a"}
    assert POLICY.acting_for_ids(personas["official_a"]) == POLICY.acting_for_ids(personas["focal_point_a"])
    assert POLICY.acting_for_ids(personas["secretariat"]) == frozenset()


def test_the_member_asked_answers_a_pending_exchange_once(exchanges, personas):
    assert not POLICY.can(personas["official_b"], "answer", None)
    assert not POLICY.can(personas["official_b"], "act_as_counterpart", None)
    assert who(personas, lambda v: POLICY.can(v, "answer", exchanges["pending"])) == {"official_b"}
    assert who(personas, lambda v: POLICY.can(v, "act_as_counterpart", exchanges["accepted"])) == {"official_b"}
    for done in ("accepted", "declined", "withdrawn"):
        assert who(personas, lambda v, d=done: POLICY.can(v, "answer", exchanges[d])) == set()
    # proposed by a member since suspended: the member asked answers it
    assert who(personas, lambda v: POLICY.can(v, "answer", exchanges["suspended"])) == {"official_a", "focal_point_a"}


def test_either_side_withdraws_while_pending_or_accepted(exchanges, personas):
    assert not POLICY.can(personas["official_a"], "withdraw", None)
    assert not POLICY.can(personas["official_a"], "act_as_party", None)
    sides = {"official_a", "official_b", "focal_point_a"}
    for open_ in ("pending", "accepted"):
        assert who(personas, lambda v, o=open_: POLICY.can(v, "withdraw", exchanges[o])) == sides
    for ended in ("declined", "withdrawn"):
        assert who(personas, lambda v, e=ended: POLICY.can(v, "withdraw", exchanges[e])) == set()
        assert who(personas, lambda v, e=ended: POLICY.can(v, "act_as_party", exchanges[e])) == sides
    # the suspended member's officials may not write, so neither withdraw; the other side may
    assert who(personas, lambda v: POLICY.can(v, "withdraw", exchanges["suspended"])) == {
        "official_a",
        "focal_point_a",
    }


def test_the_peers_phase_only_once_both_consented(exchanges, personas):
    assert not POLICY.can(personas["official_a"], "see_peer", None)
    for closed in ("pending", "declined", "withdrawn"):
        assert who(personas, lambda v, c=closed: POLICY.can(v, "see_peer", exchanges[c])) == set()
    assert who(personas, lambda v: POLICY.can(v, "see_peer", exchanges["accepted"])) == {
        "secretariat",
        "official_a",
        "official_b",
        "focal_point_a",
    }


def test_a_withdrawn_members_phase_is_the_secretariats_alone(exchanges, personas, member_a):
    gone = make_member("Wayland", region="Asia", status=Member.Status.WITHDRAWN)
    capability = Capability.objects.get(framework__code="mnr-2016", number=6)
    for initiator, counterpart in ((member_a, gone), (gone, member_a)):
        exchange = Exchange.objects.create(
            capability=capability, initiator=initiator, counterpart=counterpart, kind="offer", status="accepted"
        )
        assert who(personas, lambda v, e=exchange: POLICY.can(v, "see_peer", e)) == {"secretariat"}
        exchange.status = "withdrawn"
        exchange.save()


def test_the_disclosure_controls_releases_are_shown_to_nobody(personas, secretariat):
    framework()
    AggregateRelease.objects.create(cycle=cycle(secretariat), kind="capability", subject="1", digest="x")
    assert who(personas, lambda v: policy_for(AggregateRelease).visible(v).exists()) == set()


def test_which_side_of_an_exchange_the_viewer_speaks_for(exchanges, personas):
    pending = exchanges["pending"]
    assert not POLICY.can(personas["official_a"], "speak_for_initiator", None)
    assert not POLICY.can(personas["official_a"], "speak_for_counterpart", None)
    assert who(personas, lambda v: POLICY.can(v, "speak_for_initiator", pending)) == {"official_a", "focal_point_a"}
    assert who(personas, lambda v: POLICY.can(v, "speak_for_counterpart", pending)) == {"official_b"}
