"""Commitments (public), reporting cycles, questionnaires, progress reports with review and showcase."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import FileResponse
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.http import require_safe

from hub.core.errors import HubError
from hub.core.errors import NotFound
from hub.core.errors import PermissionDenied
from hub.core.forms import add_version_field
from hub.core.forms import form_version
from hub.core.policies import policy_for
from hub.core.viewer import Viewer
from hub.core.web import export_response
from hub.core.web import file_response
from hub.core.web import form_page
from hub.core.web import public_page
from hub.core.web import run_form
from hub.core.web import viewer
from hub.core.web import viewer_required
from hub.reporting.forms import CycleForm
from hub.reporting.forms import EvidenceForm
from hub.reporting.forms import ExtensionForm
from hub.reporting.forms import QuestionnaireForm
from hub.reporting.forms import ReportForm
from hub.reporting.forms import ReturnForm
from hub.reporting.forms import ShowcaseForm
from hub.reporting.forms import answer_field_name
from hub.reporting.models import ProgressReport
from hub.reporting.models import ProgressStatus
from hub.reporting.models import QuestionnaireVersion
from hub.reporting.models import ReportingCycle
from hub.reporting.models import ShowcaseItem
from hub.reporting.pdf import evidence_response
from hub.reporting.pdf import report_pdf
from hub.reporting.pdf import report_xlsx
from hub.reporting.selectors import EXPORT_HEADERS
from hub.reporting.selectors import ReportPage
from hub.reporting.selectors import answer_rows
from hub.reporting.selectors import cycle_dashboard
from hub.reporting.selectors import cycle_get
from hub.reporting.selectors import cycle_list
from hub.reporting.selectors import demo_members_exist
from hub.reporting.selectors import report_get
from hub.reporting.selectors import report_list
from hub.reporting.selectors import report_page
from hub.reporting.selectors import showcase_item_get
from hub.reporting.selectors import version_get
from hub.reporting.selectors import version_list
from hub.reporting.selectors import version_questions
from hub.reporting.services import CycleInput
from hub.reporting.services import cycle_create
from hub.reporting.services import cycle_open
from hub.reporting.services import cycle_transition
from hub.reporting.services import evidence_add
from hub.reporting.services import evidence_file
from hub.reporting.services import questionnaire_import
from hub.reporting.services import report_accept
from hub.reporting.services import report_extend
from hub.reporting.services import report_return
from hub.reporting.services import report_save
from hub.reporting.services import report_submit
from hub.reporting.services import showcase_propose
from hub.reporting.services import showcase_sign_off
from hub.reporting.services import showcase_withdraw

# --- cycles and questionnaires ----------------------------------------------------------------


@viewer_required
def cycles(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    manage = policy_for(ReportingCycle).can(v, "manage")
    form = None
    if manage:
        form = CycleForm(request.POST or None, versions=version_list(viewer=v), demo=demo_members_exist())
    elif request.method == "POST":
        raise PermissionDenied(_("Only the secretariat runs cycles."))

    def context() -> dict[str, Any]:
        items = list(cycle_list(viewer=v))
        reports = list(report_list(viewer=v)[:50]) if not manage else []
        return {"cycles": items, "reports": reports, "has_synthetic": any(c.is_synthetic for c in items)}

    return form_page(
        request,
        form,
        lambda d: cycle_create(viewer=v, data=CycleInput(**d)),
        success=_("Cycle created in draft."),
        next_url=lambda c: reverse("cycle_detail", args=[c.pk]),
        template="reporting/cycles.html",
        context=context,
    )


@require_safe
@viewer_required
def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    cycle = cycle_get(viewer=v, pk=pk)
    manage = policy_for(ReportingCycle).can(v, "manage", cycle)
    policy = policy_for(ReportingCycle)
    context = {
        "cycle": cycle,
        "manage": manage,
        "offers": {step: policy.can(v, step, cycle) for step in ("open", "close", "lock", "publish")},
        "dashboard": cycle_dashboard(viewer=v, cycle=cycle) if manage else None,
        "statuses": ProgressStatus.choices,
        "reports": list(report_list(viewer=v, cycle=cycle)),
        "has_synthetic": cycle.is_synthetic,
    }
    return render(request, "reporting/cycle.html", context)


CYCLE_ACTIONS = ("open", "close", "lock", "publish")


@require_POST
@viewer_required
def cycle_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    v = viewer(request)
    cycle = cycle_get(viewer=v, pk=pk)
    if action not in CYCLE_ACTIONS:
        raise NotFound()
    if not policy_for(ReportingCycle).can(v, "manage", cycle):
        raise PermissionDenied(_("Only the secretariat runs cycles."))
    messages_for = {
        "open": _("Cycle opened; draft reports created and focal points told."),
        "close": _("Cycle closed."),
        "lock": _("Cycle locked."),
        "publish": _("Cycle published."),
    }
    try:
        if action == "open":
            cycle_open(viewer=v, cycle_id=cycle.pk)
        else:
            cycle_transition(viewer=v, cycle_id=cycle.pk, action=action)
    except (NotFound, PermissionDenied):
        raise
    except HubError as exc:
        messages.error(request, " ".join([exc.message, *(p.message for p in exc.problems)]))
    else:
        messages.success(request, messages_for[action])
    return redirect("cycle_detail", pk=cycle.pk)


@require_safe
@viewer_required
def cycle_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    v = viewer(request)
    cycle = cycle_get(viewer=v, pk=pk)
    return export_response(
        headers=EXPORT_HEADERS, rows=answer_rows(viewer=v, cycle=cycle), fmt=fmt, filename=f"cycle-{cycle.pk}"
    )


@viewer_required
def questionnaires(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    versions = version_list(viewer=v)
    manage = policy_for(QuestionnaireVersion).can(v, "manage")
    form = QuestionnaireForm(request.POST or None, request.FILES or None, versions=versions) if manage else None
    if request.method == "POST" and form is None:
        raise PermissionDenied(_("Only the secretariat manages questionnaires."))

    def act(d: dict[str, Any]) -> Any:
        upload = d["file"]
        return questionnaire_import(
            viewer=v,
            code=d["code"],
            title=d["title"],
            name=upload.name,
            content=upload.read(),
            previous_code=d["previous"].code if d["previous"] else "",
            via="web",
        )

    return form_page(
        request,
        form,
        act,
        success=_("Questionnaire version imported."),
        next_url=reverse("questionnaires"),
        template="reporting/questionnaires.html",
        context=lambda: {"versions": list(versions)},
    )


@require_safe
@viewer_required
def questionnaire_detail(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    version = version_get(viewer=v, pk=pk)
    return render(
        request,
        "reporting/questionnaire.html",
        {"version": version, "questions": version_questions(viewer=v, version=version)},
    )


# --- one report --------------------------------------------------------------------------------


def _report_context(v: Viewer, report: ProgressReport, **forms: Any) -> dict[str, Any]:
    page: ReportPage = forms.pop("page", None) or report_page(viewer=v, report=report)
    policy = policy_for(ProgressReport)
    can_edit = policy.can(v, "edit_now", report)
    items = policy_for(ShowcaseItem)
    showcase = [s for a in page.answers for s in a.showcase]
    context: dict[str, Any] = {
        "report": report,
        "page": page,
        "can_edit": can_edit,
        "can_submit": policy.can(v, "submit_now", report),
        "can_review": policy.can(v, "return", report),
        "can_extend": policy.can(v, "extend", report),
        "can_showcase": policy.can(v, "showcase_now", report),
        "sign_off_ids": {s.pk for s in showcase if items.can(v, "sign_off", s)},
        "withdraw_ids": {s.pk for s in showcase if items.can(v, "withdraw", s)},
        "has_synthetic": report.is_synthetic,
    }
    if can_edit:
        context["form"] = forms.get("form") or _report_form(None, report, page)
        context["evidence_form"] = forms.get("evidence_form") or EvidenceForm(answers=page.answers, prefix="evidence")
    if context["can_review"]:
        context["return_form"] = forms.get("return_form") or ReturnForm(answers=page.answers, prefix="review")
    if context["can_extend"]:
        context["extension_form"] = forms.get("extension_form") or ExtensionForm(prefix="extension")
    if context["can_showcase"]:
        context["showcase_form"] = forms.get("showcase_form") or ShowcaseForm(answers=page.answers, prefix="showcase")
    context["sections"] = [
        (commitment, [(a, context["form"].fields_for(a.question.key) if can_edit else []) for a in views])
        for commitment, views in page.by_commitment
    ]
    return context


def _report_form(data: Any, report: ProgressReport, page: ReportPage) -> ReportForm:
    """The answers form, carrying the report's version (a save over a newer one is refused)."""
    form = ReportForm(data, answers=page.answers, prefix="answers")
    add_version_field(form, report)
    return form


