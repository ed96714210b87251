"""MNR self-assessment: the safe aggregates (SPEC sections 2 and 7, docs/disclosure-control.md).

The only way anything computed from members' answers leaves the platform. `safe_aggregate` reads the
answers that count (submitted and acknowledged assessments of members that have not withdrawn, answers
with a phase), maps every cycle's answers onto the newest framework version among the cycles (a
capability merged from several: the lowest of their phases; one with no mapping: left out), hands them
to the pure disclosure control (hub.assessments.disclosure) together with the member sets it showed
before (AggregateRelease), remembers the member sets it shows now, and returns the cells: the shown
ones with their respondents and counts per phase, the others only as "not enough responses to protect
confidentiality" (the same words whatever the reason). Nothing about a single member, and no ordering
of members, ever leaves this module.

The disclosure control always runs over every cycle the viewer may see aggregated (the taskforce: every
cycle; the public: the cycles whose aggregate the secretariat published), so the consecutive-cycles
rule holds whatever cycles a page shows, and a cycle's cells are the same on every page, export, API
answer and command that shows it. The table is cached under a fingerprint of everything it is built
from, so a cached table never outlives its data.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from typing import Any

from django.core.cache import cache
from django.db.models import Count
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hub.assessments import disclosure
from hub.assessments.models import AggregateRelease
from hub.assessments.models import Answer
from hub.assessments.models import Assessment
from hub.assessments.models import AssessmentCycle
from hub.assessments.models import Capability
from hub.assessments.models import CapabilityMapping
from hub.assessments.models import Framework
from hub.assessments.models import Phase
from hub.assessments.selectors.framework import carried_forward
from hub.assessments.selectors.framework import phase_labels
from hub.core.errors import NotFound
from hub.core.policies import policy_for
from hub.core.viewer import Viewer
from hub.members.models import REGION_LABELS
from hub.members.models import Member

__all__ = [
    "ALL",
    "CAPABILITY",
    "DOMAIN",
    "NO_REGION",
    "SUPPRESSED",
    "AggregateCell",
    "AggregateTable",
    "CapabilityRow",
    "CycleColumn",
    "TableRow",
    "aggregate_cycles",
    "aggregate_export",
    "phase_rows",
    "region_label",
    "region_rows",
    "safe_aggregate",
    "trend_rows",
]

ALL = disclosure.ALL
CAPABILITY = "capability"
DOMAIN = "domain"
# The region bucket of members whose region is not given (the disclosure control's empty code is the total).
NO_REGION = "-"
SUPPRESSED = gettext_lazy("Not enough responses to protect confidentiality")
COUNTED = (Assessment.Status.SUBMITTED, Assessment.Status.ACKNOWLEDGED)
CACHE_SECONDS = 3600
CACHE_PREFIX = "hub:assessments:aggregate:v1:"

CellId = tuple[int, str, str, str]  # (cycle id, kind, subject, region)


@dataclass(frozen=True)
class AggregateCell:
    """One cell: a capability's or a domain's answers in a cycle, in a region or all regions (ALL).
    `respondents` (members) and `counts` (answers per phase 1..4) only when shown."""

    cycle_id: int
    kind: str
    subject: str  # the capability's number, or the domain's name
    domain: str
    region: str
    shown: bool
    respondents: int | None = None
    counts: tuple[int, int, int, int] | None = None

    @property
    def suppressed_text(self) -> str:
        return str(SUPPRESSED)

    @property
    def phase_counts(self) -> list[tuple[int, int]]:
        """(phase, answers) for phases 1..4; empty when suppressed."""
        if self.counts is None:
            return []
        return list(zip(disclosure.PHASES, self.counts, strict=True))


@dataclass(frozen=True)
class CycleColumn:
    id: int
    title: str
    opens_on: datetime.date
    published: bool


@dataclass(frozen=True)
class CapabilityRow:
    number: int
    name: str
    domain: str


@dataclass(frozen=True)
class AggregateTable:
    """The safe aggregate of some cycles, on one framework version. Its cells are the disclosure
    control's: nothing else computed from answers is in it."""

    framework: str
    cycles: tuple[CycleColumn, ...]
    capabilities: tuple[CapabilityRow, ...]
    domains: tuple[str, ...]
    regions: tuple[str, ...]
    phases: tuple[tuple[int, str], ...]
    cells: Mapping[CellId, AggregateCell] = field(default_factory=dict)

    def cell(self, cycle_id: int, kind: str, subject: str, region: str = ALL) -> AggregateCell:
        """The cell, suppressed when the disclosure control did not show it (or had nothing for it)."""
        found = self.cells.get((cycle_id, kind, subject, region))
        if found is not None:
            return found
        domain = subject if kind == DOMAIN else self._domain_of(subject)
        return AggregateCell(cycle_id=cycle_id, kind=kind, subject=subject, domain=domain, region=region, shown=False)

    def _domain_of(self, number: str) -> str:
        for capability in self.capabilities:
            if str(capability.number) == number:
                return capability.domain
        return ""

    def cycle(self, cycle_id: int) -> CycleColumn:
        for c in self.cycles:
            if c.id == cycle_id:
                return c
        raise NotFound()

    def only(self, cycle_ids: Iterable[int]) -> AggregateTable:
        wanted = set(cycle_ids)
        return replace(
            self,
            cycles=tuple(c for c in self.cycles if c.id in wanted),
            cells={k: v for k, v in self.cells.items() if k[0] in wanted},
        )

    def all_cells(self) -> list[AggregateCell]:
        """Every cell of the table's fixed shape (cycles by date; capabilities, then domains; all regions,
        then each region), shown or not: the same cells whoever took part."""
        out: list[AggregateCell] = []
        for c in self.cycles:
            for kind in (CAPABILITY, DOMAIN):
                subjects = [str(r.number) for r in self.capabilities] if kind == CAPABILITY else list(self.domains)
                for subject in subjects:
                    out += [self.cell(c.id, kind, subject, region) for region in (ALL, *self.regions)]
        return out

    @property
    def phase_headers(self) -> list[str]:
        return [label for _number, label in self.phases]


