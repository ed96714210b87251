"""Knowledge: terminology (pages): the public glossary, the check anyone may run, and the secretariat's
pages to add, edit and take terms out of use."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import URLPattern
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.decorators.http import require_POST
from django.views.decorators.http import require_safe

from hub.core.errors import HubError
from hub.core.errors import NotFound
from hub.core.errors import PermissionDenied
from hub.core.forms import add_version_field
from hub.core.forms import form_version
from hub.core.policies import policy_for
from hub.core.web import confirm_page
from hub.core.web import form_page
from hub.core.web import is_confirmed
from hub.core.web import public_page
from hub.core.web import viewer
from hub.core.web import viewer_required
from hub.knowledge.forms.terminology import GlossaryTermForm
from hub.knowledge.forms.terminology import TerminologyCheckForm
from hub.knowledge.models.terminology import GlossaryTerm
from hub.knowledge.selectors.terminology import glossary_groups
from hub.knowledge.selectors.terminology import glossary_term_get
from hub.knowledge.selectors.terminology import terminology_check
from hub.knowledge.services.terminology import glossary_term_add
from hub.knowledge.services.terminology import glossary_term_edit
from hub.knowledge.services.terminology import glossary_term_set_active


@require_safe
@public_page
def glossary(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    groups = glossary_groups(viewer=v)
    context = {
        "groups": groups,
        "can_add": policy_for(GlossaryTerm).can(v, "add"),
        "has_synthetic": any(t.is_synthetic for g in groups for t in g.terms),
    }
    return render(request, "knowledge/terminology/glossary.html", context)


@require_safe
@public_page
def term_detail(request: HttpRequest, term: str) -> HttpResponse:
    v = viewer(request)
    record = glossary_term_get(viewer=v, key=term)
    policy = policy_for(GlossaryTerm)
    context = {
        "term": record,
        "can_edit": policy.can(v, "edit", record),
        "can_deactivate": policy.can(v, "deactivate", record),
        "can_activate": policy.can(v, "activate", record),
        "has_synthetic": record.is_synthetic,
    }
    return render(request, "knowledge/terminology/term.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@public_page
def check(request: HttpRequest) -> HttpResponse:
    """Paste a text, see the discouraged terms it uses and the preferred ones. Nothing is stored."""
    form = TerminologyCheckForm(request.POST or None)
    warnings = None
    if request.method == "POST" and form.is_valid():
        warnings = terminology_check(form.cleaned_data["text"])
    status = 422 if request.method == "POST" and not form.is_valid() else 200
    return render(request, "knowledge/terminology/check.html", {"form": form, "warnings": warnings}, status=status)


@viewer_required
def term_new(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    if not policy_for(GlossaryTerm).can(v, "add"):
        raise NotFound()
    form = GlossaryTermForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda _d: glossary_term_add(viewer=v, data=form.term_input()),
        success=_("Glossary term added; the terminology check uses it from now on."),
        next_url=lambda t: t.get_absolute_url(),
        template="knowledge/terminology/form.html",
        context=lambda: {"term": None},
    )


@viewer_required
def term_edit(request: HttpRequest, term: str) -> HttpResponse:
    v = viewer(request)
    record = glossary_term_get(viewer=v, key=term)
    if not policy_for(GlossaryTerm).can(v, "edit", record):
        raise NotFound()
    form = GlossaryTermForm(request.POST or None, initial=GlossaryTermForm.initial_for(record))
    add_version_field(form, record)
    return form_page(
        request,
        form,
        lambda _d: glossary_term_edit(viewer=v, term=record, data=form.term_input(), version=form_version(form)),
        success=_("Glossary term saved."),
        next_url=lambda t: t.get_absolute_url(),
        template="knowledge/terminology/form.html",
        context=lambda: {"term": record, "has_synthetic": record.is_synthetic},
    )


def _set_active(request: HttpRequest, term: str, *, active: bool) -> HttpResponse:
    v = viewer(request)
    record = glossary_term_get(viewer=v, key=term)
    if not policy_for(GlossaryTerm).can(v, "activate" if active else "deactivate", record):
        raise NotFound()
    back = record.get_absolute_url()
    if not active and not is_confirmed(request):
        return confirm_page(
            request,
            title=_("Take “%(term)s” out of use?") % {"term": record.discouraged},
            what_happens=[
                _("The term is no longer shown in the glossary, and the terminology check no longer looks for it."),
                _("It is kept, with its history; the secretariat can put it back into use."),
            ],
            button=_("Take out of use"),
            cancel_url=back,
            danger=True,
        )
    try:
        glossary_term_set_active(viewer=v, term=record, active=active)
    except (NotFound, PermissionDenied):
        raise
    except HubError as exc:
        messages.error(request, " ".join([exc.message, *(p.message for p in exc.problems)]))
    else:
        messages.success(request, _("Term put back into use.") if active else _("Term taken out of use."))
    return redirect(back)


@require_POST
@viewer_required
def term_deactivate(request: HttpRequest, term: str) -> HttpResponse:
    return _set_active(request, term, active=False)


@require_POST
@viewer_required
def term_activate(request: HttpRequest, term: str) -> HttpResponse:
    return _set_active(request, term, active=True)


urlpatterns: list[URLPattern] = [
    path("glossary/", glossary, name="knowledge_terminology_list"),
    path("glossary/check/", check, name="knowledge_terminology_check"),
    path("glossary/new/", term_new, name="knowledge_terminology_new"),
    path("glossary/<slug:term>/", term_detail, name="knowledge_terminology_detail"),
    path("glossary/<slug:term>/edit/", term_edit, name="knowledge_terminology_edit"),
    path("glossary/<slug:term>/deactivate/", term_deactivate, name="knowledge_terminology_deactivate"),
    path("glossary/<slug:term>/activate/", term_activate, name="knowledge_terminology_activate"),
]
