"""Your profile: your roles and your personal API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.accounts.forms import ApiTokenForm
from hub.accounts.selectors import api_token_list
from hub.accounts.services import api_token_create
from hub.accounts.services import api_token_revoke
from hub.core.errors import HubError
from hub.core.web import viewer
from hub.core.web import viewer_required
from hub.members.selectors import role_list_for_user


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
        "members/my_profile.html",
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