def region_label(code: str) -> str:
    if code == ALL:
        return _("All regions")
    if code == NO_REGION:
        return _("Region not given")
    return str(REGION_LABELS.get(code, code))


# --- which cycles ---------------------------------------------------------------------------------


def aggregate_cycles(viewer: Viewer) -> list[AssessmentCycle]:
    """The cycles whose safe aggregate the viewer may see (the public: the published ones), by date."""
    policy = policy_for(AssessmentCycle)
    rows = policy.visible(viewer, AssessmentCycle.objects.select_related("framework")).order_by("opens_on", "pk")
    return [c for c in rows if policy.can(viewer, "view_aggregates", c)]


# --- the fingerprint of every input ---------------------------------------------------------------


def _fingerprint(cycle_ids: list[int]) -> str:
    """Everything the table is built from, summarised: a change to any answer, assessment, member
    (status, region), cycle, framework, mapping, phase label or release gives another fingerprint."""
    parts: list[Any] = [cycle_ids]
    for model, latest in (
        (Assessment, "updated_at"),
        (Answer, "updated_at"),
        (Member, "updated_at"),
        (AssessmentCycle, "updated_at"),
        (Framework, "updated_at"),
        (Capability, "updated_at"),
        (Phase, "updated_at"),
        (CapabilityMapping, "id"),
        (AggregateRelease, "id"),
    ):
        row = model.objects.order_by().aggregate(n=Count("pk"), latest=Max(latest))  # type: ignore[attr-defined]
        parts.append([model.__name__, row["n"], str(row["latest"])])
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


def _digest(members: Iterable[int]) -> str:
    return hashlib.sha256(",".join(str(m) for m in sorted(members)).encode()).hexdigest()


# --- building the table ---------------------------------------------------------------------------


def _target_framework(cycles: list[AssessmentCycle]) -> Framework | None:
    frameworks = {c.framework.pk: c.framework for c in cycles}
    if not frameworks:
        return None
    epoch = datetime.datetime.min.replace(tzinfo=datetime.UTC)
    return max(frameworks.values(), key=lambda f: (f.published_at or epoch, f.pk))


def _responses(
    cycles: list[AssessmentCycle], target: Framework, capabilities: dict[int, Capability]
) -> list[disclosure.Response]:
    """Every counted answer, mapped onto the target framework, as the disclosure control's responses."""
    ordinal = {c.pk: i + 1 for i, c in enumerate(cycles)}
    framework_of = {c.pk: c.framework for c in cycles}
    mappings = {f.pk: carried_forward(f, target) for f in {c.framework for c in cycles}}
    rows = (
        Answer.objects.filter(
            assessment__cycle_id__in=list(ordinal),
            assessment__status__in=COUNTED,
            phase__isnull=False,
        )
        .exclude(assessment__member__status=Member.Status.WITHDRAWN)
        .order_by()
        .values_list(
            "assessment__member_id", "assessment__member__region", "assessment__cycle_id", "capability_id", "phase"
        )
    )
    # (member, cycle) -> the member's region and its phase per capability of the cycle's framework
    answered: dict[tuple[int, int], dict[int, int]] = {}
    region_of: dict[int, str] = {}
    for member_id, region, cycle_id, capability_id, phase in rows:
        region_of[member_id] = (region or "").strip() or NO_REGION
        answered.setdefault((member_id, cycle_id), {})[capability_id] = int(phase or 0)
    out: list[disclosure.Response] = []
    for (member_id, cycle_id), phases in answered.items():
        mapping = mappings[framework_of[cycle_id].pk]
        for capability_id, sources in mapping.items():
            found = [phases[s] for s in sources if s in phases]
            if not found:
                continue
            capability = capabilities[capability_id]
            out.append(
                disclosure.Response(
                    member=member_id,
                    region=region_of[member_id],
                    cycle=ordinal[cycle_id],
                    capability=capability_id,
                    domain=capability.domain,
                    phase=min(found),
                )
            )
    return out


