"""Every rule of the self-assessment policies (hub/assessments/policies/assessments.py), for each persona."""

from __future__ import annotations

import pytest

from conftest import as_viewer
from hub.assessments.models import AccessLogEntry
from hub.assessments.models import Answer
from hub.assessments.models import Assessment
from hub.assessments.models import AssessmentCycle
from hub.assessments.services.assessments import access_record
from hub.assessments.services.assessments import assessment_start
from hub.assessments.services.assessments import cycle_close
from hub.assessments.services.assessments import cycle_publish_aggregate
from hub.assessments.tests.assessment_world import cycle
from hub.assessments.tests.assessment_world import framework
from hub.assessments.tests.assessment_world import submitted
from hub.core.policies import navigation_for
from hub.core.policies import policy_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(member_a, focal_point_a, secretariat):
    framework()
    the_cycle = cycle(secretariat)
    draft = assessment_start(viewer=as_viewer(focal_point_a), cycle_id=the_cycle.pk, member_id=member_a.pk)
    return the_cycle, draft


def can(model, viewer, action, obj=None):
    return policy_for(model).can(viewer, action, obj)


def test_cycles_are_seen_by_the_taskforce_and_published_ones_by_everyone(world, personas, secretariat):
    the_cycle, _draft = world
    for name in ("secretariat", "official_a", "official_b", "focal_point_a"):
        assert policy_for(AssessmentCycle).visible(personas[name]).count() == 1, name
        assert can(AssessmentCycle, personas[name], "browse")
        assert can(AssessmentCycle, personas[name], "view_aggregates", the_cycle)
    for name in ("anonymous", "contributor"):
        assert not policy_for(AssessmentCycle).visible(personas[name]).exists()
        assert not can(AssessmentCycle, personas[name], "browse")
        assert not can(AssessmentCycle, personas[name], "view_aggregates", the_cycle)
        assert not can(AssessmentCycle, personas[name], "view_aggregates")
    cycle_publish_aggregate(viewer=personas["secretariat"], cycle_id=the_cycle.pk)
    the_cycle.refresh_from_db()
    assert policy_for(AssessmentCycle).visible(personas["anonymous"]).count() == 1
    assert can(AssessmentCycle, personas["anonymous"], "view_aggregates", the_cycle)
    assert navigation_for(personas["official_a"])["assessments"]
    assert not navigation_for(personas["anonymous"])["assessments"]


def test_the_secretariat_manages_tracks_closes_and_publishes(world, personas):
    the_cycle, _draft = world
    sec, official = personas["secretariat"], personas["official_a"]
    for action in ("manage", "track", "close", "publish_aggregate"):
        assert can(AssessmentCycle, sec, action, the_cycle), action
        assert not can(AssessmentCycle, official, action, the_cycle), action
    assert not can(AssessmentCycle, sec, "unpublish_aggregate", the_cycle)
    cycle_publish_aggregate(viewer=sec, cycle_id=the_cycle.pk)
    the_cycle.refresh_from_db()
    assert not can(AssessmentCycle, sec, "publish_aggregate", the_cycle)
    assert can(AssessmentCycle, sec, "unpublish_aggregate", the_cycle)
    assert not can(AssessmentCycle, official, "unpublish_aggregate", the_cycle)
    cycle_close(viewer=sec, cycle_id=the_cycle.pk)
    the_cycle.refresh_from_db()
    assert not can(AssessmentCycle, sec, "close", the_cycle)


def test_member_officials_start_in_an_open_cycle_only(world, personas):
    the_cycle, _draft = world
    assert can(AssessmentCycle, personas["official_a"], "start", the_cycle)
    assert not can(AssessmentCycle, personas["secretariat"], "start", the_cycle)
    assert not can(AssessmentCycle, personas["contributor"], "start", the_cycle)
    assert not can(AssessmentCycle, personas["focal_point_suspended"], "start")
    cycle_close(viewer=personas["secretariat"], cycle_id=the_cycle.pk)
    the_cycle.refresh_from_db()
    assert not can(AssessmentCycle, personas["official_a"], "start", the_cycle)


