"""The secretariat's registry pages (and the focal point's people page). Thin views over services."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.core.concurrency import VERSION_FIELD
from hub.core.errors import HubError
from hub.core.errors import NotFound
from hub.core.forms import add_version_field
from hub.core.forms import form_version
from hub.core.policies import policy_for
from hub.core.viewer import Viewer
from hub.core.web import confirm_page
from hub.core.web import form_page
from hub.core.web import is_confirmed
from hub.core.web import viewer
from hub.core.web import viewer_required
from hub.members.forms import AllianceFigureForm
from hub.members.forms import MemberForm
from hub.members.forms import PersonInviteForm
from hub.members.forms import StatusChangeForm
from hub.members.forms import TaskforceRoleForm
from hub.members.models import AllianceFigure
from hub.members.models import Invitation
from hub.members.models import Member
from hub.members.models import Role
from hub.members.selectors import alliance_figure_list
from hub.members.selectors import member_get
from hub.members.selectors import member_pending_invitations
from hub.members.selectors import member_role_get
from hub.members.selectors import member_roles
from hub.members.selectors import member_status_history
from hub.members.services import MemberInput
from hub.members.services import alliance_figure_record
from hub.members.services import invitation_create
from hub.members.services import member_create
from hub.members.services import member_status_change
from hub.members.services import member_update
from hub.members.services import role_end
from hub.members.services import taskforce_role_assign
from hub.members.views.steps import step_failed


def _secretariat_only(v: Viewer) -> None:
    if not policy_for(Member).can(v, "manage"):
        raise NotFound()


# The free texts of a member's record the terminology check reads after a save.
MEMBER_NARRATIVES = ("public_profile_en", "public_profile_fr", "public_profile_es", "secretariat_notes")


def _member_input(form: MemberForm) -> MemberInput:
    data = dict(form.cleaned_data)
    data.pop(VERSION_FIELD, None)  # the version goes to the service on its own
    data["name_fr"] = data.get("name_fr") or ""
    data["name_es"] = data.get("name_es") or ""
    return MemberInput(**data)


@viewer_required
def member_new(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    _secretariat_only(v)
    form = MemberForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda _d: member_create(viewer=v, data=_member_input(form)),
        success=_("Member registered."),
        next_url=lambda member: reverse("member_profile", args=[member.slug]),
        template="members/member_form.html",
        context=lambda: {"member": None},
        narratives=MEMBER_NARRATIVES,
    )


@viewer_required
def member_edit(request: HttpRequest, slug: str) -> HttpResponse:
    v = viewer(request)
    _secretariat_only(v)
    member = member_get(viewer=v, slug=slug)
    form = MemberForm(request.POST or None, initial=MemberForm.initial_for(member))
    add_version_field(form, member)
    return form_page(
        request,
        form,
        lambda _d: member_update(viewer=v, member=member, data=_member_input(form), version=form_version(form)),
        success=_("Member saved."),
        next_url=lambda m: reverse("member_profile", args=[m.slug]),
        template="members/member_form.html",
        context=lambda: {"member": member, "has_synthetic": member.is_synthetic},
        narratives=MEMBER_NARRATIVES,
    )


def _status_consequences(member: Member, status: str, reason: str, effective_on: datetime.date | None) -> list[str]:
    """What a status change does, in words, for its confirmation page."""
    names = {
        "name": member.name,
        "status": Member.Status(status).label,
        "previous": member.get_status_display(),
        "date": date_format(effective_on or timezone.localdate(), "DATE_FORMAT"),
    }
    what = [
        _("%(name)s's status changes from %(previous)s to %(status)s on %(date)s.") % names,
        _("The change is kept in the status history with your reason:") + f" “{reason}”",
    ]
    if status == Member.Status.WITHDRAWN:
        what.append(
            _(
                "The roles of all its officials, focal point and deputy end that day; they can no longer sign in "
                "for it. Its records stay, visible to the secretariat only."
            )
        )
    elif status == Member.Status.SUSPENDED:
        what.append(_("Its officials keep reading their member's records but can no longer submit or write."))
    return what


@viewer_required
def member_status(request: HttpRequest, slug: str) -> HttpResponse:
    v = viewer(request)
    _secretariat_only(v)
    member = member_get(viewer=v, slug=slug)
    form = StatusChangeForm(request.POST or None, current=member.status)
    if form.is_valid() and not is_confirmed(request):
        d = form.cleaned_data
        return confirm_page(
            request,
            title=_("Change the status of %(name)s to %(status)s?")
            % {"name": member.name, "status": Member.Status(d["status"]).label},
            what_happens=_status_consequences(member, d["status"], d["reason"], d["effective_on"]),
            button=_("Change the status"),
            cancel_url=reverse("member_status", args=[member.slug]),
            danger=d["status"] in (Member.Status.SUSPENDED, Member.Status.WITHDRAWN),
        )
    return form_page(
        request,
        form,
        lambda d: member_status_change(
            viewer=v, member=member, status=d["status"], reason=d["reason"], effective_on=d["effective_on"]
        ),
        success=_("Status changed."),
        next_url=reverse("member_profile", args=[member.slug]),
        template="members/member_status.html",
        narratives=("reason",),
        context=lambda: {
            "member": member,
            "history": member_status_history(viewer=v, member=member),
            "has_synthetic": member.is_synthetic,
        },
    )


@viewer_required
def member_taskforce_role(request: HttpRequest, slug: str) -> HttpResponse:
    v = viewer(request)
    _secretariat_only(v)
    member = member_get(viewer=v, slug=slug)
    return form_page(
        request,
        TaskforceRoleForm(request.POST or None),
        lambda d: taskforce_role_assign(
            viewer=v, member=member, role=d["role"], starts_on=d["starts_on"], ends_on=d["ends_on"], source=d["source"]
        ),
        success=_("Taskforce role recorded."),
        next_url=reverse("member_profile", args=[member.slug]),
        template="members/member_taskforce_role.html",
        context=lambda: {
            "member": member,
            "roles": list(member.taskforce_roles.all()),
            "has_synthetic": member.is_synthetic,
        },
    )


def _may_manage_people(v: Viewer, member: Member) -> bool:
    return policy_for(Invitation).can(v, "invite_for_member", Invitation(member=member))


@viewer_required
def member_people(request: HttpRequest, slug: str) -> HttpResponse:
    """Officials, focal point and deputy of a member: the secretariat and the member's focal point."""
    v = viewer(request)
    member = member_get(viewer=v, slug=slug)
    if not _may_manage_people(v, member):
        raise NotFound()
    roles = member_roles(viewer=v, member=member)
    return form_page(
        request,
        PersonInviteForm(request.POST or None),
        lambda d: invitation_create(viewer=v, email=d["email"], kind=d["kind"], member=member),
        success=_("Invitation sent."),
        next_url=reverse("member_people", args=[member.slug]),
        template="members/member_people.html",
        context=lambda: {
            "member": member,
            "roles": roles,
            "end_ids": {r.pk for r in roles if policy_for(Role).can(v, "end", r)},
            "invitations": member_pending_invitations(viewer=v, member=member),
            "has_synthetic": member.is_synthetic,
        },
    )


