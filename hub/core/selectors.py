"""Reads of the core: the audit log, as pages show it (words, not codes) and as exports carry it."""

from __future__ import annotations

import datetime
import decimal
import json
import unicodedata
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists
from django.db.models import OuterRef
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models import Subquery
from django.urls import reverse
from django.utils import formats
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from hub.core.audit import content_type_label
from hub.core.audit import field_label
from hub.core.audit import model_field
from hub.core.audit import words
from hub.core.models import Notification
from hub.core.policies import policy_for
from hub.core.viewer import Viewer

Action = LogEntry.Action
SYSTEM_ACTOR = "system"  # the person filter's value for writes no person made (commands, the reminders)
EMPTY_VALUES = frozenset({"", "None", "null"})  # how auditlog writes "no value"
LONG_VALUE = 160  # characters past which a value is folded into a <details> on the page


@dataclass(frozen=True)
class AuditFilters:
    actor: str = ""  # part of the e-mail address of the person who wrote
    person: str = ""  # one person's id, or SYSTEM_ACTOR
    model: str = ""  # "app_label.model"
    action: int | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None


@dataclass(frozen=True)
class AuditChange:
    """One field of an audit record: its name, and the value before and after, as words ("" = empty)."""

    field: str
    before: str = ""
    after: str = ""
    many: bool = False  # a many-to-many change: `after` says what was added or removed

    @property
    def long(self) -> bool:
        return max(len(self.before), len(self.after)) > LONG_VALUE


@dataclass(frozen=True)
class AuditRow:
    """One audit record as a page shows it."""

    pk: int
    timestamp: datetime.datetime
    actor: str  # the person's name ("" for the system)
    actor_email: str
    action: int
    action_label: str
    event: str
    kind: str  # the record kind, translated
    record_id: str  # "" when the record has none
    record: str  # the record's label ("" when withheld or never given)
    url: str  # where the record's page is ("" for none: no page, deleted, or not for this viewer)
    deleted: bool  # the record no longer exists
    changes: tuple[AuditChange, ...]
    redacted: bool
    via: str

    @property
    def is_update(self) -> bool:
        return self.action == Action.UPDATE

    @property
    def is_create(self) -> bool:
        return self.action == Action.CREATE

    @property
    def is_delete(self) -> bool:
        return self.action == Action.DELETE

    @property
    def is_event(self) -> bool:
        return self.action == Action.ACCESS


def action_label(action: int) -> str:
    labels = {
        Action.CREATE: pgettext("audit action", "Created"),
        Action.UPDATE: pgettext("audit action", "Changed"),
        Action.DELETE: pgettext("audit action", "Deleted"),
        Action.ACCESS: pgettext("audit action", "Event"),
    }
    return labels.get(action, str(action))


def action_choices() -> list[tuple[int, str]]:
    return [(value, action_label(value)) for value, _label in Action.choices]


def event_label(event: str) -> str:
    """A security or workflow event's name in words (the names audit_event callers give)."""
    labels = {
        "signed_in": _("Signed in"),
        "sign_in_failed": _("Sign-in failed"),
        "second_factor_failed": _("Second factor failed"),
        "authenticator_added": _("Authenticator added"),
        "authenticator_removed": _("Authenticator removed"),
        "password_changed": _("Password changed"),
        "email_changed": _("E-mail address changed"),
        "api_token_refused": _("API token refused"),
    }
    return labels.get(event) or words(event).capitalize()


def via_label(via: str) -> str:
    """How a write came in, where that is not the web pages."""
    labels = {"api": _("through the API"), "command": _("from the command line"), "import": _("by an import")}
    return labels.get(via, "")


def _sort_key(label: str) -> str:
    """Alphabetical order in any of the site's languages (accents aside)."""
    return unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode().casefold()


def audit_entry_list(*, viewer: Viewer, filters: AuditFilters | None = None) -> QuerySet[LogEntry]:
    qs = policy_for(LogEntry).visible(viewer).select_related("content_type", "actor")
    f = filters or AuditFilters()
    if f.actor:
        qs = qs.filter(actor_email__icontains=f.actor)
    if f.person == SYSTEM_ACTOR:
        qs = qs.filter(actor__isnull=True)
    elif f.person.isdigit():
        qs = qs.filter(actor_id=int(f.person))
    if f.model:
        app_label, _dot, model = f.model.rpartition(".")
        qs = qs.filter(content_type__model=model)
        if app_label:
            qs = qs.filter(content_type__app_label=app_label)
    if f.action is not None:
        qs = qs.filter(action=f.action)
    if f.since:
        qs = qs.filter(timestamp__date__gte=f.since)
    if f.until:
        qs = qs.filter(timestamp__date__lte=f.until)
    return qs.order_by("-timestamp", "-pk")


