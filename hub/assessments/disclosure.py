"""Statistical disclosure control for the safe aggregates of self-assessments.

Pure Python, no database: the selectors hand in the responses they may count and show only what
`protect` returns. The rules, the order in which cells are suppressed and why the computation ends
are in docs/disclosure-control.md; this module implements exactly that document (the rule and
step numbers in the comments are the document's).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass

THRESHOLD = 5
ALL = ""  # region key of the all-regions total
PHASES = (1, 2, 3, 4)
CAPABILITY = "capability"
DOMAIN = "domain"

_SINGLE_PHASE = {1 << (phase - 1): phase for phase in PHASES}


@dataclass(frozen=True)
class Response:
    member: int  # member id
    region: str  # member's region code (one per member)
    cycle: int  # cycle ordinal: consecutive cycles differ by 1
    capability: int  # capability key (already mapped to one framework version by the caller)
    domain: str  # the capability's domain
    phase: int  # 1..4


@dataclass(frozen=True, order=True)
class CellKey:
    cycle: int
    kind: str  # "capability" or "domain"
    subject: str  # str(capability) or the domain name
    region: str  # region code, or ALL


@dataclass(frozen=True)
class Cell:
    key: CellKey
    shown: bool
    respondents: int | None  # number of members; None when suppressed
    counts: tuple[int, int, int, int] | None  # answers per phase 1..4; None when suppressed


@dataclass(frozen=True)
class Protected:
    cells: dict[CellKey, Cell]  # every cell of every cycle, shown or suppressed
    releases: dict[CellKey, frozenset[int]]  # member sets of the shown cells (for the caller to remember)


@dataclass(frozen=True)
class _Stat:
    """What one cell covers: each member's answered phases as a bit mask (bit p-1 for phase p)."""

    masks: dict[int, int]
    members: frozenset[int]
    counts: tuple[int, int, int, int]


_EMPTY = _Stat(masks={}, members=frozenset(), counts=(0, 0, 0, 0))


def dominant(masks: Mapping[int, int]) -> bool:
    """Rule 2: some phase holds every answer of all the cell's members but at most one.

    For a capability cell (one answer per member) this is max(counts) >= sum(counts) - 1; for a domain
    cell or a residual it counts members, not answers, and so also catches one member's several
    answers being the only ones outside the common phase. An empty or one-member cell is dominant.
    """
    single: dict[int, int] = {}
    for mask in masks.values():
        if mask in _SINGLE_PHASE:
            single[mask] = single.get(mask, 0) + 1
    return max(single.values(), default=0) >= len(masks) - 1


def _safe_group(masks: Mapping[int, int]) -> bool:
    """Rules 1 and 2 for any group of members: at least THRESHOLD of them and not dominant."""
    return len(masks) >= THRESHOLD and not dominant(masks)


def _differs_unsafely(a: frozenset[int], b: frozenset[int]) -> bool:
    """Two member sets whose symmetric difference is 1..THRESHOLD-1 members."""
    if abs(len(a) - len(b)) >= THRESHOLD:
        return False
    return 0 < len(a ^ b) < THRESHOLD


def _answers(responses: Iterable[Response]) -> tuple[dict[tuple[int, int, str], dict[int, int]], dict[int, str]]:
    """The input checked: {(cycle, capability, region): {member: its phase's bit}}, and each capability's domain."""
    answers: dict[tuple[int, int, str], dict[int, int]] = {}
    region_of: dict[int, str] = {}
    domain_of: dict[int, str] = {}
    for response in responses:
        member, region, capability = response.member, response.region, response.capability
        if response.phase not in PHASES:
            where = f"member {member}, cycle {response.cycle}, capability {capability}"
            raise ValueError(f"Phase {response.phase!r} is outside 1 to 4 ({where}).")
        if region == ALL:
            raise ValueError(f"The region code of member {member} is empty; the empty code names the total.")
        if region_of.setdefault(member, region) != region:
            raise ValueError(f"Member {member} has two regions: {region_of[member]!r} and {region!r}.")
        if domain_of.setdefault(capability, response.domain) != response.domain:
            first = domain_of[capability]
            raise ValueError(f"Capability {capability} is in two domains: {first!r} and {response.domain!r}.")
        cell = answers.setdefault((response.cycle, capability, region), {})
        if member in cell:
            where = f"member {member}, cycle {response.cycle}, capability {capability}"
            raise ValueError(f"Two responses for the same member, cycle and capability ({where}).")
        cell[member] = 1 << (response.phase - 1)
    return answers, domain_of


