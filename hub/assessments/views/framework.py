"""MNR self-assessment: the framework versions and the maturity phases. Published versions and the
phases are reference data; a draft version is the secretariat's, which loads a new version from a
file, publishes it, and names and describes the phases."""

from __future__ import annotations

from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import URLPattern
from django.urls import path
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.http import require_safe

from hub.assessments.forms.framework import FrameworkLoadForm
from hub.assessments.forms.framework import PhaseForm
from hub.assessments.models import Framework
from hub.assessments.models import Phase
from hub.assessments.selectors.framework import current_framework
from hub.assessments.selectors.framework import framework_get
from hub.assessments.selectors.framework import framework_page
from hub.assessments.selectors.framework import framework_versions
from hub.assessments.selectors.framework import phase_get
from hub.assessments.selectors.framework import phases
from hub.assessments.services.framework import FILE_COLUMNS
from hub.assessments.services.framework import framework_load
from hub.assessments.services.framework import framework_publish
from hub.assessments.services.framework import phase_update
from hub.core.errors import HubError
from hub.core.errors import NotFound
from hub.core.errors import PermissionDenied
from hub.core.forms import form_version
from hub.core.policies import policy_for
from hub.core.web import confirm_page
from hub.core.web import form_page
from hub.core.web import is_confirmed
from hub.core.web import public_page
from hub.core.web import take_step
from hub.core.web import viewer
from hub.core.web import viewer_required


@require_safe
@public_page
def framework_list_view(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    context = {
        "versions": list(framework_versions(viewer=v)),
        "current": current_framework(),
        "can_load": policy_for(Framework).can(v, "load"),
    }
    return render(request, "assessments/framework/list.html", context)


@require_safe
@public_page
def framework_detail_view(request: HttpRequest, code: str) -> HttpResponse:
    v = viewer(request)
    found = framework_get(viewer=v, code=code)
    context = {
        "page": framework_page(viewer=v, framework=found),
        "framework": found,
        "can_publish": policy_for(Framework).can(v, "publish", found),
    }
    return render(request, "assessments/framework/detail.html", context)


@viewer_required
def framework_load_view(request: HttpRequest) -> HttpResponse:
    """Upload a file: the report of what was (or, in a dry run, would be) loaded, with the previous
    version's capabilities nothing maps to as warnings."""
    v = viewer(request)
    if not policy_for(Framework).can(v, "load"):
        raise NotFound()
    form = FrameworkLoadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            report = framework_load(
                viewer=v,
                code=d["code"],
                title=d["title"],
                source=d["source"],
                name=d["file"].name,
                content=d["file"].read(),
                dry_run=d["dry_run"],
                via="web",
            )
        except (NotFound, PermissionDenied):
            raise
        except HubError as exc:
            form.add_hub_error(exc)
    context = {"form": form, "report": report, "columns": FILE_COLUMNS, "current": current_framework()}
    return render(request, "assessments/framework/load.html", context, status=422 if form.errors else 200)


@require_POST
@viewer_required
def framework_publish_view(request: HttpRequest, code: str) -> HttpResponse:
    v = viewer(request)
    found = framework_get(viewer=v, code=code)
    if not policy_for(Framework).can(v, "load"):
        raise NotFound()
    if not is_confirmed(request):
        return confirm_page(
            request,
            title=_("Publish version %(code)s of the capability framework?") % {"code": found.code},
            what_happens=[
                _("Every member sees it, and it becomes the current version new self-assessment cycles use."),
                _("Its capabilities and their mapping to the previous version can no longer change."),
            ],
            button=_("Publish the version"),
            cancel_url=found.get_absolute_url(),
        )
    return take_step(
        request,
        lambda: framework_publish(viewer=v, framework_id=found.pk),
        success=_("Published: version %(code)s is now the current version.") % {"code": found.code},
        back=found.get_absolute_url(),
    )


@require_safe
@public_page
def phase_list_view(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    context = {"phases": phases(), "can_edit": policy_for(Phase).can(v, "edit")}
    return render(request, "assessments/framework/phases.html", context)


@viewer_required
def phase_edit_view(request: HttpRequest, number: int) -> HttpResponse:
    v = viewer(request)
    phase = phase_get(number=number)
    if not policy_for(Phase).can(v, "edit", phase):
        raise NotFound()
    form = PhaseForm(request.POST or None, instance=phase)
    return form_page(
        request,
        form,
        lambda d: phase_update(
            viewer=v,
            number=phase.number,
            label=d["label"],
            description=d["description"],
            confirmed=d["confirmed"],
            version=form_version(form),
        ),
        template="assessments/framework/phase_edit.html",
        success=_("Phase %(number)s saved.") % {"number": phase.number},
        next_url=f"{reverse('assessments_phases')}#phase-{phase.number}",
        context=lambda: {"phase": phase},
    )


urlpatterns: list[URLPattern] = [
    path("assessments/frameworks/", framework_list_view, name="assessments_frameworks"),
    path("assessments/frameworks/load/", framework_load_view, name="assessments_framework_load"),
    path("assessments/frameworks/<str:code>/", framework_detail_view, name="assessments_framework"),
    path("assessments/frameworks/<str:code>/publish/", framework_publish_view, name="assessments_framework_publish"),
    path("assessments/phases/", phase_list_view, name="assessments_phases"),
    path("assessments/phases/<int:number>/edit/", phase_edit_view, name="assessments_phase_edit"),
]
