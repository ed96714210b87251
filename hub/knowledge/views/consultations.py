"""Knowledge: consultations (pages): the list, a consultation with its documents, input and the form to
answer it; the secretariat's new, edit, open and close steps and responses; input on commitments."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import URLPattern
from django.urls import path
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.http import require_safe

from hub.commitments.selectors import commitment_get
from hub.commitments.selectors import commitment_list
from hub.core.errors import NotFound
from hub.core.forms import form_version
from hub.core.policies import policy_for
from hub.core.viewer import Viewer
from hub.core.web import confirm_page
from hub.core.web import form_status
from hub.core.web import is_confirmed
from hub.core.web import paginate
from hub.core.web import public_page
from hub.core.web import run_form
from hub.core.web import take_step
from hub.core.web import viewer
from hub.core.web import viewer_required
from hub.knowledge.forms.consultations import CommitmentInputForm
from hub.knowledge.forms.consultations import ConsultationForm
from hub.knowledge.forms.consultations import InputEditForm
from hub.knowledge.forms.consultations import InputForm
from hub.knowledge.forms.consultations import ResponseForm
from hub.knowledge.models.consultations import Consultation
from hub.knowledge.models.consultations import ConsultationInput
from hub.knowledge.selectors.consultations import consultation_get
from hub.knowledge.selectors.consultations import consultation_list
from hub.knowledge.selectors.consultations import consultation_page
from hub.knowledge.selectors.consultations import input_get
from hub.knowledge.selectors.consultations import input_list
from hub.knowledge.selectors.documents import documents_to_attach
from hub.knowledge.services.consultations import ConsultationData
from hub.knowledge.services.consultations import consultation_close
from hub.knowledge.services.consultations import consultation_create
from hub.knowledge.services.consultations import consultation_edit
from hub.knowledge.services.consultations import consultation_open
from hub.knowledge.services.consultations import input_defaults
from hub.knowledge.services.consultations import input_edit
from hub.knowledge.services.consultations import input_respond
from hub.knowledge.services.consultations import input_submit
from hub.knowledge.services.consultations import input_submit_on_commitment
from hub.members.selectors import member_list_acting_for


@require_safe
@public_page
def consultations(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    page = paginate(request, consultation_list(viewer=v))
    context = {
        "page": page,
        "can_manage": policy_for(Consultation).can(v, "manage"),
        "can_input_on_commitments": policy_for(ConsultationInput).can(v, "submit_on_commitment"),
        "has_synthetic": any(c.is_synthetic for c in page),
    }
    return render(request, "knowledge/consultations/list.html", context)


def _answer_form(request: HttpRequest, v: Viewer, consultation: Consultation, data: Any = None) -> InputForm:
    policy = policy_for(Consultation)
    as_member = policy.can(v, "answer_as_member", consultation)
    members = [(m.pk, m.name) for m in member_list_acting_for(viewer=v)] if as_member else []
    return InputForm(
        data,
        members=members,
        as_contributor=policy.can(v, "answer_as_contributor", consultation),
        initial=input_defaults(viewer=v),
    )


def _detail(request: HttpRequest, consultation: Consultation, form: InputForm | None = None) -> HttpResponse:
    v = viewer(request)
    page = consultation_page(viewer=v, consultation=consultation)
    policy = policy_for(Consultation)
    context = {
        "page": page,
        "consultation": consultation,
        "form": form or (_answer_form(request, v, consultation) if page.can_submit else None),
        "can_edit": policy.can(v, "edit", consultation),
        "can_open": policy.can(v, "open", consultation),
        "can_close": policy.can(v, "close", consultation),
        "can_respond": policy_for(ConsultationInput).can(v, "respond"),
        "has_synthetic": page.has_synthetic,
    }
    return render(request, "knowledge/consultations/detail.html", context, status=form_status(request))


@require_safe
@public_page
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, consultation_get(viewer=viewer(request), pk=pk))


@viewer_required
def consultation_new(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    if not policy_for(Consultation).can(v, "manage"):
        raise NotFound()
    form = ConsultationForm(request.POST or None, documents=documents_to_attach(viewer=v))
    done = run_form(
        request,
        form,
        lambda d: consultation_create(viewer=v, data=ConsultationData(**form.values())),
        success=_("Consultation saved as a draft: open it when it is ready."),
        next_url=lambda c: reverse("knowledge_consultation_detail", args=[c.pk]),
        narratives=("question",),
    )
    if done:
        return done
    context = {"form": form, "editing": False}
    return render(request, "knowledge/consultations/form.html", context, status=form_status(request))


@viewer_required
def consultation_edit_page(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    consultation = consultation_get(viewer=v, pk=pk)
    if not policy_for(Consultation).can(v, "edit", consultation):
        raise NotFound()
    form = ConsultationForm(request.POST or None, documents=documents_to_attach(viewer=v), consultation=consultation)
    done = run_form(
        request,
        form,
        lambda d: consultation_edit(
            viewer=v, consultation=consultation, data=ConsultationData(**form.values()), version=form_version(form)
        ),
        success=_("Consultation saved."),
        next_url=reverse("knowledge_consultation_detail", args=[pk]),
        narratives=("question",),
    )
    if done:
        return done
    context = {"form": form, "editing": True, "consultation": consultation}
    return render(request, "knowledge/consultations/form.html", context, status=form_status(request))


def _step(request: HttpRequest, step: Any, success: str, back: str) -> HttpResponse:
    """A confirmed step: its success or its error is shown on the consultation's page."""
    return take_step(request, step, success=success, back=back)


