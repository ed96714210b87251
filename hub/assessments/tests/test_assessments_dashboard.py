"""The self-assessment's dashboard panels: a member official's next job (start, continue, submit, with
the due date) and the secretariat's submitted assessments awaiting acknowledgement, per cycle; one
query for the secretariat's panel."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import as_viewer
from conftest import client_for
from hub.assessments.services.assessments import assessment_start
from hub.assessments.tests.assessment_world import answer_all
from hub.assessments.tests.assessment_world import cycle
from hub.assessments.tests.assessment_world import framework
from hub.assessments.tests.assessment_world import members_with_focal_points
from hub.assessments.tests.assessment_world import submitted
from hub.assessments.wiring.assessments import member_panel
from hub.assessments.wiring.assessments import secretariat_panel

pytestmark = pytest.mark.django_db


def test_a_member_official_is_told_to_start_then_continue_then_submit(member_a, official_a, focal_point_a, secretariat):
    framework()
    the_cycle = cycle(secretariat)
    text = client_for(official_a).get("/dashboard/").content.decode()
    assert "Start the self-assessment of Alphaland for 2026 self-assessment" in text
    a = assessment_start(viewer=as_viewer(official_a), cycle_id=the_cycle.pk, member_id=member_a.pk)
    assert "21 capabilities unanswered" in client_for(official_a).get("/dashboard/").content.decode()
    answer_all(a, official_a)
    assert "Submit the self-assessment of Alphaland" in client_for(focal_point_a).get("/dashboard/").content.decode()
    assert "ready for your focal point" in client_for(official_a).get("/dashboard/").content.decode()
    assert member_panel(as_viewer(secretariat)) is None


def test_the_secretariat_sees_what_awaits_acknowledgement_per_cycle(secretariat, official_b):
    framework()
    the_cycle = cycle(secretariat)
    assert secretariat_panel(as_viewer(secretariat)) is None
    for member, focal in members_with_focal_points(3):
        submitted(member, the_cycle, focal)
    sam = as_viewer(secretariat)
    with CaptureQueriesContext(connection) as ctx:
        panel = secretariat_panel(sam)
    assert len(ctx.captured_queries) == 1
    assert panel["total"] == 3 and panel["cycles"][0]["n"] == 3
    text = client_for(secretariat).get("/dashboard/").content.decode()
    assert "3 submitted self-assessments await acknowledgement" in text
    assert secretariat_panel(as_viewer(official_b)) is None
