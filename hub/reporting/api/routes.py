"""The reporting API's routes: questionnaires, reporting cycles, progress reports, evidence and the
showcase. Every read goes through the selectors, every write through the services."""

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse
from django.http import HttpRequest
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import File
from ninja import Form
from ninja import Router
from ninja import UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from hub.commitments.selectors import commitment_get
from hub.core.api import Pagination
from hub.core.api import caller
from hub.core.api import if_match
from hub.core.api import set_etag
from hub.core.api import with_attributes
from hub.core.api import writer
from hub.core.errors import NotFound
from hub.core.policies import policy_for
from hub.members.selectors import member_get
from hub.reporting.api.schemas import AnswerIn
from hub.reporting.api.schemas import AnswerOut
from hub.reporting.api.schemas import AnswersIn
from hub.reporting.api.schemas import CheckOut
from hub.reporting.api.schemas import CycleIn
from hub.reporting.api.schemas import CycleOut
from hub.reporting.api.schemas import CyclePatch
from hub.reporting.api.schemas import DashboardOut
from hub.reporting.api.schemas import EvidenceOut
from hub.reporting.api.schemas import ExtensionIn
from hub.reporting.api.schemas import ImportOut
from hub.reporting.api.schemas import ReportCreateIn
from hub.reporting.api.schemas import ReportDetailOut
from hub.reporting.api.schemas import ReportOut
from hub.reporting.api.schemas import ReturnIn
from hub.reporting.api.schemas import ShowcaseIn
from hub.reporting.api.schemas import ShowcaseOut
from hub.reporting.api.schemas import VersionDetailOut
from hub.reporting.api.schemas import VersionOut
from hub.reporting.models import Evidence
from hub.reporting.models import ProgressReport
from hub.reporting.models import QuestionnaireVersion
from hub.reporting.models import ReportingCycle
from hub.reporting.models import ShowcaseItem
from hub.reporting.pdf import evidence_response
from hub.reporting.selectors import cycle_dashboard
from hub.reporting.selectors import cycle_get
from hub.reporting.selectors import cycle_list
from hub.reporting.selectors import report_checklist
from hub.reporting.selectors import report_get
from hub.reporting.selectors import report_list
from hub.reporting.selectors import report_page
from hub.reporting.selectors import showcase_list
from hub.reporting.selectors import version_get
from hub.reporting.selectors import version_list
from hub.reporting.selectors import version_questions
from hub.reporting.services import CycleInput
from hub.reporting.services import cycle_create
from hub.reporting.services import cycle_open
from hub.reporting.services import cycle_transition
from hub.reporting.services import cycle_update
from hub.reporting.services import evidence_add
from hub.reporting.services import evidence_file
from hub.reporting.services import questionnaire_import
from hub.reporting.services import report_accept
from hub.reporting.services import report_create
from hub.reporting.services import report_extend
from hub.reporting.services import report_return
from hub.reporting.services import report_save
from hub.reporting.services import report_submit
from hub.reporting.services import showcase_propose
from hub.reporting.services import showcase_sign_off
from hub.reporting.services import showcase_withdraw

questionnaires_router = Router(tags=["questionnaires"])
cycles_router = Router(tags=["reporting cycles"])
reports_router = Router(tags=["progress reports"])
showcase_router = Router(tags=["showcase"])


# --- questionnaires ---------------------------------------------------------------------------


@questionnaires_router.get("", response=list[VersionOut], summary="Questionnaire versions (taskforce)")
def list_versions(request: HttpRequest) -> QuerySet[QuestionnaireVersion]:
    return version_list(viewer=caller(request).viewer)


@questionnaires_router.get("/{version_id}", response=VersionDetailOut, summary="One version, with its questions")
def get_version(request: HttpRequest, version_id: int) -> object:
    v = caller(request).viewer
    version = version_get(viewer=v, pk=version_id)
    return with_attributes(version, questions=version_questions(viewer=v, version=version))


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
) -> Status[Any]:
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
    out = with_attributes(result, id=version.pk if version else None)
    return Status(201 if result.created and not result.dry_run else 200, out)


# --- reporting cycles -------------------------------------------------------------------------


