"""Knowledge: good-practice pages. The list and a practice's page are public pages: the public sees
the published public practices there, without signing in; the taskforce sees more."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import path
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.http import require_safe

from hub.core.errors import NotFound
from hub.core.forms import form_version
from hub.core.policies import policy_for
from hub.core.web import confirm_page
from hub.core.web import export_response
from hub.core.web import form_status
from hub.core.web import is_confirmed
from hub.core.web import paginate
from hub.core.web import public_page
from hub.core.web import run_form
from hub.core.web import take_step
from hub.core.web import viewer
from hub.core.web import viewer_required
from hub.knowledge.forms.practices import PracticeFilterForm
from hub.knowledge.forms.practices import PracticeForm
from hub.knowledge.forms.practices import PublishForm
from hub.knowledge.forms.practices import ReturnForm
from hub.knowledge.models import GoodPractice
from hub.knowledge.selectors.documents import documents_to_attach
from hub.knowledge.selectors.practices import EXPORT_HEADERS
from hub.knowledge.selectors.practices import PracticeFilters
from hub.knowledge.selectors.practices import capability_of
from hub.knowledge.selectors.practices import export_rows
from hub.knowledge.selectors.practices import practice_documents
from hub.knowledge.selectors.practices import practice_get
from hub.knowledge.selectors.practices import practice_list
from hub.knowledge.selectors.practices import practice_members
from hub.knowledge.selectors.practices import writable_members
from hub.knowledge.services.practices import PracticeInput
from hub.knowledge.services.practices import practice_create
from hub.knowledge.services.practices import practice_publish
from hub.knowledge.services.practices import practice_return
from hub.knowledge.services.practices import practice_submit
from hub.knowledge.services.practices import practice_update
from hub.knowledge.services.practices import practice_withdraw


def _filters(request: HttpRequest, form: PracticeFilterForm) -> PracticeFilters:
    if not form.is_valid():
        return PracticeFilters()
    d = form.cleaned_data
    commitment = d.get("commitment")
    return PracticeFilters(
        member=d.get("member") or "",
        commitment=commitment.number if commitment else None,
        capability=d.get("capability") or "",
        language=d.get("language") or "",
    )


@require_safe
@public_page
def practice_list_view(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    form = PracticeFilterForm(request.GET or None, members=practice_members(viewer=v))
    page = paginate(request, practice_list(viewer=v, filters=_filters(request, form)))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "practices": list(page),
        "query": query.urlencode(),
        "can_create": policy_for(GoodPractice).can(v, "create"),
        "has_synthetic": any(p.is_synthetic for p in page),
    }
    return render(request, "knowledge/practices/list.html", context)


@require_safe
@viewer_required
def practice_export_view(request: HttpRequest, fmt: str) -> HttpResponse:
    """The practices the viewer sees, with the list's filters, as CSV, XLSX or JSON."""
    v = viewer(request)
    form = PracticeFilterForm(request.GET or None, members=practice_members(viewer=v))
    rows = export_rows(practice_list(viewer=v, filters=_filters(request, form)))
    return export_response(headers=EXPORT_HEADERS, rows=rows, fmt=fmt, filename="good-practices")


def _detail(request: HttpRequest, practice: GoodPractice, **forms: Any) -> HttpResponse:
    v = viewer(request)
    policy = policy_for(GoodPractice)
    offers = {step: policy.can(v, step, practice) for step in ("edit", "submit", "publish", "return", "withdraw")}
    context = {
        "practice": practice,
        "documents": practice_documents(viewer=v, practice=practice),
        "capabilities": [(tag, capability_of(tag)) for tag in practice.capability_tags.all()],
        "commitments": list(practice.commitments.all()),
        "offers": offers,
        "read_review": policy.can(v, "read_review", practice),
        "return_form": forms.get("return_form") or (ReturnForm(prefix="return") if offers["return"] else None),
        "publish_form": PublishForm(prefix="publish") if offers["publish"] else None,
        "has_synthetic": practice.is_synthetic,
    }
    return render(request, "knowledge/practices/detail.html", context, status=form_status(request))


@require_safe
@public_page
def practice_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, practice_get(viewer=viewer(request), pk=pk))


