from __future__ import annotations

import datetime
import zoneinfo

from django import forms
from django import template
from django.utils import formats
from django.utils import timezone
from django.utils.safestring import SafeString

register = template.Library()

CLASSES = [
    (forms.Textarea, "usa-textarea"),
    (forms.SelectMultiple, "usa-select"),
    (forms.Select, "usa-select"),
    (forms.CheckboxInput, "usa-checkbox__input"),
    (forms.RadioSelect, "usa-radio__input"),
    # Not USWDS's "usa-file-input": its script (loaded for the menu) would replace the field's label with
    # an English "Drag file here or choose from folder"; the browser's own file input keeps the label.
    (forms.ClearableFileInput, "hub-file-input"),
]


@register.filter
def uswds(field: forms.BoundField) -> SafeString:
    """Render a form field's widget with the design system's classes and its hint and errors linked."""
    widget = field.field.widget
    css = next((c for w, c in CLASSES if isinstance(widget, w)), "usa-input")
    if field.errors and css == "usa-input":
        css += " usa-input--error"
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_helptext")
    described.extend(f"{field.auto_id}_error_{i}" for i in range(1, len(field.errors) + 1))
    attrs: dict[str, str | bool] = {"class": css}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


# --- Dates (audit helper): one style per language, from the format modules in taskforce/formats/ ---


@register.filter
def datetime_zone(value: datetime.datetime | None, zone: str = "") -> str:
    """A moment in the language's style, in `zone` (an IANA name; the active zone when empty), with
    the zone's abbreviation: "2 June 2022, 14:05 CEST", "2 juin 2022, 14:05 CEST"."""
    if not isinstance(value, datetime.datetime):
        return ""
    try:
        tz = zoneinfo.ZoneInfo(zone) if zone else timezone.get_current_timezone()
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        tz = timezone.get_current_timezone()
    moment = timezone.localtime(value, tz) if timezone.is_aware(value) else value.replace(tzinfo=tz)
    return f"{formats.date_format(moment, 'DATETIME_FORMAT')} {moment.tzname() or zone}".strip()


@register.filter
def is_under(path: str, url: str) -> bool:
    """Whether the address `path` is `url` or, when `url` names a section ("/members/"), below it: the
    navigation marks that link as the current page."""
    return path == url or (url.endswith("/") and path.startswith(url))


@register.filter
def autofocus_first(form: forms.BaseForm) -> forms.BaseForm:
    """The form, its first field with an error (else its first visible field) marked to have the focus when
    the page opens: for a page that is its form (signing in, the second factor)."""
    fields = form.visible_fields()
    target = next((f for f in fields if f.errors), fields[0] if fields else None)
    if target is not None:
        target.field.widget.attrs["autofocus"] = True
    return form
