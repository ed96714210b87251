"""The reporting API: commitments, questionnaires, reporting cycles, progress reports, evidence and
the showcase. Every read goes through the selectors, every write through the services."""

import datetime
from decimal import Decimal
from typing import Any

from django.http import FileResponse, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema, UploadedFile
from ninja.pagination import PageNumberPagination, paginate
from ninja.responses import Status
from pydantic import ConfigDict

from hub.commitments.models import Commitment
from hub.commitments.selectors import commitment_get, commitment_list
from hub.core.api import caller, writer
from hub.core.policies import policy_for
from hub.members.selectors import member_get
from hub.public.selectors import commitment_page  # noqa: I001  (moves to hub.public.api)
from hub.reporting.models import Evidence, ProgressReport, Question, QuestionnaireVersion, ReportingCycle, ShowcaseItem
from hub.reporting.pdf import evidence_response
from hub.reporting.selectors import (
    AnswerView,
    cycle_dashboard,
    cycle_get,
    cycle_list,
    report_get,
    report_list,
    report_page,
    showcase_list,
    version_get,
    version_list,
    version_questions,
)
from hub.reporting.services import (
    cycle_create,
    cycle_open,
    cycle_transition,
    cycle_update,
    evidence_add,
    evidence_file,
    questionnaire_import,
    report_accept,
    report_create,
    report_extend,
    report_return,
    report_save,
    report_submit,
    showcase_propose,
    showcase_sign_off,
    showcase_withdraw,
)

commitments_router = Router(tags=["commitments"])
questionnaires_router = Router(tags=["questionnaires"])
cycles_router = Router(tags=["reporting cycles"])
reports_router = Router(tags=["progress reports"])
showcase_router = Router(tags=["showcase"])

STATUS_SCALE = "no_evidence, not_started, limited, substantial or complete"


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


# --- the showcase (used by commitments too) ---------------------------------------------------


class SharedEvidenceOut(Schema):
    id: int
    title: str
    url: str | None = Field(None, description="The link, when the evidence is a link")
    has_file: bool = Field(..., description="A file to download at /api/v1/evidence/{id}/file")
    visibility: str

    @staticmethod
    def of(e: Evidence) -> "SharedEvidenceOut":
        return SharedEvidenceOut(
            id=e.pk, title=e.title, url=e.url or None, has_file=bool(e.file), visibility=e.visibility
        )


class ShowcaseOut(Schema):
    id: int
    title: str
    summary: str
    status: str = Field(..., description="proposed, published or withdrawn")
    member: str
    commitment: int
    question: str
    cycle: str
    answer_id: int
    published_at: datetime.datetime | None
    evidence: list[SharedEvidenceOut]
    is_synthetic: bool

    @staticmethod
    def of(s: ShowcaseItem) -> "ShowcaseOut":
        answer = s.answer
        return ShowcaseOut(
            id=s.pk,
            title=s.title,
            summary=s.summary,
            status=s.status,
            member=answer.report.member.slug,
            commitment=answer.question.commitment.number,
            question=answer.question.key,
            cycle=answer.report.cycle.name,
            answer_id=answer.pk,
            published_at=s.published_at,
            evidence=[SharedEvidenceOut.of(e) for e in getattr(answer, "shared_evidence", [])],
            is_synthetic=s.is_synthetic,
        )


def _showcase_item(request: HttpRequest, item: ShowcaseItem) -> ShowcaseOut:
    """The item as the caller sees it now, with the evidence shared with the caller."""
    qs = showcase_list(viewer=caller(request).viewer, published_only=False)
    return ShowcaseOut.of(qs.get(pk=item.pk))


# --- commitments ------------------------------------------------------------------------------


class CommitmentOut(Schema):
    number: int
    key: str
    short_title: str
    text: str
    source: str

    @staticmethod
    def of(c: Commitment) -> "CommitmentOut":
        return CommitmentOut(number=c.number, key=c.key, short_title=c.short_title, text=c.text, source=c.source)


class CommitmentDetailOut(CommitmentOut):
    showcase: list[ShowcaseOut] = Field(..., description="Published showcase items you may see")
    decisions: list[str] = Field(..., description="Codes of the decisions on this commitment you may see")


