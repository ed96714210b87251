"""Commitments (public), reporting cycles, questionnaires, progress reports with review and showcase."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.http import FileResponse
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django.views.decorators.http import require_safe

from hub.core.concurrency import version_of
from hub.core.errors import HubError
from hub.core.errors import NotFound
from hub.core.errors import PermissionDenied
from hub.core.policies import policy_for
from hub.core.viewer import Viewer
from hub.core.web import confirm_page
from hub.core.web import export_response
from hub.core.web import file_response
from hub.core.web import form_page
from hub.core.web import form_status
from hub.core.web import is_confirmed
from hub.core.web import public_page
from hub.core.web import run_form
from hub.core.web import viewer
from hub.core.web import viewer_required
from hub.reporting.forms import CycleForm
from hub.reporting.forms import ExtensionForm
from hub.reporting.forms import QuestionnaireForm
from hub.reporting.forms import ReturnForm
from hub.reporting.forms import SectionForm
from hub.reporting.forms import ShowcaseForm
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
from hub.reporting.selectors import answer_gaps
from hub.reporting.selectors import answer_is_answered
from hub.reporting.selectors import answer_rows
from hub.reporting.selectors import cycle_dashboard
from hub.reporting.selectors import cycle_get
from hub.reporting.selectors import cycle_list
from hub.reporting.selectors import demo_members_exist
from hub.reporting.selectors import report_checklist
from hub.reporting.selectors import report_get
from hub.reporting.selectors import report_list
from hub.reporting.selectors import report_page
from hub.reporting.selectors import showcase_item_get
from hub.reporting.selectors import version_get
from hub.reporting.selectors import version_list
from hub.reporting.selectors import version_questions
from hub.reporting.services import CycleInput
from hub.reporting.services import EvidenceInput
from hub.reporting.services import cycle_create
from hub.reporting.services import cycle_open
from hub.reporting.services import cycle_transition
from hub.reporting.services import evidence_file
from hub.reporting.services import questionnaire_import
from hub.reporting.services import report_accept
from hub.reporting.services import report_extend
from hub.reporting.services import report_return
from hub.reporting.services import report_section_save
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
    if not policy_for(ReportingCycle).can(v, action, cycle):
        messages.error(request, _("This step is not possible in the cycle's present state."))
        return redirect("cycle_detail", pk=cycle.pk)
    if not is_confirmed(request):
        return confirm_page(request, cancel_url=reverse("cycle_detail", args=[cycle.pk]), **_cycle_confirm(action))
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


def _cycle_confirm(action: str) -> dict[str, Any]:
    """What each step on a cycle does, for its confirmation page."""
    steps: dict[str, dict[str, Any]] = {
        "open": {
            "title": _("Open the cycle?"),
            "what_happens": [
                _("A draft report is created for every member, prefilled from its last accepted report."),
                _("Every focal point is told by e-mail; the questionnaire version can no longer change."),
            ],
            "button": _("Open the cycle"),
        },
        "close": {
            "title": _("Close the cycle?"),
            "what_happens": [
                _("The close date has passed for everyone: reports submitted from now on are marked late."),
                _("Members can still submit until the cycle is locked."),
            ],
            "button": _("Close the cycle"),
        },
        "lock": {
            "title": _("Lock the cycle?"),
            "what_happens": [
                _("No report can be submitted, returned or changed any more."),
                _("Reports not submitted stay unsubmitted."),
            ],
            "button": _("Lock the cycle"),
            "danger": True,
        },
        "publish": {
            "title": _("Publish the cycle?"),
            "what_happens": [
                _("The cycle's results are public: aggregate figures, and the showcase items signed off."),
                _("Publishing cannot be undone."),
            ],
            "button": _("Publish the cycle"),
            "danger": True,
        },
    }
    return steps[action]


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


def _report_url(report: ProgressReport | int, anchor: str = "") -> str:
    pk = report if isinstance(report, int) else report.pk
    return reverse("report_detail", args=[pk]) + (f"#{anchor}" if anchor else "")


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _fail(request: HttpRequest, exc: HubError, url: str) -> HttpResponse:
    """A step that failed: its reason (and each problem) shown on the record's page."""
    messages.error(request, " ".join([exc.message, *(p.message for p in exc.problems)]))
    return redirect(url)