def _released(cycles: list[AssessmentCycle]) -> dict[disclosure.CellKey, list[frozenset[int]]]:
    ordinal = {c.pk: i + 1 for i, c in enumerate(cycles)}
    out: dict[disclosure.CellKey, list[frozenset[int]]] = {}
    for cycle_id, kind, subject, region, members in AggregateRelease.objects.filter(
        cycle_id__in=list(ordinal)
    ).values_list("cycle_id", "kind", "subject", "region", "members"):
        key = disclosure.CellKey(cycle=ordinal[cycle_id], kind=kind, subject=subject, region=region)
        out.setdefault(key, []).append(frozenset(int(m) for m in members))
    return out


def _remember(
    cycles: list[AssessmentCycle],
    releases: Mapping[disclosure.CellKey, frozenset[int]],
    before: Mapping[disclosure.CellKey, list[frozenset[int]]],
) -> bool:
    """Store the member sets shown now that were not shown before; whether any was new. Two requests at
    once store each set once (the unique constraint, conflicts ignored)."""
    by_ordinal = {i + 1: c.pk for i, c in enumerate(cycles)}
    new = [
        AggregateRelease(
            cycle_id=by_ordinal[key.cycle],
            kind=key.kind,
            subject=key.subject,
            region=key.region,
            members=sorted(members),
            digest=_digest(members),
        )
        for key, members in sorted(releases.items())
        if members not in before.get(key, ())
    ]
    if new:
        AggregateRelease.objects.bulk_create(new, ignore_conflicts=True)
    return bool(new)


def _regions(counted: Iterable[str]) -> tuple[str, ...]:
    """The region columns: the UN M49 regions, any other region a member has, and "not given". The
    same whoever took part, so the table's shape reveals nobody's participation."""
    others = {
        (r or "").strip()
        for r in Member.objects.exclude(status=Member.Status.WITHDRAWN).values_list("region", flat=True).distinct()
    }
    known = list(REGION_LABELS)
    extra = sorted((others | set(counted)) - set(known) - {"", NO_REGION})
    return (*known, *extra, NO_REGION)


def _build(cycles: list[AssessmentCycle]) -> tuple[AggregateTable, bool]:
    """The table of these cycles (all the viewer may see), and whether new releases were stored."""
    target = _target_framework(cycles)
    phases = tuple(sorted(phase_labels().items()))
    if target is None:
        return AggregateTable(
            framework="", cycles=(), capabilities=(), domains=(), regions=_regions(()), phases=phases
        ), False
    capabilities = {c.pk: c for c in Capability.objects.filter(framework=target).order_by("number")}
    responses = _responses(cycles, target, capabilities)
    before = _released(cycles)
    protected = disclosure.protect(responses, released=before)
    stored = _remember(cycles, protected.releases, before)
    by_ordinal = {i + 1: c.pk for i, c in enumerate(cycles)}
    cells: dict[CellId, AggregateCell] = {}
    for key, cell in protected.cells.items():
        if key.kind == CAPABILITY:
            capability = capabilities[int(key.subject)]
            subject, domain = str(capability.number), capability.domain
        else:
            subject, domain = key.subject, key.subject
        cycle_id = by_ordinal[key.cycle]
        cells[(cycle_id, key.kind, subject, key.region)] = AggregateCell(
            cycle_id=cycle_id,
            kind=key.kind,
            subject=subject,
            domain=domain,
            region=key.region,
            shown=cell.shown,
            respondents=cell.respondents if cell.shown else None,
            counts=cell.counts if cell.shown else None,
        )
    rows = [CapabilityRow(number=c.number, name=c.name, domain=c.domain) for c in capabilities.values()]
    domains: list[str] = []
    for row in rows:
        if row.domain not in domains:
            domains.append(row.domain)
    table = AggregateTable(
        framework=str(target),
        cycles=tuple(
            CycleColumn(id=c.pk, title=c.title, opens_on=c.opens_on, published=c.aggregate_is_published) for c in cycles
        ),
        capabilities=tuple(rows),
        domains=tuple(domains),
        regions=_regions(r.region for r in responses),
        phases=phases,
        cells=cells,
    )
    return table, stored