def _cycle_input(request: HttpRequest, given: dict[str, Any]) -> CycleInput:
    """The service's input: the version id becomes the version the caller may see."""
    values = dict(given)
    if "version_id" in values:
        version_id = values.pop("version_id")
        values["version"] = version_get(viewer=caller(request).viewer, pk=version_id) if version_id else None
    return CycleInput(**values)


@cycles_router.get("", response=list[CycleOut], summary="Reporting cycles you may see")
@paginate(Pagination)
def list_cycles(request: HttpRequest) -> QuerySet[ReportingCycle]:
    return cycle_list(viewer=caller(request).viewer)


@cycles_router.post("", response={201: CycleOut}, summary="Create a cycle in draft (secretariat)")
def create_cycle(request: HttpRequest, payload: CycleIn) -> Status[ReportingCycle]:
    c = writer(request)
    cycle = cycle_create(viewer=c.viewer, data=_cycle_input(request, payload.dict()), via=c.via)
    return Status(201, cycle)


@cycles_router.get("/{cycle_id}", response=CycleOut, summary="One reporting cycle")
def get_cycle(request: HttpRequest, response: HttpResponse, cycle_id: int) -> ReportingCycle:
    cycle = cycle_get(viewer=caller(request).viewer, pk=cycle_id)
    set_etag(response, cycle)
    return cycle


@cycles_router.patch("/{cycle_id}", response=CycleOut, summary="Change a draft cycle, or an open one's close date")
def update_cycle(request: HttpRequest, response: HttpResponse, cycle_id: int, payload: CyclePatch) -> ReportingCycle:
    c = writer(request)
    cycle_get(viewer=c.viewer, pk=cycle_id)
    data = _cycle_input(request, payload.dict(exclude_unset=True))
    cycle = cycle_update(viewer=c.viewer, cycle_id=cycle_id, data=data, version=if_match(request), via=c.via)
    set_etag(response, cycle)
    return cycle


@cycles_router.post("/{cycle_id}/open", response=CycleOut, summary="Open a draft cycle: a draft report per member")
def open_cycle(request: HttpRequest, cycle_id: int) -> ReportingCycle:
    c = writer(request)
    return cycle_open(viewer=c.viewer, cycle_id=cycle_id, via=c.via)


def _transition(request: HttpRequest, cycle_id: int, action: str) -> ReportingCycle:
    c = writer(request)
    return cycle_transition(viewer=c.viewer, cycle_id=cycle_id, action=action, via=c.via)


@cycles_router.post("/{cycle_id}/close", response=CycleOut, summary="Close a cycle (late submissions still accepted)")
def close_cycle(request: HttpRequest, cycle_id: int) -> ReportingCycle:
    return _transition(request, cycle_id, "close")


@cycles_router.post("/{cycle_id}/lock", response=CycleOut, summary="Lock a cycle (no more submissions)")
def lock_cycle(request: HttpRequest, cycle_id: int) -> ReportingCycle:
    return _transition(request, cycle_id, "lock")


@cycles_router.post("/{cycle_id}/publish", response=CycleOut, summary="Publish a locked cycle")
def publish_cycle(request: HttpRequest, cycle_id: int) -> ReportingCycle:
    return _transition(request, cycle_id, "publish")


@cycles_router.get("/{cycle_id}/dashboard", response=DashboardOut, summary="Progress of a cycle (secretariat)")
def get_dashboard(request: HttpRequest, cycle_id: int) -> object:
    v = caller(request).viewer
    cycle = cycle_get(viewer=v, pk=cycle_id)
    policy_for(ReportingCycle).require(v, "manage", cycle, message=_("Only the secretariat sees the dashboard."))
    return cycle_dashboard(viewer=v, cycle=cycle)


@cycles_router.get("/{cycle_id}/reports", response=list[ReportOut], summary="The cycle's reports you may see")
@paginate(Pagination)
def list_cycle_reports(request: HttpRequest, cycle_id: int) -> QuerySet[ProgressReport]:
    v = caller(request).viewer
    return report_list(viewer=v, cycle=cycle_get(viewer=v, pk=cycle_id))