@viewer_required
def practice_new_view(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    if not policy_for(GoodPractice).can(v, "create"):
        raise NotFound()
    form = PracticeForm(
        request.POST or None, members=writable_members(viewer=v), documents=documents_to_attach(viewer=v)
    )

    def action(d: dict[str, Any]) -> GoodPractice:
        return practice_create(viewer=v, member=d["member"], data=PracticeInput(**form.values()))

    done = run_form(
        request,
        form,
        action,
        success=_("Good practice saved in draft. Submit it when it is ready for the secretariat."),
        next_url=lambda p: reverse("knowledge_practice_detail", args=[p.pk]),
        narratives=("summary", "body"),
    )
    if done:
        return done
    context = {"form": form, "editing": False}
    return render(request, "knowledge/practices/form.html", context, status=form_status(request))


@viewer_required
def practice_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    practice = practice_get(viewer=v, pk=pk)
    if not policy_for(GoodPractice).can(v, "write", practice):
        raise NotFound()
    if not policy_for(GoodPractice).can(v, "edit", practice):
        messages.error(request, _("Only a draft or a returned practice can be edited."))
        return redirect(practice.get_absolute_url())
    form = PracticeForm(request.POST or None, members=None, documents=documents_to_attach(viewer=v), instance=practice)

    def action(d: dict[str, Any]) -> GoodPractice:
        return practice_update(
            viewer=v, practice_id=practice.pk, data=PracticeInput(**form.values()), version=form_version(form)
        )

    done = run_form(
        request,
        form,
        action,
        success=_("Changes saved."),
        next_url=practice.get_absolute_url(),
        narratives=("summary", "body"),
    )
    if done:
        return done
    context = {"form": form, "editing": True, "practice": practice}
    return render(request, "knowledge/practices/form.html", context, status=form_status(request))


def _step(request: HttpRequest, practice: GoodPractice, act: Callable[[], Any], success: str) -> HttpResponse:
    """Take a step; its refusal (a lost race, a stale page) is shown on the practice's page."""
    return take_step(request, act, success=success, back=practice.get_absolute_url())


ROLE_OF_STEP = {"submit": "propose", "publish": "review", "return": "review", "withdraw": "write"}


def _practice_for_step(request: HttpRequest, pk: int, step: str) -> GoodPractice:
    v = viewer(request)
    practice = practice_get(viewer=v, pk=pk)
    if not policy_for(GoodPractice).can(v, ROLE_OF_STEP[step], practice):
        raise NotFound()
    return practice


@require_POST
@viewer_required
def practice_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    practice = _practice_for_step(request, pk, "submit")
    return _step(
        request,
        practice,
        lambda: practice_submit(viewer=v, practice_id=practice.pk),
        _("Submitted: the secretariat reviews it before it is published."),
    )


@require_POST
@viewer_required
def practice_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    practice = _practice_for_step(request, pk, "publish")
    form = PublishForm(request.POST, prefix="publish")
    if not is_confirmed(request):
        return confirm_page(
            request,
            title=_("Publish “%(title)s”?") % {"title": practice.title},
            what_happens=[
                _("The practice is shown to %(who)s, with the documents each reader may see.")
                % {"who": _audience(practice)},
                _("The member is told by e-mail. It can be withdrawn later, but may have been read by then."),
            ],
            button=_("Publish the practice"),
            cancel_url=practice.get_absolute_url(),
        )
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return _step(
        request,
        practice,
        lambda: practice_publish(viewer=v, practice_id=practice.pk, note=note),
        _("Published."),
    )


def _audience(practice: GoodPractice) -> str:
    return {
        "public": _("everyone, on the public site"),
        "taskforce": _("the taskforce"),
        "member": _("its member and the secretariat"),
    }.get(practice.visibility, practice.get_visibility_display())


@require_POST
@viewer_required
def practice_return_view(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    practice = _practice_for_step(request, pk, "return")
    form = ReturnForm(request.POST, prefix="return")
    done = run_form(
        request,
        form,
        lambda d: practice_return(viewer=v, practice_id=practice.pk, note=d["note"]),
        success=_("Returned to the member with your note."),
        next_url=practice.get_absolute_url(),
    )
    if done:
        return done
    practice.refresh_from_db()
    return _detail(request, practice, return_form=form)


@require_POST
@viewer_required
def practice_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    practice = _practice_for_step(request, pk, "withdraw")
    if not is_confirmed(request):
        return confirm_page(
            request,
            title=_("Withdraw “%(title)s”?") % {"title": practice.title},
            what_happens=[
                _("Only the member and the secretariat see it from now on."),
                _("A withdrawn practice is not published again; write a new one instead."),
            ],
            button=_("Withdraw the practice"),
            cancel_url=practice.get_absolute_url(),
            danger=True,
        )
    return _step(
        request,
        practice,
        lambda: practice_withdraw(viewer=v, practice_id=practice.pk),
        _("Withdrawn: only the member and the secretariat see it now."),
    )


urlpatterns = [
    path("good-practices/", practice_list_view, name="knowledge_practice_list"),
    path("good-practices/new/", practice_new_view, name="knowledge_practice_new"),
    path("good-practices/export.<str:fmt>", practice_export_view, name="knowledge_practice_export"),
    path("good-practices/<int:pk>/", practice_detail_view, name="knowledge_practice_detail"),
    path("good-practices/<int:pk>/edit/", practice_edit_view, name="knowledge_practice_edit"),
    path("good-practices/<int:pk>/submit/", practice_submit_view, name="knowledge_practice_submit"),
    path("good-practices/<int:pk>/publish/", practice_publish_view, name="knowledge_practice_publish"),
    path("good-practices/<int:pk>/return/", practice_return_view, name="knowledge_practice_return"),
    path("good-practices/<int:pk>/withdraw/", practice_withdraw_view, name="knowledge_practice_withdraw"),
]
