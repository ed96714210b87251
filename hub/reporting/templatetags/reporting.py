"""The report form's fields, written directly: the same markup as components/field.html with the
`uswds` filter, without a template render per widget (a report has a hundred fields; rendering each
widget through its template was most of the page's time)."""

from __future__ import annotations

from typing import Any

from django import forms
from django import template
from django.utils.html import conditional_escape
from django.utils.html import format_html
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.safestring import mark_safe

register = template.Library()


def _value(field: forms.BoundField) -> str:
    value = field.value()
    return "" if value is None else str(value)


def _widget(field: forms.BoundField, describedby: list[str]) -> SafeString:
    widget = field.field.widget
    attrs: dict[str, Any] = {"name": field.html_name, "id": field.auto_id}
    if describedby:
        attrs["aria-describedby"] = " ".join(describedby)
    if field.errors:
        attrs["aria-invalid"] = "true"
    if isinstance(widget, forms.Select):
        current = _value(field)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((str(v), mark_safe(" selected") if str(v) == current else "", label) for v, label in field.field.choices),  # type: ignore[attr-defined]
        )
        return format_html('<select class="usa-select"{}>{}</select>', _attrs(attrs), options)
    if isinstance(widget, forms.Textarea):
        attrs["rows"] = widget.attrs.get("rows", 5)
        attrs["cols"] = widget.attrs.get("cols", 40)
        return format_html('<textarea class="usa-textarea"{}>\n{}</textarea>', _attrs(attrs), _value(field))
    if isinstance(widget, forms.FileInput):
        return format_html('<input type="file" class="usa-file-input"{}>', _attrs(attrs))
    if isinstance(widget, forms.HiddenInput):
        return format_html(
            '<input type="hidden" name="{}" value="{}" id="{}">', field.html_name, _value(field), field.auto_id
        )
    css = "usa-input usa-input--error" if field.errors else "usa-input"
    input_type = getattr(widget, "input_type", "text")
    max_length = getattr(field.field, "max_length", None)
    if max_length:
        attrs["maxlength"] = max_length
    attrs["value"] = _value(field)
    return format_html('<input type="{}" class="{}"{}>', input_type, css, _attrs(attrs))


def _attrs(attrs: dict[str, Any]) -> SafeString:
    return format_html_join("", ' {}="{}"', attrs.items())


@register.filter
def report_field(field: forms.BoundField) -> SafeString:
    """One field with its label, hint and errors, as components/field.html renders it."""
    if field.is_hidden:
        return _widget(field, [])
    errors = field.errors
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_helptext")
    described.extend(f"{field.auto_id}_error_{i}" for i in range(1, len(errors) + 1))
    hint = (
        format_html('<div class="usa-hint" id="{}_helptext">{}</div>', field.auto_id, field.help_text)
        if field.help_text
        else ""
    )
    error_html = format_html_join(
        "",
        '<span class="usa-error-message" id="{}_error_{}">{}</span>',
        ((field.auto_id, i, e) for i, e in enumerate(errors, start=1)),
    )
    return format_html(
        '<div class="usa-form-group{}"><label class="usa-label{}" for="{}">{}</label>{}{}{}</div>',
        " usa-form-group--error" if errors else "",
        " usa-label--error" if errors else "",
        field.id_for_label,
        conditional_escape(field.label),
        hint,
        error_html,
        _widget(field, described),
    )
