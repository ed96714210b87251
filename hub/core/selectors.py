"""Reads of the core: the audit log."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.db.models import QuerySet

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
    if not viewer.is_staff_like:
        return []
    from django.contrib.contenttypes.models import ContentType

    ids = LogEntry.objects.values("content_type_id").distinct()
    return sorted(ContentType.objects.filter(pk__in=ids).values_list("model", flat=True))