@commitments_router.get("", response=list[CommitmentOut], summary="The nine commitments")
def list_commitments(request: HttpRequest) -> list[CommitmentOut]:
    return [CommitmentOut.of(c) for c in commitment_list(viewer=caller(request).viewer)]


@commitments_router.get("/{number}", response=CommitmentDetailOut, summary="One commitment, with its showcase")
def get_commitment(request: HttpRequest, number: int) -> CommitmentDetailOut:
    page = commitment_page(viewer=caller(request).viewer, number=number)
    return CommitmentDetailOut(
        **CommitmentOut.of(page.commitment).dict(),
        showcase=[ShowcaseOut.of(s) for s in page.showcase],
        decisions=[d.code for d in page.decisions],
    )


# --- questionnaires ---------------------------------------------------------------------------


class VersionOut(Schema):
    id: int
    code: str
    title: str
    notes: str
    previous: str | None = Field(None, description="The code of the previous version")
    frozen: bool = Field(..., description="Used by a reporting cycle: it can no longer change")
    frozen_at: datetime.datetime | None
    created_at: datetime.datetime

    @staticmethod
    def of(v: QuestionnaireVersion) -> "VersionOut":
        return VersionOut(
            id=v.pk,
            code=v.code,
            title=v.title,
            notes=v.notes,
            previous=v.previous.code if v.previous else None,
            frozen=v.is_frozen,
            frozen_at=v.frozen_at,
            created_at=v.created_at,
        )


class IndicatorOut(Schema):
    key: str
    label: str
    unit: str


class QuestionOut(Schema):
    key: str
    commitment: int
    order: int
    prompt: str
    required: bool
    predecessor: str | None = Field(None, description="version/key of the same question in the previous version")
    indicators: list[IndicatorOut]

    @staticmethod
    def of(q: Question) -> "QuestionOut":
        before = q.predecessor
        return QuestionOut(
            key=q.key,
            commitment=q.commitment.number,
            order=q.order,
            prompt=q.prompt,
            required=q.required,
            predecessor=f"{before.version.code}/{before.key}" if before else None,
            indicators=[IndicatorOut(key=i.key, label=i.label, unit=i.unit) for i in q.indicators.all()],
        )


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


@questionnaires_router.get("", response=list[VersionOut], summary="Questionnaire versions (taskforce)")
def list_versions(request: HttpRequest) -> list[VersionOut]:
    return [VersionOut.of(v) for v in version_list(viewer=caller(request).viewer)]


@questionnaires_router.get("/{version_id}", response=VersionDetailOut, summary="One version, with its questions")
def get_version(request: HttpRequest, version_id: int) -> VersionDetailOut:
    v = caller(request).viewer
    version = version_get(viewer=v, pk=version_id)
    questions = version_questions(viewer=v, version=version)
    return VersionDetailOut(**VersionOut.of(version).dict(), questions=[QuestionOut.of(q) for q in questions])


@questionnaires_router.post(
    "", response={200: ImportOut, 201: ImportOut}, summary="Import a version from CSV or XLSX (secretariat, multipart)"
)
def import_version(
    request: HttpRequest,
    code: Form[str],
    title: Form[str],
    file: File[UploadedFile],
    previous: Form[str] = "",
    dry_run: Form[bool] = False,
) -> Status[ImportOut]:
    c = writer(request)
    result = questionnaire_import(
        viewer=c.viewer,
        code=code,
        title=title,
        name=file.name or "questionnaire.csv",
        content=file.read(),
        previous_code=previous,
        dry_run=dry_run,
        via=c.via,
    )
    version = version_list(viewer=c.viewer).filter(code=result.version).first()
    out = ImportOut(
        version=result.version,
        id=version.pk if version else None,
        created=result.created,
        questions=result.questions,
        indicators=result.indicators,
        changed=result.changed,
        dry_run=result.dry_run,
    )
    return Status(201 if result.created and not result.dry_run else 200, out)


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
    version: str | None = Field(None, description="The questionnaire version's code")
    status: str = Field(..., description="draft, open, closed, locked or published")
    opened_at: datetime.datetime | None
    is_synthetic: bool

    @staticmethod
    def of(c: ReportingCycle) -> "CycleOut":
        return CycleOut(
            id=c.pk,
            name=c.name,
            period_start=c.period_start,
            period_end=c.period_end,
            kind=c.kind,
            opens_on=c.opens_on,
            closes_on=c.closes_on,
            version_id=c.version_id,
            version=c.version.code if c.version else None,
            status=c.status,
            opened_at=c.opened_at,
            is_synthetic=c.is_synthetic,
        )


class CycleIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    period_start: datetime.date
    period_end: datetime.date
    kind: str = Field("progress", description="progress, self_assessment or both")
    opens_on: datetime.date
    closes_on: datetime.date
    version_id: int | None = None
    is_synthetic: bool = Field(False, description="A demo cycle, involving fictional demo members only")


class CyclePatch(Schema):
    name: str | None = Field(None, max_length=200)
    period_start: datetime.date | None = None
    period_end: datetime.date | None = None
    kind: str | None = Field(None, description="progress, self_assessment or both")
    opens_on: datetime.date | None = None
    closes_on: datetime.date | None = Field(None, description="The only field that may change once a cycle is open")
    version_id: int | None = None


def _cycle_values(request: HttpRequest, given: dict[str, Any]) -> dict[str, Any]:
    """The service's values: the version id becomes the version the caller may see."""
    values = dict(given)
    if "version_id" in values:
        version_id = values.pop("version_id")
        values["version"] = version_get(viewer=caller(request).viewer, pk=version_id) if version_id else None
    return values


@cycles_router.get("", response=list[CycleOut], summary="Reporting cycles you may see")
@paginate(PageNumberPagination, page_size=50)
def list_cycles(request: HttpRequest) -> list[CycleOut]:
    return [CycleOut.of(c) for c in cycle_list(viewer=caller(request).viewer)]


@cycles_router.post("", response={201: CycleOut}, summary="Create a cycle in draft (secretariat)")
def create_cycle(request: HttpRequest, payload: CycleIn) -> Status[CycleOut]:
    c = writer(request)
    cycle = cycle_create(viewer=c.viewer, values=_cycle_values(request, payload.dict()), via=c.via)
    return Status(201, CycleOut.of(cycle))


@cycles_router.get("/{cycle_id}", response=CycleOut, summary="One reporting cycle")
def get_cycle(request: HttpRequest, cycle_id: int) -> CycleOut:
    return CycleOut.of(cycle_get(viewer=caller(request).viewer, pk=cycle_id))


@cycles_router.patch("/{cycle_id}", response=CycleOut, summary="Change a draft cycle, or an open one's close date")
def update_cycle(request: HttpRequest, cycle_id: int, payload: CyclePatch) -> CycleOut:
    c = writer(request)
    cycle_get(viewer=c.viewer, pk=cycle_id)
    values = _cycle_values(request, payload.dict(exclude_unset=True))
    return CycleOut.of(cycle_update(viewer=c.viewer, cycle_id=cycle_id, values=values, via=c.via))


@cycles_router.post("/{cycle_id}/open", response=CycleOut, summary="Open a draft cycle: a draft report per member")
def open_cycle(request: HttpRequest, cycle_id: int) -> CycleOut:
    c = writer(request)
    return CycleOut.of(cycle_open(viewer=c.viewer, cycle_id=cycle_id, via=c.via))


def _transition(request: HttpRequest, cycle_id: int, action: str) -> CycleOut:
    c = writer(request)
    return CycleOut.of(cycle_transition(viewer=c.viewer, cycle_id=cycle_id, action=action, via=c.via))


@cycles_router.post("/{cycle_id}/close", response=CycleOut, summary="Close a cycle (late submissions still accepted)")
def close_cycle(request: HttpRequest, cycle_id: int) -> CycleOut:
    return _transition(request, cycle_id, "close")


@cycles_router.post("/{cycle_id}/lock", response=CycleOut, summary="Lock a cycle (no more submissions)")
def lock_cycle(request: HttpRequest, cycle_id: int) -> CycleOut:
    return _transition(request, cycle_id, "lock")


@cycles_router.post("/{cycle_id}/publish", response=CycleOut, summary="Publish a locked cycle")
def publish_cycle(request: HttpRequest, cycle_id: int) -> CycleOut:
    return _transition(request, cycle_id, "publish")