def _section_form(v: Viewer, commitment: Any, views: list[Any], data: Any = None, files: Any = None) -> SectionForm:
    return SectionForm(
        data,
        files,
        commitment=commitment,
        answers=views,
        versions={a.question.key: version_of(a.answer) for a in views},
        prefix=f"c{commitment.number}",
    )


def _sections(v: Viewer, page: ReportPage, can_edit: bool, bound: SectionForm | None = None) -> list[dict[str, Any]]:
    """One entry per commitment: its answers, and the form that saves it alone when the viewer may edit."""
    out = []
    for commitment, views in page.by_commitment:
        form = None
        if can_edit:
            form = bound if bound is not None and bound.commitment.pk == commitment.pk else None
            form = form or _section_form(v, commitment, views)
        out.append(
            {
                "commitment": commitment,
                "answers": [(a, form.fields_for(a.question.key) if form else []) for a in views],
                "form": form,
                "answered": sum(1 for a in views if answer_is_answered(a.answer)),
                "gaps": sum(len(answer_gaps(a.answer)) for a in views),
            }
        )
    return out


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
        "sections": _sections(v, page, can_edit, forms.get("section_form")),
    }
    if context["can_review"]:
        context["return_form"] = forms.get("return_form") or ReturnForm(answers=page.answers, prefix="review")
    if context["can_extend"]:
        context["extension_form"] = forms.get("extension_form") or ExtensionForm(prefix="extension")
    if context["can_showcase"]:
        context["showcase_form"] = forms.get("showcase_form") or ShowcaseForm(answers=page.answers, prefix="showcase")
    return context


@require_safe
@viewer_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The report: one section per commitment, each saved on its own (officials, while it is a draft)."""
    v = viewer(request)
    report = report_get(viewer=v, pk=pk)
    return render(request, "reporting/report.html", _report_context(v, report))


@require_POST
@viewer_required
def report_section(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """Save one commitment's answers (and attach evidence to one of them): with htmx the section alone
    is answered and swapped in; without, the page. Nothing typed in another section is in play."""
    v = viewer(request)
    report = report_get(viewer=v, pk=pk)
    if not policy_for(ProgressReport).can(v, "edit", report):
        raise PermissionDenied(_("Your member may not write at the moment."))
    page = report_page(viewer=v, report=report)
    found = next(((c, views) for c, views in page.by_commitment if c.number == number), None)
    if found is None:
        raise NotFound()
    commitment, views = found
    form = _section_form(v, commitment, views, request.POST, request.FILES)
    attach = request.POST.get("then") == "attach"
    saved = False
    if form.is_valid():
        if attach and not form.evidence_given():
            form.add_error("evidence-title", _("Give the evidence a title, and a file or a link."))
        else:
            try:
                report_section_save(
                    viewer=v,
                    report_id=report.pk,
                    answers=form.answers_payload(),
                    answer_versions=form.versions(),
                    evidence=_evidence_input(form) if form.evidence_given() else None,
                )
                saved = True
            except (NotFound, PermissionDenied):
                raise
            except HubError as exc:
                if not policy_for(ProgressReport).can(v, "edit_now", report_get(viewer=v, pk=pk)):
                    # No longer editable (submitted, or the cycle locked meanwhile): the page says why.
                    messages.error(request, " ".join([exc.message, *(p.message for p in exc.problems)]))
                    if _is_htmx(request):
                        return HttpResponse(headers={"HX-Redirect": _report_url(report)})
                    return redirect(_report_url(report))
                form.add_hub_error(exc)
    anchor = f"section-{number}"
    if saved:
        done = _("Evidence added and answers saved.") if form.evidence_given() else _("Answers saved.")
        if not _is_htmx(request):
            messages.success(request, done)
            return redirect(_report_url(report, anchor))
        report = report_get(viewer=v, pk=pk)
        page = report_page(viewer=v, report=report)
        context = _report_context(v, report, page=page)
        context["saved_notice"] = done
    else:
        context = _report_context(v, report, page=page, section_form=form)
    if _is_htmx(request):  # htmx swaps 200 answers only: the section with its errors, or saved
        context["section"] = next(s for s in context["sections"] if s["commitment"].number == number)
        context["oob"] = True
        return render(request, "reporting/_section.html", context)
    return render(request, "reporting/report.html", context, status=form_status(request))


def _evidence_input(form: SectionForm) -> EvidenceInput:
    d = form.cleaned_data
    return EvidenceInput(
        answer_id=form.evidence_answer_id(),
        title=d.get("evidence-title") or "",
        upload=d.get("evidence-file"),
        url=d.get("evidence-url") or "",
        visibility=d.get("evidence-visibility") or "member",
    )


@require_safe
@viewer_required
def report_check(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Check your answers": each commitment's answers, what is still missing, and the Submit button."""
    v = viewer(request)
    report = report_get(viewer=v, pk=pk)
    page = report_page(viewer=v, report=report, with_previous=False)
    checks = report_checklist(page)
    policy = policy_for(ProgressReport)
    context = {
        "report": report,
        "page": page,
        "checks": checks,
        "missing": sum(len(g) for c in checks for _, g in c.answers),
        "can_edit": policy.can(v, "edit_now", report),
        "can_submit": policy.can(v, "submit_now", report),
        "has_synthetic": report.is_synthetic,
    }
    return render(request, "reporting/check.html", context)


