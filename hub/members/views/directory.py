"""Member directory, map and profiles. Thin: parse, call a selector or service, render."""

from __future__ import annotations

import gzip

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.http import require_safe

from hub.core.errors import HubError
from hub.core.errors import NotFound
from hub.core.policies import policy_for
from hub.core.viewer import Viewer
from hub.core.web import export_response
from hub.core.web import public_page
from hub.core.web import viewer
from hub.core.web import viewer_required
from hub.core.web import warn_terms
from hub.members.forms import DirectoryFilterForm
from hub.members.forms import MemberNoteForm
from hub.members.map import map_svg_gzip
from hub.members.models import Invitation
from hub.members.models import Member
from hub.members.models import MemberNote
from hub.members.models import collation_key
from hub.members.selectors import MemberFilters
from hub.members.selectors import member_get
from hub.members.selectors import member_list
from hub.members.selectors import member_map_members
from hub.members.selectors import member_notes
from hub.members.selectors import member_officials
from hub.members.selectors import member_regions
from hub.members.selectors import member_status_history
from hub.members.services import member_note_create


def _directory(request: HttpRequest) -> tuple[DirectoryFilterForm, list[Member]]:
    v = viewer(request)
    form = DirectoryFilterForm(
        request.GET or None,
        regions=member_regions(viewer=v),
        focal_point_filter=policy_for(Member).can(v, "manage"),
    )
    filters = MemberFilters()
    if form.is_valid():
        d = form.cleaned_data
        filters = MemberFilters(
            q=d["q"], region=d["region"], kind=d["kind"], role=d["role"], focal_point=d.get("focal_point", "")
        )
    members = sorted(member_list(viewer=v, filters=filters), key=lambda m: collation_key(m.name))
    return form, members


@require_safe
@public_page
def directory(request: HttpRequest) -> HttpResponse:
    form, members = _directory(request)
    return render(
        request,
        "members/directory.html",
        {
            "form": form,
            "members": members,
            "has_synthetic": any(m.is_synthetic for m in members),
            "query": request.GET.urlencode(),
            "can_register": policy_for(Member).can(viewer(request), "manage"),
        },
        status=400 if form.errors else 200,  # a filter out of bounds is named on its field
    )


@require_safe
@public_page
def directory_export(request: HttpRequest, fmt: str) -> HttpResponse:
    _form, members = _directory(request)
    rows = [
        (
            m.name,
            m.get_kind_display(),
            getattr(m.country, "code", "") or "",
            m.region,
            m.subregion,
            "yes" if m.founding_member else "no",
            m.get_mission_statement_display(),
            m.get_status_display(),
            "yes" if m.is_synthetic else "no",
            m.source,
        )
        for m in members
    ]
    headers = [
        "name",
        "kind",
        "iso3166",
        "region",
        "subregion",
        "founding_member",
        "mission_statement",
        "status",
        "synthetic",
        "source",
    ]
    return export_response(headers=headers, rows=rows, fmt=fmt, filename="members")


def _profile_context(v: Viewer, member: Member, form: MemberNoteForm | None) -> dict[str, object]:
    policy = policy_for(Member)
    notes = member_notes(viewer=v, member=member)
    return {
        "member": member,
        "roles": list(member.taskforce_roles.all()),
        "officials": member_officials(viewer=v, member=member),
        "show_officials": policy.can(v, "view_officials", member),
        "notes": notes,
        "show_secretariat_notes": policy.can(v, "view_secretariat_notes", member),
        "history": member_status_history(viewer=v, member=member),
        "manage": policy.can(v, "manage", member),
        "manage_people": policy_for(Invitation).can(v, "invite_for_member", Invitation(member=member)),
        "note_form": form,
        "has_synthetic": member.is_synthetic or any(n.is_synthetic for n in notes),
    }


@require_safe
@public_page
def profile(request: HttpRequest, slug: str) -> HttpResponse:
    v = viewer(request)
    member = member_get(viewer=v, slug=slug)
    can_note = v.is_authenticated and policy_for(Member).can(v, "add_note", member)
    form = MemberNoteForm(any_level=policy_for(MemberNote).can(v, "choose_any_level")) if can_note else None
    return render(request, "members/profile.html", _profile_context(v, member, form))


@require_POST
@viewer_required
def note_create(request: HttpRequest, slug: str) -> HttpResponse:
    v = viewer(request)
    member = member_get(viewer=v, slug=slug)
    if not policy_for(Member).can(v, "add_note", member):
        raise NotFound()
    form = MemberNoteForm(request.POST, any_level=policy_for(MemberNote).can(v, "choose_any_level"))
    if form.is_valid():
        try:
            member_note_create(
                viewer=v, member=member, text=form.cleaned_data["text"], visibility=form.cleaned_data["visibility"]
            )
        except HubError as exc:
            form.add_hub_error(exc)
        else:
            messages.success(request, _("Note saved."))
            warn_terms(request, form.cleaned_data["text"])
            return redirect("member_profile", slug=member.slug)
    return render(request, "members/profile.html", _profile_context(v, member, form), status=422)


@require_safe
@public_page
def member_map(request: HttpRequest) -> HttpResponse:
    """The world map as its own cached, compressed SVG file (the directory table is its alternative).

    Its address names the language (`?lang=fr`, as the directory links it), so a browser never shows
    a map cached in another language; without it, the request's language is used."""
    lang = request.GET.get("lang", "")
    if lang not in dict(settings.LANGUAGES):
        lang = translation.get_language()
    with translation.override(lang):
        key, body = map_svg_gzip(member_map_members(viewer=viewer(request)))
    etag = f'"{key}"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponse(status=304)
    elif "gzip" in request.headers.get("Accept-Encoding", ""):
        response = HttpResponse(body, content_type="image/svg+xml")
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(gzip.decompress(body), content_type="image/svg+xml")
    response["ETag"] = etag
    response["Vary"] = "Accept-Encoding, Accept-Language, Cookie"
    response["Content-Language"] = lang
    response["Cache-Control"] = "private, max-age=300"
    # The SVG carries its own <style>; as an image it runs no script.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response
