"""Pages about people: dashboard, invitations, profile and API tokens."""

from __future__ import annotations

from allauth.account.internal.flows.login import record_authentication
from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from hub.accounts.forms import AcceptInvitationForm, ApiTokenForm, InvitationForm
from hub.accounts.models import Invitation
from hub.accounts.selectors import api_token_list, invitation_list, role_list_for_user
from hub.accounts.services import (
    api_token_create,
    api_token_revoke,
    invitation_accept,
    invitation_create,
    invitation_for_token,
    invitation_revoke,
)
from hub.core.errors import HubError, NotFound
from hub.core.policies import policy_for
from hub.core.web import public_page, viewer, viewer_required
from hub.meetings.models import ActionItem
from hub.meetings.selectors import ActionFilters, action_item_list, cadence_warnings
from hub.members.models import JoinRequest, Member
from hub.members.selectors import join_request_list, member_list, member_summary, members_without_focal_point


@require_safe
@viewer_required
def dashboard(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    own_members = list(member_list(viewer=v).filter(pk__in=v.member_ids))
    invitations = policy_for(Invitation)
    my_actions = list(
        action_item_list(viewer=v, filters=ActionFilters(mine=True)).exclude(status__in=ActionItem.CLOSED)[:10]
    )
    return render(
        request,
        "accounts/dashboard.html",
        {
            "roles": list(role_list_for_user(viewer=v, user=v.user).order_by("kind")),
            "own_members": own_members,
            "summary": member_summary(viewer=v),
            "without_focal_point": members_without_focal_point(viewer=v),
            "open_join_requests": join_request_list(viewer=v).filter(status__in=JoinRequest.OPEN_STATUSES).count(),
            "pending_invitations": invitation_list(viewer=v).filter(accepted_at__isnull=True, revoked_at__isnull=True)[
                :10
            ],
            "has_synthetic": any(m.is_synthetic for m in own_members) or any(a.is_synthetic for a in my_actions),
            "my_actions": my_actions,
            "cadence": cadence_warnings(viewer=v),
            "show_registry": policy_for(Member).can(v, "manage"),
            "can_invite": invitations.can(v, "invite"),
            "people_member_ids": {
                m.pk for m in own_members if invitations.can(v, "invite_for_member", Invitation(member=m))
            },
        },
    )


def _invitation_form(request: HttpRequest, data: object = None) -> InvitationForm:
    v = viewer(request)
    policy = policy_for(Invitation)
    return InvitationForm(
        data,
        members=member_list(viewer=v).exclude(status=Member.Status.WITHDRAWN),
        allow_administrator=policy.can(v, "invite_administrator"),
        allow_others=policy.can(v, "create"),
    )


@viewer_required
def invitations(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    policy = policy_for(Invitation)
    if not policy.can(v, "list"):
        raise NotFound()
    form = _invitation_form(request, request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                invitation_create(
                    viewer=v, email=d["email"], kind=d["kind"], member=d["member"], organisation=d["organisation"]
                )
            except HubError as exc:
                form.add_hub_error(exc)
            else:
                messages.success(request, _("Invitation sent to %(email)s.") % {"email": d["email"]})
                return redirect("invitations")
        status = 422
    can_invite = policy.can(v, "invite")
    shown = list(invitation_list(viewer=v)[:200])
    return render(
        request,
        "accounts/invitations.html",
        {
            "form": form if can_invite else None,
            "invitations": shown,
            "withdraw_ids": {i.pk for i in shown if policy.can(v, "withdraw", i)},
        },
        status=status,
    )


@require_POST
@viewer_required
def invitation_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    invitation_revoke(viewer=v, invitation_id=pk)
    messages.success(request, _("Invitation withdrawn."))
    return redirect("invitations")


@public_page
def invitation_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = invitation_for_token(token=token)
    except HubError as exc:
        return render(request, "accounts/invitation_invalid.html", {"message": exc.message}, status=exc.status)
    user = request.user if request.user.is_authenticated else None
    form = AcceptInvitationForm(request.POST or None) if user is None else None
    if request.method == "POST":
        if user is not None or (form is not None and form.is_valid()):
            data = form.cleaned_data if form is not None else {}
            try:
                accepted = invitation_accept(
                    token=token,
                    full_name=data.get("full_name", ""),
                    password=data.get("password1", ""),
                    existing_user=user,  # type: ignore[arg-type]
                )
            except HubError as exc:
                if form is None:
                    return render(
                        request, "accounts/invitation_invalid.html", {"message": exc.message}, status=exc.status
                    )
                form.add_hub_error(exc)
            else:
                if user is None:
                    login(request, accepted, backend="django.contrib.auth.backends.ModelBackend")
                    # The person has just chosen their password: count it as a fresh sign-in, so
                    # setting up the second factor does not ask for the password again.
                    record_authentication(
                        request, accepted, method="password", email=accepted.email, reauthenticated=True
                    )
                messages.success(
                    request, _("Welcome. Now set up your second factor: it protects the Taskforce's data.")
                )
                if accepted.has_second_factor():
                    return redirect("dashboard")
                return redirect("mfa_activate_totp")
        status = 422
    else:
        status = 200
    return render(request, "accounts/invitation_accept.html", {"invitation": invitation, "form": form}, status=status)


@viewer_required
def profile(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    form = ApiTokenForm(request.POST or None)
    new_token = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                _token, new_token = api_token_create(viewer=v, name=d["name"], scope=d["scope"], days=d["days"])
            except HubError as exc:
                form.add_hub_error(exc)
                status = 422
            else:
                form = ApiTokenForm()
        else:
            status = 422
    return render(
        request,
        "accounts/profile.html",
        {
            "roles": list(role_list_for_user(viewer=v, user=v.user)),
            "tokens": list(api_token_list(viewer=v)),
            "form": form,
            "new_token": new_token,
        },
        status=status,
    )


@require_POST
@viewer_required
def api_token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    api_token_revoke(viewer=v, token_id=pk)
    messages.success(request, _("Token revoked."))
    return redirect("profile")
