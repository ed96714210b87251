"""Legal frameworks: the views across members, all built on one `coding_grid` each.

- `comparison_build`: side-by-side comparison of two to five members, provision by provision (the
  page, the API, the exports and the PDF all read it, so the API returns the same comparison).
- `matrix_build`: members by provisions, with filters (group, region, review and coding status).
- `safe_havens_build`: for each conduct provision, the members whose law does not or only partly
  cover it, and the members whose active-nationality jurisdiction (J1 met) still reaches their
  nationals offending there.
- `gap_list_build`: a member's provisions not met or partly met, with their instruments and the good
  practices to draw on.
- `coverage_build`: one provision across the members, for the world map and its table.

Each is a fixed number of queries whatever the number of members: the grid is read once and every
row, group and count is worked out in Python. Each has a `*_table` for its CSV/XLSX export.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from django.utils.translation import gettext as _

from hub.core.errors import NotFound
from hub.core.errors import Problem
from hub.core.errors import ValidationFailed
from hub.core.policies import policy_for
from hub.core.viewer import Viewer
from hub.knowledge.models import GoodPractice
from hub.knowledge.selectors.practices import practices_for_capability
from hub.knowledge.selectors.practices import practices_for_commitment
from hub.legal.models import ChecklistVersion
from hub.legal.models import Coding
from hub.legal.models import LegalProfile
from hub.legal.models import Provision
from hub.legal.models.checklist import Group
from hub.legal.selectors.codings import STATUS_ORDER
from hub.legal.selectors.codings import Cell
from hub.legal.selectors.codings import Grid
from hub.legal.selectors.codings import coding_grid
from hub.legal.selectors.codings import current_version
from hub.legal.selectors.codings import profiles_visible
from hub.members.models import REGION_LABELS
from hub.members.models import Member

MIN_MEMBERS = 2
MAX_MEMBERS = 5


@dataclass(frozen=True)
class ComparisonRow:
    provision: Provision
    cells: list[Cell]

    @property
    def differs(self) -> bool:
        """The members' codings of this provision are not all the same."""
        return len({c.status for c in self.cells}) > 1


@dataclass(frozen=True)
class Comparison:
    grid: Grid
    profiles: list[LegalProfile]
    rows: list[ComparisonRow]

    @property
    def version(self) -> ChecklistVersion:
        return self.grid.version

    @property
    def as_of(self) -> datetime.date | None:
        return self.grid.as_of

    @property
    def differences(self) -> int:
        return sum(1 for r in self.rows if r.differs)

    @property
    def groups(self) -> list[RowGroup]:
        return grouped(self.rows, lambda r: r.provision)


@dataclass(frozen=True)
class RowGroup:
    """Rows of one checklist group, in the checklist's order."""

    group: str
    label: str
    rows: list[Any]


def grouped(rows: Sequence[Any], provision_of: Any) -> list[RowGroup]:
    """Rows grouped by their provision's group, groups in the order the checklist lists them."""
    labels = dict(Group.choices)
    out: dict[str, list[Any]] = {}
    for row in rows:
        out.setdefault(provision_of(row).group, []).append(row)
    return [RowGroup(group=g, label=str(labels.get(g, g)), rows=r) for g, r in out.items()]


def _refuse(message: str) -> ValidationFailed:
    return ValidationFailed(message, problems=[Problem(message, field="members")])


def comparison_build(
    *,
    viewer: Viewer,
    member_slugs: Sequence[str],
    version: ChecklistVersion | None = None,
    as_of: datetime.date | None = None,
) -> Comparison:
    """The comparison of the members named by their short names, in the order given. Fewer than two or
    more than five, or a name the viewer may not see (a hidden profile is not told apart from an
    unknown one), is refused naming the field `members`."""
    slugs = list(dict.fromkeys(s.strip() for s in member_slugs if s and s.strip()))
    if len(slugs) < MIN_MEMBERS or len(slugs) > MAX_MEMBERS:
        raise _refuse(_("Choose two to five members to compare."))
    found = {p.member.slug: p for p in profiles_visible(viewer=viewer).filter(member__slug__in=slugs)}
    missing = [s for s in slugs if s not in found]
    if missing:
        raise _refuse(_("No legal profile found for: %(names)s.") % {"names": ", ".join(missing)})
    version = version or current_version()
    if version is None:
        raise _refuse(_("No model checklist is published yet."))
    profiles = [found[s] for s in slugs]
    grid = coding_grid(viewer=viewer, version=version, profiles=profiles, as_of=as_of)
    rows = [ComparisonRow(provision=p, cells=[grid.cell(pr, p) for pr in profiles]) for p in grid.provisions]
    return Comparison(grid=grid, profiles=profiles, rows=rows)


