"""Legal frameworks: the legal index (/legal/) and a member's legal profile, with the secretariat's forms
(statutes, treaty status, reservations, summary) and the focal point's publish and unpublish steps.
The index and a profile are public pages: the public sees published profiles only, without signing
in; a profile it may not see answers 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.urls import reverse
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.http import require_safe

from hub.core.errors import NotFound
from hub.core.errors import ValidationFailed
from hub.core.forms import form_version
from hub.core.policies import policy_for
from hub.core.web import confirm_page
from hub.core.web import export_response
from hub.core.web import form_page
from hub.core.web import is_confirmed
from hub.core.web import public_page
from hub.core.web import take_step
from hub.core.web import viewer
from hub.core.web import viewer_required
from hub.legal.forms.profiles import AsOfForm
from hub.legal.forms.profiles import OpenProfileForm
from hub.legal.forms.profiles import ReservationForm
from hub.legal.forms.profiles import StatuteForm
from hub.legal.forms.profiles import SummaryForm
from hub.legal.forms.profiles import TreatyStatusForm
from hub.legal.models import LegalProfile
from hub.legal.models import TreatyStatus
from hub.legal.selectors.codings import as_of_parse
from hub.legal.selectors.profiles import current_provisions
from hub.legal.selectors.profiles import export_headers
from hub.legal.selectors.profiles import export_rows
from hub.legal.selectors.profiles import members_without_profile
from hub.legal.selectors.profiles import profile_get
from hub.legal.selectors.profiles import profile_index
from hub.legal.selectors.profiles import profile_view
from hub.legal.selectors.profiles import reservation_get
from hub.legal.selectors.profiles import statute_get
from hub.legal.selectors.profiles import treaty_status_get
from hub.legal.services.profiles import ReservationInput
from hub.legal.services.profiles import StatuteInput
from hub.legal.services.profiles import TreatyStatusInput
from hub.legal.services.profiles import profile_open
from hub.legal.services.profiles import profile_publish
from hub.legal.services.profiles import profile_summary_update
from hub.legal.services.profiles import profile_unpublish
from hub.legal.services.profiles import reservation_add
from hub.legal.services.profiles import reservation_update
from hub.legal.services.profiles import statute_add
from hub.legal.services.profiles import statute_remove
from hub.legal.services.profiles import statute_update
from hub.legal.services.profiles import treaty_status_set

# Pages of the other parts of legal frameworks that the legal home links to.
LINKS = {
    "checklist": reverse_lazy("legal_checklists"),
    "compare": reverse_lazy("legal_compare"),
    "matrix": reverse_lazy("legal_matrix"),
    "safe_havens": reverse_lazy("legal_safe_havens"),
    "coverage": reverse_lazy("legal_coverage"),
    "import": reverse_lazy("legal_import"),
}


def _policy() -> Any:
    return policy_for(LegalProfile)


@require_safe
@public_page
def legal_index(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    index = profile_index(viewer=v)
    can_open = _policy().can(v, "open")
    context = {
        "index": index,
        "links": LINKS,
        "can_open": can_open,
        "can_import": _policy().can(v, "edit"),
        "open_form": OpenProfileForm(members=members_without_profile(viewer=v)) if can_open else None,
        "has_synthetic": index.has_synthetic,
    }
    return render(request, "legal/profiles/index.html", context)


@require_POST
@viewer_required
def legal_profile_open(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    if not _policy().can(v, "open"):
        raise NotFound()
    form = OpenProfileForm(request.POST, members=members_without_profile(viewer=v))
    return form_page(
        request,
        form,
        lambda d: profile_open(viewer=v, member_id=d["member"].pk),
        template="legal/profiles/form.html",
        success=_("Legal profile opened: add its statutes, treaty status and codings, each with its source."),
        next_url=lambda p: reverse("legal_profile", args=[p.member.slug]),
        context=lambda: {"title": _("Open a legal profile"), "back": reverse("legal_index"), "submit": _("Open")},
    )


EXPORTS = ("csv", "xlsx")


@require_safe
@public_page
def legal_profile(request: HttpRequest, slug: str) -> HttpResponse:
    v = viewer(request)
    profile = profile_get(viewer=v, slug=slug)
    fmt = request.GET.get("format", "")
    if fmt:
        if fmt not in EXPORTS:
            raise NotFound()
        view = profile_view(viewer=v, profile=profile, as_of=as_of_parse(request.GET.get("as_of")))
        return export_response(
            headers=export_headers(view), rows=export_rows(view), fmt=fmt, filename=f"legal-profile-{slug}"
        )
    form = AsOfForm(request.GET or None)
    as_of = None
    status = 200
    if form.is_valid():
        try:
            as_of = as_of_parse(form.cleaned_data["as_of"])
        except ValidationFailed as exc:
            form.add_error("as_of", " ".join(p.message for p in exc.problems) or exc.message)
            status = 422
    view = profile_view(viewer=v, profile=profile, as_of=as_of)
    policy = _policy()
    context = {
        "view": view,
        "profile": profile,
        "form": form,
        "links": LINKS,
        "can_edit": policy.can(v, "edit", profile),
        "can_publish": policy.can(v, "publish", profile),
        "can_unpublish": policy.can(v, "unpublish", profile),
        "query_as_of": as_of.isoformat() if as_of else "",
        "has_synthetic": view.has_synthetic,
    }
    return render(request, "legal/profiles/detail.html", context, status=status)


def _editable(request: HttpRequest, slug: str) -> LegalProfile:
    """The profile, for the secretariat's forms; 404 for anyone else."""
    v = viewer(request)
    profile = profile_get(viewer=v, slug=slug)
    if not _policy().can(v, "edit", profile):
        raise NotFound()
    return profile


