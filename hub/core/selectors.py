"""Reads of the core: the audit log."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from auditlog.models import LogEntry
from django.db.models import QuerySet

from hub.core.models import Notification
from hub.core.policies import policy_for
from hub.core.viewer import Viewer


@dataclass(frozen=True)
class AuditFilters:
    actor: str = ""
    model: str = ""
    action: int | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None


def audit_entry_list(*, viewer: Viewer, filters: AuditFilters | None = None) -> QuerySet[LogEntry]:
    qs = policy_for(LogEntry).visible(viewer).select_related("content_type", "actor")
    f = filters or AuditFilters()
    if f.actor:
        qs = qs.filter(actor_email__icontains=f.actor)
    if f.model:
        qs = qs.filter(content_type__model=f.model)
    if f.action is not None:
        qs = qs.filter(action=f.action)
    if f.since:
        qs = qs.filter(timestamp__date__gte=f.since)
    if f.until:
        qs = qs.filter(timestamp__date__lte=f.until)
    return qs.order_by("-timestamp", "-pk")


def audit_models(*, viewer: Viewer) -> list[str]:
    if not policy_for(LogEntry).can(viewer, "browse"):
        return []
    from django.contrib.contenttypes.models import ContentType

    ids = LogEntry.objects.values("content_type_id").distinct()
    return sorted(ContentType.objects.filter(pk__in=ids).values_list("model", flat=True))


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


def audit_entry_rows(*, viewer: Viewer, entries: Iterable[LogEntry]) -> list[dict[str, Any]]:
    """Audit rows as shown and exported, with values withheld where the viewer may not read them."""
    rows = []
    for e in entries:
        redacted = audit_entry_redacted(viewer=viewer, entry=e)
        rows.append(
            {
                "timestamp": e.timestamp,
                "actor": e.actor_email or "",
                "action": e.get_action_display(),
                "record_type": e.content_type.model,
                "record_id": e.object_pk,
                "record": "" if redacted else e.object_repr,
                "changes": "" if redacted else changes_text(e.changes),
                "event": (e.additional_data or {}).get("event", ""),
                "address": e.remote_addr or "",
                "redacted": redacted,
            }
        )
    return rows


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
