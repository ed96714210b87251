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
from typing import NamedTuple

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.core.errors import NotFound
from hub.core.errors import Problem
from hub.core.errors import ValidationFailed
from hub.core.policies import policy_for
from hub.core.viewer import Viewer
from hub.legal.models import ChecklistVersion
from hub.legal.models import Coding
from hub.legal.models import LegalProfile
from hub.legal.models import Provision
from hub.legal.models import Reservation
from hub.legal.models import Statute

STATUS = Coding.Status
# The order statuses are listed and counted in.
STATUS_ORDER = [STATUS.MET, STATUS.PARTIAL, STATUS.NOT_MET, STATUS.NOT_ASSESSED, STATUS.NOT_APPLICABLE]


class Cell(NamedTuple):
    """One member's coding of one provision, as the viewer may see it (now or as of a day). A named
    tuple: the matrix builds thousands of them per page."""

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


# The columns read, in the order of `Cell`'s fields after the two keys (the coding's id is "pk" today,
# "id" in its history).
KEYS = ("profile_id", "provision_id")
CELL_COLUMNS = ("status", "review", "statute_id", "pinpoint", "rationale", "verified_on")


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
    profile_policy = policy_for(LegalProfile)
    drafts_seen = {p.pk for p in profiles if profile_policy.can(viewer, "see_draft_codings", p)}
    make = Cell._make
    if as_of is None:
        rows = (
            policy_for(Coding)
            .visible(viewer)
            .filter(profile_id__in=profile_ids, provision_id__in=provision_ids)
            .values_list(*KEYS, *CELL_COLUMNS, "pk", "is_synthetic")
        )
        for row in rows:
            cells[(row[0], row[1])] = make(row[2:])
    else:
        history = Coding.history.model.objects.filter(
            history_date__lte=_end_of(as_of), profile_id__in=profile_ids, provision_id__in=provision_ids
        ).order_by("id", "history_date", "history_id")
        latest: dict[int, tuple[Any, ...]] = {}
        for row in history.values_list("history_type", *KEYS, *CELL_COLUMNS, "id", "is_synthetic"):
            latest[row[-2]] = row
        verified = Coding.Review.VERIFIED
        for row in latest.values():
            if row[0] == "-":
                continue
            if row[4] == verified or row[1] in drafts_seen:
                cells[(row[1], row[2])] = make(row[3:])
    return Grid(version=version, provisions=list(provisions), profiles=list(profiles), cells=cells, as_of=as_of)


def profiles_visible(*, viewer: Viewer, member_ids: Iterable[int] | None = None) -> Any:
    """The legal profiles the viewer may see (of the given members), by member name."""
    qs = policy_for(LegalProfile).visible(viewer).select_related("member")
    if member_ids is not None:
        qs = qs.filter(member_id__in=list(member_ids))
    return qs.order_by("member__name")


def published_q() -> Q:
    return Q(visibility="public")


# --- one coding: its page and its history -------------------------------------------------------


@dataclass(frozen=True)
class CodingPage:
    """One provision of one member's profile: the coding the viewer may see (None: not assessed)."""

    profile: LegalProfile
    version: ChecklistVersion
    provision: Provision
    coding: Coding | None

    @property
    def has_synthetic(self) -> bool:
        return self.profile.is_synthetic or bool(self.coding and self.coding.is_synthetic)


def coding_get(*, viewer: Viewer, slug: str, version: str, code: str) -> CodingPage:
    """The coding of provision `code` of checklist `version` in the profile of the member `slug`.
    NotFound when the profile is hidden from the viewer, or the version or provision does not exist; a
    coding the viewer may not see (another member's draft) reads as not assessed (`coding` None)."""
    profile = policy_for(LegalProfile).visible(viewer).select_related("member").filter(member__slug=slug).first()
    checklist = policy_for(ChecklistVersion).visible(viewer).filter(code=version).first()
    if profile is None or checklist is None:
        raise NotFound()
    provision = Provision.objects.filter(version=checklist, code=code).first()
    if provision is None:
        raise NotFound()
    coding = (
        policy_for(Coding)
        .visible(viewer)
        .filter(profile=profile, provision=provision)
        .select_related("statute", "coder", "verified_by")
        .first()
    )
    if coding is not None:  # the page reads these through the coding: no further queries
        coding.profile = profile
        coding.provision = provision
    return CodingPage(profile=profile, version=checklist, provision=provision, coding=coding)


