"""The self-assessment workflow end to end through its services: start (prefilled), answer, submit,
acknowledge, reopen; and the access log of the secretariat's openings."""

from __future__ import annotations

import pytest

from conftest import as_viewer
from hub.assessments.models import AccessLogEntry
from hub.assessments.models import Assessment
from hub.assessments.services.assessments import access_record
from hub.assessments.services.assessments import assessment_reopen
from hub.assessments.services.assessments import assessment_start
from hub.assessments.services.assessments import assessment_submit
from hub.assessments.tests.assessment_world import cycle
from hub.assessments.tests.assessment_world import framework
from hub.assessments.tests.assessment_world import submitted
from hub.core.errors import ValidationFailed

pytestmark = pytest.mark.django_db


def test_the_reference_framework_has_21_capabilities_in_six_domains():
    fw = framework()
    assert fw.capabilities.count() == 21
    assert len(set(fw.capabilities.values_list("domain", flat=True))) == 6
    assert fw.capabilities.get(number=2).source.startswith("WeProtect Model National Response (2016)")


def test_submit_lists_every_unanswered_capability_and_changes_nothing(member_a, focal_point_a, secretariat):
    framework()
    assessment = assessment_start(
        viewer=as_viewer(focal_point_a), cycle_id=cycle(secretariat).pk, member_id=member_a.pk
    )
    with pytest.raises(ValidationFailed) as caught:
        assessment_submit(viewer=as_viewer(focal_point_a), assessment_id=assessment.pk)
    assert len(caught.value.problems) == 21
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.DRAFT


def test_workflow_prefill_and_access_log(member_a, focal_point_a, secretariat):
    framework()
    first = submitted(member_a, cycle(secretariat), focal_point_a, {1: 3}, secretariat=secretariat)
    assert first.status == Assessment.Status.ACKNOWLEDGED
    second_cycle = cycle(secretariat, "2027 self-assessment", opens_on=first.cycle.opens_on.replace(year=2027))
    second = assessment_start(viewer=as_viewer(focal_point_a), cycle_id=second_cycle.pk, member_id=member_a.pk)
    assert second.prefilled_from == first
    assert second.answers.get(capability__number=1).phase == 3
    access_record(viewer=as_viewer(focal_point_a), assessment=first, channel="page")
    assert not AccessLogEntry.objects.exists()  # the member's own reading is not logged
    access_record(viewer=as_viewer(secretariat), assessment=first, channel="page")
    assert AccessLogEntry.objects.get().user == secretariat
    reopened = assessment_reopen(viewer=as_viewer(secretariat), assessment_id=first.pk, reason="Check capability 3.")
    assert reopened.status == Assessment.Status.DRAFT
