"""Legal frameworks: the forms of the comparison, the matrix's filters and the coverage map (all GET)."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.core.errors import ValidationFailed
from hub.core.forms import HubForm
from hub.legal.selectors.codings import as_of_parse
from hub.legal.selectors.compare import MAX_MEMBERS
from hub.legal.selectors.compare import MIN_MEMBERS


class AsOfField(forms.CharField):
    """A strict ISO date, not in the future (empty: today); the same rule as the API's `as_of`."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("As of"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("help_text", _("A past day, as YYYY-MM-DD; leave empty for today."))
        super().__init__(**kwargs)
        self.widget.input_type = "date"

    def clean(self, value: Any) -> datetime.date | None:  # type: ignore[override]
        text = super().clean(value)
        try:
            return as_of_parse(text)
        except ValidationFailed as exc:
            raise forms.ValidationError(exc.message) from exc


class MemberCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes whose group answers its own id, so the error summary links to the fieldset."""

    def id_for_label(self, id_: str, index: str | None = None) -> str:
        return id_ if index is None else super().id_for_label(id_, index)


class CompareForm(HubForm):
    members = forms.MultipleChoiceField(
        label=_("Members to compare"),
        widget=MemberCheckboxes,
        help_text=_("Choose two to five members."),
        error_messages={"invalid_choice": _("No legal profile found for: %(value)s.")},
    )
    as_of = AsOfField()

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.member_choices = choices
        self.fields["members"].choices = choices  # type: ignore[attr-defined]

    def clean_members(self) -> list[str]:
        chosen: list[str] = self.cleaned_data["members"]
        if len(chosen) < MIN_MEMBERS or len(chosen) > MAX_MEMBERS:
            raise forms.ValidationError(_("Choose two to five members to compare."))
        return chosen


class MatrixFilterForm(HubForm):
    group = forms.ChoiceField(label=_("Group"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    status = forms.ChoiceField(label=_("Coding"), required=False)
    review = forms.ChoiceField(label=_("Review status"), required=False)
    as_of = AsOfField()

    def __init__(self, *args: Any, choices: dict[str, list[tuple[str, str]]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        anything = [("", _("Any"))]
        for name in ("group", "region", "status", "review"):
            self.fields[name].choices = anything + choices[name]  # type: ignore[attr-defined]
        if not choices["review"]:
            del self.fields["review"]


class CoverageForm(HubForm):
    provision = forms.ChoiceField(label=_("Provision"), required=False)
    version = forms.CharField(widget=forms.HiddenInput, required=False, max_length=16)
    as_of = AsOfField()

    def __init__(self, *args: Any, provisions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provision"].choices = provisions  # type: ignore[attr-defined]


class AsOfForm(HubForm):
    as_of = AsOfField()
