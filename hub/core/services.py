"""Writes of the core: the notifications that mirror what was e-mailed, and marking them read."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from hub.core.audit import acting_as
from hub.core.audit import audit_bulk
from hub.core.crypto import encrypt
from hub.core.models import NOTIFICATION_PURPOSE
from hub.core.models import Notification
from hub.core.policies import policy_for
from hub.core.viewer import Viewer

SUBJECT_MAX = 300
# The first web address in a message is its link (the platform's mails carry at most one that matters).
LINK = re.compile(r"https?://[^\s<>\"']+")


def first_link(text: str) -> str:
    match = LINK.search(text)
    return match.group(0).rstrip(".,;:!?)]") if match else ""


def notifications_record(*, to: Iterable[str], subject: str, body: str) -> int:
    """A notification for each recipient of an e-mail who has an active account, in the transaction of
    the write that sends it (so a rolled-back write leaves none). Returns how many were recorded."""
    addresses = {a.strip() for a in to if a and a.strip()}
    if not addresses:
        return 0
    match = Q()
    for address in addresses:
        match |= Q(email__iexact=address)
    users = list(get_user_model().objects.filter(match, is_active=True).order_by("pk"))
    link = first_link(body)
    sealed_body = encrypt(body, purpose=NOTIFICATION_PURPOSE)
    sealed_link = encrypt(link, purpose=NOTIFICATION_PURPOSE) if link else ""
    for user in users:
        Notification.objects.create(
            user=user, subject=subject[:SUBJECT_MAX], sealed_body=sealed_body, sealed_link=sealed_link
        )
    return len(users)


def notification_mark_read(*, viewer: Viewer, notification_id: int, via: str = "web") -> Notification:
    """Mark one of the viewer's notifications read (again: no change). Another person's answers 404."""
    policy = policy_for(Notification)
    notification = policy.get(viewer, notification_id)
    policy.require(viewer, "mark_read", notification)
    if notification.read_at is None:
        with transaction.atomic(), acting_as(viewer.user, via=via):
            notification.read_at = timezone.now()
            notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, viewer: Viewer, via: str = "web") -> int:
    """Mark every unread notification of the viewer read; returns how many."""
    policy = policy_for(Notification)
    policy.require(viewer, "mark_read")
    now = timezone.now()
    with transaction.atomic(), acting_as(viewer.user, via=via):
        unread = list(policy.visible(viewer).filter(read_at__isnull=True).select_for_update())
        if not unread:
            return 0
        Notification.objects.filter(pk__in=[n.pk for n in unread]).update(read_at=now)
        audit_bulk(actor=viewer.user, updated=[(n, {"read_at": (None, now)}) for n in unread], via=via)
    return len(unread)
