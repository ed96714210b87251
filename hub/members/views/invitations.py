"""Invitations: the secretariat and focal points invite people to roles; the invited accept."""

from __future__ import annotations

from allauth.account.internal.flows.login import record_authentication
from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.core.errors import HubError
from hub.core.errors import NotFound
from hub.core.policies import policy_for
from hub.core.web import confirm_page
from hub.core.web import is_confirmed
from hub.core.web import public_page
from hub.core.web import viewer
from hub.core.web import viewer_required
from hub.members.forms import AcceptInvitationForm
from hub.members.forms import InvitationForm
from hub.members.models import Invitation
from hub.members.models import Member
from hub.members.selectors import invitation_get
from hub.members.selectors import invitation_list
from hub.members.selectors import member_list
from hub.members.services import invitation_accept
from hub.members.services import invitation_create
from hub.members.services import invitation_for_token
from hub.members.services import invitation_revoke
from hub.members.views.steps import step_failed


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
        "members/invitations.html",
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
    invitation = invitation_get(viewer=v, pk=pk)
    if not is_confirmed(request):
        names = {"email": invitation.email, "role": invitation.get_kind_display()}
        role = f"{names['role']}, {invitation.member}" if invitation.member else names["role"]
        return confirm_page(
            request,
            title=_("Withdraw the invitation of %(email)s?") % names,
            what_happens=[
                _("The link sent to %(email)s stops working at once: it can no longer be accepted.") % names,
                _("Invited as: %(role)s.") % {"role": role},
                _("To invite them again, send a new invitation."),
            ],
            button=_("Withdraw the invitation"),
            cancel_url=reverse("invitations"),
            danger=True,
        )
    try:
        invitation_revoke(viewer=v, invitation_id=invitation.pk)
    except HubError as exc:
        step_failed(request, exc)
    else:
        messages.success(request, _("Invitation withdrawn."))
    return redirect("invitations")


@public_page
def invitation_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = invitation_for_token(token=token)
    except HubError as exc:
        return render(request, "members/invitation_invalid.html", {"message": exc.message}, status=exc.status)
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
                        request, "members/invitation_invalid.html", {"message": exc.message}, status=exc.status
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
    return render(request, "members/invitation_accept.html", {"invitation": invitation, "form": form}, status=status)
