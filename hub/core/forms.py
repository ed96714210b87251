"""Form base classes. Widgets get the design system's classes from the `uswds` template filter."""

from __future__ import annotations

from typing import Any

from django import forms

from hub.core.concurrency import VERSION_FIELD
from hub.core.concurrency import version_of
from hub.core.errors import HubError
from hub.core.fields import text_problem


class StyledFormMixin:
    fields: dict[str, forms.Field]

    def add_hub_error(self, exc: HubError) -> None:
        """Show a service's problems on the form, each on its field where it names one."""
        form: Any = self
        if not exc.problems:
            form.add_error(None, exc.message)
        for problem in exc.problems:
            name = self.field_for_problem(problem.field or "")
            on_field = name in form.fields and not form.fields[name].widget.is_hidden
            if problem.field == VERSION_FIELD:  # a stale edit: say what happened, then what to do
                form.add_error(None, exc.message)
            form.add_error(name if on_field else None, problem.message)

    def field_for_problem(self, path: str) -> str:
        """The form field a service's problem path names (a form may translate "answers.k.status")."""
        return path


class HubForm(StyledFormMixin, forms.Form):
    def clean(self) -> dict[str, Any]:
        """Text with control characters is refused on its field (hub.core.fields: the one input boundary)."""
        data = super().clean() or {}
        for name, value in list(data.items()):
            found = text_problem(value)
            if found:
                self.add_error(name, found)
        return data


def add_version_field(form: forms.Form, instance: Any) -> None:
    """A hidden field carrying the version of the record the form edits, so that a save based on a
    version someone else has since changed is refused (409) instead of overwriting theirs."""
    form.fields[VERSION_FIELD] = forms.CharField(
        widget=forms.HiddenInput, required=False, initial=version_of(instance) if instance is not None else ""
    )


def form_version(form: forms.Form) -> str | None:
    """The version a submitted form was based on (None when the post carried none)."""
    return form.cleaned_data.get(VERSION_FIELD) or None