def _step(
    request: HttpRequest,
    report: ProgressReport,
    act: Callable[[], Any],
    *,
    success: str,
    failed_url: str = "",
) -> HttpResponse:
    """Take a confirmed step on the report; a refusal is shown on the report's page (or `failed_url`)."""
    try:
        act()
    except (NotFound, PermissionDenied):
        raise
    except HubError as exc:
        return _fail(request, exc, failed_url or _report_url(report))
    messages.success(request, success)
    return redirect(_report_url(report))


@require_POST
@viewer_required
def report_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    report = report_get(viewer=v, pk=pk)
    policy_for(ProgressReport).require(
        v, "submit", report, message=_("Only your member's focal point submits the report.")
    )
    check_url = reverse("report_check", args=[report.pk])
    if not is_confirmed(request):
        return confirm_page(
            request,
            title=_("Submit the report to the secretariat?"),
            what_happens=[
                _("The report goes to the secretariat, which reviews it and accepts it or returns it with comments."),
                _("Nobody can change the answers or add evidence until the secretariat returns it."),
                _("After the due date it is marked late."),
            ],
            button=_("Submit the report"),
            cancel_url=check_url,
        )
    return _step(
        request,
        report,
        lambda: report_submit(viewer=v, report_id=report.pk),
        success=_("Report submitted to the secretariat."),
        failed_url=check_url,
    )