# --- shared --------------------------------------------------------------------------------------


def _problem(message: str, field_name: str) -> ValidationFailed:
    return ValidationFailed(message, problems=[Problem(message, field=field_name)])


def version_resolve(*, viewer: Viewer, code: str | None = None) -> ChecklistVersion:
    """The checklist version named (one the viewer may see), or the current one; refused naming `version`."""
    if code and code.strip():
        version = policy_for(ChecklistVersion).visible(viewer).filter(code=code.strip()).first()
        if version is None:
            raise _problem(_("No model checklist version %(code)s.") % {"code": code.strip()}, "version")
        return version
    current = current_version()
    if current is None:
        raise _problem(_("No model checklist is published yet."), "version")
    return current


def sees_drafts(viewer: Viewer) -> bool:
    """Whether the viewer may see any draft coding (the secretariat; a member's officials, their own)."""
    return policy_for(Coding).can(viewer, "filter_by_review")


def _citation(cell: Cell) -> str:
    return cell.pinpoint


def comparison_table(comparison: Comparison) -> tuple[list[str], list[list[Any]]]:
    headers = [
        _("group"),
        _("provision"),
        _("provision text"),
        *[p.member.name for p in comparison.profiles],
        _("differs"),
    ]
    rows: list[list[Any]] = []
    for group in comparison.groups:
        for row in group.rows:
            rows.append(
                [
                    group.label,
                    row.provision.code,
                    row.provision.text,
                    *[_cell_words(c) for c in row.cells],
                    _("differs") if row.differs else _("same"),
                ]
            )
    return headers, rows


def _cell_words(cell: Cell) -> str:
    words = cell.label
    if cell.coding_id is not None and not cell.is_verified:
        words = _("%(status)s (draft)") % {"status": words}
    return words


# --- the matrix ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MatrixFilters:
    group: str = ""
    region: str = ""
    review: str = ""  # verified or draft: members with a coding of that review status
    status: str = ""  # a coding status: members with a coding of that status


@dataclass(frozen=True)
class MatrixRow:
    profile: LegalProfile
    cells: list[Cell]


@dataclass(frozen=True)
class Matrix:
    grid: Grid
    provisions: list[Provision]
    rows: list[MatrixRow]
    filters: MatrixFilters
    total_profiles: int

    @property
    def version(self) -> ChecklistVersion:
        return self.grid.version

    @property
    def as_of(self) -> datetime.date | None:
        return self.grid.as_of


def _matches(cell: Cell, filters: MatrixFilters) -> bool:
    if filters.status and cell.status != filters.status:
        return False
    return not (filters.review and (cell.coding_id is None or cell.review != filters.review))


def matrix_filter_choices(*, viewer: Viewer) -> dict[str, list[tuple[str, str]]]:
    """The choices the matrix's filters offer (the review filter to those who see drafts only)."""
    choices: dict[str, list[tuple[Any, Any]]] = {
        "group": list(Group.choices),
        "region": [(k, str(v)) for k, v in REGION_LABELS.items()],
        "status": [(s.value, str(s.label)) for s in STATUS_ORDER],
        "review": [],
    }
    if sees_drafts(viewer):
        choices["review"] = list(Coding.Review.choices)
    return {k: [(str(a), str(b)) for a, b in v] for k, v in choices.items()}


