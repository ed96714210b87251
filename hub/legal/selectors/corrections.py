"""Legal frameworks: reading correction requests, always from the policy's visible queryset: the
secretariat's list (open ones first, oldest first), a member's own, one coding's, and the dashboard's."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Case
from django.db.models import Count
from django.db.models import F
from django.db.models import FilteredRelation
from django.db.models import IntegerField
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models import Sum
from django.db.models import Value
from django.db.models import When
from django.db.models import Window
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


@dataclass(frozen=True)
class QueueItem:
    """An open request as the secretariat's dashboard lists it."""

    pk: int
    created_at: datetime.datetime
    member: str
    code: str
    is_synthetic: bool


@dataclass(frozen=True)
class Queue:
    """The secretariat's queue: the oldest open requests, how many are open, how many drafts await."""

    corrections: list[QueueItem]
    open_total: int
    drafts: int


def secretariat_queue(*, viewer: Viewer, size: int = 10) -> Queue:
    """The oldest `size` open requests, the number open and the number of draft codings to verify, in
    one query (the dashboard's budget): the codings that are drafts or have an open request (at most
    one each), with window totals over them."""
    if not policy_for(CorrectionRequest).can(viewer, "review"):
        return Queue(corrections=[], open_total=0, drafts=0)
    draft = Coding.Review.DRAFT
    rows = (
        policy_for(Coding)
        .visible(viewer)
        .annotate(open_request=FilteredRelation("corrections", condition=Q(corrections__status=OPEN)))
        .filter(Q(review=draft) | Q(open_request__isnull=False))
        .annotate(
            drafts=Window(Sum(Case(When(review=draft, then=Value(1)), default=Value(0), output_field=IntegerField()))),
            open_total=Window(Count("open_request__pk")),
        )
        .order_by(F("open_request__created_at").asc(nulls_last=True), F("open_request__pk").asc(nulls_last=True))
        .values(
            "open_request__pk",
            "open_request__created_at",
            "open_request__is_synthetic",
            "profile__member__name",
            "provision__code",
            "drafts",
            "open_total",
        )[:size]
    )
    items, open_total, drafts = [], 0, 0
    for row in rows:
        open_total, drafts = row["open_total"], row["drafts"]
        if row["open_request__pk"] is not None:
            items.append(
                QueueItem(
                    pk=row["open_request__pk"],
                    created_at=row["open_request__created_at"],
                    member=row["profile__member__name"],
                    code=row["provision__code"],
                    is_synthetic=row["open_request__is_synthetic"],
                )
            )
    return Queue(corrections=items, open_total=open_total, drafts=drafts)
