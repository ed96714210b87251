"""Legal frameworks: what the exports and PDFs read, for one viewer.

The codings and statutes exports hold the records the viewer may see, in the columns the imports read
(hub/legal/services/io.py), so an export imported again changes nothing; a last column says which
rows are synthetic demo data. The profile PDF reads `coding_grid` and the profile's statutes, treaty
status and reservations; the comparison PDF reads `comparison_build`.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from django.utils.translation import gettext as _

from hub.core.errors import NotFound
from hub.core.policies import policy_for
from hub.core.viewer import Viewer
from hub.legal.models import GROUPS
from hub.legal.models import ChecklistVersion
from hub.legal.models import LegalProfile
from hub.legal.models import Provision
from hub.legal.models import Reservation
from hub.legal.models import Statute
from hub.legal.models import TreatyStatus
from hub.legal.models.checklist import Group
from hub.legal.selectors.codings import STATUS_ORDER
from hub.legal.selectors.codings import Cell
from hub.legal.selectors.codings import Grid
from hub.legal.selectors.codings import coding_grid
from hub.legal.selectors.codings import current_version
from hub.legal.selectors.codings import profiles_visible

CODING_EXPORT_HEADERS = [
    "member",
    "version",
    "provision",
    "status",
    "statute",
    "pinpoint",
    "rationale",
    "review",
    "reason",
    "synthetic",
]
STATUTE_EXPORT_HEADERS = [
    "member",
    "citation",
    "title_original",
    "original_language",
    "title_en",
    "url",
    "in_force_on",
    "repealed_on",
    "source",
    "synthetic",
]


def _yes(flag: bool) -> str:
    return "yes" if flag else ""


def _profiles(viewer: Viewer, member_slug: str | None) -> list[LegalProfile]:
    qs = profiles_visible(viewer=viewer)
    if member_slug:
        qs = qs.filter(member__slug=member_slug)
    return list(qs)


def codings_export_rows(
    *,
    viewer: Viewer,
    member_slug: str | None = None,
    as_of: datetime.date | None = None,
    version: ChecklistVersion | None = None,
) -> list[list[Any]]:
    """Every coding the viewer may see (of one member, or all), now or as of a day, one row each."""
    version = version or current_version()
    if version is None:
        return []
    profiles = _profiles(viewer, member_slug)
    grid = coding_grid(viewer=viewer, version=version, profiles=profiles, as_of=as_of)
    citations = dict(policy_for(Statute).visible(viewer).filter(profile__in=profiles).values_list("pk", "citation"))
    rows: list[list[Any]] = []
    for profile in profiles:
        for provision in grid.provisions:
            cell = grid.cells.get((profile.pk, provision.pk))
            if cell is None:
                continue
            rows.append(
                [
                    profile.member.slug,
                    version.code,
                    provision.code,
                    cell.status,
                    citations.get(cell.statute_id, "") if cell.statute_id else "",
                    cell.pinpoint,
                    cell.rationale,
                    cell.review,
                    "",
                    _yes(cell.is_synthetic),
                ]
            )
    return rows


def statutes_export_rows(*, viewer: Viewer, member_slug: str | None = None) -> list[list[Any]]:
    """Every statute the viewer may see (of one member, or all), one row each."""
    qs = (
        policy_for(Statute)
        .visible(viewer)
        .select_related("profile__member")
        .order_by("profile__member__name", "citation")
    )
    if member_slug:
        qs = qs.filter(profile__member__slug=member_slug)
    return [
        [
            s.profile.member.slug,
            s.citation,
            s.title_original,
            s.original_language,
            s.title_en,
            s.url,
            s.in_force_on.isoformat() if s.in_force_on else "",
            s.repealed_on.isoformat() if s.repealed_on else "",
            s.source,
            _yes(s.is_synthetic),
        ]
        for s in qs
    ]


# --- the profile PDF -------------------------------------------------------------------------


@dataclass(frozen=True)
class PdfProvision:
    provision: Provision
    cell: Cell
    statute: Statute | None
    reservations: list[Reservation]


@dataclass(frozen=True)
class PdfGroup:
    label: str
    counts: list[tuple[str, int]]
    provisions: list[PdfProvision]


@dataclass
class ProfilePdf:
    profile: LegalProfile
    grid: Grid | None
    statutes: list[Statute]
    treaties: list[TreatyStatus]
    groups: list[PdfGroup] = field(default_factory=list)
    totals: list[tuple[str, int]] = field(default_factory=list)

    @property
    def has_synthetic(self) -> bool:
        return self.profile.is_synthetic or bool(self.grid and self.grid.has_synthetic)

    @property
    def as_of(self) -> datetime.date | None:
        return self.grid.as_of if self.grid else None


def _counts(counts: dict[str, int]) -> list[tuple[str, int]]:
    labels = {s.value: str(s.label) for s in STATUS_ORDER}
    return [(labels[k], v) for k, v in counts.items()]


def profile_get(*, viewer: Viewer, slug: str) -> LegalProfile:
    """The member's legal profile, or NotFound when it has none or the viewer may not see it."""
    profile = profiles_visible(viewer=viewer).filter(member__slug=slug).first()
    if profile is None:
        raise NotFound()
    return profile


def profile_pdf_page(*, viewer: Viewer, slug: str, as_of: datetime.date | None = None) -> ProfilePdf:
    """What the profile's PDF shows: statutes, treaty status with reservations, and the codings by
    group with their counts (each provision with the reservations that explain it)."""
    profile = profile_get(viewer=viewer, slug=slug)
    statutes = list(policy_for(Statute).visible(viewer).filter(profile=profile).order_by("citation"))
    treaties = list(
        policy_for(TreatyStatus)
        .visible(viewer)
        .filter(profile=profile)
        .prefetch_related("reservations__provisions")
        .order_by("treaty")
    )
    page = ProfilePdf(profile=profile, grid=None, statutes=statutes, treaties=treaties)
    version = current_version()
    if version is None:
        return page
    grid = coding_grid(viewer=viewer, version=version, profiles=[profile], as_of=as_of)
    page.grid = grid
    by_statute = {s.pk: s for s in statutes}
    explains: dict[int, list[Reservation]] = {}
    for treaty in treaties:
        for reservation in treaty.reservations.all():
            for provision in reservation.provisions.all():
                explains.setdefault(provision.pk, []).append(reservation)
    labels = dict(Group.choices)
    for group in GROUPS:
        provisions = [p for p in grid.provisions if p.group == group]
        if not provisions:
            continue
        rows = []
        for provision in provisions:
            cell = grid.cell(profile, provision)
            statute = by_statute.get(cell.statute_id) if cell.statute_id else None
            rows.append(PdfProvision(provision, cell, statute, explains.get(provision.pk, [])))
        page.groups.append(
            PdfGroup(label=str(labels[group]), counts=_counts(grid.counts(profile, provisions)), provisions=rows)
        )
    page.totals = _counts(grid.counts(profile))
    return page


def difference_words(cells: Sequence[Cell]) -> str:
    """A comparison row's difference in words (the PDF has no colour to lean on)."""
    if len({c.status for c in cells}) > 1:
        return _("Differs")
    return _("Same")