def _stat(masks: dict[int, int], counts: Iterable[tuple[int, int, int, int]]) -> _Stat:
    c = [sum(phase) for phase in zip(*counts, strict=True)] or [0, 0, 0, 0]
    return _Stat(masks, frozenset(masks), (c[0], c[1], c[2], c[3]))


class _Tables:
    """Every cell of every cycle, what it covers, and which cells are suppressed so far."""

    def __init__(self, responses: Iterable[Response]) -> None:
        answers, domain_of = _answers(responses)
        self.cycles = sorted({cycle for cycle, _, _ in answers})
        regions = sorted({region for _, _, region in answers})
        capabilities: dict[str, set[int]] = {}
        for capability, domain in domain_of.items():
            capabilities.setdefault(domain, set()).add(capability)
        # Columns: the regions, then the total. Rows of a domain's table: its capabilities, then the domain.
        self.columns = [*regions, ALL]
        self.domains = {domain: sorted(caps) for domain, caps in sorted(capabilities.items())}
        self.suppressed: set[CellKey] = set()
        self.stats: dict[CellKey, _Stat] = {}
        for cycle in self.cycles:
            for domain, caps in self.domains.items():
                domain_total: dict[int, int] = {}
                domain_counts: list[tuple[int, int, int, int]] = []
                for region in regions:
                    region_masks: dict[int, int] = {}
                    region_counts: list[tuple[int, int, int, int]] = []
                    for capability in caps:
                        masks = answers.get((cycle, capability, region))
                        if masks is None:
                            continue
                        bits = Counter(masks.values())
                        stat = _Stat(masks, frozenset(masks), (bits[1], bits[2], bits[4], bits[8]))
                        self.stats[CellKey(cycle, CAPABILITY, str(capability), region)] = stat
                        region_counts.append(stat.counts)
                        for member, bit in masks.items():
                            region_masks[member] = region_masks.get(member, 0) | bit
                    if region_masks:
                        stat = _stat(region_masks, region_counts)
                        self.stats[CellKey(cycle, DOMAIN, domain, region)] = stat
                        domain_total.update(region_masks)  # a member has one region: no overlap
                        domain_counts.append(stat.counts)
                if domain_total:
                    self.stats[CellKey(cycle, DOMAIN, domain, ALL)] = _stat(domain_total, domain_counts)
                for capability in caps:
                    in_regions = [self.stats.get(CellKey(cycle, CAPABILITY, str(capability), r)) for r in regions]
                    parts = [part for part in in_regions if part is not None]
                    if parts:
                        total = {member: bit for part in parts for member, bit in part.masks.items()}
                        key = CellKey(cycle, CAPABILITY, str(capability), ALL)
                        self.stats[key] = _stat(total, [part.counts for part in parts])

    def stat(self, key: CellKey) -> _Stat:
        return self.stats.get(key, _EMPTY)

    def shown(self, key: CellKey) -> bool:
        return key not in self.suppressed

    def respondents(self, key: CellKey) -> int:
        return len(self.stat(key).members)

    def rows(self, cycle: int, domain: str) -> list[list[CellKey]]:
        """A domain's table in one cycle: one row per capability, then the domain's own row."""
        subjects = [(CAPABILITY, str(capability)) for capability in self.domains[domain]]
        subjects.append((DOMAIN, domain))
        return [[CellKey(cycle, kind, subject, region) for region in self.columns] for kind, subject in subjects]

    def cycle_keys(self, cycle: int) -> list[CellKey]:
        return sorted(key for domain in self.domains for row in self.rows(cycle, domain) for key in row)


