"""MNR self-assessment: the choice of a cycle and of a table's rows on the safe aggregates' pages (GET)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.core.forms import HubForm

BY_CHOICES = (("domain", _("Domains")), ("capability", _("Capabilities")))


class AggregateChoiceForm(HubForm):
    """Which cycle, and whether the tables by region and across cycles show domains or capabilities."""

    cycle = forms.TypedChoiceField(label=_("Cycle"), coerce=int, required=False)
    by = forms.ChoiceField(label=_("By region and across cycles, show"), choices=BY_CHOICES, required=False)

    def __init__(self, data: Any = None, *, cycles: list[tuple[int, str]]) -> None:
        super().__init__(data)
        self.fields["cycle"].choices = [(pk, title) for pk, title in cycles]  # type: ignore[attr-defined]
