"""The reporting API's schemas (the commitments' own are in `commitments.py`). Output schemas read the
model instances the endpoints return: aliases name the attribute path, `resolve_*` the computed values."""

import datetime
from decimal import Decimal
from typing import Any

from ninja import Field
from ninja import Schema
from pydantic import ConfigDict

from hub.core.api import RecordId
from hub.core.api import with_attributes
from hub.core.concurrency import version_of
from hub.reporting.models import Evidence
from hub.reporting.models import Question
from hub.reporting.models import ShowcaseItem
from hub.reporting.selectors import AnswerView
from hub.reporting.selectors import CommitmentCompletion
from hub.reporting.selectors import CycleDashboard

STATUS_SCALE = "no_evidence, not_started, limited, substantial or complete"


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


# --- the showcase (used by commitments too) ---------------------------------------------------


# What every evidence schema computes: the link (or none) and whether there is a file.
class EvidenceLink(Schema):
    @staticmethod
    def resolve_url(e: Evidence) -> str | None:
        return e.url or None

    @staticmethod
    def resolve_has_file(e: Evidence) -> bool:
        return bool(e.file)


class SharedEvidenceOut(EvidenceLink):
    id: int
    title: str
    url: str | None = Field(None, description="The link, when the evidence is a link")
    has_file: bool = Field(..., description="A file to download at /api/v1/evidence/{id}/file")
    visibility: str


class ShowcaseOut(Schema):
    id: int
    title: str
    summary: str
    status: str = Field(..., description="proposed, published or withdrawn")
    member: str = Field(..., alias="answer.report.member.slug")
    commitment: int = Field(..., alias="answer.question.commitment.number")
    question: str = Field(..., alias="answer.question.key")
    cycle: str = Field(..., alias="answer.report.cycle.name")
    answer_id: int
    published_at: datetime.datetime | None
    evidence: list[SharedEvidenceOut]
    is_synthetic: bool

    @staticmethod
    def resolve_evidence(s: ShowcaseItem) -> list[Evidence]:
        return getattr(s.answer, "shared_evidence", [])


# --- questionnaires ---------------------------------------------------------------------------


class VersionOut(Schema):
    id: int
    code: str
    title: str
    notes: str
    previous: str | None = Field(None, alias="previous.code", description="The code of the previous version")
    frozen: bool = Field(..., alias="is_frozen", description="Used by a reporting cycle: it can no longer change")
    frozen_at: datetime.datetime | None
    created_at: datetime.datetime


class IndicatorOut(Schema):
    key: str
    label: str
    unit: str


class QuestionOut(Schema):
    key: str
    commitment: int = Field(..., alias="commitment.number")
    order: int
    prompt: str
    required: bool
    predecessor: str | None = Field(None, description="version/key of the same question in the previous version")
    indicators: list[IndicatorOut]

    @staticmethod
    def resolve_predecessor(q: Question) -> str | None:
        before = q.predecessor
        return f"{before.version.code}/{before.key}" if before else None


class VersionDetailOut(VersionOut):
    questions: list[QuestionOut]


class ImportOut(Schema):
    version: str
    id: int | None = Field(None, description="The version's id (none after a dry run that would create it)")
    created: bool
    questions: int
    indicators: int
    changed: list[str] = Field(..., description="Question keys (and key/indicator) added, changed or removed")
    dry_run: bool


# --- reporting cycles -------------------------------------------------------------------------


class CycleOut(Schema):
    id: int
    name: str
    period_start: datetime.date
    period_end: datetime.date
    kind: str = Field(..., description="progress, self_assessment or both")
    opens_on: datetime.date
    closes_on: datetime.date
    version_id: int | None
    version: str | None = Field(None, alias="version.code", description="The questionnaire version's code")
    status: str = Field(..., description="draft, open, closed, locked or published")
    opened_at: datetime.datetime | None
    is_synthetic: bool


class CycleIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    period_start: datetime.date
    period_end: datetime.date
    kind: str = Field("progress", description="progress, self_assessment or both")
    opens_on: datetime.date
    closes_on: datetime.date
    version_id: RecordId | None = None
    is_synthetic: bool = Field(False, description="A demo cycle, involving fictional demo members only")


class CyclePatch(Schema):
    name: str | None = Field(None, max_length=200)
    period_start: datetime.date | None = None
    period_end: datetime.date | None = None
    kind: str | None = Field(None, description="progress, self_assessment or both")
    opens_on: datetime.date | None = None
    closes_on: datetime.date | None = Field(None, description="The only field that may change once a cycle is open")
    version_id: RecordId | None = None


class ReportOut(Schema):
    id: int
    cycle_id: int
    cycle: str = Field(..., alias="cycle.name")
    member: str = Field(..., alias="member.slug")
    status: str = Field(..., description="draft, submitted, returned or accepted")
    started_at: datetime.datetime | None
    submitted_at: datetime.datetime | None
    accepted_at: datetime.datetime | None
    due_on: datetime.date
    is_late: bool
    overdue: bool = Field(..., alias="is_overdue")
    editable: bool = Field(..., alias="is_editable")
    extension_until: datetime.date | None
    extension_reason: str
    is_synthetic: bool


