"""Races on a member's assessment: two officials starting it at once get one assessment (the other a
409); the secretariat acknowledging while another officer reopens: one wins, the other is a 409."""

from __future__ import annotations

import pytest

from conftest import as_viewer
from conftest import make_member
from conftest import make_person
from conftest import race
from hub.assessments.models import Assessment
from hub.assessments.services.assessments import assessment_acknowledge
from hub.assessments.services.assessments import assessment_reopen
from hub.assessments.services.assessments import assessment_start
from hub.assessments.tests.assessment_world import cycle
from hub.assessments.tests.assessment_world import framework
from hub.assessments.tests.assessment_world import submitted
from hub.core.errors import Conflict
from hub.members.models import Role

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("race_db")]


def _world():
    member = make_member("Alphaland", region="Europe")
    focal = make_person("fiona.focal@alphaland.example.org", Role.Kind.FOCAL_POINT, member)
    olga = make_person("olga.official@alphaland.example.org", Role.Kind.OFFICIAL, member)
    sam = make_person("sam.secretariat@example.org", Role.Kind.SECRETARIAT)
    sue = make_person("sue.secretariat@example.org", Role.Kind.SECRETARIAT)
    framework()
    return member, focal, olga, sam, sue, cycle(sam)


def test_two_officials_starting_at_once_make_one_assessment():
    member, focal, olga, _sam, _sue, the_cycle = _world()
    results = race(
        lambda: assessment_start(viewer=as_viewer(focal), cycle_id=the_cycle.pk, member_id=member.pk),
        lambda: assessment_start(viewer=as_viewer(olga), cycle_id=the_cycle.pk, member_id=member.pk),
    )
    assert len([r for r in results if isinstance(r, Assessment)]) == 1, results
    assert len([r for r in results if isinstance(r, Conflict)]) == 1, results
    assert Assessment.objects.count() == 1
    assert Assessment.objects.get().answers.count() == 21


def test_acknowledge_and_reopen_at_once_one_wins_the_other_is_a_409():
    member, focal, _olga, sam, sue, the_cycle = _world()
    a = submitted(member, the_cycle, focal)
    results = race(
        lambda: assessment_acknowledge(viewer=as_viewer(sam), assessment_id=a.pk),
        lambda: assessment_acknowledge(viewer=as_viewer(sue), assessment_id=a.pk),
    )
    assert len([r for r in results if isinstance(r, Conflict)]) == 1, results
    a.refresh_from_db()
    assert a.status == Assessment.Status.ACKNOWLEDGED
    results = race(
        lambda: assessment_reopen(viewer=as_viewer(sam), assessment_id=a.pk, reason="Check 3"),
        lambda: assessment_reopen(viewer=as_viewer(sue), assessment_id=a.pk, reason="Check 4"),
    )
    assert len([r for r in results if isinstance(r, Conflict)]) == 1, results
    a.refresh_from_db()
    assert a.is_draft and a.reopened_reason in ("Check 3", "Check 4")
