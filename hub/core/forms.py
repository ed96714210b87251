"""Form base classes. Widgets get the design system's classes from the `uswds` template filter."""

from __future__ import annotations

from typing import Any

from django import forms

from hub.core.errors import HubError


class StyledFormMixin:
    fields: dict[str, forms.Field]

    def add_hub_error(self, exc: HubError) -> None:
        """Show a service's problems on the form, each on its field where it names one."""
        form: Any = self
        if not exc.problems:
            form.add_error(None, exc.message)
        for problem in exc.problems:
            field = problem.field if problem.field in form.fields else None
            form.add_error(field, problem.message)


class HubForm(StyledFormMixin, forms.Form):
    pass


class HubModelForm(StyledFormMixin, forms.ModelForm):
    pass