class DashboardReportOut(ReportOut):
    reminders: list[str]


class CompletionOut(Schema):
    commitment: int = Field(..., alias="commitment.number")
    members: int = Field(..., description="Members whose submitted or accepted report gives a status")
    shown: bool = Field(..., description="False when fewer than five members answered: counts are then hidden")
    counts: dict[str, int] | None = Field(None, description="Answers per status; null when not shown")

    @staticmethod
    def resolve_counts(row: CommitmentCompletion) -> dict[str, int] | None:
        return {value: n for value, _label, n in row.rows} if row.shown else None


class DashboardTotals(Schema):
    reports: int
    started: int
    submitted: int
    returned: int
    accepted: int
    late: int


# Read from the cycle's dashboard (`cycle_dashboard`).
class DashboardOut(Schema):
    cycle: CycleOut
    totals: DashboardTotals
    reports: list[DashboardReportOut]
    completion: list[CompletionOut]

    @staticmethod
    def resolve_reports(board: CycleDashboard) -> list[Any]:
        return [with_attributes(r, reminders=board.reminders.get(r.pk, [])) for r in board.reports]


class ReportCreateIn(Schema):
    member: str = Field(..., description="The member's short name (slug)")


# --- progress reports -------------------------------------------------------------------------


class EvidenceOut(EvidenceLink):
    id: int
    title: str
    url: str | None = Field(None, description="The link, when the evidence is a link")
    has_file: bool = Field(..., description="A file to download at /api/v1/evidence/{id}/file")
    content_type: str
    size: int | None
    sha256: str
    visibility: str


class ReviewCommentOut(Schema):
    text: str
    at: datetime.datetime = Field(..., alias="created_at")


class TermWarningOut(Schema):
    found: str
    preferred: str


# The answer in the member's last accepted report, with that report's cycle name as `cycle`.
class PreviousOut(Schema):
    cycle: str
    status: str
    narrative: str


class AnswerShowcaseOut(Schema):
    id: int
    title: str
    status: str


# Read from an `AnswerView` that carries `previous_cycle` (the name of the previous report's cycle).
class AnswerOut(Schema):
    id: int = Field(..., alias="answer.pk")
    question: str = Field(..., alias="answer.question.key")
    commitment: int = Field(..., alias="answer.question.commitment.number")
    required: bool = Field(..., alias="answer.question.required")
    status: str = Field(..., alias="answer.status", description=f"{STATUS_SCALE}; empty when not given")
    narrative: str = Field(..., alias="answer.narrative")
    actions_taken: str = Field(..., alias="answer.actions_taken")
    planned_actions: str = Field(..., alias="answer.planned_actions")
    lead_institution: str = Field(..., alias="answer.lead_institution")
    indicators: dict[str, float | None] = Field(..., description="Every indicator of the question: its value or null")
    evidence: list[EvidenceOut]
    comments: list[ReviewCommentOut] = Field(..., description="The secretariat's review comments")
    warnings: list[TermWarningOut] = Field(..., description="Discouraged terms found in the texts")
    showcase: list[AnswerShowcaseOut]
    previous: PreviousOut | None = Field(None, description="The answer in the member's last accepted report")
    version: str = Field(..., description="The answer's version: send it as If-Match to save this answer alone")

    @staticmethod
    def resolve_version(view: AnswerView) -> str:
        return version_of(view.answer)

    @staticmethod
    def resolve_indicators(view: AnswerView) -> dict[str, float | None]:
        return {
            i.key: _number(view.values[i.key].value) if i.key in view.values else None
            for i in view.answer.question.indicators.all()
        }

    @staticmethod
    def resolve_previous(view: Any) -> Any:
        return with_attributes(view.previous, cycle=view.previous_cycle) if view.previous else None


class ReportDetailOut(ReportOut):
    answers: list[AnswerOut]


class AnswerIn(Schema):
    model_config = ConfigDict(extra="forbid")

    status: str | None = Field(None, description=f"{STATUS_SCALE}; empty or null to clear")
    narrative: str | None = None
    actions_taken: str | None = None
    planned_actions: str | None = None
    lead_institution: str | None = None
    indicators: dict[str, Decimal | None] | None = Field(None, description="Indicator key: a number, or null to clear")


class MissingOut(Schema):
    commitment: int = Field(..., description="The commitment's number")
    commitment_title: str
    question: str = Field(..., description="The question's key")
    prompt: str = Field(..., description="The question's text")
    part: str = Field(..., description="What is missing: status or narrative")


class CheckOut(Schema):
    answered: int = Field(..., description="Questions given a status and a narrative")
    questions: int
    complete: bool = Field(..., description="Every required question is answered: the report can be submitted")
    missing: list[MissingOut]


class AnswersIn(Schema):
    answers: dict[str, AnswerIn] = Field(..., description="Question key: the parts of the answer to change")


class ReturnIn(Schema):
    comments: dict[str, str] = Field(..., description="Question key: what needs changing")


class ExtensionIn(Schema):
    until: datetime.date
    reason: str


# --- showcase ---------------------------------------------------------------------------------


class ShowcaseIn(Schema):
    title: str = Field(..., max_length=200)
    summary: str