def audit_kinds(*, viewer: Viewer) -> list[tuple[str, str]]:
    """The kinds of record the log holds, as ("app_label.model", translated name), in name order."""
    if not policy_for(LogEntry).can(viewer, "browse"):
        return []
    logged = ContentType.objects.filter(Exists(LogEntry.objects.filter(content_type=OuterRef("pk"))))
    kinds = [(f"{ct.app_label}.{ct.model}", content_type_label(ct)) for ct in logged]
    return sorted(kinds, key=lambda kind: (_sort_key(kind[1]), kind[0]))


def audit_actors(*, viewer: Viewer) -> list[tuple[str, str]]:
    """The people who wrote something in the log, as (id, "Name (e-mail)"), in name order."""
    if not policy_for(LogEntry).can(viewer, "browse"):
        return []
    people = get_user_model().objects.filter(Exists(LogEntry.objects.filter(actor=OuterRef("pk"))))
    actors = []
    for person in people.only("pk", "email", "full_name"):
        name = str(person)
        email = getattr(person, "email", "")
        actors.append((str(person.pk), name if name == email else f"{name} ({email})"))
    return sorted(actors, key=lambda actor: _sort_key(actor[1]))


def audit_entry_redacted(*, viewer: Viewer, entry: LogEntry) -> bool:
    """An administrator sees who did what to which record, but not the values of member data."""
    return not policy_for(LogEntry).can(viewer, "read_values", entry)


def changes_text(changes: Any) -> str:
    """Field changes as one line: "field: before → after"; many-to-many as "field: add a, b"."""
    parts = []
    for name, value in (changes or {}).items():
        if isinstance(value, dict):
            objects = ", ".join(str(o) for o in value.get("objects", []))
            parts.append(f"{name}: {value.get('operation', '')} {objects}".strip())
        elif isinstance(value, list | tuple) and len(value) == 2:
            parts.append(f"{name}: {value[0]} \u2192 {value[1]}")
        else:
            parts.append(f"{name}: {value}")
    return "; ".join(parts)


AUDIT_EXPORT_HEADERS = [
    "timestamp",
    "actor",
    "action",
    "record_type",
    "record_id",
    "record",
    "changes",
    "event",
    "address",
    "record_kind",
]


def audit_export_rows(*, viewer: Viewer, entries: Iterable[LogEntry]) -> Iterator[list[str]]:
    """Audit rows as exported (the stored names and values, one line of changes), values withheld
    where the viewer may not read them."""
    for e in entries:
        redacted = audit_entry_redacted(viewer=viewer, entry=e)
        yield [
            e.timestamp.isoformat(),
            e.actor_email or "",
            e.get_action_display(),
            e.content_type.model,
            e.object_pk or "",
            "" if redacted else e.object_repr,
            "" if redacted else changes_text(e.changes),
            (e.additional_data or {}).get("event", ""),
            e.remote_addr or "",
            content_type_label(e.content_type),
        ]


# --- The page's rows ---------------------------------------------------------------------------


RecordKey = tuple[str, str, str]  # (app_label, model, pk)


def _record_id(entry: LogEntry) -> str:
    pk = entry.object_pk or ""
    return "" if pk in EMPTY_VALUES else pk


def _related_keys(model: type[models.Model] | None, changes: Any) -> set[RecordKey]:
    """The records the changed foreign keys point to, so their labels can be read in one query."""
    keys: set[RecordKey] = set()
    if model is None or not isinstance(changes, dict):
        return keys
    for name, value in changes.items():
        field = model_field(model, name)
        related = getattr(field, "related_model", None)
        if field is None or not isinstance(related, type) or not issubclass(related, models.Model):
            continue
        if field.many_to_many:
            continue
        if not isinstance(value, list | tuple):
            continue
        for raw in value:
            if str(raw) not in EMPTY_VALUES:
                keys.add((related._meta.app_label, related._meta.model_name or "", str(raw)))
    return keys