def test_an_assessment_is_seen_by_its_members_officials_and_the_secretariat_only(world, personas):
    _cycle, draft = world
    for name in ("secretariat", "official_a", "focal_point_a"):
        assert policy_for(Assessment).visible(personas[name]).filter(pk=draft.pk).exists(), name
        assert policy_for(Answer).visible(personas[name]).filter(assessment=draft).count() == 21, name
        assert can(Assessment, personas[name], "browse")
    for name in ("official_b", "contributor", "anonymous", "focal_point_suspended"):
        assert not policy_for(Assessment).visible(personas[name]).filter(pk=draft.pk).exists(), name
        assert not policy_for(Answer).visible(personas[name]).filter(assessment=draft).exists(), name
    for name in ("contributor", "anonymous"):
        assert not can(Assessment, personas[name], "browse")


def test_officials_edit_a_draft_and_the_focal_point_submits_it(world, personas, secretariat):
    the_cycle, draft = world
    official, focal, b = personas["official_a"], personas["focal_point_a"], personas["official_b"]
    assert can(Assessment, official, "edit") and can(Assessment, official, "edit", draft)
    assert can(Assessment, focal, "edit", draft)
    assert not can(Assessment, b, "edit", draft)
    assert not can(Assessment, personas["secretariat"], "edit", draft)
    assert not can(Assessment, personas["contributor"], "edit")
    assert can(Assessment, focal, "submit") and can(Assessment, focal, "submit", draft)
    assert not can(Assessment, official, "submit") and not can(Assessment, official, "submit", draft)
    assert not can(Assessment, personas["focal_point_suspended"], "submit", draft)
    cycle_close(viewer=personas["secretariat"], cycle_id=the_cycle.pk)
    draft.refresh_from_db()
    assert not can(Assessment, official, "edit", draft)
    assert not can(Assessment, focal, "submit", draft)


def test_the_secretariat_acknowledges_a_submitted_one_and_reopens_it(personas, member_a, focal_point_a, secretariat):
    framework()
    a = submitted(member_a, cycle(secretariat), focal_point_a)
    sec, focal = personas["secretariat"], personas["focal_point_a"]
    assert can(Assessment, sec, "acknowledge", a) and can(Assessment, sec, "reopen", a)
    assert not can(Assessment, focal, "acknowledge", a) and not can(Assessment, focal, "reopen", a)
    assert not can(Assessment, focal, "edit", a)
    assert not can(Assessment, focal, "submit", a)
    a.status = Assessment.Status.DRAFT
    assert not can(Assessment, sec, "acknowledge", a) and not can(Assessment, sec, "reopen", a)


def test_the_access_log_is_read_by_the_focal_point_and_the_secretariat(world, personas):
    _cycle, draft = world
    sec, focal, official = personas["secretariat"], personas["focal_point_a"], personas["official_a"]
    assert can(Assessment, sec, "read_access_log", draft) and can(Assessment, sec, "read_access_log")
    assert can(Assessment, focal, "read_access_log", draft) and can(Assessment, focal, "read_access_log")
    assert not can(Assessment, official, "read_access_log", draft) and not can(Assessment, official, "read_access_log")
    assert not can(Assessment, personas["official_b"], "read_access_log", draft)
    access_record(viewer=sec, assessment=draft, channel="page")
    assert policy_for(AccessLogEntry).visible(sec).count() == 1
    assert policy_for(AccessLogEntry).visible(focal).count() == 1
    assert not policy_for(AccessLogEntry).visible(official).exists()
    assert not policy_for(AccessLogEntry).visible(personas["official_b"]).exists()


def test_only_the_members_own_officials_read_it_unlogged(world, personas):
    _cycle, draft = world
    assert can(Assessment, personas["official_a"], "read_unlogged", draft)
    assert can(Assessment, personas["focal_point_a"], "read_unlogged", draft)
    assert not can(Assessment, personas["secretariat"], "read_unlogged", draft)
    assert not can(Assessment, personas["official_a"], "read_unlogged")


def test_the_members_whose_assessments_a_viewer_reads_as_its_own(personas, member_a, member_b):
    policy = policy_for(Assessment)
    assert policy.own_member_ids(personas["official_a"]) == frozenset({member_a.pk})
    assert policy.own_member_ids(personas["official_b"]) == frozenset({member_b.pk})
    assert policy.own_member_ids(personas["secretariat"]) == frozenset()