@cycles_router.post("/{cycle_id}/reports", response={201: ReportOut}, summary="Add a member's report (secretariat)")
def add_cycle_report(request: HttpRequest, cycle_id: int, payload: ReportCreateIn) -> Status[ProgressReport]:
    c = writer(request)
    cycle_get(viewer=c.viewer, pk=cycle_id)
    member = member_get(viewer=c.viewer, slug=payload.member)
    report = report_create(viewer=c.viewer, cycle_id=cycle_id, member=member, via=c.via)
    return Status(201, report_get(viewer=c.viewer, pk=report.pk))


# --- progress reports -------------------------------------------------------------------------


def _report_detail(request: HttpRequest, report_id: int, response: HttpResponse | None = None) -> object:
    """The report with its answers, each knowing the cycle of the member's previous accepted report
    (and its version as the answer's ETag)."""
    v = caller(request).viewer
    report = report_get(viewer=v, pk=report_id)
    if response is not None:
        set_etag(response, report)
    page = report_page(viewer=v, report=report)
    previous_cycle = page.previous_report.cycle.name if page.previous_report else ""
    return with_attributes(report, answers=[with_attributes(a, previous_cycle=previous_cycle) for a in page.answers])


def _report_step(
    request: HttpRequest, response: HttpResponse, report_id: int, step: Callable[..., object], **values: Any
) -> object:
    """Take one step on a report as the caller (save, submit, return, accept, extend); answer with the report."""
    c = writer(request)
    step(viewer=c.viewer, report_id=report_id, via=c.via, **values)
    return _report_detail(request, report_id, response)


@reports_router.get("/reports", response=list[ReportOut], summary="Progress reports you may see")
@paginate(Pagination)
def list_reports(request: HttpRequest) -> QuerySet[ProgressReport]:
    return report_list(viewer=caller(request).viewer)


@reports_router.get("/reports/{report_id}", response=ReportDetailOut, summary="One report, with its answers")
def get_report(request: HttpRequest, response: HttpResponse, report_id: int) -> object:
    return _report_detail(request, report_id, response)


@reports_router.patch("/reports/{report_id}/answers", response=ReportDetailOut, summary="Save answers of a draft")
def save_answers(request: HttpRequest, response: HttpResponse, report_id: int, payload: AnswersIn) -> object:
    # Send the report's ETag as If-Match: a save over a newer version is refused (409). Without
    # If-Match the save is not checked (the last save wins). Not in the OpenAPI document yet.
    answers = {key: given.dict(exclude_unset=True) for key, given in payload.answers.items()}
    return _report_step(request, response, report_id, report_save, answers=answers, version=if_match(request))


def _answer_out(request: HttpRequest, response: HttpResponse, report_id: int, key: str) -> object:
    v = caller(request).viewer
    report = report_get(viewer=v, pk=report_id)
    page = report_page(viewer=v, report=report)
    view = next((a for a in page.answers if a.question.key == key), None)
    if view is None:
        raise NotFound(_("This report has no question %(key)s.") % {"key": key})
    set_etag(response, view.answer)
    previous_cycle = page.previous_report.cycle.name if page.previous_report else ""
    return with_attributes(view, previous_cycle=previous_cycle)


@reports_router.get("/reports/{report_id}/answers/{key}", response=AnswerOut, summary="One answer, with its version")
def get_answer(request: HttpRequest, response: HttpResponse, report_id: int, key: str) -> object:
    return _answer_out(request, response, report_id, key)


@reports_router.patch(
    "/reports/{report_id}/answers/{key}", response=AnswerOut, summary="Save one answer of a draft (If-Match: its ETag)"
)
def save_answer(request: HttpRequest, response: HttpResponse, report_id: int, key: str, payload: AnswerIn) -> object:
    # Send the answer's ETag (or its "version") as If-Match: a save over someone else's newer save of
    # this answer is refused (409); saves of other answers of the report never get in the way.
    c = writer(request)
    given = if_match(request)
    report_save(
        viewer=c.viewer,
        report_id=report_id,
        answers={key: payload.dict(exclude_unset=True)},
        answer_versions={key: given} if given else {},
        via=c.via,
    )
    return _answer_out(request, response, report_id, key)