class ReportOut(Schema):
    id: int
    cycle_id: int
    cycle: str
    member: str
    status: str = Field(..., description="draft, submitted, returned or accepted")
    started_at: datetime.datetime | None
    submitted_at: datetime.datetime | None
    accepted_at: datetime.datetime | None
    due_on: datetime.date
    is_late: bool
    overdue: bool
    editable: bool
    extension_until: datetime.date | None
    extension_reason: str
    is_synthetic: bool

    @staticmethod
    def of(r: ProgressReport) -> "ReportOut":
        return ReportOut(
            id=r.pk,
            cycle_id=r.cycle_id,
            cycle=r.cycle.name,
            member=r.member.slug,
            status=r.status,
            started_at=r.started_at,
            submitted_at=r.submitted_at,
            accepted_at=r.accepted_at,
            due_on=r.due_on,
            is_late=r.is_late,
            overdue=r.is_overdue,
            editable=r.is_editable,
            extension_until=r.extension_until,
            extension_reason=r.extension_reason,
            is_synthetic=r.is_synthetic,
        )


class DashboardReportOut(ReportOut):
    reminders: list[str]


class CompletionOut(Schema):
    commitment: int
    members: int = Field(..., description="Members whose submitted or accepted report gives a status")
    shown: bool = Field(..., description="False when fewer than five members answered: counts are then hidden")
    counts: dict[str, int] | None = Field(None, description="Answers per status; null when not shown")


class DashboardTotals(Schema):
    reports: int
    started: int
    submitted: int
    returned: int
    accepted: int
    late: int


class DashboardOut(Schema):
    cycle: CycleOut
    totals: DashboardTotals
    reports: list[DashboardReportOut]
    completion: list[CompletionOut]


class ReportCreateIn(Schema):
    member: str = Field(..., description="The member's short name (slug)")


@cycles_router.get("/{cycle_id}/dashboard", response=DashboardOut, summary="Progress of a cycle (secretariat)")
def get_dashboard(request: HttpRequest, cycle_id: int) -> DashboardOut:
    v = caller(request).viewer
    cycle = cycle_get(viewer=v, pk=cycle_id)
    policy_for(ReportingCycle).require(v, "manage", cycle, message=_("Only the secretariat sees the dashboard."))
    board = cycle_dashboard(viewer=v, cycle=cycle)
    return DashboardOut(
        cycle=CycleOut.of(cycle),
        totals=DashboardTotals(**board.totals),
        reports=[
            DashboardReportOut(**ReportOut.of(r).dict(), reminders=board.reminders.get(r.pk, [])) for r in board.reports
        ],
        completion=[
            CompletionOut(
                commitment=row.commitment.number,
                members=row.members,
                shown=row.shown,
                counts={value: n for value, _label, n in row.rows} if row.shown else None,
            )
            for row in board.completion
        ],
    )


@cycles_router.get("/{cycle_id}/reports", response=list[ReportOut], summary="The cycle's reports you may see")
@paginate(PageNumberPagination, page_size=50)
def list_cycle_reports(request: HttpRequest, cycle_id: int) -> list[ReportOut]:
    v = caller(request).viewer
    cycle = cycle_get(viewer=v, pk=cycle_id)
    return [ReportOut.of(r) for r in report_list(viewer=v, cycle=cycle)]


@cycles_router.post("/{cycle_id}/reports", response={201: ReportOut}, summary="Add a member's report (secretariat)")
def add_cycle_report(request: HttpRequest, cycle_id: int, payload: ReportCreateIn) -> Status[ReportOut]:
    c = writer(request)
    cycle_get(viewer=c.viewer, pk=cycle_id)
    member = member_get(viewer=c.viewer, slug=payload.member)
    report = report_create(viewer=c.viewer, cycle_id=cycle_id, member=member, via=c.via)
    return Status(201, ReportOut.of(report_get(viewer=c.viewer, pk=report.pk)))


# --- progress reports -------------------------------------------------------------------------


class EvidenceOut(Schema):
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
    at: datetime.datetime


class TermWarningOut(Schema):
    found: str
    preferred: str


class PreviousOut(Schema):
    cycle: str
    status: str
    narrative: str


class AnswerShowcaseOut(Schema):
    id: int
    title: str
    status: str


