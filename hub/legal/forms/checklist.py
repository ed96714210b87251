"""Legal frameworks: the form that loads a new checklist version from a file."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hub.core.errors import HubError
from hub.core.forms import HubForm


class ChecklistLoadForm(HubForm):
    code = forms.CharField(
        label=gettext_lazy("Version code"), max_length=16, help_text=gettext_lazy("For example 2027-1.")
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200, required=False)
    source = forms.CharField(
        label=gettext_lazy("Source"),
        max_length=300,
        help_text=gettext_lazy("Where this version comes from: the decision or document that adopts it."),
    )
    file = forms.FileField(label=gettext_lazy("Checklist file (CSV or XLSX)"))
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