def matrix_build(
    *,
    viewer: Viewer,
    filters: MatrixFilters | None = None,
    version: ChecklistVersion | None = None,
    as_of: datetime.date | None = None,
) -> Matrix:
    """Members (rows) by provisions (columns): the group filter keeps its provisions, the region
    filter its members; the review and coding-status filters keep the members with at least one
    coding that matches both (among the provisions shown). Four queries whatever the size."""
    filters = filters or MatrixFilters()
    version = version or version_resolve(viewer=viewer)
    choices = matrix_filter_choices(viewer=viewer)
    for name in ("group", "region", "status", "review"):
        value = getattr(filters, name)
        if value and value not in dict(choices[name]):
            raise _problem(_("Choose one of the values offered."), name)
    provisions_qs = Provision.objects.filter(version=version).order_by("position")
    if filters.group:
        provisions_qs = provisions_qs.filter(group=filters.group)
    provisions = list(provisions_qs)
    profiles_qs = profiles_visible(viewer=viewer)
    if filters.region:
        profiles_qs = profiles_qs.filter(member__region=filters.region)
    profiles = list(profiles_qs)
    grid = coding_grid(viewer=viewer, version=version, profiles=profiles, provisions=provisions, as_of=as_of)
    rows = [MatrixRow(profile=p, cells=grid.row(p)) for p in profiles]
    if filters.status or filters.review:
        rows = [r for r in rows if any(_matches(c, filters) for c in r.cells)]
    return Matrix(grid=grid, provisions=provisions, rows=rows, filters=filters, total_profiles=len(profiles))


def matrix_table(matrix: Matrix) -> tuple[list[str], list[list[Any]]]:
    headers = [_("member"), _("region"), *[p.code for p in matrix.provisions]]
    rows = [[r.profile.member.name, r.profile.member.region, *[_cell_words(c) for c in r.cells]] for r in matrix.rows]
    return headers, rows


# --- safe havens ---------------------------------------------------------------------------------

ACTIVE_NATIONALITY = Provision.Role.ACTIVE_NATIONALITY
# G5 (protection of the child, not conduct) is never read as conduct, whatever its role says.
NEVER_CONDUCT = ("G5",)


@dataclass(frozen=True)
class Haven:
    """A member whose law does not (or only partly) cover the conduct, and who would still reach it."""

    profile: LegalProfile
    cell: Cell
    reachers: list[LegalProfile]


@dataclass(frozen=True)
class HavenProvision:
    provision: Provision
    havens: list[Haven]
    unknown: list[LegalProfile]  # not assessed: unknown, never a haven


@dataclass(frozen=True)
class SafeHavens:
    grid: Grid
    items: list[HavenProvision]
    active_nationality: Provision | None
    reachers: list[LegalProfile]  # members whose J1 is met

    @property
    def version(self) -> ChecklistVersion:
        return self.grid.version

    @property
    def as_of(self) -> datetime.date | None:
        return self.grid.as_of

    @property
    def groups(self) -> list[RowGroup]:
        return grouped(self.items, lambda i: i.provision)


def safe_havens_build(
    *, viewer: Viewer, version: ChecklistVersion | None = None, as_of: datetime.date | None = None
) -> SafeHavens:
    """For each conduct provision (the offences, and grooming and extortion G1 to G4), the members
    whose coding is not met or partly met (possible safe havens), each with the other members whose
    active-nationality jurisdiction without double criminality (J1) is met: those would still reach
    their own nationals offending there. Not assessed is listed apart, as unknown."""
    version = version or version_resolve(viewer=viewer)
    provisions = list(
        Provision.objects.filter(version=version, role__in=[Provision.Role.CONDUCT, ACTIVE_NATIONALITY])
        .exclude(code__in=NEVER_CONDUCT)
        .order_by("position")
    )
    conduct = [p for p in provisions if p.role == Provision.Role.CONDUCT]
    j1 = next((p for p in provisions if p.role == ACTIVE_NATIONALITY), None)
    profiles = list(profiles_visible(viewer=viewer))
    grid = coding_grid(viewer=viewer, version=version, profiles=profiles, provisions=provisions, as_of=as_of)
    reachers = [p for p in profiles if j1 is not None and grid.cell(p, j1).status == Coding.Status.MET]
    items = []
    for provision in conduct:
        havens = []
        unknown = []
        for profile in profiles:
            cell = grid.cell(profile, provision)
            if cell.is_gap:
                havens.append(Haven(profile=profile, cell=cell, reachers=[r for r in reachers if r.pk != profile.pk]))
            elif cell.status == Coding.Status.NOT_ASSESSED:
                unknown.append(profile)
        items.append(HavenProvision(provision=provision, havens=havens, unknown=unknown))
    return SafeHavens(grid=grid, items=items, active_nationality=j1, reachers=reachers)