@require_POST
@viewer_required
def member_role_end(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    v = viewer(request)
    member = member_get(viewer=v, slug=slug)
    if not _may_manage_people(v, member):
        raise NotFound()
    role = member_role_get(viewer=v, member=member, pk=pk)
    back = reverse("member_people", args=[member.slug])
    if not is_confirmed(request):
        names = {
            "person": role.user.full_name or role.user.email,
            "role": role.get_kind_display(),
            "member": member.name,
            "date": date_format(timezone.localdate(), "DATE_FORMAT"),
        }
        return confirm_page(
            request,
            title=_("End the role of %(person)s?") % names,
            what_happens=[
                _("%(person)s is no longer %(role)s of %(member)s from %(date)s.") % names,
                _("They keep their account, but no longer act or read for %(member)s.") % names,
                _("The role stays in the list of past roles, with its dates."),
            ],
            button=_("End the role"),
            cancel_url=back,
            danger=True,
        )
    try:
        role_end(viewer=v, role_id=role.pk)
    except HubError as exc:
        step_failed(request, exc)
    else:
        messages.success(request, _("Role ended."))
    return redirect(back)


@viewer_required
def alliance_figures(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    if not policy_for(AllianceFigure).can(v, "record"):
        raise NotFound()
    return form_page(
        request,
        AllianceFigureForm(request.POST or None),
        lambda d: alliance_figure_record(
            viewer=v,
            kind=AllianceFigure.Kind.GOVERNMENT_MEMBERS,
            value=d["value"],
            as_of=d["as_of"],
            source=d["source"],
        ),
        success=_("Figure recorded."),
        next_url=reverse("alliance_figures"),
        template="members/alliance_figures.html",
        context=lambda: {"figures": list(alliance_figure_list(viewer=v))},
    )
