"""MNR self-assessment API: cycles and a member's assessment (schemas). Output schemas read the model
instances (and the values the selectors computed beside them) the routes return."""

from __future__ import annotations

import datetime
from typing import Annotated
from typing import Any
from typing import Literal

from ninja import Field
from ninja import Schema

from hub.core.api import RecordId

Slug = Annotated[str, Field(min_length=1, max_length=100)]
CycleStatus = Literal["open", "closed"]
AssessmentStatus = Literal["draft", "submitted", "acknowledged"]


class MnrCycleOut(Schema):
    id: int
    title: str
    framework: str = Field(..., alias="framework.code", description="The framework version, for example mnr-2016")
    opens_on: datetime.date
    due_on: datetime.date
    status: CycleStatus
    status_label: str = Field("", description="The status in words")
    submitted_count: int = Field(..., description="Assessments submitted and awaiting acknowledgement (a count only)")
    acknowledged_count: int = Field(..., description="Assessments acknowledged (a count only)")
    is_synthetic: bool

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return str(obj.get_status_display())


class MnrCycleIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    framework: str = Field(..., max_length=16, description="A published framework version, for example mnr-2016")
    opens_on: datetime.date
    due_on: datetime.date


class MnrAssessmentOut(Schema):
    id: int
    cycle_id: int
    cycle: str = Field(..., alias="cycle.title")
    member: str = Field(..., alias="member.slug", description="The member's short name (slug)")
    member_name: str = Field(..., alias="member.name")
    status: AssessmentStatus
    status_label: str = Field("", description="The status in words")
    submitted_at: datetime.datetime | None
    acknowledged_at: datetime.datetime | None
    prefilled_from_id: int | None = Field(
        None, description="The assessment of the previous cycle it was prefilled from"
    )
    reopened_reason: str
    is_synthetic: bool

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return str(obj.get_status_display())


class MnrAnswerOut(Schema):
    capability: int = Field(..., description="The capability's number in the cycle's framework")
    capability_id: int
    capability_name: str
    domain: str
    phase: int | None = Field(None, description="1 to 4; none while unanswered")
    phase_label: str = Field(..., description="The phase in words")
    target_phase: int | None
    target_label: str
    priority: bool
    evidence: str
    notes: str
    planned_actions: str
    previous_phase: int | None = Field(None, description="The phase in the previous cycle's assessment")
    change: str = Field(..., description="What changed since the previous cycle, in words (empty: nothing)")


class MnrAssessmentDetailOut(MnrAssessmentOut):
    framework: str
    prefilled_from_cycle: str | None = Field(None, description="The previous cycle it was prefilled from")
    answers: list[MnrAnswerOut]


class MnrStartIn(Schema):
    cycle_id: RecordId
    member: Slug | RecordId = Field(..., description="The member's short name (slug) or id")


class MnrAnswerIn(Schema):
    capability: int | None = Field(None, ge=1, le=999, description="The capability's number in the cycle's framework")
    capability_id: RecordId | None = Field(None, description="Or the capability's id")
    phase: int | None = Field(None, ge=1, le=4, description="1 to 4, or null: not answered")
    target_phase: int | None = Field(None, ge=1, le=4)
    priority: bool = False
    evidence: str = Field("", max_length=5000)
    notes: str = Field("", max_length=5000)
    planned_actions: str = Field("", max_length=5000)


class MnrAnswersIn(Schema):
    answers: list[MnrAnswerIn] = Field(..., max_length=999)


class MnrReopenIn(Schema):
    reason: str = Field(..., min_length=1, max_length=2000)


class MnrAccessOut(Schema):
    who: str | None = Field(None, description="The name of who opened it")
    opened_at: datetime.datetime
    how: str = Field(..., description="page, API, export, PDF or command line")
    channel: str