@dataclass(frozen=True)
class HistoryEntry:
    """One change of a coding, as the viewer may see it: when, who (None when not named to them), the
    status and review in words, the citation and why."""

    when: datetime.datetime
    who: str | None
    status: str
    status_label: str
    review: str
    review_label: str
    citation: str
    rationale: str
    reason: str
    verified_on: datetime.date | None

    @property
    def is_verified(self) -> bool:
        return self.review == Coding.Review.VERIFIED


def coding_history(*, viewer: Viewer, coding: Coding) -> list[HistoryEntry]:
    """Every change of a coding the viewer may see, newest first (two queries). Draft states are
    listed only to those who see the member's drafts; who made a change only to the taskforce."""
    policy = policy_for(Coding)
    if not policy.can_view(viewer, coding):
        raise NotFound()
    drafts = policy.can(viewer, "see_drafts", coding)
    names = policy.can(viewer, "see_coders", coding)
    records = Coding.history.model.objects.filter(id=coding.pk).exclude(history_type="-")
    if not drafts:
        records = records.filter(review=Coding.Review.VERIFIED)
    rows = list(records.select_related("history_user").order_by("-history_date", "-history_id"))
    statute_ids = {r.statute_id for r in rows if r.statute_id}
    citations = dict(Statute.objects.filter(pk__in=statute_ids).values_list("pk", "citation")) if statute_ids else {}
    out = []
    for r in rows:
        parts = [citations.get(r.statute_id, ""), r.pinpoint]
        who = None
        if names and r.history_user is not None:
            who = r.history_user.full_name or None
        out.append(
            HistoryEntry(
                when=r.history_date,
                who=who,
                status=r.status,
                status_label=str(STATUS(r.status).label),
                review=r.review,
                review_label=str(Coding.Review(r.review).label),
                citation=", ".join(p for p in parts if p),
                rationale=r.rationale,
                reason=r.history_change_reason or "",
                verified_on=r.verified_on,
            )
        )
    return out


def coding_as_of(*, viewer: Viewer, page: CodingPage, as_of: datetime.date) -> Cell:
    """The coding of the page's provision as it was at the end of `as_of` (not assessed before it was
    coded), read by the shared grid."""
    grid = coding_grid(
        viewer=viewer, version=page.version, profiles=[page.profile], provisions=[page.provision], as_of=as_of
    )
    return grid.cell(page.profile, page.provision)


def statute_citations(*, statute_ids: Iterable[int | None]) -> dict[int, str]:
    """The citations of statutes by id (for cells read from the grid), one query."""
    ids = {i for i in statute_ids if i}
    if not ids:
        return {}
    return dict(Statute.objects.filter(pk__in=ids).values_list("pk", "citation"))


def coding_statutes(*, viewer: Viewer, profile: LegalProfile) -> list[Statute]:
    """The profile's statutes the viewer may see (for the coding form's choice of statute)."""
    return list(policy_for(Statute).visible(viewer).filter(profile=profile).order_by("citation", "pk"))


def coding_reservations(*, viewer: Viewer, page: CodingPage) -> list[Reservation]:
    """The reservations under the profile's treaties that explain this provision's coding (shown beside it)."""
    return list(
        policy_for(Reservation)
        .visible(viewer)
        .filter(treaty_status__profile=page.profile, provisions=page.provision)
        .select_related("treaty_status")
        .order_by("treaty_status__treaty", "article", "pk")
    )


@dataclass(frozen=True)
class ProfileCodings:
    """A profile's coding of every provision of a checklist version (now or as of a day)."""

    profile: LegalProfile
    grid: Grid

    def rows(self) -> list[tuple[Provision, Cell]]:
        return [(p, self.grid.cell(self.profile, p)) for p in self.grid.provisions]


def profile_codings(
    *, viewer: Viewer, slug: str, version: str = "", as_of: datetime.date | None = None
) -> ProfileCodings:
    """The codings of the member `slug`'s profile for `version` (the current one when empty), as the
    viewer may see them; NotFound when the profile or the version is hidden or does not exist."""
    profile = policy_for(LegalProfile).visible(viewer).select_related("member").filter(member__slug=slug).first()
    if version:
        checklist = policy_for(ChecklistVersion).visible(viewer).filter(code=version).first()
    else:
        checklist = current_version()
    if profile is None or checklist is None:
        raise NotFound()
    return ProfileCodings(
        profile=profile, grid=coding_grid(viewer=viewer, version=checklist, profiles=[profile], as_of=as_of)
    )
