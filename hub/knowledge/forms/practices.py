"""Knowledge: the good-practice forms (new, edit, return note, list filters)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from hub.commitments.models import Commitment
from hub.core.forms import HubForm
from hub.core.forms import add_version_field
from hub.core.models import Visibility
from hub.knowledge.models import Document
from hub.knowledge.models import GoodPractice
from hub.knowledge.models.practices import PRACTICE_LEVELS
from hub.knowledge.selectors.practices import capability_choices
from hub.members.models import Member

LEVEL_CHOICES = [(v.value, v.label) for v in PRACTICE_LEVELS]


class PracticeForm(HubForm):
    """A practice's text and tags. `members` (on a new practice) are those the writer may write for."""

    member: forms.ModelChoiceField[Member] = forms.ModelChoiceField(
        label=_("Member"), queryset=Member.objects.none(), empty_label=None
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the practice is and what it achieved, in a few sentences."),
    )
    body = forms.CharField(
        label=_("Description"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("How it works, what it took, what others should know before adopting it."),
    )
    language = forms.ChoiceField(label=_("Language of the text"), choices=GoodPractice.Language.choices)
    commitments: forms.ModelMultipleChoiceField[Commitment] = forms.ModelMultipleChoiceField(
        label=_("Commitments it serves"),
        queryset=Commitment.objects.order_by("number"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        to_field_name="number",
    )
    capabilities = forms.MultipleChoiceField(
        label=_("Capabilities of the Model National Response it serves"),
        choices=capability_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    documents: forms.ModelMultipleChoiceField[Document] = forms.ModelMultipleChoiceField(
        label=_("Documents from the library"),
        queryset=Document.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    contact_name = forms.CharField(label=_("Contact name"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), max_length=254, required=False)
    visibility = forms.ChoiceField(
        label=_("Who sees it once published"),
        choices=LEVEL_CHOICES,
        initial=Visibility.TASKFORCE,
        help_text=_("Until the secretariat publishes it, only your member and the secretariat see it."),
    )

    def __init__(
        self,
        data: Any = None,
        *,
        members: QuerySet[Member] | None,
        documents: QuerySet[Document],
        instance: GoodPractice | None = None,
        **kwargs: Any,
    ) -> None:
        if instance is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": instance.title,
                    "summary": instance.summary,
                    "body": instance.body,
                    "language": instance.language,
                    "contact_name": instance.contact_name,
                    "contact_email": instance.contact_email,
                    "visibility": instance.visibility,
                    "commitments": list(instance.commitments.all()),
                    "capabilities": [t.key for t in instance.capability_tags.all()],
                    "documents": list(instance.documents.all()),
                },
            )
        super().__init__(data, **kwargs)
        if members is None:
            del self.fields["member"]
        else:
            self.fields["member"].queryset = members  # type: ignore[attr-defined]
        self.fields["documents"].queryset = documents  # type: ignore[attr-defined]
        if not documents.exists():
            del self.fields["documents"]
        if instance is not None:
            add_version_field(self, instance)

    def values(self) -> dict[str, Any]:
        """The cleaned data as the service's input takes it (numbers, keys, ids)."""
        d = self.cleaned_data
        out = {name: d[name] for name in ("title", "summary", "body", "language", "contact_name", "contact_email")}
        out["visibility"] = d["visibility"]
        out["commitments"] = [c.number for c in d["commitments"]]
        out["capabilities"] = list(d["capabilities"])
        if "documents" in self.fields:
            out["documents"] = [doc.pk for doc in d["documents"]]
        return out


class ReturnForm(HubForm):
    note = forms.CharField(label=_("What needs changing"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))


class PublishForm(HubForm):
    note = forms.CharField(
        label=_("Note to the member (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PracticeFilterForm(forms.Form):
    """The list's filters (GET); an unknown value is ignored, never an error page."""

    commitment: forms.ModelChoiceField[Commitment] = forms.ModelChoiceField(
        label=_("Commitment"),
        queryset=Commitment.objects.order_by("number"),
        required=False,
        empty_label=_("Any commitment"),
        to_field_name="number",
    )
    capability = forms.ChoiceField(label=_("Capability"), required=False)
    member = forms.ChoiceField(label=_("Member"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, data: Any = None, *, members: list[Member], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["capability"].choices = [("", _("Any capability")), *capability_choices()]  # type: ignore[attr-defined]
        self.fields["member"].choices = [("", _("Any member")), *((m.slug, m.name) for m in members)]  # type: ignore[attr-defined]
        self.fields["language"].choices = [("", _("Any language")), *GoodPractice.Language.choices]  # type: ignore[attr-defined]
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "usa-select")