def safe_havens_table(havens: SafeHavens) -> tuple[list[str], list[list[Any]]]:
    headers = [_("provision"), _("provision text"), _("member"), _("coding"), _("reached by (J1 met)")]
    rows: list[list[Any]] = []
    for item in havens.items:
        for haven in item.havens:
            rows.append(
                [
                    item.provision.code,
                    item.provision.text,
                    haven.profile.member.name,
                    _cell_words(haven.cell),
                    "; ".join(r.member.name for r in haven.reachers),
                ]
            )
        for profile in item.unknown:
            rows.append([item.provision.code, item.provision.text, profile.member.name, _("Not assessed"), ""])
    return headers, rows


# --- gap list ------------------------------------------------------------------------------------

# The good practices a gap list draws on: commitment 1 (comprehensive legal frameworks) and the
# Model National Response's capability 3 (legislation).
GAP_COMMITMENT = 1
GAP_CAPABILITY = ("mnr-2016", 3)
GAP_PRACTICES_SHOWN = 10


@dataclass(frozen=True)
class Gap:
    provision: Provision
    cell: Cell

    @property
    def instruments(self) -> list[str]:
        return [i.strip() for i in self.provision.instruments.split(";") if i.strip()]


@dataclass(frozen=True)
class GapList:
    profile: LegalProfile
    grid: Grid
    gaps: list[Gap]
    practices_commitment: list[GoodPractice] = field(default_factory=list)
    practices_capability: list[GoodPractice] = field(default_factory=list)

    @property
    def version(self) -> ChecklistVersion:
        return self.grid.version

    @property
    def as_of(self) -> datetime.date | None:
        return self.grid.as_of

    @property
    def groups(self) -> list[RowGroup]:
        return grouped(self.gaps, lambda g: g.provision)

    @property
    def counts(self) -> dict[str, int]:
        return self.grid.counts(self.profile)


def profile_by_slug(*, viewer: Viewer, slug: str) -> LegalProfile:
    profile = profiles_visible(viewer=viewer).filter(member__slug=slug).first()
    if profile is None:
        raise NotFound(_("No legal profile found."))
    return profile  # type: ignore[no-any-return]


def gap_list_build(
    *, viewer: Viewer, slug: str, version: ChecklistVersion | None = None, as_of: datetime.date | None = None
) -> GapList:
    """A member's provisions not met or partly met, by group, with the instruments each comes from
    and the published good practices the viewer may see for comprehensive legal frameworks and
    legislation (one query each, not one per provision)."""
    profile = profile_by_slug(viewer=viewer, slug=slug)
    version = version or version_resolve(viewer=viewer)
    grid = coding_grid(viewer=viewer, version=version, profiles=[profile], as_of=as_of)
    gaps = [Gap(provision=p, cell=grid.cell(profile, p)) for p in grid.provisions if grid.cell(profile, p).is_gap]
    commitment = list(
        practices_for_commitment(viewer=viewer, number=GAP_COMMITMENT)
        .select_related("member")
        .order_by("-published_at", "pk")[:GAP_PRACTICES_SHOWN]
    )
    capability = list(
        practices_for_capability(viewer=viewer, framework=GAP_CAPABILITY[0], number=GAP_CAPABILITY[1])
        .select_related("member")
        .order_by("-published_at", "pk")[:GAP_PRACTICES_SHOWN]
    )
    return GapList(
        profile=profile, grid=grid, gaps=gaps, practices_commitment=commitment, practices_capability=capability
    )


