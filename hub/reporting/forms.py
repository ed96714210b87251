from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.core.forms import HubForm
from hub.core.models import Visibility
from hub.reporting.models import ProgressStatus
from hub.reporting.models import QuestionnaireVersion
from hub.reporting.models import ReportingCycle

DATE_HELP = _("YYYY-MM-DD")
ANSWER_PARTS = ("status", "narrative", "actions_taken", "planned_actions", "lead_institution")


class CycleForm(HubForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=ReportingCycle.Kind.choices)
    period_start = forms.DateField(label=_("Period from"), help_text=DATE_HELP)
    period_end = forms.DateField(label=_("Period to"), help_text=DATE_HELP)
    opens_on = forms.DateField(label=_("Opens on"), help_text=DATE_HELP)
    closes_on = forms.DateField(label=_("Closes on"), help_text=DATE_HELP)
    version = forms.ModelChoiceField(
        label=_("Questionnaire version"),
        queryset=QuestionnaireVersion.objects.none(),
        required=False,
        empty_label=_("Not chosen yet"),
        help_text=_("Needed to open the cycle. A version is frozen once a cycle uses it."),
    )
    is_synthetic = forms.BooleanField(
        label=_("Demo cycle: reports for fictional demo members only (synthetic data)"), required=False
    )

    def __init__(self, *args: Any, versions: Any, demo: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = versions  # type: ignore[attr-defined]
        if not demo:
            del self.fields["is_synthetic"]


class QuestionnaireForm(HubForm):
    code = forms.SlugField(label=_("Version code"), max_length=40, help_text=_("For example 2027"))
    title = forms.CharField(label=_("Title"), max_length=200)
    previous = forms.ModelChoiceField(
        label=_("Previous version"),
        queryset=QuestionnaireVersion.objects.none(),
        required=False,
        empty_label=_("None"),
        to_field_name="code",
        help_text=_("Questions with the same key, or the key named in the predecessor column, are compared."),
    )
    file = forms.FileField(label=_("Questionnaire file (CSV or XLSX)"))

    def __init__(self, *args: Any, versions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["previous"].queryset = versions  # type: ignore[attr-defined]


def answer_field_name(path: str) -> str:
    """The report form's field for a service's problem path: "answers.<key>.<part>" or
    "answers.<key>.indicators.<indicator>"."""
    parts = path.split(".")
    if len(parts) == 3 and parts[0] == "answers":
        return f"{parts[1]}-{parts[2]}"
    if len(parts) == 4 and parts[2] == "indicators":
        return f"{parts[1]}-indicator-{parts[3]}"
    return path


def _answer_fields(form: forms.Form, view: Any) -> None:
    """The fields of one answer: "<key>-<part>" and "<key>-indicator-<indicator key>"."""
    a, q = view.answer, view.question
    key = q.key
    form.fields[f"{key}-status"] = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Not answered yet")), *ProgressStatus.choices],
        required=False,
        initial=a.status,
    )
    form.fields[f"{key}-narrative"] = forms.CharField(
        label=_("Narrative"), widget=forms.Textarea(attrs={"rows": 5}), required=False, initial=a.narrative
    )
    form.fields[f"{key}-actions_taken"] = forms.CharField(
        label=_("Actions taken"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        initial=a.actions_taken,
    )
    form.fields[f"{key}-planned_actions"] = forms.CharField(
        label=_("Planned actions"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        initial=a.planned_actions,
    )
    form.fields[f"{key}-lead_institution"] = forms.CharField(
        label=_("Lead institution"), max_length=300, required=False, initial=a.lead_institution
    )
    for indicator in q.indicators.all():
        value = view.values.get(indicator.key)
        form.fields[f"{key}-indicator-{indicator.key}"] = forms.CharField(
            label=str(indicator),
            required=False,
            max_length=40,
            initial=value.value.normalize() if value else "",
        )


def _payload(data: dict[str, Any], answers: list[Any]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for view in answers:
        key = view.question.key
        given: dict[str, Any] = {part: data.get(f"{key}-{part}", "") for part in ANSWER_PARTS}
        given["indicators"] = {i.key: data.get(f"{key}-indicator-{i.key}", "") for i in view.question.indicators.all()}
        out[key] = given
    return out


class ReportForm(HubForm):
    """Every answer of a report in one form (kept for callers that save the whole report at once):
    fields "<question key>-<part>" and "<question key>-indicator-<indicator key>"."""

    def __init__(self, *args: Any, answers: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.answers = answers
        for view in answers:
            _answer_fields(self, view)

    def fields_for(self, key: str) -> list[Any]:
        return [self[name] for name in self.fields if name.startswith(f"{key}-")]

    def answers_payload(self) -> dict[str, dict[str, Any]]:
        return _payload(self.cleaned_data, self.answers)

    def field_for_problem(self, path: str) -> str:
        return answer_field_name(path)


EVIDENCE_PARTS = ("title", "file", "url", "visibility", "question")


class SectionForm(HubForm):
    """One commitment's section of the report: its answers (each carrying the version it was based on,
    "<key>-version", so two editors never silently overwrite each other) and, optionally, one piece
    of evidence for one of its answers ("evidence-*"). Saved on its own: nothing typed in another
    section is in play."""

    def __init__(self, *args: Any, commitment: Any, answers: list[Any], versions: dict[str, str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.commitment = commitment
        self.answers = answers
        for view in answers:
            _answer_fields(self, view)
            self.fields[f"{view.question.key}-version"] = forms.CharField(
                widget=forms.HiddenInput, required=False, initial=versions.get(view.question.key, "")
            )
        self.answer_ids = {v.question.key: int(v.answer.pk) for v in answers}
        if len(answers) > 1:
            self.fields["evidence-question"] = forms.ChoiceField(
                label=_("Answer it supports"),
                choices=[(v.question.key, v.question.prompt) for v in answers],
                required=False,
            )
        self.fields["evidence-title"] = forms.CharField(label=_("Evidence title"), max_length=300, required=False)
        self.fields["evidence-file"] = forms.FileField(
            label=_("File (PDF, DOCX, XLSX, PNG or JPEG; at most 20 MB)"), required=False
        )
        self.fields["evidence-url"] = forms.URLField(
            label=_("Or a link"), required=False, assume_scheme="https", max_length=500
        )
        self.fields["evidence-visibility"] = forms.ChoiceField(
            label=_("Who else may see it once the answer is showcased"),
            choices=[(v, label) for v, label in Visibility.choices if v != Visibility.SECRETARIAT],
            initial=Visibility.MEMBER,
            required=False,
        )

    def fields_for(self, key: str) -> list[Any]:
        return [self[name] for name in self.fields if name.startswith(f"{key}-") and not name.endswith("-version")]

    def evidence_fields(self) -> list[Any]:
        return [self[name] for name in self.fields if name.startswith("evidence-")]

    def answers_payload(self) -> dict[str, dict[str, Any]]:
        return _payload(self.cleaned_data, self.answers)

    def versions(self) -> dict[str, str]:
        return {k: v for k in self.answer_ids if (v := self.cleaned_data.get(f"{k}-version") or "")}

    def evidence_given(self) -> bool:
        d = self.cleaned_data
        return bool((d.get("evidence-title") or "").strip() or d.get("evidence-file") or d.get("evidence-url"))

    def evidence_answer_id(self) -> int:
        key = self.cleaned_data.get("evidence-question") or self.answers[0].question.key
        return self.answer_ids[key]

    def field_for_problem(self, path: str) -> str:
        if path in EVIDENCE_PARTS:
            return f"evidence-{path}"
        parts = path.split(".")
        if len(parts) == 2 and parts[0] == "versions":
            return f"{parts[1]}-version"
        return answer_field_name(path)


class ReturnForm(HubForm):
    """The reviewer's comment per answer."""

    def __init__(self, *args: Any, answers: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for view in answers:
            self.fields[f"comment-{view.question.key}"] = forms.CharField(
                label=_("Comment on %(title)s") % {"title": view.question.commitment},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )

    def comments(self) -> dict[str, str]:
        return {k.removeprefix("comment-"): v for k, v in self.cleaned_data.items() if v}

    def field_for_problem(self, path: str) -> str:
        return "comment-" + path.removeprefix("comments.") if path.startswith("comments.") else path


class ExtensionForm(HubForm):
    until = forms.DateField(label=_("Extended until"), help_text=DATE_HELP)
    reason = forms.CharField(label=_("Reason for the extension"), widget=forms.Textarea(attrs={"rows": 2}))


class AnswerChoiceForm(HubForm):
    """A form whose "question" field picks one answer of the report."""

    def __init__(self, *args: Any, answers: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.answer_ids = {v.question.key: int(v.answer.pk) for v in answers}

    def answer_id(self) -> int:
        return self.answer_ids[self.cleaned_data["question"]]


class ShowcaseForm(AnswerChoiceForm):
    question = forms.ChoiceField(label=_("Answer to showcase"))
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Text to publish"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, answers: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, answers=answers, **kwargs)
        self.fields["question"].choices = [  # type: ignore[attr-defined]
            (v.question.key, f"{v.question.commitment.number}. {v.question.commitment.short_title}")
            for v in answers
            if v.open_showcase is None
        ]
