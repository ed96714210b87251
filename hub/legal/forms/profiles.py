"""Legal frameworks: the legal profile forms (open a profile, statute, treaty status, reservation,
summary, the "as of" date). Shape only: the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from hub.core.forms import HubForm
from hub.core.forms import add_version_field
from hub.legal.models import Provision
from hub.legal.models import Reservation
from hub.legal.models import Statute
from hub.legal.models import TreatyStatus
from hub.members.models import Member

DATE = forms.DateInput(attrs={"type": "date"})


class OpenProfileForm(HubForm):
    member: forms.ModelChoiceField[Member] = forms.ModelChoiceField(
        label=_("Member without a legal profile"), queryset=Member.objects.none(), to_field_name="slug"
    )

    def __init__(self, data: Any = None, *, members: QuerySet[Member], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["member"].queryset = members  # type: ignore[attr-defined]


class StatuteForm(HubForm):
    title_original = forms.CharField(label=_("Title in the original language"), max_length=500)
    original_language = forms.CharField(
        label=_("Original language"), max_length=35, required=False, help_text=_("A language tag, for example fr.")
    )
    title_en = forms.CharField(label=_("Title in English"), max_length=500, required=False)
    citation = forms.CharField(label=_("Citation"), max_length=300, help_text=_("For example Act No. 12 of 2019."))
    url = forms.URLField(label=_("Link"), max_length=500, required=False, assume_scheme="https")
    in_force_on = forms.DateField(label=_("In force from"), required=False, widget=DATE)
    repealed_on = forms.DateField(label=_("Repealed on"), required=False, widget=DATE)
    source = forms.CharField(
        label=_("Source"), max_length=300, help_text=_("Where this was read: a gazette, a database.")
    )

    def __init__(self, data: Any = None, *, instance: Statute | None = None, **kwargs: Any) -> None:
        if instance is not None:
            kwargs.setdefault("initial", {name: getattr(instance, name) for name in self.base_fields})
        super().__init__(data, **kwargs)
        if instance is not None:
            add_version_field(self, instance)

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.base_fields}


class TreatyStatusForm(HubForm):
    treaty = forms.ChoiceField(label=_("Treaty"), choices=TreatyStatus.Treaty.choices)
    status = forms.ChoiceField(label=_("Status"), choices=TreatyStatus.Status.choices)
    signed_on = forms.DateField(label=_("Signed on"), required=False, widget=DATE)
    ratified_on = forms.DateField(label=_("Ratified or acceded on"), required=False, widget=DATE)
    source = forms.CharField(label=_("Source"), max_length=300, help_text=_("Where this was read: the depositary."))

    def __init__(self, data: Any = None, *, instance: TreatyStatus | None = None, **kwargs: Any) -> None:
        if instance is not None:
            kwargs.setdefault("initial", {name: getattr(instance, name) for name in self.base_fields})
        super().__init__(data, **kwargs)
        if instance is not None:
            add_version_field(self, instance)

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.base_fields}


class ReservationForm(HubForm):
    treaty = forms.ChoiceField(label=_("Treaty"), choices=TreatyStatus.Treaty.choices)
    article = forms.CharField(label=_("Article"), max_length=100, help_text=_("For example Art. 9(4)."))
    text = forms.CharField(label=_("Reservation"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    source = forms.CharField(label=_("Source"), max_length=300)
    provisions = forms.MultipleChoiceField(
        label=_("Provisions it explains"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self,
        data: Any = None,
        *,
        provisions: list[Provision],
        instance: Reservation | None = None,
        **kwargs: Any,
    ) -> None:
        if instance is not None:
            kwargs.setdefault(
                "initial",
                {
                    "treaty": instance.treaty_status.treaty,
                    "article": instance.article,
                    "text": instance.text,
                    "source": instance.source,
                    "provisions": [p.code for p in instance.provisions.all()],
                },
            )
        super().__init__(data, **kwargs)
        self.fields["provisions"].choices = [(p.code, f"{p.code} {p.text}") for p in provisions]  # type: ignore[attr-defined]
        if instance is not None:
            add_version_field(self, instance)

    def values(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "treaty": d["treaty"],
            "article": d["article"],
            "text": d["text"],
            "source": d["source"],
            "provisions": list(d["provisions"]),
        }


class SummaryForm(HubForm):
    summary = forms.CharField(
        label=_("Summary of the legal framework"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, data: Any = None, *, instance: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"summary": instance.summary})
        super().__init__(data, **kwargs)
        add_version_field(self, instance)


class AsOfForm(forms.Form):
    """The day a profile is shown as of (GET); empty means today."""

    as_of = forms.CharField(
        label=_("Show as of"),
        required=False,
        max_length=10,
        widget=forms.DateInput(attrs={"type": "date", "class": "usa-input"}),
        help_text=_("A past day, YYYY-MM-DD; empty for today."),
    )
