from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from hub.accounts.models import ApiToken, Role
from hub.core.forms import HubForm
from hub.members.models import Member


class InvitationForm(HubForm):
    email = forms.EmailField(label=_("E-mail address"))
    kind = forms.ChoiceField(label=_("Role"))
    member: forms.ModelChoiceField[Member] = forms.ModelChoiceField(
        label=_("Member"),
        queryset=Member.objects.none(),
        required=False,
        help_text=_("Required for member officials and focal points; leave empty otherwise."),
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        required=False,
        help_text=_("For a reference-group contributor: the group or initiative."),
    )

    def __init__(self, *args: Any, members: Any, allow_administrator: bool, allow_others: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = [
            (k.value, k.label)
            for k in Role.Kind
            if (k == Role.Kind.ADMINISTRATOR and allow_administrator) or (k != Role.Kind.ADMINISTRATOR and allow_others)
        ]
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]
        self.fields["member"].queryset = members  # type: ignore[attr-defined]


class AcceptInvitationForm(HubForm):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    password1 = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters, not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password again"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data


class ApiTokenForm(HubForm):
    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("What the token is for."))
    scope = forms.ChoiceField(label=_("Scope"), choices=ApiToken.Scope.choices, initial=ApiToken.Scope.READ)
    days = forms.IntegerField(
        label=_("Valid for (days)"), min_value=1, max_value=settings.API_TOKEN_MAX_DAYS, initial=90
    )