def _latest_entries(keys: set[RecordKey]) -> dict[RecordKey, tuple[int, str]]:
    """For each record, the action and label of the last audit row about it: one query for a page.
    The log is the one place that knows every record's name, deleted ones included."""
    if not keys:
        return {}
    by_kind: dict[tuple[str, str], list[str]] = {}
    for app_label, model, pk in keys:
        by_kind.setdefault((app_label, model), []).append(pk)
    where = Q()
    for (app_label, model), pks in by_kind.items():
        where |= Q(content_type__app_label=app_label, content_type__model=model, object_pk__in=sorted(pks))
    latest = LogEntry.objects.filter(content_type=OuterRef("content_type"), object_pk=OuterRef("object_pk")).order_by(
        "-pk"
    )
    rows = (
        LogEntry.objects.filter(where)
        .filter(pk=Subquery(latest.values("pk")[:1]))
        .values_list("content_type__app_label", "content_type__model", "object_pk", "action", "object_repr")
    )
    return {(app_label, model, pk): (action, label) for app_label, model, pk, action, label in rows}


def _parse_datetime(raw: str) -> datetime.datetime | None:
    try:
        value = datetime.datetime.fromisoformat(raw)
    except ValueError:
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)  # auditlog stores times as naive UTC
    return timezone.localtime(value)


def _display(field: models.Field[Any, Any] | None, raw: Any, labels: dict[RecordKey, tuple[int, str]]) -> str:
    """A stored value as words: choices by their label, yes or no, dates in the language's style, a
    related record by its name. "" stands for no value."""
    if raw is None:
        return ""
    if not isinstance(raw, str):
        raw = json.dumps(raw, ensure_ascii=False)
    if raw in EMPTY_VALUES:
        return ""
    if field is None:
        return raw
    choices = {str(key): str(label) for key, label in field.flatchoices or []}
    if raw in choices:
        return choices[raw]
    if isinstance(field, models.BooleanField) and raw in ("True", "False"):
        return _("yes") if raw == "True" else _("no")
    if isinstance(field, models.DateTimeField):
        moment = _parse_datetime(raw)
        return raw if moment is None else formats.date_format(moment, "DATETIME_FORMAT")
    if isinstance(field, models.DateField):
        try:
            return formats.date_format(datetime.date.fromisoformat(raw), "DATE_FORMAT")
        except ValueError:
            return raw
    if isinstance(field, models.DecimalField | models.FloatField | models.IntegerField) and not field.choices:
        try:
            number = decimal.Decimal(raw)
        except decimal.InvalidOperation:
            return raw
        plain = number.normalize()  # 27.5000 as 27.5, but 100 not as 1E+2
        if plain.as_tuple().exponent > 0:  # type: ignore[operator]
            plain = plain.quantize(decimal.Decimal(1))
        return formats.number_format(plain)
    related = field.related_model
    if isinstance(related, type) and not field.many_to_many:
        found = labels.get((related._meta.app_label, related._meta.model_name or "", raw))
        return found[1] if found and found[1] else f"#{raw}"
    return raw


def _reverse_relation(model: type[models.Model] | None, name: str) -> bool:
    """Is `name` another model's relation to this one (which auditlog writes as a manager's repr)?"""
    if model is None:
        return False
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return bool(field.auto_created and not field.concrete)


def _changes(
    model: type[models.Model] | None, changes: Any, labels: dict[RecordKey, tuple[int, str]]
) -> tuple[AuditChange, ...]:
    rows = []
    for name, value in (changes or {}).items() if isinstance(changes, dict) else []:
        field = model_field(model, name)
        if (field is None and _reverse_relation(model, name)) or (field is not None and field.primary_key):
            continue  # a related manager's repr ("members.Role.None") or the record's own number
        if name == "updated_at":
            continue  # bookkeeping the audit leaves out of updates (audit_models), bulk creations aside
        label = field_label(model, name)
        if isinstance(value, dict):  # many-to-many: {"type": "m2m", "operation": "add", "objects": [...]}
            objects = ", ".join(str(o) for o in value.get("objects", []))
            if value.get("operation") == "add":
                text = _("added: %(records)s") % {"records": objects}
            else:
                text = _("removed: %(records)s") % {"records": objects}
            rows.append(AuditChange(field=label, after=text, many=True))
        elif isinstance(value, list | tuple) and len(value) == 2:
            before = _display(field, value[0], labels)
            after = _display(field, value[1], labels)
            if before or after:
                rows.append(AuditChange(field=label, before=before, after=after))
        else:
            rows.append(AuditChange(field=label, after=_display(field, value, labels)))
    return tuple(rows)


