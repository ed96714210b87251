"""Forms of the document library: filter, upload, edit the details, replace the file, withdraw."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.core.forms import HubForm
from hub.core.forms import add_version_field
from hub.core.limits import FILTER_MAX_LENGTH
from hub.core.limits import SEARCH_MAX_LENGTH
from hub.core.models import Visibility
from hub.knowledge.models.documents import DOCUMENT_LANGUAGES
from hub.knowledge.models.documents import Document
from hub.knowledge.models.documents import language_name
from hub.members.models import Member

FILE_LABEL = _("File (PDF, DOCX or plain text .txt; at most 20 MB)")


class DateInput(forms.DateInput):
    """The browser's own date picker (`<input type="date">`, which sends YYYY-MM-DD)."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def language_choices() -> list[tuple[str, str]]:
    return [(code, language_name(code)) for code in DOCUMENT_LANGUAGES]


class DocumentFilterForm(HubForm):
    q = forms.CharField(label=_("Title contains"), required=False, max_length=SEARCH_MAX_LENGTH)
    kind = forms.ChoiceField(label=_("Type"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    member = forms.ChoiceField(label=_("Author member"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, members: list[Member], years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        anything = [("", _("Any"))]
        self.fields["kind"].choices = [*anything, *Document.Kind.choices]  # type: ignore[attr-defined]
        self.fields["language"].choices = [*anything, *language_choices()]  # type: ignore[attr-defined]
        members_choices = [(m.slug[:FILTER_MAX_LENGTH], m.name) for m in members]
        self.fields["member"].choices = [*anything, *members_choices]  # type: ignore[attr-defined]
        self.fields["year"].choices = [*anything, *((y, str(y)) for y in years)]  # type: ignore[attr-defined]


class DocumentDetailsForm(HubForm):
    """The details of a document (upload and edit share them)."""

    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Type"), choices=Document.Kind.choices)
    language = forms.ChoiceField(label=_("Language of the document"), initial="en")
    dated = forms.DateField(
        label=_("Date of the document"), required=False, widget=DateInput, input_formats=["%Y-%m-%d"]
    )
    author_member: forms.ModelChoiceField[Member] = forms.ModelChoiceField(
        label=_("Author member"),
        queryset=Member.objects.none(),
        required=False,
        empty_label=_("None (the secretariat)"),
    )
    summary = forms.CharField(
        label=_("Summary"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    visibility = forms.ChoiceField(label=_("Who may see it"), initial=Visibility.TASKFORCE)

    def __init__(self, *args: Any, members: Any, levels: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()  # type: ignore[attr-defined]
        self.fields["author_member"].queryset = members  # type: ignore[attr-defined]
        self.fields["visibility"].choices = levels  # type: ignore[attr-defined]


class DocumentUploadForm(DocumentDetailsForm):
    file = forms.FileField(label=FILE_LABEL, required=False)


class DocumentEditForm(DocumentDetailsForm):
    def __init__(self, *args: Any, document: Document, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "title": document.title,
                "kind": document.kind,
                "language": document.language,
                "dated": document.dated,
                "author_member": document.author_member_id,
                "summary": document.summary,
                "visibility": document.visibility,
            },
        )
        super().__init__(*args, **kwargs)
        add_version_field(self, document)


class DocumentReplaceForm(HubForm):
    file = forms.FileField(label=FILE_LABEL, required=False)

    def __init__(self, *args: Any, document: Document, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_version_field(self, document)


class DocumentWithdrawForm(HubForm):
    reason = forms.CharField(label=_("Why is it withdrawn?"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))
