"""Legal frameworks: reading correction requests, always from the policy's visible queryset: the
secretariat's list (open ones first, oldest first), a member's own, one coding's, and the dashboard's."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Case
from django.db.models import F
from django.db.models import IntegerField
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models import Value
from django.db.models import When
from django.utils import timezone

from hub.core.policies import policy_for
from hub.core.viewer import Viewer
from hub.legal.models import Coding
from hub.legal.models import CorrectionRequest

# A member's dashboard shows the requests resolved within these many days.
RECENT_DAYS = 14
OPEN = CorrectionRequest.Status.OPEN


def _joined(qs: QuerySet[CorrectionRequest]) -> QuerySet[CorrectionRequest]:
    return qs.select_related("coding__profile__member", "coding__provision__version", "requested_by", "resolved_by")


def correction_list(*, viewer: Viewer, status: str = "", member_slug: str = "") -> QuerySet[CorrectionRequest]:
    """The requests the viewer may see: open ones first (oldest first), then the decided ones (the most
    recently decided first). `status` and `member_slug` narrow it."""
    qs = policy_for(CorrectionRequest).visible(viewer)
    if status:
        qs = qs.filter(status=status)
    if member_slug:
        qs = qs.filter(coding__profile__member__slug=member_slug)
    rank = Case(When(status=OPEN, then=Value(0)), default=Value(1), output_field=IntegerField())
    opened = Case(When(status=OPEN, then=F("created_at")))
    return _joined(qs).order_by(rank, opened.asc(), F("resolved_at").desc(), "-pk")


def correction_get(*, viewer: Viewer, pk: Any) -> CorrectionRequest:
    """The request, or NotFound when it does not exist or is hidden from the viewer."""
    return policy_for(CorrectionRequest).get(viewer, pk, _joined(CorrectionRequest.objects.all()))


def corrections_of_coding(*, viewer: Viewer, coding: Coding) -> list[CorrectionRequest]:
    """A coding's requests the viewer may see (none for those outside its member and the secretariat)."""
    return list(correction_list(viewer=viewer).filter(coding=coding))


def corrections_open(*, viewer: Viewer) -> QuerySet[CorrectionRequest]:
    """Open requests, oldest first (the secretariat's queue)."""
    return correction_list(viewer=viewer, status=OPEN)


def corrections_for_member(*, viewer: Viewer) -> QuerySet[CorrectionRequest]:
    """The viewer's members' requests still open or decided within RECENT_DAYS (a member's dashboard;
    the secretariat's own queue is `corrections_open`)."""
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    qs = correction_list(viewer=viewer).filter(coding__profile__member_id__in=viewer.member_ids)
    return qs.filter(Q(status=OPEN) | Q(resolved_at__gte=since))
