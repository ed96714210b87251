"""Legal frameworks: the coding forms (the secretariat's edit, a member's correction request, the
secretariat's decision)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.core.forms import HubForm
from hub.core.forms import add_version_field
from hub.legal.models import Coding
from hub.legal.models import Provision
from hub.legal.models import Statute


def status_choices(provision: Provision) -> list[tuple[str, Any]]:
    """The five statuses in words; a binary provision is never partly met."""
    return [(v, label) for v, label in Coding.Status.choices if provision.is_graded or v != Coding.Status.PARTIAL]


class CodingForm(HubForm):
    """The secretariat's coding of one provision. Editing a coding carries its version (a stale edit is
    refused, nothing overwritten) and asks why it changes."""

    status = forms.ChoiceField(label=_("Coding"), widget=forms.RadioSelect)
    statute = forms.TypedChoiceField(
        label=_("Statute"), coerce=int, required=False, empty_value=None, help_text=_("One of the profile's statutes.")
    )
    pinpoint = forms.CharField(
        label=_("Pinpoint citation"),
        max_length=300,
        required=False,
        help_text=_("The section, for example s. 163.1(4)."),
    )
    rationale = forms.CharField(
        label=_("Rationale"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    verified = forms.BooleanField(
        label=_("Verified by the secretariat (needs the citation: a statute or a section)"), required=False
    )
    reason = forms.CharField(
        label=_("Why it changes"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the coding's history with your name."),
    )

    def __init__(
        self, *args: Any, provision: Provision, statutes: list[Statute], coding: Coding | None, **kwargs: Any
    ) -> None:
        if coding is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "status": coding.status,
                "statute": coding.statute_id,
                "pinpoint": coding.pinpoint,
                "rationale": coding.rationale,
                "verified": coding.is_verified,
            }
        super().__init__(*args, **kwargs)
        status: Any = self.fields["status"]
        status.choices = status_choices(provision)
        statute: Any = self.fields["statute"]
        statute.choices = [("", _("None")), *((s.pk, f"{s.citation} — {s}") for s in statutes)]
        if coding is not None:
            self.fields["reason"].required = True
            add_version_field(self, coding)

    def field_for_problem(self, path: str) -> str:
        return "statute" if path == "statute_id" else path


class ContestForm(HubForm):
    """A member official's correction request: the coding they propose, its citation, and why."""

    proposed_status = forms.ChoiceField(label=_("The coding you propose"), widget=forms.RadioSelect)
    citation = forms.CharField(
        label=_("Citation"),
        max_length=300,
        help_text=_("The statute and the section, for example Act 12 of 2019, s. 4."),
    )
    reason = forms.CharField(
        label=_("Why the coding should change"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args: Any, provision: Provision, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["proposed_status"]
        field.choices = status_choices(provision)


class AcceptForm(HubForm):
    note = forms.CharField(
        label=_("Note to the member (optional)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Becomes the coding's rationale; the member's reason is used when empty."),
    )


class RejectForm(HubForm):
    note = forms.CharField(
        label=_("Why the request is rejected"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