@reports_router.get("/reports/{report_id}/check", response=CheckOut, summary="What is missing before submission")
def check_report(request: HttpRequest, report_id: int) -> object:
    v = caller(request).viewer
    page = report_page(viewer=v, report=report_get(viewer=v, pk=report_id), with_previous=False)
    missing = [
        {
            "commitment": check.commitment.number,
            "commitment_title": check.commitment.short_title,
            "question": view.question.key,
            "prompt": view.question.prompt,
            "part": gap,
        }
        for check in report_checklist(page)
        for view, gaps in check.answers
        for gap in gaps
    ]
    return {
        "answered": page.answered_count,
        "questions": len(page.answers),
        "complete": not missing,
        "missing": missing,
    }


@reports_router.post("/reports/{report_id}/submit", response=ReportDetailOut, summary="Submit (focal point)")
def submit_report(request: HttpRequest, response: HttpResponse, report_id: int) -> object:
    return _report_step(request, response, report_id, report_submit)


@reports_router.post("/reports/{report_id}/return", response=ReportDetailOut, summary="Return with comments")
def return_report(request: HttpRequest, response: HttpResponse, report_id: int, payload: ReturnIn) -> object:
    return _report_step(request, response, report_id, report_return, comments=payload.comments)


@reports_router.post("/reports/{report_id}/accept", response=ReportDetailOut, summary="Accept (secretariat)")
def accept_report(request: HttpRequest, response: HttpResponse, report_id: int) -> object:
    return _report_step(request, response, report_id, report_accept)


@reports_router.post("/reports/{report_id}/extension", response=ReportDetailOut, summary="Grant more time")
def extend_report(request: HttpRequest, response: HttpResponse, report_id: int, payload: ExtensionIn) -> object:
    return _report_step(request, response, report_id, report_extend, until=payload.until, reason=payload.reason)


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
) -> Status[Evidence]:
    c = writer(request)
    e = evidence_add(
        viewer=c.viewer, answer_id=answer_id, title=title, upload=file, url=url, visibility=visibility, via=c.via
    )
    return Status(201, e)


@reports_router.get("/evidence/{evidence_id}/file", summary="Download an evidence file")
def download_evidence(request: HttpRequest, evidence_id: int) -> FileResponse:
    return evidence_response(evidence_file(viewer=caller(request).viewer, evidence_id=evidence_id))


# --- showcase ---------------------------------------------------------------------------------


def _showcase_item(request: HttpRequest, item: ShowcaseItem) -> ShowcaseItem:
    """The item as the caller sees it now, with the evidence shared with the caller."""
    return showcase_list(viewer=caller(request).viewer, published_only=False).get(pk=item.pk)


@showcase_router.get("/showcase", response=list[ShowcaseOut], summary="Published showcase items you may see")
@paginate(Pagination)
def list_showcase(request: HttpRequest, commitment: int | None = None) -> QuerySet[ShowcaseItem]:
    v = caller(request).viewer
    chosen = commitment_get(viewer=v, number=commitment) if commitment is not None else None
    return showcase_list(viewer=v, commitment=chosen)


@showcase_router.post(
    "/answers/{answer_id}/showcase", response={201: ShowcaseOut}, summary="Propose an accepted answer for the showcase"
)
def propose_showcase(request: HttpRequest, answer_id: int, payload: ShowcaseIn) -> Status[ShowcaseItem]:
    c = writer(request)
    item = showcase_propose(
        viewer=c.viewer, answer_id=answer_id, title=payload.title, summary=payload.summary, via=c.via
    )
    return Status(201, _showcase_item(request, item))


@showcase_router.post("/showcase/{item_id}/sign-off", response=ShowcaseOut, summary="Sign off (focal point)")
def sign_off_showcase(request: HttpRequest, item_id: int) -> ShowcaseItem:
    c = writer(request)
    return _showcase_item(request, showcase_sign_off(viewer=c.viewer, item_id=item_id, via=c.via))


@showcase_router.post("/showcase/{item_id}/withdraw", response=ShowcaseOut, summary="Withdraw from the showcase")
def withdraw_showcase(request: HttpRequest, item_id: int) -> ShowcaseItem:
    c = writer(request)
    return _showcase_item(request, showcase_withdraw(viewer=c.viewer, item_id=item_id, via=c.via))
