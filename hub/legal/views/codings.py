"""Legal frameworks: codings pages. One provision of a member's profile: its coding, its history (and
the coding as of a past day), its correction requests; the secretariat's edit and verification; a
member official's correction request; the list of requests and the secretariat's decision on one."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import URLPattern
from django.urls import path
from django.urls import re_path
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.http import require_safe

from hub.core.concurrency import VERSION_FIELD
from hub.core.concurrency import version_of
from hub.core.errors import NotFound
from hub.core.errors import ValidationFailed
from hub.core.forms import form_version
from hub.core.policies import policy_for
from hub.core.web import confirm_page
from hub.core.web import form_page
from hub.core.web import form_status
from hub.core.web import is_confirmed
from hub.core.web import paginate
from hub.core.web import public_page
from hub.core.web import run_form
from hub.core.web import take_step
from hub.core.web import viewer
from hub.core.web import viewer_required
from hub.legal.forms.codings import AcceptForm
from hub.legal.forms.codings import CodingForm
from hub.legal.forms.codings import ContestForm
from hub.legal.forms.codings import RejectForm
from hub.legal.models import Coding
from hub.legal.models import CorrectionRequest
from hub.legal.selectors.codings import CodingPage
from hub.legal.selectors.codings import as_of_parse
from hub.legal.selectors.codings import coding_as_of
from hub.legal.selectors.codings import coding_get
from hub.legal.selectors.codings import coding_history
from hub.legal.selectors.codings import coding_reservations
from hub.legal.selectors.codings import coding_statutes
from hub.legal.selectors.codings import statute_citations
from hub.legal.selectors.corrections import correction_get
from hub.legal.selectors.corrections import correction_list
from hub.legal.selectors.corrections import corrections_of_coding
from hub.legal.services.codings import CodingInput
from hub.legal.services.codings import coding_record
from hub.legal.services.codings import coding_verify
from hub.legal.services.corrections import correction_accept
from hub.legal.services.corrections import correction_reject
from hub.legal.services.corrections import correction_request

CODING = r"^legal/profiles/(?P<slug>[-a-zA-Z0-9_]+)/(?P<version>[0-9][-.\w]*)/(?P<code>[A-Za-z]{1,4}[0-9]{1,3})/"


def _coding_url(page: CodingPage) -> str:
    return reverse("legal_coding", args=[page.profile.member.slug, page.version.code, page.provision.code])


def _step(request: HttpRequest, step: Any, success: str, back: str) -> HttpResponse:
    """A posted step: its success or its error is shown on the record's page."""
    return take_step(request, step, success=success, back=back)


@require_safe
@public_page
def legal_coding(request: HttpRequest, slug: str, version: str, code: str) -> HttpResponse:
    v = viewer(request)
    page = coding_get(viewer=v, slug=slug, version=version, code=code)
    policy: Any = policy_for(Coding)
    coding = page.coding
    as_of, as_of_error, then, then_citation = None, "", None, ""
    try:
        as_of = as_of_parse(request.GET.get("as_of"))
    except ValidationFailed as exc:
        as_of_error = exc.message
    if as_of is not None:
        then = coding_as_of(viewer=v, page=page, as_of=as_of)
        citations = statute_citations(statute_ids=[then.statute_id])
        then_citation = ", ".join(p for p in (citations.get(then.statute_id or 0, ""), then.pinpoint) if p)
    context = {
        "page": page,
        "coding": coding,
        "provision": page.provision,
        "profile": page.profile,
        "history": coding_history(viewer=v, coding=coding) if coding else [],
        "corrections": corrections_of_coding(viewer=v, coding=coding) if coding else [],
        "reservations": coding_reservations(viewer=v, page=page),
        "names": policy.can(v, "see_coders", coding),
        "can_code": policy.can(v, "code", coding),
        "can_verify": coding is not None and policy.can(v, "verify", coding),
        "can_contest": coding is not None and policy.can(v, "contest", coding),
        "as_of": as_of,
        "as_of_error": as_of_error,
        "then": then,
        "then_citation": then_citation,
        "version_field": VERSION_FIELD,
        "coding_version": version_of(coding) if coding else "",
        "has_synthetic": page.has_synthetic,
    }
    return render(request, "legal/codings/detail.html", context, status=422 if as_of_error else 200)


@viewer_required
def legal_coding_edit(request: HttpRequest, slug: str, version: str, code: str) -> HttpResponse:
    v = viewer(request)
    page = coding_get(viewer=v, slug=slug, version=version, code=code)
    if not policy_for(Coding).can(v, "code", page.coding):
        raise NotFound()
    statutes = coding_statutes(viewer=v, profile=page.profile)
    form = CodingForm(request.POST or None, provision=page.provision, statutes=statutes, coding=page.coding)

    def save(d: dict[str, Any]) -> Coding:
        data = CodingInput(
            status=d["status"],
            statute_id=d.get("statute"),
            pinpoint=d.get("pinpoint") or "",
            rationale=d.get("rationale") or "",
            verified=bool(d.get("verified")),
            reason=d.get("reason") or "",
        )
        return coding_record(
            viewer=v, profile_id=page.profile.pk, provision_id=page.provision.pk, data=data, version=form_version(form)
        )

    return form_page(
        request,
        form,
        save,
        template="legal/codings/form.html",
        success=_("The coding was saved; its history keeps the earlier one."),
        next_url=_coding_url(page),
        context=lambda: {"page": page, "coding": page.coding, "has_synthetic": page.has_synthetic},
        narratives=("rationale",),
    )