class AnswerOut(Schema):
    id: int
    question: str
    commitment: int
    required: bool
    status: str = Field(..., description=f"{STATUS_SCALE}; empty when not given")
    narrative: str
    actions_taken: str
    planned_actions: str
    lead_institution: str
    indicators: dict[str, float | None] = Field(..., description="Every indicator of the question: its value or null")
    evidence: list[EvidenceOut]
    comments: list[ReviewCommentOut] = Field(..., description="The secretariat's review comments")
    warnings: list[TermWarningOut] = Field(..., description="Discouraged terms found in the texts")
    showcase: list[AnswerShowcaseOut]
    previous: PreviousOut | None = Field(None, description="The answer in the member's last accepted report")


class ReportDetailOut(ReportOut):
    answers: list[AnswerOut]


def _answer(view: AnswerView, previous_cycle: str) -> AnswerOut:
    a = view.answer
    before = view.previous
    return AnswerOut(
        id=a.pk,
        question=a.question.key,
        commitment=a.question.commitment.number,
        required=a.question.required,
        status=a.status,
        narrative=a.narrative,
        actions_taken=a.actions_taken,
        planned_actions=a.planned_actions,
        lead_institution=a.lead_institution,
        indicators={
            i.key: _number(view.values[i.key].value) if i.key in view.values else None
            for i in a.question.indicators.all()
        },
        evidence=[
            EvidenceOut(
                id=e.pk,
                title=e.title,
                url=e.url or None,
                has_file=bool(e.file),
                content_type=e.content_type,
                size=e.size,
                sha256=e.sha256,
                visibility=e.visibility,
            )
            for e in view.evidence
        ],
        comments=[ReviewCommentOut(text=c.text, at=c.created_at) for c in view.comments],
        warnings=[TermWarningOut(found=w.found, preferred=w.preferred) for w in view.warnings],
        showcase=[AnswerShowcaseOut(id=s.pk, title=s.title, status=s.status) for s in view.showcase],
        previous=PreviousOut(cycle=previous_cycle, status=before.status, narrative=before.narrative)
        if before
        else None,
    )


def _report_detail(request: HttpRequest, report_id: int) -> ReportDetailOut:
    v = caller(request).viewer
    report = report_get(viewer=v, pk=report_id)
    page = report_page(viewer=v, report=report)
    previous_cycle = page.previous_report.cycle.name if page.previous_report else ""
    return ReportDetailOut(**ReportOut.of(report).dict(), answers=[_answer(a, previous_cycle) for a in page.answers])


class AnswerIn(Schema):
    model_config = ConfigDict(extra="forbid")

    status: str | None = Field(None, description=f"{STATUS_SCALE}; empty or null to clear")
    narrative: str | None = None
    actions_taken: str | None = None
    planned_actions: str | None = None
    lead_institution: str | None = None
    indicators: dict[str, Decimal | None] | None = Field(None, description="Indicator key: a number, or null to clear")


class AnswersIn(Schema):
    answers: dict[str, AnswerIn] = Field(..., description="Question key: the parts of the answer to change")


class ReturnIn(Schema):
    comments: dict[str, str] = Field(..., description="Question key: what needs changing")


class ExtensionIn(Schema):
    until: datetime.date
    reason: str


@reports_router.get("/reports", response=list[ReportOut], summary="Progress reports you may see")
@paginate(PageNumberPagination, page_size=50)
def list_reports(request: HttpRequest) -> list[ReportOut]:
    return [ReportOut.of(r) for r in report_list(viewer=caller(request).viewer)]


@reports_router.get("/reports/{report_id}", response=ReportDetailOut, summary="One report, with its answers")
def get_report(request: HttpRequest, report_id: int) -> ReportDetailOut:
    return _report_detail(request, report_id)


@reports_router.patch("/reports/{report_id}/answers", response=ReportDetailOut, summary="Save answers of a draft")
def save_answers(request: HttpRequest, report_id: int, payload: AnswersIn) -> ReportDetailOut:
    c = writer(request)
    answers = {key: given.dict(exclude_unset=True) for key, given in payload.answers.items()}
    report_save(viewer=c.viewer, report_id=report_id, answers=answers, via=c.via)
    return _report_detail(request, report_id)


@reports_router.post("/reports/{report_id}/submit", response=ReportDetailOut, summary="Submit (focal point)")
def submit_report(request: HttpRequest, report_id: int) -> ReportDetailOut:
    c = writer(request)
    report_submit(viewer=c.viewer, report_id=report_id, via=c.via)
    return _report_detail(request, report_id)