@viewer_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The report: officials edit the draft here; everything typed is kept when it shows errors."""
    v = viewer(request)
    report = report_get(viewer=v, pk=pk)
    if request.method != "POST":
        return render(request, "reporting/report.html", _report_context(v, report))
    if not policy_for(ProgressReport).can(v, "edit", report):
        raise PermissionDenied(_("Your member may not write at the moment."))
    if not report.is_editable:  # the service refuses it with the reason (409), shown on the page
        return _post_only(request, pk, lambda v_, r: report_save(viewer=v_, report_id=r, answers={}), "")
    page = report_page(viewer=v, report=report)
    form = _report_form(request.POST, report, page)
    done = run_form(
        request,
        form,
        lambda d: report_save(
            viewer=v, report_id=report.pk, answers=form.answers_payload(), version=form_version(form)
        ),
        success=_("Report saved."),
        next_url=reverse("report_detail", args=[report.pk]),
    )
    if done:
        return done
    return render(request, "reporting/report.html", _report_context(v, report, form=form, page=page), status=422)


def _report_form_action(
    request: HttpRequest,
    pk: int,
    name: str,
    make: Callable[[ReportPage], Any],
    act: Callable[[Viewer, ProgressReport, Any], Any],
    success: str,
) -> HttpResponse:
    """A secondary form of the report page, posted to its own address; shown again on the page with
    its errors when it fails."""
    v = viewer(request)
    report = report_get(viewer=v, pk=pk)
    page = report_page(viewer=v, report=report)
    form = make(page)
    done = run_form(
        request, form, lambda d: act(v, report, form), success=success, next_url=reverse("report_detail", args=[pk])
    )
    if done:
        return done
    context = _report_context(v, report, page=page, **{name: form})
    if name not in context:  # the viewer sees the report but may not use this form
        raise PermissionDenied(_("You may not do this."))
    return render(request, "reporting/report.html", context, status=422)


def _post_only(request: HttpRequest, pk: int, act: Callable[[Viewer, int], Any], success: str) -> HttpResponse:
    v = viewer(request)
    report = report_get(viewer=v, pk=pk)
    try:
        act(v, report.pk)
    except (NotFound, PermissionDenied):
        raise
    except HubError as exc:
        messages.error(request, exc.message)
        context = _report_context(v, report)
        context["action_problems"] = [
            (p.message, f"id_answers-{answer_field_name(p.field)}" if p.field else "") for p in exc.problems
        ]
        context["action_message"] = exc.message
        return render(request, "reporting/report.html", context, status=exc.status)
    messages.success(request, success)
    return redirect("report_detail", pk=report.pk)


@require_POST
@viewer_required
def report_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_only(
        request, pk, lambda v, r: report_submit(viewer=v, report_id=r), _("Report submitted to the secretariat.")
    )


@require_POST
@viewer_required
def report_accept_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_only(request, pk, lambda v, r: report_accept(viewer=v, report_id=r), _("Report accepted."))


@require_POST
@viewer_required
def report_return_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _report_form_action(
        request,
        pk,
        "return_form",
        lambda page: ReturnForm(request.POST, answers=page.answers, prefix="review"),
        lambda v, report, form: report_return(viewer=v, report_id=report.pk, comments=form.comments()),
        _("Report returned to the member with your comments."),
    )


@require_POST
@viewer_required
def report_extension_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _report_form_action(
        request,
        pk,
        "extension_form",
        lambda page: ExtensionForm(request.POST, prefix="extension"),
        lambda v, report, form: report_extend(
            viewer=v, report_id=report.pk, until=form.cleaned_data["until"], reason=form.cleaned_data["reason"]
        ),
        _("Extension granted."),
    )


@require_POST
@viewer_required
def evidence_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _report_form_action(
        request,
        pk,
        "evidence_form",
        lambda page: EvidenceForm(request.POST, request.FILES, answers=page.answers, prefix="evidence"),
        lambda v, report, form: evidence_add(
            viewer=v,
            answer_id=form.answer_id(),
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
            url=form.cleaned_data["url"] or "",
            visibility=form.cleaned_data["visibility"],
        ),
        _("Evidence added."),
    )


@require_POST
@viewer_required
def showcase_propose_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _report_form_action(
        request,
        pk,
        "showcase_form",
        lambda page: ShowcaseForm(request.POST, answers=page.answers, prefix="showcase"),
        lambda v, report, form: showcase_propose(
            viewer=v, answer_id=form.answer_id(), title=form.cleaned_data["title"], summary=form.cleaned_data["summary"]
        ),
        _("Item proposed; it appears on the public site once your focal point signs it off."),
    )


@require_POST
@viewer_required
def showcase_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    v = viewer(request)
    item = showcase_item_get(viewer=v, pk=pk)
    report = item.answer.report
    if not policy_for(ProgressReport).can_view(v, report) or action not in ("sign-off", "withdraw"):
        raise NotFound()
    if action == "sign-off":
        return _post_only(
            request,
            report.pk,
            lambda viewer_, _r: showcase_sign_off(viewer=viewer_, item_id=item.pk),
            _("Signed off: the item is now on the public commitment page."),
        )
    return _post_only(
        request,
        report.pk,
        lambda viewer_, _r: showcase_withdraw(viewer=viewer_, item_id=item.pk),
        _("Item withdrawn from the public site."),
    )


@require_safe
@viewer_required
def report_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    report = report_get(viewer=v, pk=pk)
    body = report_pdf(report_page(viewer=v, report=report))
    return file_response(body, content_type="application/pdf", filename=f"report-{report.pk}.pdf", inline=True)


@require_safe
@viewer_required
def report_xlsx_view(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    report = report_get(viewer=v, pk=pk)
    return file_response(
        report_xlsx(answer_rows(viewer=v, report=report), synthetic=report.is_synthetic),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename=f"report-{report.pk}.xlsx",
    )


@require_safe
@public_page
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    return evidence_response(evidence_file(viewer=viewer(request), evidence_id=pk))
