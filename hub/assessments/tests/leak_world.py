"""The leak crawl's records for the self-assessment pages and API (tests/test_leak_crawl.py calls
`assessments_leak_world` and merges what it returns): member A's submitted assessment, whose evidence
carries a marker only A's officials and the secretariat may ever read, and the cycle it belongs to."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conftest import as_viewer
from hub.assessments.services.assessments import AnswerInput
from hub.assessments.services.assessments import answers_save
from hub.assessments.services.assessments import assessment_start
from hub.assessments.services.assessments import assessment_submit
from hub.assessments.tests.assessment_world import cycle
from hub.assessments.tests.assessment_world import framework

MARKER = "MARK-MNR-EVIDENCE-A"


def assessments_leak_world(
    a: Any, users: dict[str, Any], markers: list[Any], *, marker: Callable[[str, set[str]], Any], own_a: set[str]
) -> dict[str, Any]:
    """Returns {"params": ..., "a_values": ...} for the crawl's registry."""
    framework()
    the_cycle = cycle(users["secretariat"], "Crawl self-assessment")
    focal = as_viewer(users["focal_point_a"])
    assessment = assessment_start(viewer=focal, cycle_id=the_cycle.pk, member_id=a.pk)
    answers = {
        ans.capability_id: AnswerInput(phase=2, target_phase=3, evidence=MARKER) for ans in assessment.answers.all()
    }
    answers_save(viewer=focal, assessment_id=assessment.pk, answers=answers)
    assessment_submit(viewer=focal, assessment_id=assessment.pk)
    markers.append(marker(MARKER, own_a))
    pk, cycle_pk = str(assessment.pk), str(the_cycle.pk)
    one = (
        "assessments_assessment",
        "assessments_submit",
        "assessments_acknowledge",
        "assessments_reopen",
        "assessments_access_log",
        "assessments_export",
        "assessments_pdf",
    )
    params: dict[str, list[str]] = {f"{name}.pk": [pk] for name in one}
    params["assessment_id"] = [pk]
    for path in ("/api/v1/assessments/cycles/{cycle_id}", "/api/v1/assessments/cycles/{cycle_id}/close"):
        params[f"{path}.cycle_id"] = [cycle_pk]
    params |= {
        f"{name}.pk": [cycle_pk] for name in ("assessments_cycle", "assessments_cycle_close", "assessments_start")
    }
    a_values = {(f"{name}.pk", pk) for name in one} | {("assessment_id", pk)}
    return {"params": params, "a_values": a_values}
