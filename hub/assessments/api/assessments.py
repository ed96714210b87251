"""MNR self-assessment API: cycles and a member's assessment, with the same rules as the pages: an
assessment another member's caller may not see is a 404 on every route, every opening by someone
outside the member is logged, edits carry the version (If-Match). Schemas in assessments_schemas.py."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Query
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status

from hub.assessments.api.assessments_schemas import MnrAccessOut
from hub.assessments.api.assessments_schemas import MnrAnswersIn
from hub.assessments.api.assessments_schemas import MnrAssessmentDetailOut
from hub.assessments.api.assessments_schemas import MnrAssessmentOut
from hub.assessments.api.assessments_schemas import MnrCycleIn
from hub.assessments.api.assessments_schemas import MnrCycleOut
from hub.assessments.api.assessments_schemas import MnrReopenIn
from hub.assessments.api.assessments_schemas import MnrStartIn
from hub.assessments.models import AccessLogEntry
from hub.assessments.models import Assessment
from hub.assessments.pdf import assessment_pdf
from hub.assessments.pdf import pdf_response
from hub.assessments.selectors.assessments import access_log
from hub.assessments.selectors.assessments import answer_groups
from hub.assessments.selectors.assessments import assessment_get
from hub.assessments.selectors.assessments import assessment_list
from hub.assessments.selectors.assessments import capability_ids_by_number
from hub.assessments.selectors.assessments import cycle_get
from hub.assessments.selectors.assessments import cycle_list
from hub.assessments.selectors.assessments import export_headers
from hub.assessments.selectors.assessments import export_rows
from hub.assessments.selectors.assessments import member_for_start
from hub.assessments.selectors.assessments import published_frameworks
from hub.assessments.selectors.framework import phase_labels
from hub.assessments.services.assessments import AnswerInput
from hub.assessments.services.assessments import access_record
from hub.assessments.services.assessments import answers_save
from hub.assessments.services.assessments import assessment_acknowledge
from hub.assessments.services.assessments import assessment_reopen
from hub.assessments.services.assessments import assessment_start
from hub.assessments.services.assessments import assessment_submit
from hub.assessments.services.assessments import cycle_close
from hub.assessments.services.assessments import cycle_create
from hub.core.api import Pagination
from hub.core.api import caller
from hub.core.api import if_match
from hub.core.api import set_etag
from hub.core.api import with_attributes
from hub.core.api import writer
from hub.core.errors import Problem
from hub.core.errors import ValidationFailed
from hub.core.viewer import Viewer
from hub.core.web import export_response

router = Router(tags=["Self-assessment"])
ONE = "/assessments/{assessment_id}"


@router.get("/cycles", response=list[MnrCycleOut], summary="Self-assessment cycles, with counts of statuses")
@paginate(Pagination)
def list_cycles(
    request: HttpRequest, status: str = Query("", max_length=16, description="open or closed")
) -> QuerySet[Any]:
    return cycle_list(viewer=caller(request).viewer, status=status)


@router.post("/cycles", response={201: MnrCycleOut}, summary="Open a self-assessment cycle (secretariat)")
def create_cycle(request: HttpRequest, payload: MnrCycleIn) -> Status[Any]:
    c = writer(request)
    framework = published_frameworks().filter(code=payload.framework).first()
    if framework is None:
        raise ValidationFailed(
            _("The cycle was not opened."), problems=[Problem(_("Choose a published framework version."), "framework")]
        )
    made = cycle_create(
        viewer=c.viewer,
        title=payload.title,
        framework=framework,
        opens_on=payload.opens_on,
        due_on=payload.due_on,
        via=c.via,
    )
    return Status(201, cycle_get(viewer=c.viewer, pk=made.pk))


@router.get("/cycles/{cycle_id}", response=MnrCycleOut, summary="One self-assessment cycle")
def get_cycle(request: HttpRequest, cycle_id: int) -> Any:
    return cycle_get(viewer=caller(request).viewer, pk=cycle_id)


@router.post(
    "/cycles/{cycle_id}/close", response=MnrCycleOut, summary="Close an open cycle (secretariat; 409 once closed)"
)
def close_cycle(request: HttpRequest, cycle_id: int) -> Any:
    c = writer(request)
    cycle_close(viewer=c.viewer, cycle_id=cycle_id, via=c.via)
    return cycle_get(viewer=c.viewer, pk=cycle_id)


def _detail(viewer: Viewer, assessment: Assessment, response: HttpResponse | None = None) -> Any:
    labels = phase_labels()
    groups = answer_groups(assessment=assessment, labels=labels)
    if response is not None:
        set_etag(response, assessment)
    previous = assessment.prefilled_from
    return with_attributes(
        assessment,
        framework=assessment.cycle.framework.code,
        prefilled_from_cycle=previous.cycle.title if previous else None,
        answers=[
            {
                "capability": r.capability.number,
                "capability_id": r.capability.pk,
                "capability_name": r.capability.name,
                "domain": g.domain,
                "phase": r.answer.phase,
                "phase_label": r.phase_label,
                "target_phase": r.answer.target_phase,
                "target_label": r.target_label,
                "priority": r.answer.priority,
                "evidence": r.answer.evidence,
                "notes": r.answer.notes,
                "planned_actions": r.answer.planned_actions,
                "previous_phase": r.was_phase,
                "change": r.change,
            }
            for g in groups
            for r in g.rows
        ],
    )


@router.get("/assessments", response=list[MnrAssessmentOut], summary="The self-assessments you may see")
@paginate(Pagination)
def list_assessments(
    request: HttpRequest,
    cycle: int | None = Query(None, ge=1, le=9_223_372_036_854_775_807, description="Only this cycle's (its id)"),
) -> QuerySet[Assessment]:
    return assessment_list(viewer=caller(request).viewer, cycle_id=cycle)


@router.post("/assessments", response={201: MnrAssessmentDetailOut}, summary="Start your member's self-assessment")
def start_assessment(request: HttpRequest, response: HttpResponse, payload: MnrStartIn) -> Status[Any]:
    c = writer(request)
    cycle = cycle_get(viewer=c.viewer, pk=payload.cycle_id)
    member = member_for_start(viewer=c.viewer, member=payload.member)
    made = assessment_start(viewer=c.viewer, cycle_id=cycle.pk, member_id=member.pk, via=c.via)
    return Status(201, _detail(c.viewer, assessment_get(viewer=c.viewer, pk=made.pk), response))


@router.get(ONE, response=MnrAssessmentDetailOut, summary="One self-assessment with its answers (logged for outsiders)")
def get_assessment(request: HttpRequest, response: HttpResponse, assessment_id: int) -> Any:
    v = caller(request).viewer
    assessment = assessment_get(viewer=v, pk=assessment_id)
    access_record(viewer=v, assessment=assessment, channel=AccessLogEntry.Channel.API)
    return _detail(v, assessment, response)


@router.patch(
    ONE + "/answers",
    response=MnrAssessmentDetailOut,
    summary="Save answers of a draft, by capability number (send the ETag as If-Match; stale: 409)",
)
def patch_answers(request: HttpRequest, response: HttpResponse, assessment_id: int, payload: MnrAnswersIn) -> Any:
    c = writer(request)
    assessment = assessment_get(viewer=c.viewer, pk=assessment_id)
    ids = capability_ids_by_number(
        assessment=assessment,
        numbers=[a.capability or 0 for a in payload.answers],
        ids=[a.capability_id or 0 for a in payload.answers],
    )
    answers = {
        ids[i]: AnswerInput(
            phase=a.phase,
            target_phase=a.target_phase,
            priority=a.priority,
            evidence=a.evidence,
            notes=a.notes,
            planned_actions=a.planned_actions,
        )
        for i, a in enumerate(payload.answers)
    }
    answers_save(viewer=c.viewer, assessment_id=assessment_id, answers=answers, version=if_match(request), via=c.via)
    return _detail(c.viewer, assessment_get(viewer=c.viewer, pk=assessment_id), response)


@router.post(
    ONE + "/submit",
    response=MnrAssessmentDetailOut,
    summary="Submit a draft (focal point; every capability answered, else 422 listing them; 409 once submitted)",
)
def submit_assessment(request: HttpRequest, response: HttpResponse, assessment_id: int) -> Any:
    c = writer(request)
    assessment_submit(viewer=c.viewer, assessment_id=assessment_id, version=if_match(request), via=c.via)
    return _detail(c.viewer, assessment_get(viewer=c.viewer, pk=assessment_id), response)


@router.post(
    ONE + "/acknowledge",
    response=MnrAssessmentDetailOut,
    summary="Acknowledge a submitted self-assessment (secretariat; 409 once acknowledged)",
)
def acknowledge_assessment(request: HttpRequest, response: HttpResponse, assessment_id: int) -> Any:
    c = writer(request)
    assessment_acknowledge(viewer=c.viewer, assessment_id=assessment_id, via=c.via)
    return _detail(c.viewer, assessment_get(viewer=c.viewer, pk=assessment_id), response)


@router.post(
    ONE + "/reopen",
    response=MnrAssessmentDetailOut,
    summary="Reopen a submitted or acknowledged self-assessment as a draft, with a reason (secretariat)",
)
def reopen_assessment(request: HttpRequest, response: HttpResponse, assessment_id: int, payload: MnrReopenIn) -> Any:
    c = writer(request)
    assessment_reopen(viewer=c.viewer, assessment_id=assessment_id, reason=payload.reason, via=c.via)
    return _detail(c.viewer, assessment_get(viewer=c.viewer, pk=assessment_id), response)


@router.get(ONE + "/access-log", response=list[MnrAccessOut], summary="Who opened it from outside the member")
@paginate(Pagination)
def get_access_log(request: HttpRequest, assessment_id: int) -> list[dict[str, Any]]:
    v = caller(request).viewer
    assessment = assessment_get(viewer=v, pk=assessment_id)
    return [
        {
            "who": (e.user.full_name or e.user.email) if e.user else None,
            "opened_at": e.opened_at,
            "how": e.get_channel_display(),
            "channel": e.channel,
        }
        for e in access_log(viewer=v, assessment=assessment)
    ]


def _file_name(assessment: Assessment) -> str:
    return f"self-assessment-{assessment.member.slug}-{assessment.cycle_id}"


@router.get(ONE + "/export.xlsx", summary="The self-assessment as a spreadsheet (logged for outsiders)")
def export_assessment(request: HttpRequest, assessment_id: int) -> HttpResponse:
    v = caller(request).viewer
    assessment = assessment_get(viewer=v, pk=assessment_id)
    access_record(viewer=v, assessment=assessment, channel=AccessLogEntry.Channel.EXPORT)
    labels = phase_labels()
    rows = export_rows(assessment=assessment, groups=answer_groups(assessment=assessment, labels=labels), labels=labels)
    return export_response(headers=export_headers(), rows=rows, fmt="xlsx", filename=_file_name(assessment))


@router.get(ONE + "/pdf", summary="The self-assessment as PDF (logged for outsiders)")
def pdf_assessment(request: HttpRequest, assessment_id: int) -> HttpResponse:
    v = caller(request).viewer
    assessment = assessment_get(viewer=v, pk=assessment_id)
    access_record(viewer=v, assessment=assessment, channel=AccessLogEntry.Channel.PDF)
    labels = phase_labels()
    body = assessment_pdf(assessment, groups=answer_groups(assessment=assessment, labels=labels), labels=labels)
    return pdf_response(body, name=_file_name(assessment))
