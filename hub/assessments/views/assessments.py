"""MNR self-assessment: the pages of cycles and of a member's assessment.

The home lists the open cycles with the viewer's own member's assessment (or, for the secretariat,
counts of submitted and acknowledged ones per cycle). An assessment's page shows every capability by
domain with what changed since the cycle it was prefilled from; its officials save it, its focal
point submits it, the secretariat acknowledges or reopens it. Every opening by someone outside the
member (page, XLSX, PDF) is logged for the member's focal point to read.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import URLPattern
from django.urls import path
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.decorators.http import require_POST
from django.views.decorators.http import require_safe

from hub.assessments.forms.assessments import AssessmentForm
from hub.assessments.forms.assessments import CycleForm
from hub.assessments.forms.assessments import ReopenForm
from hub.assessments.models import AccessLogEntry
from hub.assessments.models import Assessment
from hub.assessments.models import AssessmentCycle
from hub.assessments.pdf import assessment_pdf
from hub.assessments.pdf import pdf_response
from hub.assessments.selectors.assessments import access_log
from hub.assessments.selectors.assessments import answer_groups
from hub.assessments.selectors.assessments import assessment_get
from hub.assessments.selectors.assessments import cycle_get
from hub.assessments.selectors.assessments import cycle_list
from hub.assessments.selectors.assessments import cycle_statuses
from hub.assessments.selectors.assessments import export_headers
from hub.assessments.selectors.assessments import export_rows
from hub.assessments.selectors.assessments import member_for_start
from hub.assessments.selectors.assessments import own_assessments
from hub.assessments.selectors.assessments import phase_choices
from hub.assessments.selectors.assessments import published_frameworks
from hub.assessments.selectors.framework import phase_labels
from hub.assessments.services.assessments import access_record
from hub.assessments.services.assessments import answers_save
from hub.assessments.services.assessments import assessment_acknowledge
from hub.assessments.services.assessments import assessment_reopen
from hub.assessments.services.assessments import assessment_start
from hub.assessments.services.assessments import assessment_submit
from hub.assessments.services.assessments import cycle_close
from hub.assessments.services.assessments import cycle_create
from hub.assessments.services.assessments import unanswered
from hub.core.concurrency import VERSION_FIELD
from hub.core.concurrency import version_of
from hub.core.errors import HubError
from hub.core.errors import NotFound
from hub.core.errors import PermissionDenied
from hub.core.policies import policy_for
from hub.core.web import confirm_page
from hub.core.web import export_response
from hub.core.web import form_page
from hub.core.web import is_confirmed
from hub.core.web import paginate
from hub.core.web import take_step
from hub.core.web import viewer
from hub.core.web import viewer_required
from hub.members.models import Member


def _writes_for(v: Any, own: list[Any]) -> set[int]:
    """The viewer's members it may write for (start an assessment in their name)."""
    policy = policy_for(Member)
    return {row.member.pk for row in own if policy.can(v, "act_for", row.member)}


def _browse_or_404(request: HttpRequest) -> Any:
    v = viewer(request)
    if not policy_for(AssessmentCycle).can(v, "browse"):
        raise NotFound()
    return v


@require_safe
@viewer_required
def assessments(request: HttpRequest) -> HttpResponse:
    v = _browse_or_404(request)
    cycles = list(cycle_list(viewer=v)[:50])
    cycle_policy: Any = policy_for(AssessmentCycle)
    open_cycles = [c for c in cycles if c.is_open]
    own = own_assessments(viewer=v, cycles=cycles)
    context = {
        "cycles": cycles,
        "open_cycles": open_cycles,
        "own": own,
        "can_manage": cycle_policy.can(v, "manage"),
        "can_track": cycle_policy.can(v, "track"),
        "start_ids": {c.pk for c in open_cycles if cycle_policy.can(v, "start", c)},
        "writer_ids": _writes_for(v, own),
        "has_synthetic": any(c.is_synthetic for c in cycles),
    }
    return render(request, "assessments/assessments/home.html", context)


