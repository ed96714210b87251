"""Legal frameworks: the model checklist's pages. Published versions are public pages (no sign-in);
a draft is the secretariat's, which loads a new version from a file and publishes it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import URLPattern
from django.urls import path
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.http import require_safe

from hub.core.errors import HubError
from hub.core.errors import NotFound
from hub.core.errors import PermissionDenied
from hub.core.policies import policy_for
from hub.core.web import confirm_page
from hub.core.web import is_confirmed
from hub.core.web import public_page
from hub.core.web import viewer
from hub.core.web import viewer_required
from hub.legal.forms.checklist import ChecklistLoadForm
from hub.legal.models import ChecklistVersion
from hub.legal.selectors.checklist import checklist_page
from hub.legal.selectors.checklist import checklist_version_get
from hub.legal.selectors.checklist import checklist_versions
from hub.legal.selectors.checklist import current_version
from hub.legal.selectors.checklist import provision_page
from hub.legal.services.checklist import FILE_COLUMNS
from hub.legal.services.checklist import checklist_version_load
from hub.legal.services.checklist import checklist_version_publish


@require_safe
@public_page
def checklist_list_view(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    context = {
        "versions": list(checklist_versions(viewer=v)),
        "current": current_version(),
        "can_load": policy_for(ChecklistVersion).can(v, "load"),
    }
    return render(request, "legal/checklist/list.html", context)


@require_safe
@public_page
def checklist_detail_view(request: HttpRequest, version: str) -> HttpResponse:
    v = viewer(request)
    found = checklist_version_get(viewer=v, code=version)
    context = {
        "page": checklist_page(viewer=v, version=found),
        "version": found,
        "can_publish": policy_for(ChecklistVersion).can(v, "publish", found),
    }
    return render(request, "legal/checklist/detail.html", context)


@require_safe
@public_page
def provision_detail_view(request: HttpRequest, version: str, code: str) -> HttpResponse:
    v = viewer(request)
    found = checklist_version_get(viewer=v, code=version)
    page = provision_page(viewer=v, version=found, code=code)
    return render(request, "legal/checklist/provision.html", {"page": page, "version": found, "p": page.provision})


@viewer_required
def checklist_load_view(request: HttpRequest) -> HttpResponse:
    """Upload a file: a dry run shows what would be loaded; otherwise the draft is loaded."""
    v = viewer(request)
    if not policy_for(ChecklistVersion).can(v, "load"):
        raise NotFound()
    form = ChecklistLoadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            report = checklist_version_load(
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
        else:
            if not report.dry_run:
                messages.success(
                    request,
                    _("Version %(code)s loaded as a draft: check it, then publish it.") % {"code": report.version},
                )
                return redirect(reverse("legal_checklist", args=[report.version]))
    context = {"form": form, "report": report, "columns": FILE_COLUMNS, "current": current_version()}
    return render(request, "legal/checklist/load.html", context, status=422 if form.errors else 200)


@require_POST
@viewer_required
def checklist_publish_view(request: HttpRequest, version: str) -> HttpResponse:
    v = viewer(request)
    found = checklist_version_get(viewer=v, code=version)
    policy = policy_for(ChecklistVersion)
    if not policy.can(v, "load"):
        raise NotFound()
    if not is_confirmed(request):
        return confirm_page(
            request,
            title=_("Publish version %(code)s of the model checklist?") % {"code": found.code},
            what_happens=[
                _("Everyone sees it, on the public site too, and it becomes the current version views use."),
                _("Its provisions and their mapping to the previous version can no longer change."),
            ],
            button=_("Publish the version"),
            cancel_url=found.get_absolute_url(),
        )
    try:
        checklist_version_publish(viewer=v, version_id=found.pk)
    except (NotFound, PermissionDenied):
        raise
    except HubError as exc:
        messages.error(request, " ".join([exc.message, *(p.message for p in exc.problems)]))
    else:
        messages.success(request, _("Published: version %(code)s is now the current version.") % {"code": found.code})
    return redirect(found.get_absolute_url())


urlpatterns: list[URLPattern] = [
    path("legal/checklist/", checklist_list_view, name="legal_checklists"),
    path("legal/checklist/load/", checklist_load_view, name="legal_checklist_load"),
    path("legal/checklist/<str:version>/", checklist_detail_view, name="legal_checklist"),
    path("legal/checklist/<str:version>/publish/", checklist_publish_view, name="legal_checklist_publish"),
    path("legal/checklist/<str:version>/<str:code>/", provision_detail_view, name="legal_provision"),
]