def gaps_table(gaps: GapList) -> tuple[list[str], list[list[Any]]]:
    headers = [_("group"), _("provision"), _("provision text"), _("coding"), _("citation"), _("instruments")]
    rows: list[list[Any]] = []
    for group in gaps.groups:
        for gap in group.rows:
            rows.append(
                [
                    group.label,
                    gap.provision.code,
                    gap.provision.text,
                    _cell_words(gap.cell),
                    _citation(gap.cell),
                    "; ".join(gap.instruments),
                ]
            )
    return headers, rows


# --- coverage map --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CoverageEntry:
    profile: LegalProfile
    cell: Cell
    country: str  # ISO 3166 code, empty when the member has none (listed in the table only)


@dataclass(frozen=True)
class Coverage:
    grid: Grid
    provision: Provision
    entries: list[CoverageEntry]
    unlisted: int  # members shown without a status: not published (public), or with no legal profile yet
    public: bool  # the public site's view: only published profiles appear

    @property
    def version(self) -> ChecklistVersion:
        return self.grid.version

    @property
    def as_of(self) -> datetime.date | None:
        return self.grid.as_of

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        """(status, label, how many) in the order statuses are listed."""
        out = {s.value: 0 for s in STATUS_ORDER}
        for entry in self.entries:
            out[entry.cell.status] += 1
        return [(s.value, str(s.label), out[s.value]) for s in STATUS_ORDER]

    @property
    def mapped(self) -> bool:
        """Whether any member shown has a country on the map (fictional demo members have none)."""
        return any(entry.country for entry in self.entries)

    @property
    def by_status(self) -> dict[str, list[str]]:
        """Country codes (lower case) of each status, for the map; members without a country are left off."""
        out: dict[str, list[str]] = {s.value: [] for s in STATUS_ORDER}
        for entry in self.entries:
            if entry.country:
                out[entry.cell.status].append(entry.country.lower())
        return out


def coverage_build(
    *,
    viewer: Viewer,
    version_code: str | None = None,
    provision_code: str | None = None,
    as_of: datetime.date | None = None,
) -> Coverage:
    """One provision across the members the viewer may see. For the public (anonymous) only members
    that published their profile appear; every other member counts as not published, never as not met."""
    version = version_resolve(viewer=viewer, code=version_code)
    provisions = Provision.objects.filter(version=version).order_by("position")
    if provision_code and provision_code.strip():
        provision = provisions.filter(code=provision_code.strip()).first()
        if provision is None:
            raise _problem(
                _("No provision %(code)s in version %(version)s.") % {"code": provision_code, "version": version.code},
                "provision",
            )
    else:
        provision = provisions.first()
        if provision is None:
            raise _problem(_("This checklist version has no provisions."), "provision")
    profiles = list(profiles_visible(viewer=viewer))
    grid = coding_grid(viewer=viewer, version=version, profiles=profiles, provisions=[provision], as_of=as_of)
    entries = [
        CoverageEntry(profile=p, cell=grid.cell(p, provision), country=str(p.member.country or "")) for p in profiles
    ]
    unlisted = (
        policy_for(Member)
        .visible(viewer)
        .exclude(status=Member.Status.WITHDRAWN)
        .exclude(pk__in=[p.member_id for p in profiles])
        .count()
    )
    return Coverage(
        grid=grid,
        provision=provision,
        entries=entries,
        unlisted=unlisted,
        public=not policy_for(LegalProfile).can(viewer, "read_unpublished"),
    )


def coverage_table(coverage: Coverage) -> tuple[list[str], list[list[Any]]]:
    headers = [_("member"), _("country"), _("provision"), _("coding")]
    rows = [[e.profile.member.name, e.country, coverage.provision.code, _cell_words(e.cell)] for e in coverage.entries]
    return headers, rows


# --- what the forms offer ------------------------------------------------------------------------


def compare_choices(*, viewer: Viewer) -> list[tuple[str, str]]:
    """(short name, name) of the members whose legal profile the viewer may see, by name."""
    return [(p.member.slug, p.member.name) for p in profiles_visible(viewer=viewer)]


def provision_choices(*, version: ChecklistVersion) -> list[tuple[str, str]]:
    """(code, "code text") of a version's provisions, in the checklist's order."""
    return [(p.code, f"{p.code} {p.text}") for p in Provision.objects.filter(version=version).order_by("position")]
