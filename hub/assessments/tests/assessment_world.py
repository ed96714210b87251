"""Shared helpers for the self-assessment tests: the framework, phases, cycles and assessments built
through our own services (so audit, policy and workflow code run)."""

from __future__ import annotations

import datetime
from typing import Any

from conftest import as_viewer
from conftest import make_member
from conftest import make_person
from hub.assessments.models import Assessment
from hub.assessments.models import AssessmentCycle
from hub.assessments.models import Capability
from hub.assessments.models import Framework
from hub.assessments.services.assessments import AnswerInput
from hub.assessments.services.assessments import answers_save
from hub.assessments.services.assessments import assessment_acknowledge
from hub.assessments.services.assessments import assessment_start
from hub.assessments.services.assessments import assessment_submit
from hub.assessments.services.assessments import cycle_create
from hub.assessments.services.framework import reference_capabilities_load
from hub.assessments.services.framework import reference_phases_load
from hub.members.models import Member
from hub.members.models import Role


def framework() -> Framework:
    """mnr-2016 (21 capabilities in six domains) and the four phases, from the reference tables."""
    reference_capabilities_load()
    reference_phases_load()
    return Framework.objects.get(code="mnr-2016")


def capabilities(fw: Framework | None = None) -> list[Capability]:
    return list(Capability.objects.filter(framework=fw or framework()).order_by("number"))


def cycle(
    secretariat: Any, title: str = "2026 self-assessment", *, opens_on: datetime.date | None = None
) -> AssessmentCycle:
    fw = Framework.objects.filter(code="mnr-2016").first() or framework()
    opens = opens_on or datetime.date(2026, 1, 15)
    return cycle_create(
        viewer=as_viewer(secretariat),
        title=title,
        framework=fw,
        opens_on=opens,
        due_on=opens + datetime.timedelta(days=90),
    )


def answer_all(
    assessment: Assessment, user: Any, phase: int | dict[int, int] = 2, *, target: int | None = 3
) -> Assessment:
    """Answer every capability: one phase for all, or {capability number: phase} (others phase 2)."""
    data = {}
    for answer in assessment.answers.select_related("capability"):
        number = answer.capability.number
        p = phase if isinstance(phase, int) else phase.get(number, 2)
        data[answer.capability_id] = AnswerInput(phase=p, target_phase=target, evidence=f"Evidence {number}")
    return answers_save(viewer=as_viewer(user), assessment_id=assessment.pk, answers=data)


def submitted(
    member: Member,
    the_cycle: AssessmentCycle,
    focal_point: Any,
    phase: int | dict[int, int] = 2,
    *,
    secretariat: Any = None,
    target: int | None = 3,
) -> Assessment:
    """The member's assessment of the cycle, every capability answered and submitted by its focal
    point (and acknowledged when `secretariat` is given)."""
    viewer = as_viewer(focal_point)
    assessment = assessment_start(viewer=viewer, cycle_id=the_cycle.pk, member_id=member.pk)
    answer_all(assessment, focal_point, phase, target=target)
    assessment = assessment_submit(viewer=viewer, assessment_id=assessment.pk)
    if secretariat is not None:
        assessment = assessment_acknowledge(viewer=as_viewer(secretariat), assessment_id=assessment.pk)
    return assessment


def members_with_focal_points(
    count: int, *, prefix: str = "Member", regions: tuple[str, ...] = ("Europe",)
) -> list[tuple[Member, Any]]:
    """`count` fictional members, each with a focal point, spread over `regions` in turn."""
    out = []
    for i in range(count):
        member = make_member(f"{prefix} {i + 1:02d}", region=regions[i % len(regions)])
        person = make_person(f"focal{i + 1:02d}@{member.slug}.example.org", Role.Kind.FOCAL_POINT, member)
        out.append((member, person))
    return out