def _ancestors(key: CellKey, domain: str) -> list[CellKey]:
    """The cells whose member sets contain this cell's by construction (rule 3)."""
    up: list[CellKey] = []
    if key.kind == CAPABILITY and key.region != ALL:
        up.append(CellKey(key.cycle, CAPABILITY, key.subject, ALL))
    if key.kind == CAPABILITY:
        up.append(CellKey(key.cycle, DOMAIN, domain, key.region))
    if key.region != ALL:
        up.append(CellKey(key.cycle, DOMAIN, domain, ALL))
    return up


def _relations(rows: list[list[CellKey]]) -> list[tuple[CellKey, list[CellKey]]]:
    """The additive relations of one table, as (parent, children), ordered by parent key (the corner,
    parent of the last row and of the last column, by its children's keys: the last column first).

    Each capability's and the domain's total is the sum of its region cells (last column = sum of
    the others); each column's domain cell is the sum of its capability cells (last row = sum of the
    others).
    """
    relations = [(row[-1], row[:-1]) for row in rows]
    relations += [(rows[-1][j], [row[j] for row in rows[:-1]]) for j in range(len(rows[0]))]
    return sorted(relations)


def _smallest(tables: _Tables, candidates: Iterable[CellKey]) -> CellKey | None:
    return min(candidates, key=lambda key: (tables.respondents(key), key), default=None)


def _residual_fix(tables: _Tables, rows: list[list[CellKey]]) -> CellKey | None:
    """Rule 6 (order step 3): the first shown parent whose residual (the sum of its suppressed children) is unsafe.

    Returns the cell to suppress: the shown child with the fewest respondents (ties by key), or the
    parent when every child is already suppressed.
    """
    for parent, children in _relations(rows):
        if not tables.shown(parent):
            continue
        residual: dict[int, int] = {}
        for child in children:
            if not tables.shown(child):
                for member, mask in tables.stat(child).masks.items():
                    residual[member] = residual.get(member, 0) | mask
        if not residual or _safe_group(residual):
            continue
        complement = _smallest(tables, (child for child in children if tables.shown(child)))
        return parent if complement is None else complement
    return None


def _bridges(adjacent: list[list[tuple[int, int]]]) -> set[int]:
    """The edges (by index) that lie on no cycle: Tarjan's low-link search."""
    order = [-1] * len(adjacent)
    low = [0] * len(adjacent)
    found: set[int] = set()

    def visit(node: int, via: int) -> None:
        order[node] = low[node] = max(order) + 1
        for there, edge in adjacent[node]:
            if edge == via:
                continue
            if order[there] < 0:
                visit(there, edge)
                low[node] = min(low[node], low[there])
                if low[there] > order[node]:
                    found.add(edge)
            else:
                low[node] = min(low[node], order[there])

    for node in range(len(adjacent)):
        if order[node] < 0:
            visit(node, -1)
    return found


def _side(adjacent: list[list[tuple[int, int]]], start: int, cut: int) -> set[int]:
    """The nodes reached from start without crossing the edge cut."""
    seen = {start}
    frontier = [start]
    while frontier:
        for there, edge in adjacent[frontier.pop()]:
            if edge != cut and there not in seen:
                seen.add(there)
                frontier.append(there)
    return seen


