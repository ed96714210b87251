"""Knowledge: search (forms). The search box and its filters; shape only (bounds of each field)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.core.forms import HubForm
from hub.core.limits import PAGE_MAX
from hub.knowledge.selectors.search import FILTER_MAX_CHARS
from hub.knowledge.selectors.search import MAX_QUERY_CHARS
from hub.knowledge.selectors.search import SearchFilters

BIG_ID = 2**63 - 1


class SearchForm(HubForm):
    q = forms.CharField(
        label=_("Search for"),
        required=False,
        max_length=MAX_QUERY_CHARS,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Words in English, French or Spanish; every word must be found."),
    )
    type = forms.ChoiceField(label=_("Type of record"), required=False)
    commitment = forms.TypedChoiceField(label=_("Commitment"), required=False, coerce=int, empty_value=None)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2999)
    member = forms.IntegerField(required=False, min_value=1, max_value=BIG_ID, widget=forms.HiddenInput)
    capability = forms.CharField(required=False, max_length=FILTER_MAX_CHARS, widget=forms.HiddenInput)
    page = forms.IntegerField(required=False, min_value=1, max_value=PAGE_MAX, widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, kinds: list[tuple[str, str]], commitments: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("Any"))] + kinds  # type: ignore[attr-defined]
        self.fields["commitment"].choices = [("", _("Any"))] + commitments  # type: ignore[attr-defined]

    def filters(self) -> SearchFilters:
        d = self.cleaned_data
        return SearchFilters(
            q=d["q"],
            kind=d["type"],
            member=d["member"],
            commitment=d["commitment"],
            capability=d["capability"],
            year=d["year"],
        )
