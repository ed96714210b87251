"""Legal frameworks: the import form (codings or statutes, from a CSV or XLSX file)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.core.forms import HubForm

KINDS = [("codings", _("Codings")), ("statutes", _("Statutes"))]


class LegalImportForm(HubForm):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=KINDS, widget=forms.RadioSelect, initial="codings")
    file = forms.FileField(
        label=_("File (CSV or XLSX)"), help_text=_("The first row names the columns, as in the template.")
    )
