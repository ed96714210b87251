"""Legal frameworks: reading legal profiles. The index of the profiles a viewer may see (with the counts
of met, partly met, not met and not assessed from one coding grid for all of them), one profile with its
statutes, treaty status, reservations and codings by group (now or as of a past day), and its export.
Codings are read through `coding_grid` only."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from django.db.models import Prefetch
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hub.core.errors import NotFound
from hub.core.policies import policy_for
from hub.core.viewer import Viewer
from hub.legal.models import ChecklistVersion
from hub.legal.models import Coding
from hub.legal.models import LegalProfile
from hub.legal.models import Provision
from hub.legal.models import Reservation
from hub.legal.models import Statute
from hub.legal.models import TreatyStatus
from hub.legal.models.checklist import Group
from hub.legal.selectors.codings import Cell
from hub.legal.selectors.codings import Grid
from hub.legal.selectors.codings import coding_grid
from hub.legal.selectors.codings import current_version
from hub.legal.selectors.codings import profiles_visible
from hub.members.models import Member

STATUS = Coding.Status
# What a profile counts: "not applicable" is apart, "not assessed" is never "not met".
COUNTED = (STATUS.MET, STATUS.PARTIAL, STATUS.NOT_MET, STATUS.NOT_ASSESSED)


def counted(counts: dict[str, int]) -> dict[str, int]:
    """The counts a profile shows, by status value: met, partial, not met, not assessed, not applicable."""
    return {s.value: counts.get(s.value, 0) for s in (*COUNTED, STATUS.NOT_APPLICABLE)}


@dataclass(frozen=True)
class ProfileRow:
    profile: LegalProfile
    counts: dict[str, int]


@dataclass(frozen=True)
class ProfileIndex:
    rows: list[ProfileRow]
    version: ChecklistVersion | None
    has_synthetic: bool


def _grid(viewer: Viewer, profiles: Sequence[LegalProfile], as_of: datetime.date | None = None) -> Grid | None:
    version = current_version()
    if version is None:
        return None
    return coding_grid(viewer=viewer, version=version, profiles=profiles, as_of=as_of)


def profile_index(*, viewer: Viewer) -> ProfileIndex:
    """Every profile the viewer may see, by member name, with its counts (one grid for them all)."""
    profiles = list(profiles_visible(viewer=viewer))
    grid = _grid(viewer, profiles)
    rows = [ProfileRow(p, counted(grid.counts(p)) if grid else counted({})) for p in profiles]
    has_synthetic = any(p.is_synthetic for p in profiles) or bool(grid and grid.has_synthetic)
    return ProfileIndex(rows=rows, version=grid.version if grid else None, has_synthetic=has_synthetic)


def members_without_profile(*, viewer: Viewer) -> QuerySet[Member]:
    """The members the viewer sees that have no legal profile yet (for the secretariat's open form)."""
    return policy_for(Member).visible(viewer).filter(legal_profile__isnull=True).order_by("name")


def profile_get(*, viewer: Viewer, slug: str) -> LegalProfile:
    """The profile of the member with this short name, or NotFound (also when it is hidden)."""
    profile: LegalProfile | None = profiles_visible(viewer=viewer).filter(member__slug=slug).first()
    if profile is None:
        raise NotFound()
    return profile


@dataclass(frozen=True)
class StatuteRow:
    statute: Statute
    state: str  # in words: in force, repealed, not yet in force


@dataclass(frozen=True)
class CodingRow:
    provision: Provision
    cell: Cell
    statute: Statute | None
    reservations: list[Reservation]

    @property
    def citation(self) -> str:
        parts = [self.statute.citation if self.statute else "", self.cell.pinpoint]
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True)
class GroupView:
    key: str
    label: str
    rows: list[CodingRow]
    counts: dict[str, int]


@dataclass(frozen=True)
class ProfileView:
    profile: LegalProfile
    as_of: datetime.date | None
    version: ChecklistVersion | None
    statutes: list[StatuteRow]
    treaties: list[TreatyStatus]
    groups: list[GroupView]
    counts: dict[str, int]
    has_synthetic: bool
    reservations: list[Reservation] = field(default_factory=list)


def _statute_state(statute: Statute, day: datetime.date) -> str:
    if statute.repealed_on and statute.repealed_on <= day:
        return _("Repealed on %(day)s") % {"day": date_format(statute.repealed_on, "DATE_FORMAT")}
    if statute.in_force_on and statute.in_force_on > day:
        return _("Not yet in force (from %(day)s)") % {"day": date_format(statute.in_force_on, "DATE_FORMAT")}
    if statute.in_force_on:
        return _("In force since %(day)s") % {"day": date_format(statute.in_force_on, "DATE_FORMAT")}
    return _("In force (date not known)")


def profile_statutes(*, viewer: Viewer, profile: LegalProfile) -> list[Statute]:
    return list(policy_for(Statute).visible(viewer).filter(profile=profile).order_by("citation", "pk"))