def safe_aggregate(viewer: Viewer, *, cycles: Iterable[int] | None = None) -> AggregateTable:
    """The safe aggregate the viewer may see: of the given cycles (ids; a cycle the viewer may not see
    aggregated is a NotFound), or of every such cycle. Computed over every cycle the viewer may see
    aggregated, so the same cycle reads the same wherever it is shown."""
    visible = aggregate_cycles(viewer)
    ids = [c.pk for c in visible]
    wanted: list[int] | None = None
    if cycles is not None:
        wanted = [int(c) for c in cycles]
        if any(c not in ids for c in wanted):
            raise NotFound()
    key = f"{CACHE_PREFIX}{translation.get_language()}:{_fingerprint(ids)}"
    table: AggregateTable | None = cache.get(key)
    if table is None:
        table, stored = _build(visible)
        if not stored:
            # A build that stored new releases is cached by the next one, under the fingerprint that counts them.
            cache.set(key, table, CACHE_SECONDS)
    return table if wanted is None else table.only(wanted)


# --- the table's views: rows for pages, exports, the API and the command ----------------------------


@dataclass(frozen=True)
class TableRow:
    label: str
    is_domain: bool
    cells: tuple[AggregateCell, ...]


def _subjects(table: AggregateTable, kind: str) -> list[tuple[str, str, bool]]:
    """(subject, label, is a domain) in the framework's order: each domain's capabilities, then the
    domain (kind "both"), or only capabilities / only domains."""
    out: list[tuple[str, str, bool]] = []
    for domain in table.domains:
        if kind in (CAPABILITY, "both"):
            out += [(str(c.number), f"{c.number}. {c.name}", False) for c in table.capabilities if c.domain == domain]
        if kind in (DOMAIN, "both"):
            out.append((domain, domain, True))
    return out


def phase_rows(table: AggregateTable, cycle_id: int) -> list[TableRow]:
    """Phases per capability, each domain's capabilities followed by the domain: all regions."""
    return [
        TableRow(label, is_domain, (table.cell(cycle_id, DOMAIN if is_domain else CAPABILITY, subject),))
        for subject, label, is_domain in _subjects(table, "both")
    ]


def region_rows(table: AggregateTable, cycle_id: int, kind: str) -> list[TableRow]:
    """Capabilities (or domains) by region, then all regions."""
    columns = [*table.regions, ALL]
    return [
        TableRow(label, is_domain, tuple(table.cell(cycle_id, kind, subject, r) for r in columns))
        for subject, label, is_domain in _subjects(table, kind)
    ]


def trend_rows(table: AggregateTable, kind: str) -> list[TableRow]:
    """The same capability (or domain) over the cycles, all regions."""
    return [
        TableRow(label, is_domain, tuple(table.cell(c.id, kind, subject) for c in table.cycles))
        for subject, label, is_domain in _subjects(table, kind)
    ]


def aggregate_export(table: AggregateTable) -> tuple[list[str], list[list[Any]]]:
    """Every cell of the table, one row each, in the framework's order (cycles by date; capabilities,
    then domains; regions, then all regions). A suppressed cell reads the same fixed words and nothing
    else, whatever the reason, so the export's size never depends on who took part in it."""
    headers = [
        _("Cycle"),
        _("Framework"),
        _("Table"),
        _("Domain"),
        _("Capability"),
        _("Region"),
        _("Respondents"),
        *table.phase_headers,
    ]
    rows: list[list[Any]] = []
    names = {str(c.number): f"{c.number}. {c.name}" for c in table.capabilities}
    titles = {c.id: c.title for c in table.cycles}
    for cell in table.all_cells():
        is_capability = cell.kind == CAPABILITY
        lead = [
            titles[cell.cycle_id],
            table.framework,
            _("Capability") if is_capability else _("Domain"),
            cell.domain,
            names.get(cell.subject, "") if is_capability else "",
            region_label(cell.region),
        ]
        if cell.shown and cell.counts is not None:
            rows.append([*lead, cell.respondents, *cell.counts])
        else:
            rows.append([*lead, str(SUPPRESSED), *([""] * len(disclosure.PHASES))])
    return headers, rows
