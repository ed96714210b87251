"""MNR self-assessment: the forms of cycles and of a member's assessment."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.assessments.models import Framework
from hub.assessments.services.assessments import TEXT_MAX
from hub.assessments.services.assessments import AnswerInput
from hub.core.forms import HubForm
from hub.core.forms import add_version_field

DATE_HELP = _("YYYY-MM-DD")
TEXTS = (
    ("evidence", _("Evidence")),
    ("notes", _("Notes")),
    ("planned_actions", _("Planned actions")),
)


class CycleForm(HubForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    framework = forms.ModelChoiceField(
        label=_("Framework version"), queryset=Framework.objects.none(), empty_label=None
    )
    opens_on = forms.DateField(label=_("Opens on"), help_text=DATE_HELP)
    due_on = forms.DateField(label=_("Due on"), help_text=DATE_HELP)

    def __init__(self, *args: Any, frameworks: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["framework"].queryset = frameworks  # type: ignore[attr-defined]


class StartForm(HubForm):
    member = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ReopenForm(HubForm):
    reason = forms.CharField(
        label=_("Why is it reopened?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The member's officials read this reason on their assessment."),
    )


def answer_field(capability_id: int, part: str) -> str:
    """A form field of one answer; the services name their problems the same way."""
    return f"answer-{capability_id}-{part}"


class AssessmentForm(HubForm):
    """Every answer of an assessment, "answer-<capability id>-<part>", and the assessment's version:
    a save based on a version someone has since changed is refused (409) and keeps what was typed."""

    def __init__(self, *args: Any, assessment: Any, answers: list[Any], phases: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.answers = answers
        phase_choices = [(str(p.number), p.label) for p in phases]
        for a in answers:
            cid = a.capability_id
            self.fields[answer_field(cid, "phase")] = forms.TypedChoiceField(
                label=_("Phase"),
                choices=phase_choices,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                initial=str(a.phase) if a.phase else None,
            )
            self.fields[answer_field(cid, "target_phase")] = forms.TypedChoiceField(
                label=_("Target phase"),
                choices=[("", _("No target set")), *phase_choices],
                coerce=int,
                empty_value=None,
                required=False,
                initial=str(a.target_phase) if a.target_phase else "",
            )
            self.fields[answer_field(cid, "priority")] = forms.BooleanField(
                label=_("A priority for us"), required=False, initial=a.priority
            )
            for part, label in TEXTS:
                self.fields[answer_field(cid, part)] = forms.CharField(
                    label=label,
                    required=False,
                    max_length=TEXT_MAX,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    initial=getattr(a, part),
                )
        add_version_field(self, assessment)

    def fields_of(self, capability_id: int) -> dict[str, Any]:
        return {
            part: self[answer_field(capability_id, part)]
            for part in ("phase", "target_phase", "priority", "evidence", "notes", "planned_actions")
        }

    def answers_input(self) -> dict[int, AnswerInput]:
        d = self.cleaned_data
        return {
            a.capability_id: AnswerInput(
                phase=d.get(answer_field(a.capability_id, "phase")),
                target_phase=d.get(answer_field(a.capability_id, "target_phase")),
                priority=bool(d.get(answer_field(a.capability_id, "priority"))),
                evidence=d.get(answer_field(a.capability_id, "evidence")) or "",
                notes=d.get(answer_field(a.capability_id, "notes")) or "",
                planned_actions=d.get(answer_field(a.capability_id, "planned_actions")) or "",
            )
            for a in self.answers
        }
