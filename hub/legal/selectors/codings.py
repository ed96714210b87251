"""Legal frameworks: reading codings, today or as of a past date.

`coding_grid` is the one read every view builds on (profile, comparison, matrix, safe havens, gaps,
coverage map, exports, PDFs, API): for the profiles and the checklist version asked, the coding of
each provision the viewer may see, as it is now or as it was at the end of a past day (read from
django-simple-history's records). A provision without a coding the viewer may see is "not assessed",
never "not met".
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.core.errors import Problem
from hub.core.errors import ValidationFailed
from hub.core.policies import policy_for
from hub.core.viewer import Viewer
from hub.legal.models import ChecklistVersion
from hub.legal.models import Coding
from hub.legal.models import LegalProfile
from hub.legal.models import Provision

STATUS = Coding.Status
# The order statuses are listed and counted in.
STATUS_ORDER = [STATUS.MET, STATUS.PARTIAL, STATUS.NOT_MET, STATUS.NOT_ASSESSED, STATUS.NOT_APPLICABLE]


@dataclass(frozen=True)
class Cell:
    """One member's coding of one provision, as the viewer may see it (now or as of a day)."""

    status: str
    review: str = Coding.Review.DRAFT
    statute_id: int | None = None
    pinpoint: str = ""
    rationale: str = ""
    verified_on: datetime.date | None = None
    coding_id: int | None = None
    is_synthetic: bool = False

    @property
    def label(self) -> str:
        return str(STATUS(self.status).label)

    @property
    def is_verified(self) -> bool:
        return self.review == Coding.Review.VERIFIED

    @property
    def is_gap(self) -> bool:
        """Not met or only partly met: a gap (not assessed is not a gap, it is unknown)."""
        return self.status in (STATUS.NOT_MET, STATUS.PARTIAL)


NOT_ASSESSED = Cell(status=STATUS.NOT_ASSESSED)


@dataclass(frozen=True)
class Grid:
    version: ChecklistVersion
    provisions: list[Provision]
    profiles: list[LegalProfile]
    cells: dict[tuple[int, int], Cell]
    as_of: datetime.date | None

    def cell(self, profile: LegalProfile, provision: Provision) -> Cell:
        return self.cells.get((profile.pk, provision.pk), NOT_ASSESSED)

    def row(self, profile: LegalProfile) -> list[Cell]:
        return [self.cell(profile, p) for p in self.provisions]

    def counts(self, profile: LegalProfile, provisions: Iterable[Provision] | None = None) -> dict[str, int]:
        """How many provisions are met, partial, not met, not assessed, not applicable (in that order)."""
        out = {s.value: 0 for s in STATUS_ORDER}
        for provision in self.provisions if provisions is None else provisions:
            out[self.cell(profile, provision).status] += 1
        return out

    @property
    def has_synthetic(self) -> bool:
        return any(c.is_synthetic for c in self.cells.values()) or any(p.is_synthetic for p in self.profiles)


def as_of_parse(value: str | None) -> datetime.date | None:
    """A strict ISO date (YYYY-MM-DD), not in the future; empty means today. Bad input names the field."""
    if value is None or not str(value).strip():
        return None
    try:
        day = datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationFailed(
            _("Give the date as YYYY-MM-DD."), problems=[Problem(_("Give the date as YYYY-MM-DD."), field="as_of")]
        ) from None
    if day > timezone.localdate():
        message = _("The date is in the future: a view can be shown as of today or an earlier day.")
        raise ValidationFailed(message, problems=[Problem(message, field="as_of")])
    return day


def _end_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)) - (
        datetime.timedelta(microseconds=1)
    )


def current_version() -> ChecklistVersion | None:
    """The checklist version views use by default: the latest published."""
    return ChecklistVersion.objects.filter(status=ChecklistVersion.Status.PUBLISHED).order_by("-published_at").first()


FIELDS = ("pk", "profile_id", "provision_id", "status", "review", "statute_id", "pinpoint", "rationale")
MORE = ("verified_on", "is_synthetic")


def _cell(row: dict[str, Any], pk_key: str) -> Cell:
    return Cell(
        status=row["status"],
        review=row["review"],
        statute_id=row["statute_id"],
        pinpoint=row["pinpoint"],
        rationale=row["rationale"],
        verified_on=row["verified_on"],
        coding_id=row[pk_key],
        is_synthetic=row["is_synthetic"],
    )


def coding_grid(
    *,
    viewer: Viewer,
    version: ChecklistVersion,
    profiles: Sequence[LegalProfile],
    provisions: Sequence[Provision] | None = None,
    as_of: datetime.date | None = None,
) -> Grid:
    """The codings of `profiles` (already visible to the viewer) for `version`, now or as of a day.

    Two queries whatever the size. As of a day, each coding is taken as it was at the end of that day
    (its latest historical record by then, unless it had been deleted); who may see it is decided by
    today's rules, against the state it was in then (a coding that was a draft then is not shown to
    those who see verified codings only)."""
    if provisions is None:
        provisions = list(Provision.objects.filter(version=version).order_by("position"))
    profile_ids = [p.pk for p in profiles]
    provision_ids = [p.pk for p in provisions]
    cells: dict[tuple[int, int], Cell] = {}
    own = viewer.member_ids
    sees_drafts = viewer.is_secretariat
    member_of = {p.pk: p.member_id for p in profiles}
    if as_of is None:
        rows = (
            policy_for(Coding)
            .visible(viewer)
            .filter(profile_id__in=profile_ids, provision_id__in=provision_ids)
            .values(*FIELDS, *MORE)
        )
        for row in rows:
            cells[(row["profile_id"], row["provision_id"])] = _cell(row, "pk")
    else:
        history = Coding.history.model.objects.filter(
            history_date__lte=_end_of(as_of), profile_id__in=profile_ids, provision_id__in=provision_ids
        ).order_by("id", "history_date", "history_id")
        latest: dict[int, dict[str, Any]] = {}
        for row in history.values("id", "history_type", *FIELDS[1:], *MORE):
            latest[row["id"]] = row
        for row in latest.values():
            if row["history_type"] == "-":
                continue
            visible = sees_drafts or row["review"] == Coding.Review.VERIFIED or member_of[row["profile_id"]] in own
            if visible:
                cells[(row["profile_id"], row["provision_id"])] = _cell(row, "id")
    return Grid(version=version, provisions=list(provisions), profiles=list(profiles), cells=cells, as_of=as_of)


def profiles_visible(*, viewer: Viewer, member_ids: Iterable[int] | None = None) -> Any:
    """The legal profiles the viewer may see (of the given members), by member name."""
    qs = policy_for(LegalProfile).visible(viewer).select_related("member")
    if member_ids is not None:
        qs = qs.filter(member_id__in=list(member_ids))
    return qs.order_by("member__name")


def published_q() -> Q:
    return Q(visibility="public")