@require_POST
@viewer_required
def consultation_open_step(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    consultation = consultation_get(viewer=v, pk=pk)
    back = reverse("knowledge_consultation_detail", args=[pk])
    if not policy_for(Consultation).can(v, "manage", consultation):
        raise NotFound()
    if not is_confirmed(request):
        return confirm_page(
            request,
            title=_("Open the consultation “%(title)s”?") % {"title": consultation.title},
            what_happens=[
                _("Its audience can read it and send input until the deadline."),
                _("Its audience is told by e-mail."),
            ],
            button=_("Open the consultation"),
            cancel_url=back,
        )
    return _step(
        request, lambda: consultation_open(viewer=v, consultation=consultation), _("The consultation is open."), back
    )


@require_POST
@viewer_required
def consultation_close_step(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    consultation = consultation_get(viewer=v, pk=pk)
    back = reverse("knowledge_consultation_detail", args=[pk])
    if not policy_for(Consultation).can(v, "manage", consultation):
        raise NotFound()
    if not is_confirmed(request):
        what = [_("No more input can be sent on it; it cannot be opened again.")]
        if not consultation.is_past_deadline:
            what.insert(0, _("The deadline has not passed: the consultation closes early."))
        return confirm_page(
            request,
            title=_("Close the consultation “%(title)s”?") % {"title": consultation.title},
            what_happens=what,
            button=_("Close the consultation"),
            cancel_url=back,
            danger=not consultation.is_past_deadline,
        )
    return _step(
        request, lambda: consultation_close(viewer=v, consultation=consultation), _("The consultation is closed."), back
    )


@require_POST
@viewer_required
def consultation_input_submit(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    consultation = consultation_get(viewer=v, pk=pk)
    form = _answer_form(request, v, consultation, request.POST)
    done = run_form(
        request,
        form,
        lambda d: input_submit(
            viewer=v,
            consultation=consultation,
            text=d["text"],
            organisation=d.get("organisation") or "",
            member_id=d.get("member"),
        ),
        success=_("Your input was sent to the secretariat."),
        next_url=lambda i: reverse("knowledge_consultation_input", args=[i.pk]),
        narratives=("text",),
    )
    if done:
        return done
    consultation.refresh_from_db()
    return _detail(request, consultation, form)


def _input_page(request: HttpRequest, record: ConsultationInput, **forms: Any) -> HttpResponse:
    v = viewer(request)
    policy = policy_for(ConsultationInput)
    can_respond = policy.can(v, "respond", record)
    can_edit = policy.can(v, "edit", record)
    context = {
        "record": record,
        "response_form": forms.get("response_form") or (ResponseForm(record=record) if can_respond else None),
        "edit_form": forms.get("edit_form") or (InputEditForm(record=record) if can_edit else None),
        "has_synthetic": record.is_synthetic,
    }
    return render(request, "knowledge/consultations/input.html", context, status=form_status(request))


@require_safe
@public_page
def input_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _input_page(request, input_get(viewer=viewer(request), pk=pk))


@require_POST
@viewer_required
def input_respond_page(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    record = input_get(viewer=v, pk=pk)
    if not policy_for(ConsultationInput).can(v, "respond", record):
        raise NotFound()
    form = ResponseForm(request.POST, record=record)
    done = run_form(
        request,
        form,
        lambda d: input_respond(viewer=v, record=record, response=d["response"], version=form_version(form)),
        success=_("Response recorded: the contributor is told by e-mail."),
        next_url=reverse("knowledge_consultation_input", args=[pk]),
        narratives=("response",),
    )
    if done:
        return done
    record.refresh_from_db()
    return _input_page(request, record, response_form=form)


@require_POST
@viewer_required
def input_edit_page(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    record = input_get(viewer=v, pk=pk)
    form = InputEditForm(request.POST, record=record)
    done = run_form(
        request,
        form,
        lambda d: input_edit(viewer=v, record=record, text=d["text"], version=form_version(form)),
        success=_("Your input was changed."),
        next_url=reverse("knowledge_consultation_input", args=[pk]),
        narratives=("text",),
    )
    if done:
        return done
    record.refresh_from_db()
    return _input_page(request, record, edit_form=form)


@require_safe
@viewer_required
def commitment_inputs(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    page = paginate(request, input_list(viewer=v, on_commitments=True))
    context = {
        "page": page,
        "commitments": list(commitment_list(viewer=v)),
        "can_submit": policy_for(ConsultationInput).can(v, "submit_on_commitment"),
        "has_synthetic": any(i.is_synthetic for i in page),
    }
    return render(request, "knowledge/consultations/commitment_inputs.html", context)


@viewer_required
def commitment_input_new(request: HttpRequest, number: int) -> HttpResponse:
    v = viewer(request)
    commitment = commitment_get(viewer=v, number=number)
    if not policy_for(ConsultationInput).can(v, "submit_on_commitment"):
        raise NotFound()
    form = CommitmentInputForm(request.POST or None, initial=input_defaults(viewer=v))
    done = run_form(
        request,
        form,
        lambda d: input_submit_on_commitment(
            viewer=v, commitment=commitment, text=d["text"], organisation=d["organisation"]
        ),
        success=_("Your input was sent to the secretariat."),
        next_url=lambda i: reverse("knowledge_consultation_input", args=[i.pk]),
        narratives=("text",),
    )
    if done:
        return done
    context = {"form": form, "commitment": commitment}
    return render(request, "knowledge/consultations/commitment_input_form.html", context, status=form_status(request))


urlpatterns: list[URLPattern] = [
    path("consultations/", consultations, name="knowledge_consultations"),
    path("consultations/new/", consultation_new, name="knowledge_consultation_new"),
    path("consultations/<int:pk>/", consultation_detail, name="knowledge_consultation_detail"),
    path("consultations/<int:pk>/edit/", consultation_edit_page, name="knowledge_consultation_edit"),
    path("consultations/<int:pk>/open/", consultation_open_step, name="knowledge_consultation_open"),
    path("consultations/<int:pk>/close/", consultation_close_step, name="knowledge_consultation_close"),
    path("consultations/<int:pk>/input/", consultation_input_submit, name="knowledge_consultation_input_submit"),
    path("consultations/input/<int:pk>/", input_detail, name="knowledge_consultation_input"),
    path("consultations/input/<int:pk>/respond/", input_respond_page, name="knowledge_consultation_input_respond"),
    path("consultations/input/<int:pk>/edit/", input_edit_page, name="knowledge_consultation_input_edit"),
    path("consultations/commitments/", commitment_inputs, name="knowledge_commitment_inputs"),
    path("consultations/commitments/<int:number>/input/", commitment_input_new, name="knowledge_commitment_input_new"),
]