@viewer_required
def assessments_cycle_new(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    if not policy_for(AssessmentCycle).can(v, "manage"):
        raise NotFound()
    form = CycleForm(request.POST or None, frameworks=published_frameworks())
    return form_page(
        request,
        form,
        lambda d: cycle_create(
            viewer=v, title=d["title"], framework=d["framework"], opens_on=d["opens_on"], due_on=d["due_on"]
        ),
        template="assessments/cycles/form.html",
        success=_("The self-assessment cycle is open."),
        next_url=lambda c: reverse("assessments_cycle", args=[c.pk]),
    )


@require_safe
@viewer_required
def assessments_cycle(request: HttpRequest, pk: int) -> HttpResponse:
    v = _browse_or_404(request)
    cycle = cycle_get(viewer=v, pk=pk)
    policy: Any = policy_for(AssessmentCycle)
    tracking = policy.can(v, "track", cycle)
    own = own_assessments(viewer=v, cycles=[cycle])
    context = {
        "cycle": cycle,
        "statuses": cycle_statuses(viewer=v, cycle=cycle) if tracking else [],
        "tracking": tracking,
        "own": own,
        "can_close": policy.can(v, "close", cycle),
        "can_start": policy.can(v, "start", cycle),
        "writer_ids": _writes_for(v, own),
        "has_synthetic": cycle.is_synthetic,
    }
    return render(request, "assessments/cycles/detail.html", context)


@require_POST
@viewer_required
def assessments_cycle_close(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    cycle = cycle_get(viewer=v, pk=pk)
    if not policy_for(AssessmentCycle).can(v, "manage", cycle):
        raise NotFound()
    back = reverse("assessments_cycle", args=[pk])
    if not is_confirmed(request):
        return confirm_page(
            request,
            title=_("Close the cycle “%(title)s”?") % {"title": cycle.title},
            what_happens=[
                _("Members can no longer start, edit or submit their self-assessments of this cycle."),
                _("Submitted assessments can still be acknowledged."),
            ],
            button=_("Close the cycle"),
            cancel_url=back,
            danger=True,
        )
    return take_step(request, lambda: cycle_close(viewer=v, cycle_id=pk), success=_("The cycle is closed."), back=back)


@require_POST
@viewer_required
def assessments_start(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    cycle = cycle_get(viewer=v, pk=pk)
    member = member_for_start(viewer=v, member=request.POST.get("member", "")[:100])
    try:
        started = assessment_start(viewer=v, cycle_id=cycle.pk, member_id=member.pk)
    except (NotFound, PermissionDenied):
        raise
    except HubError as exc:
        messages.error(request, " ".join([exc.message, *(p.message for p in exc.problems)]))
        return redirect("assessments_cycle", pk=cycle.pk)
    messages.success(request, _("The self-assessment is started. Save your answers as you go."))
    return redirect("assessments_assessment", pk=started.pk)


def _back(pk: int) -> str:
    return reverse("assessments_assessment", args=[pk])


def _assessment_page(
    request: HttpRequest,
    assessment: Assessment,
    *,
    form: AssessmentForm | None = None,
    reopen_form: ReopenForm | None = None,
    status: int = 200,
) -> HttpResponse:
    v = viewer(request)
    policy: Any = policy_for(Assessment)
    labels = phase_labels()
    groups = answer_groups(assessment=assessment, labels=labels)
    can_edit = policy.can(v, "edit", assessment)
    if form is None and can_edit:
        form = AssessmentForm(
            assessment=assessment, answers=[r.answer for g in groups for r in g.rows], phases=phase_choices()
        )
    if form is not None:
        for g in groups:
            for r in g.rows:
                r.fields = form.fields_of(r.capability.pk)
    can_reopen = policy.can(v, "reopen", assessment)
    context = {
        "assessment": assessment,
        "cycle": assessment.cycle,
        "groups": groups,
        "labels": labels,
        "phases": phase_choices(),
        "form": form,
        "can_edit": can_edit,
        "can_submit": policy.can(v, "submit", assessment),
        "can_acknowledge": policy.can(v, "acknowledge", assessment),
        "can_reopen": can_reopen,
        "reopen_form": reopen_form or (ReopenForm() if can_reopen else None),
        "can_read_log": policy.can(v, "read_access_log", assessment),
        "changes": sum(1 for g in groups for r in g.rows if r.change),
        "version_field": VERSION_FIELD,
        "version": version_of(assessment),
        "has_synthetic": assessment.is_synthetic,
    }
    return render(request, "assessments/assessments/detail.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@viewer_required
def assessments_assessment(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    assessment = assessment_get(viewer=v, pk=pk)
    if request.method != "POST":
        access_record(viewer=v, assessment=assessment, channel=AccessLogEntry.Channel.PAGE)
        return _assessment_page(request, assessment)
    answers = list(assessment.answers.select_related("capability").order_by("capability__number"))
    form = AssessmentForm(request.POST, assessment=assessment, answers=answers, phases=phase_choices())
    if not form.is_valid():
        return _assessment_page(request, assessment, form=form, status=422)
    try:
        answers_save(
            viewer=v, assessment_id=pk, answers=form.answers_input(), version=form.cleaned_data.get(VERSION_FIELD)
        )
    except (NotFound, PermissionDenied):
        raise
    except HubError as exc:
        form.add_hub_error(exc)
        return _assessment_page(request, assessment, form=form, status=exc.status)
    messages.success(request, _("Your answers are saved."))
    return redirect(_back(pk))


@require_POST
@viewer_required
def assessments_submit(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    assessment = assessment_get(viewer=v, pk=pk)
    given = request.POST.get(VERSION_FIELD) or None

    def act() -> Any:
        return assessment_submit(viewer=v, assessment_id=pk, version=given)

    missing = unanswered(assessment)
    if not missing and not is_confirmed(request) and policy_for(Assessment).can(v, "submit", assessment):
        return confirm_page(
            request,
            title=_("Submit %(member)s's self-assessment to the secretariat?") % {"member": assessment.member.name},
            what_happens=[
                _("The self-assessment can no longer be edited, unless the secretariat reopens it."),
                _("The secretariat acknowledges it; only then, and only in safe aggregates, does it count."),
            ],
            button=_("Submit the self-assessment"),
            cancel_url=_back(pk),
        )
    return take_step(request, act, success=_("The self-assessment was submitted to the secretariat."), back=_back(pk))


@require_POST
@viewer_required
def assessments_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    assessment = assessment_get(viewer=v, pk=pk)
    if not policy_for(Assessment).can(v, "acknowledge"):
        raise NotFound()
    if not is_confirmed(request):
        return confirm_page(
            request,
            title=_("Acknowledge %(member)s's self-assessment?") % {"member": assessment.member.name},
            what_happens=[_("The member sees that the secretariat has received and acknowledged it.")],
            button=_("Acknowledge"),
            cancel_url=_back(pk),
        )
    return take_step(
        request,
        lambda: assessment_acknowledge(viewer=v, assessment_id=pk),
        success=_("The self-assessment is acknowledged."),
        back=_back(pk),
    )


@require_POST
@viewer_required
def assessments_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    assessment = assessment_get(viewer=v, pk=pk)
    if not policy_for(Assessment).can(v, "reopen"):
        raise NotFound()
    form = ReopenForm(request.POST)
    if not form.is_valid():
        return _assessment_page(request, assessment, reopen_form=form, status=422)
    if not is_confirmed(request):
        return confirm_page(
            request,
            title=_("Reopen %(member)s's self-assessment?") % {"member": assessment.member.name},
            what_happens=[
                _("It goes back to draft: the member's officials can edit it and its focal point submits it again."),
                _("Until then, it leaves every aggregate shown afterwards."),
                _("The member's officials read your reason."),
            ],
            button=_("Reopen"),
            cancel_url=_back(pk),
            danger=True,
        )
    reason = form.cleaned_data["reason"]
    return take_step(
        request,
        lambda: assessment_reopen(viewer=v, assessment_id=pk, reason=reason),
        success=_("The self-assessment is reopened as a draft."),
        back=_back(pk),
    )


@require_safe
@viewer_required
def assessments_access_log(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    assessment = assessment_get(viewer=v, pk=pk)
    page = paginate(request, access_log(viewer=v, assessment=assessment))
    context = {"assessment": assessment, "page": page, "has_synthetic": assessment.is_synthetic}
    return render(request, "assessments/assessments/access_log.html", context)


def _file_name(assessment: Assessment) -> str:
    return f"self-assessment-{assessment.member.slug}-{assessment.cycle.pk}"


@require_safe
@viewer_required
def assessments_export(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    assessment = assessment_get(viewer=v, pk=pk)
    access_record(viewer=v, assessment=assessment, channel=AccessLogEntry.Channel.EXPORT)
    labels = phase_labels()
    groups = answer_groups(assessment=assessment, labels=labels)
    rows = export_rows(assessment=assessment, groups=groups, labels=labels)
    return export_response(headers=export_headers(), rows=rows, fmt="xlsx", filename=_file_name(assessment))


@require_safe
@viewer_required
def assessments_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    assessment = assessment_get(viewer=v, pk=pk)
    access_record(viewer=v, assessment=assessment, channel=AccessLogEntry.Channel.PDF)
    labels = phase_labels()
    groups = answer_groups(assessment=assessment, labels=labels)
    return pdf_response(assessment_pdf(assessment, groups=groups, labels=labels), name=_file_name(assessment))


urlpatterns: list[URLPattern] = [
    path("assessments/", assessments, name="assessments"),
    path("assessments/cycles/new/", assessments_cycle_new, name="assessments_cycle_new"),
    path("assessments/cycles/<int:pk>/", assessments_cycle, name="assessments_cycle"),
    path("assessments/cycles/<int:pk>/close/", assessments_cycle_close, name="assessments_cycle_close"),
    path("assessments/cycles/<int:pk>/start/", assessments_start, name="assessments_start"),
    path("assessments/<int:pk>/", assessments_assessment, name="assessments_assessment"),
    path("assessments/<int:pk>/submit/", assessments_submit, name="assessments_submit"),
    path("assessments/<int:pk>/acknowledge/", assessments_acknowledge, name="assessments_acknowledge"),
    path("assessments/<int:pk>/reopen/", assessments_reopen, name="assessments_reopen"),
    path("assessments/<int:pk>/access-log/", assessments_access_log, name="assessments_access_log"),
    path("assessments/<int:pk>/export.xlsx", assessments_export, name="assessments_export"),
    path("assessments/<int:pk>/pdf/", assessments_pdf, name="assessments_pdf"),
]
