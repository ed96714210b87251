"""MNR self-assessment: the form proposing a consent-based exchange (the answers are posted steps)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.assessments.models import Capability
from hub.assessments.models import Exchange
from hub.core.forms import HubForm
from hub.members.models import Member


class ProposeForm(HubForm):
    """Which of the viewer's members proposes (asked only when it acts for several), to which member,
    on which capability of the current framework, offering or requesting, and a message."""

    member = forms.TypedChoiceField(label=_("Proposed by"), coerce=int)
    counterpart = forms.TypedChoiceField(
        label=_("Proposed to"),
        coerce=int,
        help_text=_("Nothing of either member's self-assessment is shown to the other unless both consent."),
    )
    capability = forms.TypedChoiceField(label=_("Capability"), coerce=int)
    kind = forms.ChoiceField(label=_("What you propose"), choices=Exchange.Kind.choices, widget=forms.RadioSelect)
    message = forms.CharField(
        label=_("Message"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you would like to share or learn. Sent to the other member's officials."),
    )

    def __init__(
        self,
        *args: Any,
        members: list[Member],
        counterparts: list[Member],
        capabilities: list[Capability],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [(m.pk, m.name) for m in members]  # type: ignore[attr-defined]
        if len(members) == 1:
            self.fields["member"].initial = members[0].pk
            self.fields["member"].widget = forms.HiddenInput()
            own = {members[0].pk}
        else:
            own = set()
        others = [("", _("Choose a member")), *((m.pk, m.name) for m in counterparts if m.pk not in own)]
        self.fields["counterpart"].choices = others  # type: ignore[attr-defined]
        self.fields["capability"].choices = [  # type: ignore[attr-defined]
            ("", _("Choose a capability")),
            *((c.pk, f"{c.number}. {c.name} ({c.domain})") for c in capabilities),
        ]