@reports_router.post("/reports/{report_id}/return", response=ReportDetailOut, summary="Return with comments")
def return_report(request: HttpRequest, report_id: int, payload: ReturnIn) -> ReportDetailOut:
    c = writer(request)
    report_return(viewer=c.viewer, report_id=report_id, comments=payload.comments, via=c.via)
    return _report_detail(request, report_id)


@reports_router.post("/reports/{report_id}/accept", response=ReportDetailOut, summary="Accept (secretariat)")
def accept_report(request: HttpRequest, report_id: int) -> ReportDetailOut:
    c = writer(request)
    report_accept(viewer=c.viewer, report_id=report_id, via=c.via)
    return _report_detail(request, report_id)


@reports_router.post("/reports/{report_id}/extension", response=ReportDetailOut, summary="Grant more time")
def extend_report(request: HttpRequest, report_id: int, payload: ExtensionIn) -> ReportDetailOut:
    c = writer(request)
    report_extend(viewer=c.viewer, report_id=report_id, until=payload.until, reason=payload.reason, via=c.via)
    return _report_detail(request, report_id)


# --- evidence ---------------------------------------------------------------------------------


@reports_router.post(
    "/answers/{answer_id}/evidence", response={201: EvidenceOut}, summary="Add a file or a link (multipart)"
)
def add_evidence(
    request: HttpRequest,
    answer_id: int,
    title: Form[str],
    visibility: Form[str] = "member",
    url: Form[str] = "",
    file: File[UploadedFile | None] = None,
) -> Status[EvidenceOut]:
    c = writer(request)
    e = evidence_add(
        viewer=c.viewer, answer_id=answer_id, title=title, upload=file, url=url, visibility=visibility, via=c.via
    )
    out = EvidenceOut(
        id=e.pk,
        title=e.title,
        url=e.url or None,
        has_file=bool(e.file),
        content_type=e.content_type,
        size=e.size,
        sha256=e.sha256,
        visibility=e.visibility,
    )
    return Status(201, out)


@reports_router.get("/evidence/{evidence_id}/file", summary="Download an evidence file")
def download_evidence(request: HttpRequest, evidence_id: int) -> FileResponse:
    return evidence_response(evidence_file(viewer=caller(request).viewer, evidence_id=evidence_id))


# --- showcase ---------------------------------------------------------------------------------


class ShowcaseIn(Schema):
    title: str = Field(..., max_length=200)
    summary: str


@showcase_router.get("/showcase", response=list[ShowcaseOut], summary="Published showcase items you may see")
@paginate(PageNumberPagination, page_size=50)
def list_showcase(request: HttpRequest, commitment: int | None = None) -> list[ShowcaseOut]:
    v = caller(request).viewer
    chosen = commitment_get(viewer=v, number=commitment) if commitment is not None else None
    return [ShowcaseOut.of(s) for s in showcase_list(viewer=v, commitment=chosen)]


@showcase_router.post(
    "/answers/{answer_id}/showcase", response={201: ShowcaseOut}, summary="Propose an accepted answer for the showcase"
)
def propose_showcase(request: HttpRequest, answer_id: int, payload: ShowcaseIn) -> Status[ShowcaseOut]:
    c = writer(request)
    item = showcase_propose(
        viewer=c.viewer, answer_id=answer_id, title=payload.title, summary=payload.summary, via=c.via
    )
    return Status(201, _showcase_item(request, item))


@showcase_router.post("/showcase/{item_id}/sign-off", response=ShowcaseOut, summary="Sign off (focal point)")
def sign_off_showcase(request: HttpRequest, item_id: int) -> ShowcaseOut:
    c = writer(request)
    return _showcase_item(request, showcase_sign_off(viewer=c.viewer, item_id=item_id, via=c.via))


@showcase_router.post("/showcase/{item_id}/withdraw", response=ShowcaseOut, summary="Withdraw from the showcase")
def withdraw_showcase(request: HttpRequest, item_id: int) -> ShowcaseOut:
    c = writer(request)
    return _showcase_item(request, showcase_withdraw(viewer=c.viewer, item_id=item_id, via=c.via))