def profile_treaties(*, viewer: Viewer, profile: LegalProfile) -> list[TreatyStatus]:
    """The profile's treaty statuses with their reservations (and the provisions each explains)."""
    reservations = Reservation.objects.prefetch_related(
        Prefetch("provisions", queryset=Provision.objects.order_by("position"))
    ).order_by("article", "pk")
    return list(
        policy_for(TreatyStatus)
        .visible(viewer)
        .filter(profile=profile)
        .prefetch_related(Prefetch("reservations", queryset=reservations))
        .order_by("treaty")
    )


def profile_view(*, viewer: Viewer, profile: LegalProfile, as_of: datetime.date | None = None) -> ProfileView:
    """One profile for its page, API and export: statutes (in force or repealed on the day shown),
    treaty status and reservations, and the codings of the current checklist by group, with counts."""
    day = as_of or timezone.localdate()
    statutes = profile_statutes(viewer=viewer, profile=profile)
    treaties = profile_treaties(viewer=viewer, profile=profile)
    by_statute = {s.pk: s for s in statutes}
    reservations = [r for t in treaties for r in t.reservations.all()]
    explains: dict[int, list[Reservation]] = {}
    for reservation in reservations:
        for provision in reservation.provisions.all():
            explains.setdefault(provision.pk, []).append(reservation)
    grid = _grid(viewer, [profile], as_of)
    groups: list[GroupView] = []
    if grid is not None:
        labels = dict(Group.choices)
        order = [value for value, _label in Group.choices]
        provisions_by_group: dict[str, list[Provision]] = {}
        for provision in grid.provisions:
            provisions_by_group.setdefault(provision.group, []).append(provision)
        for key in sorted(provisions_by_group, key=lambda g: order.index(g) if g in order else len(order)):
            provisions = provisions_by_group[key]
            rows = []
            for provision in provisions:
                cell = grid.cell(profile, provision)
                statute = by_statute.get(cell.statute_id) if cell.statute_id else None
                rows.append(CodingRow(provision, cell, statute, explains.get(provision.pk, [])))
            groups.append(GroupView(key, str(labels.get(key, key)), rows, counted(grid.counts(profile, provisions))))
    total = counted(grid.counts(profile)) if grid else counted({})
    has_synthetic = (
        profile.is_synthetic
        or bool(grid and grid.has_synthetic)
        or any(s.is_synthetic for s in statutes)
        or any(t.is_synthetic for t in treaties)
    )
    return ProfileView(
        profile=profile,
        as_of=as_of,
        version=grid.version if grid else None,
        statutes=[StatuteRow(s, _statute_state(s, day)) for s in statutes],
        treaties=treaties,
        groups=groups,
        counts=total,
        has_synthetic=has_synthetic,
        reservations=reservations,
    )


SYNTHETIC_NOTE = "Synthetic demo data: invented records about a fictional member, not facts about any real country."


def export_headers(view: ProfileView) -> list[str]:
    headers = [
        "member",
        "version",
        "provision",
        "group",
        "provision_text",
        "status",
        "status_label",
        "review",
        "citation",
        "rationale",
        "verified_on",
        "reservations",
        "as_of",
    ]
    return [*headers, "note"] if view.has_synthetic else headers


def export_rows(view: ProfileView) -> list[list[Any]]:
    """The profile's codings, one row per provision (a synthetic profile says so on every row)."""
    out = []
    for group in view.groups:
        for row in group.rows:
            values: list[Any] = [
                view.profile.member.name,
                view.version.code if view.version else "",
                row.provision.code,
                group.label,
                row.provision.text,
                row.cell.status,
                row.cell.label,
                row.cell.review if row.cell.coding_id else "",
                row.citation,
                row.cell.rationale,
                row.cell.verified_on.isoformat() if row.cell.verified_on else "",
                "; ".join(f"{r.treaty_status.get_treaty_display()} {r.article}" for r in row.reservations),
                view.as_of.isoformat() if view.as_of else "",
            ]
            if view.has_synthetic:
                values.append(SYNTHETIC_NOTE)
            out.append(values)
    return out


def current_provisions() -> list[Provision]:
    """The provisions of the current checklist version, in order (a reservation names some of them)."""
    version = current_version()
    if version is None:
        return []
    return list(Provision.objects.filter(version=version).order_by("position"))


def statute_get(*, viewer: Viewer, profile: LegalProfile, statute_id: int) -> Statute:
    statute: Statute | None = policy_for(Statute).visible(viewer).filter(profile=profile, pk=statute_id).first()
    if statute is None:
        raise NotFound()
    return statute


def treaty_status_get(*, viewer: Viewer, profile: LegalProfile, treaty: str) -> TreatyStatus | None:
    """The profile's status under `treaty`, or None when none was entered yet."""
    found: TreatyStatus | None = policy_for(TreatyStatus).visible(viewer).filter(profile=profile, treaty=treaty).first()
    return found


def reservation_get(*, viewer: Viewer, profile: LegalProfile, reservation_id: int) -> Reservation:
    reservation: Reservation | None = (
        policy_for(Reservation)
        .visible(viewer)
        .filter(treaty_status__profile=profile, pk=reservation_id)
        .select_related("treaty_status")
        .prefetch_related("provisions")
        .first()
    )
    if reservation is None:
        raise NotFound()
    return reservation
