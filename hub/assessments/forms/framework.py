"""MNR self-assessment: the forms that load a new framework version from a file and edit a phase."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hub.assessments.models import Phase
from hub.core.errors import HubError
from hub.core.forms import HubForm
from hub.core.forms import add_version_field


class FrameworkLoadForm(HubForm):
    code = forms.CharField(
        label=gettext_lazy("Version code"), max_length=16, help_text=gettext_lazy("For example mnr-2026.")
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200, required=False)
    source = forms.CharField(
        label=gettext_lazy("Source"),
        max_length=300,
        help_text=gettext_lazy("Where this version comes from: the document that sets it out."),
    )
    file = forms.FileField(label=gettext_lazy("Capabilities file (CSV or XLSX)"))
    dry_run = forms.BooleanField(
        label=gettext_lazy("Check the file and show what would be loaded, without loading it"),
        required=False,
        initial=True,
    )

    def add_hub_error(self, exc: HubError) -> None:
        """A problem of a row is shown with its row and column, as a spreadsheet names them."""
        rows = [p for p in exc.problems if p.row is not None]
        if rows:
            self.add_error(None, exc.message)
            for p in rows:
                self.add_error(
                    None,
                    _("Row %(row)s, column %(column)s: %(message)s")
                    % {"row": p.row, "column": p.field or "", "message": p.message},
                )
        rest = [p for p in exc.problems if p.row is None]
        if rest or not rows:
            super().add_hub_error(type(exc)(exc.message, problems=rest))


class PhaseForm(HubForm):
    label = forms.CharField(label=gettext_lazy("Label"), max_length=100)
    confirmed = forms.BooleanField(
        label=gettext_lazy("The name is confirmed"),
        required=False,
        help_text=gettext_lazy("Leave unticked while the name is a working label."),
    )
    description = forms.CharField(
        label=gettext_lazy("Description"), max_length=5000, required=False, widget=forms.Textarea
    )

    def __init__(self, data: Any = None, *, instance: Phase, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {name: getattr(instance, name) for name in self.base_fields})
        super().__init__(data, **kwargs)
        add_version_field(self, instance)
