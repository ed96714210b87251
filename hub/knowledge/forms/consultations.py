"""Knowledge: consultations (forms). The deadline is read in the consultation's own time zone."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.core.forms import HubForm
from hub.core.forms import add_version_field
from hub.knowledge.models.consultations import Consultation
from hub.knowledge.models.consultations import ConsultationInput
from hub.meetings.forms import LocalDateTimeField
from hub.meetings.forms import TimeZoneField
from hub.meetings.forms import in_zone
from hub.meetings.forms import wall_clock


class ConsultationForm(HubForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    question = forms.CharField(
        label=_("Question"), max_length=10000, widget=forms.Textarea(attrs={"rows": 6}), help_text=_("What you ask.")
    )
    time_zone = TimeZoneField(label=_("Time zone of the deadline"), initial="UTC")
    deadline = LocalDateTimeField(label=_("Deadline"), help_text=_("Date and time in the time zone above."))
    for_contributors = forms.BooleanField(
        label=_("Reference groups and international initiatives may answer"), required=False, initial=True
    )
    for_members = forms.BooleanField(label=_("Members may answer (their officials)"), required=False)
    input_visibility = forms.ChoiceField(
        label=_("Who sees the input and the responses"),
        choices=Consultation.InputVisibility.choices,
        initial=Consultation.InputVisibility.TASKFORCE,
        widget=forms.RadioSelect,
    )
    documents: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label=_("Documents from the library"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, documents: Any, consultation: Consultation | None = None, **kwargs: Any) -> None:
        if consultation is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_for(consultation)
        super().__init__(*args, **kwargs)
        field: Any = self.fields["documents"]
        field.queryset = documents
        if consultation is not None:
            add_version_field(self, consultation)

    @staticmethod
    def initial_for(consultation: Consultation) -> dict[str, Any]:
        return {
            "title": consultation.title,
            "question": consultation.question,
            "time_zone": consultation.time_zone,
            "deadline": wall_clock(consultation.deadline, consultation.time_zone),
            "for_contributors": consultation.for_contributors,
            "for_members": consultation.for_members,
            "input_visibility": consultation.input_visibility,
            "documents": [d.pk for d in consultation.documents.all()],
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("deadline") is not None and data.get("time_zone"):
            data["deadline"] = in_zone(data["deadline"], data["time_zone"])
        if not (data.get("for_contributors") or data.get("for_members")):
            self.add_error("for_contributors", _("Choose who may answer."))
        return data

    def values(self) -> dict[str, Any]:
        """The service's input from the cleaned data."""
        data = dict(self.cleaned_data)
        data.pop("row_version", None)
        data["documents"] = [d.pk for d in data.get("documents") or []]
        return data


class InputForm(HubForm):
    """Input on a consultation: as a contributor (on behalf of a group or initiative) or, when the
    consultation asks members, as a member official (for a member)."""

    member = forms.TypedChoiceField(label=_("Answer for"), coerce=int, required=False, empty_value=None)
    organisation = forms.CharField(label=_("On behalf of (group or initiative)"), max_length=200, required=False)
    text = forms.CharField(label=_("Your input"), max_length=20000, widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args: Any, members: list[tuple[int, str]], as_contributor: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        member: Any = self.fields["member"]
        if members:
            choices: list[tuple[Any, Any]] = list(members)
            if as_contributor:
                choices.insert(0, ("", _("My group or initiative (below)")))
            member.choices = choices
            member.required = not as_contributor
        else:
            del self.fields["member"]
        if not as_contributor:
            del self.fields["organisation"]


class CommitmentInputForm(HubForm):
    organisation = forms.CharField(label=_("On behalf of (group or initiative)"), max_length=200)
    text = forms.CharField(label=_("Your input"), max_length=20000, widget=forms.Textarea(attrs={"rows": 6}))


class InputEditForm(HubForm):
    text = forms.CharField(label=_("Your input"), max_length=20000, widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args: Any, record: ConsultationInput, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"text": record.text})
        super().__init__(*args, **kwargs)
        add_version_field(self, record)


class ResponseForm(HubForm):
    response = forms.CharField(
        label=_("Reasoned response"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Say what the secretariat does with the input, and why."),
    )

    def __init__(self, *args: Any, record: ConsultationInput, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"response": record.response})
        super().__init__(*args, **kwargs)
        add_version_field(self, record)