def _record_url(model: type[models.Model] | None, key: RecordKey, viewer: Viewer) -> str:
    """The address that opens the record's page, for a model that has one and a viewer who sees
    every record of its kind (the audit log's viewers: a kind they see in part gets no link)."""
    if model is None or not hasattr(model, "get_absolute_url") or not key[2]:
        return ""
    try:
        policy = policy_for(model)
    except LookupError:
        return ""
    if policy.visible_q(viewer) != Q():
        return ""
    return reverse("audit_record", args=[f"{key[0]}.{key[1]}", key[2]])


def audit_page_rows(*, viewer: Viewer, entries: Sequence[LogEntry]) -> list[AuditRow]:
    """A page of audit records in words: kinds and fields by their translated names, values as the
    record's pages show them, related records by their names, a link to each record still there.
    Two queries whatever the page holds: the entries (the caller's) and the records' last labels."""
    redacted = {e.pk: audit_entry_redacted(viewer=viewer, entry=e) for e in entries}
    keys: set[RecordKey] = set()
    for e in entries:
        keys.add((e.content_type.app_label, e.content_type.model, _record_id(e)))
        if not redacted[e.pk]:
            keys |= _related_keys(e.content_type.model_class(), e.changes)
    latest = _latest_entries(keys)
    rows = []
    for e in entries:
        model = e.content_type.model_class()
        key = (e.content_type.app_label, e.content_type.model, _record_id(e))
        deleted = e.action == Action.DELETE or latest.get(key, (None, ""))[0] == Action.DELETE
        hidden = redacted[e.pk]
        label = "" if hidden or (e.object_repr or "") in EMPTY_VALUES else e.object_repr
        extra = e.additional_data if isinstance(e.additional_data, dict) else {}
        rows.append(
            AuditRow(
                pk=e.pk,
                timestamp=e.timestamp,
                actor=str(e.actor) if e.actor is not None else ("" if not e.actor_email else e.actor_email),
                actor_email=e.actor_email or "",
                action=e.action,
                action_label=action_label(e.action),
                event=event_label(str(extra["event"])) if extra.get("event") else "",
                kind=content_type_label(e.content_type),
                record_id=key[2],
                record=label,
                url="" if hidden or deleted else _record_url(model, key, viewer),
                deleted=deleted,
                changes=() if hidden else _changes(model, e.changes, latest),
                redacted=hidden,
                via=via_label(str(extra.get("via", ""))),
            )
        )
    return rows


def audit_record_url(*, viewer: Viewer, kind: str, pk: str) -> str | None:
    """Where the page of an audited record is, if it has one and the viewer may see it (else None)."""
    if not policy_for(LogEntry).can(viewer, "browse"):
        return None
    app_label, _dot, model_name = kind.partition(".")
    try:
        model = ContentType.objects.get_by_natural_key(app_label, model_name).model_class()
    except ContentType.DoesNotExist:
        return None
    if model is None or not hasattr(model, "get_absolute_url"):
        return None
    try:
        policy = policy_for(model)
    except LookupError:
        return None
    try:
        obj = policy.visible(viewer).filter(pk=pk).first()
    except (ValueError, ValidationError):  # not a key of that kind
        return None
    return None if obj is None else str(obj.get_absolute_url())  # type: ignore[attr-defined]


# --- notifications ---------------------------------------------------------------------------


def notification_list(*, viewer: Viewer) -> QuerySet[Notification]:
    """The viewer's own notifications, newest first."""
    return policy_for(Notification).visible(viewer).order_by("-created_at", "-pk")


def notification_get(*, viewer: Viewer, pk: Any) -> Notification:
    return policy_for(Notification).get(viewer, pk)


def notifications_unread_count(*, viewer: Viewer) -> int:
    if viewer.user_id is None:
        return 0
    return notification_list(viewer=viewer).filter(read_at__isnull=True).count()
