"""The caller's notifications: what the platform e-mailed them, read and unread (their own only)."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja import Schema
from ninja.pagination import paginate

from hub.core.api import Pagination
from hub.core.api import caller
from hub.core.api import writer
from hub.core.errors import AuthenticationFailed
from hub.core.models import Notification
from hub.core.selectors import notification_list
from hub.core.services import notification_mark_read

notifications_router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    subject: str
    body: str
    link: str
    created_at: datetime.datetime
    read_at: datetime.datetime | None

    @staticmethod
    def resolve_body(n: Notification) -> str:
        return n.body_text

    @staticmethod
    def resolve_link(n: Notification) -> str:
        return n.link_url


@notifications_router.get("", response=list[NotificationOut], summary="Your notifications, newest first")
@paginate(Pagination)
def list_notifications(request: HttpRequest) -> QuerySet[Notification]:
    v = caller(request).viewer
    if not v.is_authenticated:
        raise AuthenticationFailed("Sign in or send an API token to read your notifications.")
    return notification_list(viewer=v)


@notifications_router.post("/{notification_id}/read", response=NotificationOut, summary="Mark one read")
def read_notification(request: HttpRequest, notification_id: int) -> Notification:
    c = writer(request)
    return notification_mark_read(viewer=c.viewer, notification_id=notification_id, via=c.via)