@require_POST
@viewer_required
def report_accept_view(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    report = report_get(viewer=v, pk=pk)
    policy_for(ProgressReport).require(v, "review", report, message=_("Only the secretariat reviews reports."))
    if not is_confirmed(request):
        return confirm_page(
            request,
            title=_("Accept the report?"),
            what_happens=[
                _("The report is accepted as it stands: it can no longer be returned or changed."),
                _("The member may then propose answers for the public site (showcase)."),
            ],
            button=_("Accept the report"),
            cancel_url=_report_url(report),
        )
    return _step(request, report, lambda: report_accept(viewer=v, report_id=report.pk), success=_("Report accepted."))


def _report_form_action(
    request: HttpRequest,
    pk: int,
    name: str,
    make: Callable[[ReportPage], Any],
    act: Callable[[Viewer, ProgressReport, Any], Any],
    success: str,
    confirm: Callable[[ProgressReport, Any], dict[str, Any]] | None = None,
    narratives: Sequence[str] = (),
) -> HttpResponse:
    """A secondary form of the report page, posted to its own address: when valid, confirmed (if
    `confirm` says what will happen), then taken; shown again on the page with its errors when it fails."""
    v = viewer(request)
    report = report_get(viewer=v, pk=pk)
    page = report_page(viewer=v, report=report)
    form = make(page)
    if confirm is not None and form.is_valid() and not is_confirmed(request):
        return confirm_page(request, cancel_url=_report_url(report), **confirm(report, form))
    done = run_form(
        request,
        form,
        lambda d: act(v, report, form),
        success=success,
        next_url=_report_url(report),
        narratives=narratives,
    )
    if done:
        return done
    context = _report_context(v, report, page=page, **{name: form})
    if name not in context:  # the viewer sees the report but may not use this form
        raise PermissionDenied(_("You may not do this."))
    return render(request, "reporting/report.html", context, status=422)


@require_POST
@viewer_required
def report_return_view(request: HttpRequest, pk: int) -> HttpResponse:
    def confirm(report: ProgressReport, form: Any) -> dict[str, Any]:
        n = len(form.comments())
        return {
            "title": _("Return the report to the member?"),
            "what_happens": [
                ngettext(
                    "The member's officials see your %(n)s comment beside its answer.",
                    "The member's officials see your %(n)s comments, each beside its answer.",
                    n,
                )
                % {"n": n},
                _("The focal point is told by e-mail; the member revises the report and submits it again."),
            ],
            "button": _("Return the report"),
        }

    return _report_form_action(
        request,
        pk,
        "return_form",
        lambda page: ReturnForm(request.POST, answers=page.answers, prefix="review"),
        lambda v, report, form: report_return(viewer=v, report_id=report.pk, comments=form.comments()),
        _("Report returned to the member with your comments."),
        confirm=confirm,
    )


@require_POST
@viewer_required
def report_extension_view(request: HttpRequest, pk: int) -> HttpResponse:
    def confirm(report: ProgressReport, form: Any) -> dict[str, Any]:
        until = date_format(form.cleaned_data["until"], "DATE_FORMAT")
        return {
            "title": _("Grant an extension until %(date)s?") % {"date": until},
            "what_happens": [
                _("The report is due on %(date)s; a submission until then is not late.") % {"date": until},
                _("The reason is shown on the report to its member and the secretariat."),
            ],
            "button": _("Grant the extension"),
        }

    return _report_form_action(
        request,
        pk,
        "extension_form",
        lambda page: ExtensionForm(request.POST, prefix="extension"),
        lambda v, report, form: report_extend(
            viewer=v, report_id=report.pk, until=form.cleaned_data["until"], reason=form.cleaned_data["reason"]
        ),
        _("Extension granted."),
        narratives=("reason",),
        confirm=confirm,
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
        narratives=("title", "summary"),
    )


@require_POST
@viewer_required
def showcase_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    v = viewer(request)
    item = showcase_item_get(viewer=v, pk=pk)
    report = item.answer.report
    if not policy_for(ProgressReport).can_view(v, report) or action not in ("sign-off", "withdraw"):
        raise NotFound()
    role, step = ("sign_off", "sign_off") if action == "sign-off" else ("withdraw_showcase", "withdraw")
    policy_for(ProgressReport).require(v, role, report, message=_("You may not do this."))
    if not policy_for(ShowcaseItem).can(v, step, item):  # a stale page: the item changed meanwhile
        messages.error(request, _("This item is now %(status)s.") % {"status": item.get_status_display().lower()})
        return redirect(_report_url(report))
    if action == "sign-off":
        if not is_confirmed(request):
            return confirm_page(
                request,
                title=_("Sign off “%(title)s” for the public site?") % {"title": item.title},
                what_happens=[
                    _("The item appears on the public commitment page, with the evidence its visibility allows."),
                    _("It can be withdrawn later, but it may have been read or copied by then."),
                ],
                button=_("Sign off and publish"),
                cancel_url=_report_url(report),
            )
        return _step(
            request,
            report,
            lambda: showcase_sign_off(viewer=v, item_id=item.pk),
            success=_("Signed off: the item is now on the public commitment page."),
        )
    if not is_confirmed(request):
        return confirm_page(
            request,
            title=_("Withdraw “%(title)s” from the public site?") % {"title": item.title},
            what_happens=[
                _("The item is no longer shown on the public site."),
                _("A withdrawn item cannot be published again; the answer may be proposed anew."),
            ],
            button=_("Withdraw the item"),
            cancel_url=_report_url(report),
            danger=True,
        )
    return _step(
        request,
        report,
        lambda: showcase_withdraw(viewer=v, item_id=item.pk),
        success=_("Item withdrawn from the public site."),
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