def _bridge_fix(tables: _Tables, rows: list[list[CellKey]]) -> CellKey | None:
    """Rule 7 (order step 3): the first suppressed cell that the table's sums give away exactly.

    The table is a bipartite graph: a node per row and per column, an edge per suppressed cell that
    covers anyone (a cell covering nobody is taken as known to be zero). A suppressed cell can be
    solved for from the shown cells exactly when its edge lies on no cycle (a bridge). Returns the
    shown cell to suppress: one that closes a cycle through the bridge if there is one, otherwise
    one in a row or column reached from the bridge's ends; the fewest respondents first, ties by key.
    """
    cells = [(key, i, len(rows) + j) for i, row in enumerate(rows) for j, key in enumerate(row)]
    edges = sorted((key, a, b) for key, a, b in cells if not tables.shown(key) and tables.stat(key).members)
    adjacent: list[list[tuple[int, int]]] = [[] for _ in range(len(rows) + len(rows[0]))]
    for edge, (_, a, b) in enumerate(edges):
        adjacent[a].append((b, edge))
        adjacent[b].append((a, edge))
    bridges = _bridges(adjacent)
    if not bridges:
        return None
    edge = min(bridges)  # the edges are in key order
    key, row_node, column_node = edges[edge]
    near = _side(adjacent, row_node, edge)
    far = _side(adjacent, column_node, edge)
    shown = [(cell, a, b) for cell, a, b in cells if tables.shown(cell)]
    closing = [cell for cell, a, b in shown if (a in near and b in far) or (a in far and b in near)]
    choice = _smallest(tables, closing)
    if choice is None:
        choice = _smallest(tables, (cell for cell, a, b in shown if {a, b} & (near | far)))
    if choice is None:  # impossible: the sums around a bridge always involve a shown cell (see the doc)
        raise AssertionError(f"No shown cell protects {key}.")
    return choice


def _protect_table(tables: _Tables, rows: list[list[CellKey]]) -> bool:
    """Order step 3, rules 6 and 7, on one domain's table, one suppression at a time, until neither finds anything."""
    changed = False
    while True:
        choice = _residual_fix(tables, rows) or _bridge_fix(tables, rows)
        if choice is None:
            return changed
        tables.suppressed.add(choice)
        changed = True


def protect(
    responses: Iterable[Response], *, released: Mapping[CellKey, Collection[frozenset[int]]] | None = None
) -> Protected:
    """Every cell of every cycle, each shown only if no rule of docs/disclosure-control.md objects."""
    tables = _Tables(responses)
    released = released or {}
    domain_of = {(CAPABILITY, str(cap)): domain for domain, caps in tables.domains.items() for cap in caps}
    domain_of.update({(DOMAIN, domain): domain for domain in tables.domains})
    earlier: dict[tuple[str, str, str], set[frozenset[int]]] = {}  # shown member sets of earlier cycles
    for cycle in tables.cycles:
        keys = tables.cycle_keys(cycle)
        for key in keys:  # step 1: rules 1 and 2
            stat = tables.stat(key)
            if len(stat.members) < THRESHOLD or dominant(stat.masks):
                tables.suppressed.add(key)
        # Top-down, so a cell checked as an inner one has had its own outer cells checked first.
        top_down = sorted(keys, key=lambda key: ((key.kind == CAPABILITY) + (key.region != ALL), key))
        changed = True
        while changed:  # step 4: until a whole round suppresses nothing
            changed = False
            for key in top_down:  # step 2: rules 5, 4 and 3
                if not tables.shown(key):
                    continue
                members = tables.stat(key).members
                series = (key.kind, key.subject, key.region)
                if (
                    any(_differs_unsafely(members, before) for before in released.get(key, ()))
                    or any(_differs_unsafely(members, before) for before in earlier.get(series, ()))
                    or any(
                        tables.shown(outer) and _differs_unsafely(members, tables.stat(outer).members)
                        for outer in _ancestors(key, domain_of[key.kind, key.subject])
                    )
                ):
                    tables.suppressed.add(key)
                    changed = True
            for domain in tables.domains:  # step 3: rules 6 and 7
                changed = _protect_table(tables, tables.rows(cycle, domain)) or changed
        for key in keys:
            if tables.shown(key):
                earlier.setdefault((key.kind, key.subject, key.region), set()).add(tables.stat(key).members)
    cells: dict[CellKey, Cell] = {}
    releases: dict[CellKey, frozenset[int]] = {}
    for cycle in tables.cycles:
        for key in tables.cycle_keys(cycle):
            if tables.shown(key):
                stat = tables.stat(key)
                cells[key] = Cell(key=key, shown=True, respondents=len(stat.members), counts=stat.counts)
                releases[key] = stat.members
            else:
                cells[key] = Cell(key=key, shown=False, respondents=None, counts=None)
    return Protected(cells=cells, releases=releases)