@require_POST
@viewer_required
def legal_coding_verify(request: HttpRequest, slug: str, version: str, code: str) -> HttpResponse:
    v = viewer(request)
    page = coding_get(viewer=v, slug=slug, version=version, code=code)
    if page.coding is None or not policy_for(Coding).can(v, "code", page.coding):
        raise NotFound()
    coding_id = page.coding.pk
    given = request.POST.get(VERSION_FIELD) or None
    return _step(
        request,
        lambda: coding_verify(viewer=v, coding_id=coding_id, version=given),
        _("The coding is verified."),
        _coding_url(page),
    )


@viewer_required
def legal_coding_contest(request: HttpRequest, slug: str, version: str, code: str) -> HttpResponse:
    v = viewer(request)
    page = coding_get(viewer=v, slug=slug, version=version, code=code)
    coding = page.coding
    if coding is None or not policy_for(Coding).can(v, "contest", coding):
        raise NotFound()
    form = ContestForm(request.POST or None, provision=page.provision)
    return form_page(
        request,
        form,
        lambda d: correction_request(
            viewer=v,
            coding_id=coding.pk,
            proposed_status=d["proposed_status"],
            citation=d["citation"],
            reason=d["reason"],
        ),
        template="legal/codings/contest.html",
        success=_("Your correction request was sent to the secretariat."),
        next_url=lambda c: reverse("legal_correction", args=[c.pk]),
        context=lambda: {"page": page, "coding": coding, "has_synthetic": page.has_synthetic},
        narratives=("reason",),
    )


@require_safe
@viewer_required
def legal_corrections(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    if not policy_for(CorrectionRequest).can(v, "browse"):
        raise NotFound()
    status = request.GET.get("status", "")
    if status not in CorrectionRequest.Status.values:
        status = ""
    page = paginate(request, correction_list(viewer=v, status=status))
    context = {
        "page": page,
        "status": status,
        "statuses": CorrectionRequest.Status.choices,
        "query": f"status={status}" if status else "",
        "has_synthetic": any(c.is_synthetic for c in page),
    }
    return render(request, "legal/codings/corrections.html", context)


def _correction_page(request: HttpRequest, correction: CorrectionRequest, **forms: Any) -> HttpResponse:
    v = viewer(request)
    can_resolve = policy_for(CorrectionRequest).can(v, "resolve", correction)
    context = {
        "correction": correction,
        "coding": correction.coding,
        "names": policy_for(Coding).can(v, "see_coders", correction.coding),
        "can_resolve": can_resolve,
        "accept_form": forms.get("accept_form") or (AcceptForm() if can_resolve else None),
        "reject_form": forms.get("reject_form") or (RejectForm() if can_resolve else None),
        "has_synthetic": correction.is_synthetic,
    }
    return render(request, "legal/codings/correction.html", context, status=form_status(request))


@require_safe
@viewer_required
def legal_correction(request: HttpRequest, pk: int) -> HttpResponse:
    return _correction_page(request, correction_get(viewer=viewer(request), pk=pk))


@require_POST
@viewer_required
def legal_correction_accept(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    correction = correction_get(viewer=v, pk=pk)
    if not policy_for(CorrectionRequest).can(v, "review", correction):
        raise NotFound()
    back = reverse("legal_correction", args=[pk])
    form = AcceptForm(request.POST)
    if not form.is_valid():
        return _correction_page(request, correction, accept_form=form)
    if not is_confirmed(request):
        coding = correction.coding
        return confirm_page(
            request,
            title=_("Accept the correction of %(member)s's coding of %(code)s?")
            % {"member": coding.profile.member.name, "code": coding.provision.code},
            what_happens=[
                _("The coding becomes “%(status)s”, verified, citing %(citation)s.")
                % {"status": correction.get_proposed_status_display(), "citation": correction.proposed_citation},
                _("The coding's history keeps the earlier coding, with the reason of the request."),
                _("The member official who asked is told by e-mail."),
            ],
            button=_("Accept the correction"),
            cancel_url=back,
        )
    note = form.cleaned_data.get("note") or ""
    return _step(
        request,
        lambda: correction_accept(viewer=v, correction_id=pk, note=note),
        _("The correction was accepted: the coding changed."),
        back,
    )


@require_POST
@viewer_required
def legal_correction_reject(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    correction = correction_get(viewer=v, pk=pk)
    if not policy_for(CorrectionRequest).can(v, "review", correction):
        raise NotFound()
    form = RejectForm(request.POST)
    done = run_form(
        request,
        form,
        lambda d: correction_reject(viewer=v, correction_id=pk, note=d["note"]),
        success=_("The correction request was rejected; the member official is told why."),
        next_url=reverse("legal_correction", args=[pk]),
    )
    return done or _correction_page(request, correction, reject_form=form)


urlpatterns: list[URLPattern] = [
    re_path(CODING + r"$", legal_coding, name="legal_coding"),
    re_path(CODING + r"edit/$", legal_coding_edit, name="legal_coding_edit"),
    re_path(CODING + r"verify/$", legal_coding_verify, name="legal_coding_verify"),
    re_path(CODING + r"contest/$", legal_coding_contest, name="legal_coding_contest"),
    path("legal/corrections/", legal_corrections, name="legal_corrections"),
    path("legal/corrections/<int:pk>/", legal_correction, name="legal_correction"),
    path("legal/corrections/<int:pk>/accept/", legal_correction_accept, name="legal_correction_accept"),
    path("legal/corrections/<int:pk>/reject/", legal_correction_reject, name="legal_correction_reject"),
]
