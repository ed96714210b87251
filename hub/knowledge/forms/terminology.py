"""Knowledge: terminology (forms): a glossary row, and the text to check."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.core.forms import HubForm
from hub.knowledge.models.terminology import PATTERN_MAX_LENGTH
from hub.knowledge.models.terminology import SOURCE_MAX_LENGTH
from hub.knowledge.models.terminology import TERM_MAX_LENGTH
from hub.knowledge.models.terminology import WHY_MAX_LENGTH
from hub.knowledge.models.terminology import GlossaryTerm
from hub.knowledge.selectors.terminology import CHECK_MAX_LENGTH
from hub.knowledge.services.terminology import GlossaryTermInput
from hub.knowledge.services.terminology import language_problem
from hub.knowledge.services.terminology import pattern_problem

LANGUAGE_NAMES = {
    "en": _("English"),
    "fr": _("French (unofficial translation)"),
    "es": _("Spanish (unofficial translation)"),
}


class GlossaryTermForm(HubForm):
    """A row of the glossary, with its texts in English and, optionally, French and Spanish."""

    language = forms.CharField(
        label=_("Language of the discouraged wording"),
        max_length=16,
        initial="en",
        help_text=_("A language tag: en, fr, es, de... The check applies every pattern to every text."),
    )
    match = forms.CharField(
        label=_("Pattern"),
        max_length=PATTERN_MAX_LENGTH,
        required=False,
        help_text=_(
            "A regular expression, matched without regard to case, such as \\bchild[- ]porn(ography)?\\b. "
            "Repeat at most 20 times ({1,3}); +, * and back-references are not allowed. Leave empty for a "
            "glossary-only term."
        ),
    )
    action = forms.ChoiceField(label=_("What the check does"), choices=GlossaryTerm.Action.choices)
    source = forms.CharField(label=_("Source"), max_length=SOURCE_MAX_LENGTH)
    confirmed = forms.BooleanField(label=_("Confirmed against the primary text of its source"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for lang, name in LANGUAGE_NAMES.items():
            required = lang == "en"
            self.fields[f"discouraged_{lang}"] = forms.CharField(
                label=_("Discouraged term (%(language)s)") % {"language": name},
                max_length=TERM_MAX_LENGTH,
                required=required,
            )
            self.fields[f"preferred_{lang}"] = forms.CharField(
                label=_("Preferred term (%(language)s)") % {"language": name},
                max_length=TERM_MAX_LENGTH,
                required=required,
            )
            self.fields[f"why_{lang}"] = forms.CharField(
                label=_("Why (%(language)s)") % {"language": name},
                max_length=WHY_MAX_LENGTH,
                required=required,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        order = ["language", "match", "action"]
        order += [f"{n}_{lang}" for lang in LANGUAGE_NAMES for n in ("discouraged", "preferred", "why")]
        self.order_fields([*order, "source", "confirmed"])

    @staticmethod
    def initial_for(term: GlossaryTerm) -> dict[str, Any]:
        names = ["language", "match", "action", "source", "confirmed"]
        names += [f"{n}_{lang}" for lang in LANGUAGE_NAMES for n in ("discouraged", "preferred", "why")]
        return {name: getattr(term, name) for name in names}

    def clean_match(self) -> str:
        value = str(self.cleaned_data.get("match") or "").strip()
        found = pattern_problem(value)
        if found:
            raise forms.ValidationError(found)
        return value

    def clean_language(self) -> str:
        value = str(self.cleaned_data.get("language") or "").strip()
        found = language_problem(value)
        if found:
            raise forms.ValidationError(found)
        return value

    def term_input(self) -> GlossaryTermInput:
        names = GlossaryTermInput.__dataclass_fields__
        return GlossaryTermInput(**{k: v for k, v in self.cleaned_data.items() if k in names})


class TerminologyCheckForm(HubForm):
    """A text anyone pastes to see which discouraged terms it uses (nothing is stored)."""

    text = forms.CharField(
        label=_("Text to check"),
        max_length=CHECK_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Text in quotation marks, such as a statute's title, is not checked. Nothing is stored."),
    )