def _form(
    request: HttpRequest,
    profile: LegalProfile,
    form: Any,
    action: Callable[[dict[str, Any]], Any],
    *,
    title: str,
    success: str,
) -> HttpResponse:
    url = profile.get_absolute_url()
    return form_page(
        request,
        form,
        action,
        template="legal/profiles/form.html",
        success=success,
        next_url=url,
        context=lambda: {"title": title, "back": url, "profile": profile, "submit": _("Save")},
    )


@viewer_required
def legal_statute_new(request: HttpRequest, slug: str) -> HttpResponse:
    v = viewer(request)
    profile = _editable(request, slug)
    form = StatuteForm(request.POST or None)
    return _form(
        request,
        profile,
        form,
        lambda d: statute_add(viewer=v, profile_id=profile.pk, data=StatuteInput(**form.values())),
        title=_("Add a statute to the legal profile of %(member)s") % {"member": profile.member.name},
        success=_("Statute added."),
    )


@viewer_required
def legal_statute_edit(request: HttpRequest, slug: str, statute_id: int) -> HttpResponse:
    v = viewer(request)
    profile = _editable(request, slug)
    statute = statute_get(viewer=v, profile=profile, statute_id=statute_id)
    form = StatuteForm(request.POST or None, instance=statute)
    return _form(
        request,
        profile,
        form,
        lambda d: statute_update(
            viewer=v,
            profile_id=profile.pk,
            statute_id=statute.pk,
            data=StatuteInput(**form.values()),
            version=form_version(form),
        ),
        title=_("Change the statute %(citation)s") % {"citation": statute.citation},
        success=_("Statute saved."),
    )


@require_POST
@viewer_required
def legal_statute_remove(request: HttpRequest, slug: str, statute_id: int) -> HttpResponse:
    v = viewer(request)
    profile = _editable(request, slug)
    statute = statute_get(viewer=v, profile=profile, statute_id=statute_id)
    if not is_confirmed(request):
        return confirm_page(
            request,
            title=_("Remove the statute %(citation)s?") % {"citation": statute.citation},
            what_happens=[
                _("The statute is removed from the profile (the audit log keeps what it said)."),
                _("A statute a coding cites is not removed: give the day it was repealed instead."),
            ],
            button=_("Remove the statute"),
            cancel_url=profile.get_absolute_url(),
            danger=True,
        )
    return _step(
        request,
        profile,
        lambda: statute_remove(viewer=v, profile_id=profile.pk, statute_id=statute.pk),
        _("Statute removed."),
    )


@viewer_required
def legal_treaty_status(request: HttpRequest, slug: str) -> HttpResponse:
    v = viewer(request)
    profile = _editable(request, slug)
    treaty = request.POST.get("treaty") or request.GET.get("treaty") or ""
    existing = (
        treaty_status_get(viewer=v, profile=profile, treaty=treaty) if treaty in TreatyStatus.Treaty.values else None
    )
    form = TreatyStatusForm(request.POST or None, instance=existing, initial=None if existing else {"treaty": treaty})
    return _form(
        request,
        profile,
        form,
        lambda d: treaty_status_set(
            viewer=v, profile_id=profile.pk, data=TreatyStatusInput(**form.values()), version=form_version(form)
        ),
        title=_("Treaty status of %(member)s") % {"member": profile.member.name},
        success=_("Treaty status saved."),
    )


@viewer_required
def legal_reservation_new(request: HttpRequest, slug: str) -> HttpResponse:
    v = viewer(request)
    profile = _editable(request, slug)
    form = ReservationForm(request.POST or None, provisions=current_provisions())
    return _form(
        request,
        profile,
        form,
        lambda d: reservation_add(viewer=v, profile_id=profile.pk, data=ReservationInput(**form.values())),
        title=_("Add a reservation to the legal profile of %(member)s") % {"member": profile.member.name},
        success=_("Reservation added."),
    )


