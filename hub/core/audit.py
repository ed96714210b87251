"""Audit: every write leaves an append-only record (django-auditlog's LogEntry).

Services run their writes inside `acting_as(actor)`, so auditlog's per-save records carry the
actor. Bulk writes, which bypass per-save hooks, call `audit_bulk`. Security events (failed
sign-in, reused code) call `audit_event`. The database refuses UPDATE and DELETE on audit rows
(migration core 0002, a trigger on SQLite and on PostgreSQL).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Mapping
from typing import Any

from auditlog.context import auditlog_value
from auditlog.context import set_extra_data
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.functional import Promise
from django.utils.text import camel_case_to_spaces
from django.utils.text import capfirst
from django.utils.translation import gettext

Action = LogEntry.Action


def audit_models(
    *audited: type[models.Model],
    exclude_fields: Iterable[str] = ("updated_at",),
    m2m_fields: Mapping[type[models.Model], list[str]] | None = None,
) -> None:
    """Put an app's models under the audit log (from its `ready()`); a model already there is left as is."""
    for model in audited:
        if not auditlog.contains(model):
            auditlog.register(model, exclude_fields=list(exclude_fields), m2m_fields=(m2m_fields or {}).get(model))


@contextlib.contextmanager
def acting_as(actor: Any, *, via: str = "web") -> Iterator[None]:
    """Attribute every audited save inside the block to `actor` (None for the system)."""
    user = actor if getattr(actor, "pk", None) else None
    previous = auditlog_value.get(None)
    remote_addr = previous.get("remote_addr") if previous else None
    context = {"actor": user, "remote_addr": remote_addr, "remote_port": None, "additional_data": {"via": via}}
    try:
        with set_extra_data(context):
            yield
    finally:
        if previous is not None:
            auditlog_value.set(previous)


def _value(value: Any) -> str:
    return "None" if value is None else str(value)


def audit_event(
    *,
    actor: Any,
    instance: models.Model,
    event: str,
    detail: dict[str, Any] | None = None,
    remote_addr: str | None = None,
) -> LogEntry:
    """Record a security or workflow event about `instance` that is not a field change."""
    user = actor if getattr(actor, "pk", None) else None
    entry: LogEntry = LogEntry.objects.log_create(
        instance,
        force_log=True,
        action=Action.ACCESS,
        changes={},
        actor=user,
        actor_email=getattr(user, "email", None),
        remote_addr=remote_addr,
        additional_data={"event": event, **(detail or {})},
    )
    return entry


def audit_bulk(
    *,
    actor: Any,
    created: Iterable[models.Model] = (),
    updated: Iterable[tuple[models.Model, dict[str, tuple[Any, Any]]]] = (),
    via: str,
) -> int:
    """Write one audit row per record of a bulk write. Returns the number of rows written."""
    user = actor if getattr(actor, "pk", None) else None
    entries = []
    for obj in created:
        entries.append(_entry(obj, Action.CREATE, {}, user, via))
    for obj, changes in updated:
        diff = {name: [_value(before), _value(after)] for name, (before, after) in changes.items()}
        entries.append(_entry(obj, Action.UPDATE, diff, user, via))
    LogEntry.objects.bulk_create(entries, batch_size=1000)
    return len(entries)


def _entry(obj: models.Model, action: int, changes: dict[str, Any], user: Any, via: str) -> LogEntry:
    if action == Action.CREATE:
        changes = {
            field.attname: ["None", _value(getattr(obj, field.attname))]
            for field in obj._meta.concrete_fields
            if not field.primary_key
        }
    return LogEntry(
        content_type=ContentType.objects.get_for_model(obj),
        object_pk=str(obj.pk),
        object_id=obj.pk if isinstance(obj.pk, int) else None,
        object_repr=str(obj)[:1000],
        action=action,
        changes=changes,
        changes_text="",
        actor=user,
        actor_email=getattr(user, "email", None),
        additional_data={"via": via, "bulk": True},
    )


# Words for the audit log's readers: what kind of record, which field. A model's and a field's
# verbose_name are translatable (gettext_lazy) where the model declares them; a name Django made up
# from the class or field name is looked up in the catalogue all the same, and otherwise shown as words.


def _translated(name: Any) -> str:
    """A lazy verbose name in the active language; a plain one looked up in the catalogue."""
    if isinstance(name, Promise):
        return str(name)
    text = str(name)
    return gettext(text) if text else text


def words(name: str) -> str:
    """ "ReminderSent" and "reminder_sent" as "reminder sent"."""
    return camel_case_to_spaces(name).replace("_", " ").strip()


def kind_label(model: type[models.Model] | None, fallback: str = "") -> str:
    """The record kind as its readers call it: the model's verbose name, capitalised."""
    if model is None:
        return capfirst(words(fallback)) or gettext("Unknown record")
    return capfirst(_translated(model._meta.verbose_name))


def content_type_label(content_type: ContentType) -> str:
    return kind_label(content_type.model_class(), content_type.model)


def model_field(model: type[models.Model] | None, name: str) -> models.Field[Any, Any] | None:
    """The field an audit change names (auditlog uses the field's name; bulk rows its column)."""
    if model is None:
        return None
    for field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
        if name in (field.name, field.attname):
            return field  # type: ignore[return-value]
    return None


def field_label(model: type[models.Model] | None, name: str) -> str:
    """A field's verbose name; a relation that says no more than its target's name takes the target's
    (translatable) name, so "meeting" reads "réunion" in French even where the field declares nothing."""
    field = model_field(model, name)
    if field is None:
        return capfirst(words(name.removesuffix("_id")))
    label: Any = field.verbose_name
    related = field.related_model
    if not isinstance(label, Promise) and isinstance(related, type):
        target = words(related.__name__)
        if words(field.name) == target:
            label = related._meta.verbose_name
        elif field.many_to_many and words(field.name) == f"{target}s":
            label = related._meta.verbose_name_plural
    return capfirst(_translated(label))