@viewer_required
def legal_reservation_edit(request: HttpRequest, slug: str, reservation_id: int) -> HttpResponse:
    v = viewer(request)
    profile = _editable(request, slug)
    reservation = reservation_get(viewer=v, profile=profile, reservation_id=reservation_id)
    form = ReservationForm(request.POST or None, provisions=current_provisions(), instance=reservation)
    return _form(
        request,
        profile,
        form,
        lambda d: reservation_update(
            viewer=v,
            profile_id=profile.pk,
            reservation_id=reservation.pk,
            data=ReservationInput(**form.values()),
            version=form_version(form),
        ),
        title=_("Change the reservation %(article)s") % {"article": reservation.article},
        success=_("Reservation saved."),
    )


@viewer_required
def legal_profile_summary(request: HttpRequest, slug: str) -> HttpResponse:
    v = viewer(request)
    profile = _editable(request, slug)
    form = SummaryForm(request.POST or None, instance=profile)
    return _form(
        request,
        profile,
        form,
        lambda d: profile_summary_update(
            viewer=v, profile_id=profile.pk, summary=d["summary"], version=form_version(form)
        ),
        title=_("Summary of the legal framework of %(member)s") % {"member": profile.member.name},
        success=_("Summary saved."),
    )


def _step(request: HttpRequest, profile: LegalProfile, act: Callable[[], Any], success: str) -> HttpResponse:
    """Take a step; its refusal (a lost race, a stale page) is shown on the profile's page."""
    return take_step(request, act, success=success, back=profile.get_absolute_url())


def _focal(request: HttpRequest, slug: str) -> LegalProfile:
    """The profile, for its member's focal point; 404 for anyone else."""
    v = viewer(request)
    profile = profile_get(viewer=v, slug=slug)
    if not policy_for(LegalProfile).can(v, "manage_publication", profile):
        raise NotFound()
    return profile


@require_POST
@viewer_required
def legal_profile_publish(request: HttpRequest, slug: str) -> HttpResponse:
    v = viewer(request)
    profile = _focal(request, slug)
    if not is_confirmed(request):
        return confirm_page(
            request,
            title=_("Publish the legal profile of %(member)s?") % {"member": profile.member.name},
            what_happens=[
                _("Everyone, on the public site, sees the profile: its statutes, treaty status and verified codings."),
                _(
                    "Draft codings stay with the taskforce. You can take the profile back later, but it may have "
                    "been read by then."
                ),
            ],
            button=_("Publish the profile"),
            cancel_url=profile.get_absolute_url(),
        )
    return _step(
        request,
        profile,
        lambda: profile_publish(viewer=v, profile_id=profile.pk),
        _("Published: everyone sees the profile on the public site."),
    )


@require_POST
@viewer_required
def legal_profile_unpublish(request: HttpRequest, slug: str) -> HttpResponse:
    v = viewer(request)
    profile = _focal(request, slug)
    if not is_confirmed(request):
        return confirm_page(
            request,
            title=_("Take the legal profile of %(member)s back from the public site?")
            % {"member": profile.member.name},
            what_happens=[_("Only the taskforce sees the profile from now on.")],
            button=_("Take it back"),
            cancel_url=profile.get_absolute_url(),
            danger=True,
        )
    return _step(
        request,
        profile,
        lambda: profile_unpublish(viewer=v, profile_id=profile.pk),
        _("Taken back: only the taskforce sees the profile now."),
    )


urlpatterns = [
    path("legal/", legal_index, name="legal_index"),
    path("legal/open/", legal_profile_open, name="legal_profile_open"),
    path("legal/profiles/<slug:slug>/", legal_profile, name="legal_profile"),
    path("legal/profiles/<slug:slug>/summary/", legal_profile_summary, name="legal_profile_summary"),
    path("legal/profiles/<slug:slug>/publish/", legal_profile_publish, name="legal_profile_publish"),
    path("legal/profiles/<slug:slug>/unpublish/", legal_profile_unpublish, name="legal_profile_unpublish"),
    path("legal/profiles/<slug:slug>/statutes/new/", legal_statute_new, name="legal_statute_new"),
    path("legal/profiles/<slug:slug>/statutes/<int:statute_id>/edit/", legal_statute_edit, name="legal_statute_edit"),
    path(
        "legal/profiles/<slug:slug>/statutes/<int:statute_id>/remove/",
        legal_statute_remove,
        name="legal_statute_remove",
    ),
    path("legal/profiles/<slug:slug>/treaties/", legal_treaty_status, name="legal_treaty_status"),
    path("legal/profiles/<slug:slug>/reservations/new/", legal_reservation_new, name="legal_reservation_new"),
    path(
        "legal/profiles/<slug:slug>/reservations/<int:reservation_id>/edit/",
        legal_reservation_edit,
        name="legal_reservation_edit",
    ),
]
