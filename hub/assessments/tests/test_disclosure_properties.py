"""Disclosure control, property-based: over random memberships, regions, cycles, capabilities and answers,
every table `protect` publishes obeys every rule of docs/disclosure-control.md, and so does a second
table a viewer sees later (members withdrawn, joined, answers changed) beside the first.

The checks recompute every cell from the raw responses with their own code, not the module's."""

from __future__ import annotations

import random
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field

from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from hub.assessments.disclosure import ALL
from hub.assessments.disclosure import CAPABILITY
from hub.assessments.disclosure import DOMAIN
from hub.assessments.disclosure import THRESHOLD
from hub.assessments.disclosure import CellKey
from hub.assessments.disclosure import Protected
from hub.assessments.disclosure import Response
from hub.assessments.disclosure import protect

SETTINGS = hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


@dataclass
class Truth:
    """One cell recomputed from the responses: who is in it and their answers per phase."""

    members: set[int] = field(default_factory=set)
    counts: list[int] = field(default_factory=lambda: [0, 0, 0, 0])
    phases: dict[int, set[int]] = field(default_factory=dict)


@dataclass
class World:
    responses: list[Response]
    cycles: list[int]
    regions: list[str]
    domains: dict[str, list[int]]
    cells: dict[CellKey, Truth]

    def truth(self, key: CellKey) -> Truth:
        return self.cells.get(key, Truth())

    def rows(self, cycle: int, domain: str) -> list[list[CellKey]]:
        subjects = [(CAPABILITY, str(c)) for c in self.domains[domain]] + [(DOMAIN, domain)]
        return [[CellKey(cycle, kind, subject, r) for r in [*self.regions, ALL]] for kind, subject in subjects]


def world(responses: Iterable[Response]) -> World:
    responses = list(responses)
    cells: dict[CellKey, Truth] = {}
    domains: dict[str, set[int]] = {}
    for r in responses:
        domains.setdefault(r.domain, set()).add(r.capability)
        for kind, subject in ((CAPABILITY, str(r.capability)), (DOMAIN, r.domain)):
            for region in (r.region, ALL):
                truth = cells.setdefault(CellKey(r.cycle, kind, subject, region), Truth())
                truth.members.add(r.member)
                truth.counts[r.phase - 1] += 1
                truth.phases.setdefault(r.member, set()).add(r.phase)
    return World(
        responses=responses,
        cycles=sorted({r.cycle for r in responses}),
        regions=sorted({r.region for r in responses}),
        domains={d: sorted(c) for d, c in domains.items()},
        cells=cells,
    )


def all_but_one_in_one_phase(counts: list[int]) -> bool:
    return max(counts) >= sum(counts) - 1


def safe_difference(a: Iterable[int], b: Iterable[int]) -> bool:
    difference = len(set(a) ^ set(b))
    return difference == 0 or difference >= THRESHOLD


PRIME = 2**61 - 1


def rank(matrix: list[list[int]]) -> int:
    """Rank by elimination modulo a large prime. Exact here: the entries are 0 and +-1 and there are at
    most 9 equations, so every minor is at most 9 x 9 and below 9**4.5 < 20,000 (Hadamard's bound): one
    that is non-zero is non-zero modulo PRIME."""
    rows = [[a % PRIME for a in row] for row in matrix]
    found = 0
    width = len(rows[0]) if rows else 0
    for column in range(width):
        pivot = next((i for i in range(found, len(rows)) if rows[i][column]), None)
        if pivot is None:
            continue
        rows[found], rows[pivot] = rows[pivot], rows[found]
        inverse = pow(rows[found][column], PRIME - 2, PRIME)
        for i in range(len(rows)):
            if i != found and rows[i][column]:
                factor = rows[i][column] * inverse % PRIME
                rows[i] = [(a - factor * b) % PRIME for a, b in zip(rows[i], rows[found], strict=True)]
        found += 1
    return found


def solvable_cells(table: list[list[CellKey]], hidden: list[CellKey]) -> list[CellKey]:
    """Hidden cells a viewer can solve for exactly from the table's sums (each row's and column's last
    cell is the sum of the others), knowing every shown cell: those whose column of the equations is
    not a combination of the other hidden cells' columns."""
    equations: list[dict[CellKey, int]] = [{**dict.fromkeys(row[:-1], 1), row[-1]: -1} for row in table]
    for j in range(len(table[0])):
        column = [row[j] for row in table]
        equations.append({**dict.fromkeys(column[:-1], 1), column[-1]: -1})
    matrix = [[eq.get(k, 0) for k in hidden] for eq in equations]
    full = rank(matrix)
    return [k for n, k in enumerate(hidden) if rank([row[:n] + row[n + 1 :] for row in matrix]) < full]


def assert_obeys_every_rule(w: World, protected: Protected) -> None:
    universe = {key for cycle in w.cycles for domain in w.domains for row in w.rows(cycle, domain) for key in row}
    assert set(protected.cells) == universe
    shown = {key for key, cell in protected.cells.items() if cell.shown}
    assert set(protected.releases) == shown

    for key, cell in protected.cells.items():
        truth = w.truth(key)
        if not cell.shown:
            assert cell.respondents is None
            assert cell.counts is None
            continue
        # what is shown is true, and safe: enough members, not dominant (by answers and by members)
        assert cell.respondents == len(truth.members)
        assert cell.counts == tuple(truth.counts)
        assert protected.releases[key] == frozenset(truth.members)
        assert len(truth.members) >= THRESHOLD, key
        assert not all_but_one_in_one_phase(truth.counts), key
        assert (
            max(sum(phases == {p} for phases in truth.phases.values()) for p in range(1, 5)) < len(truth.members) - 1
        ), key

    for cycle in w.cycles:
        for domain in w.domains:
            table = w.rows(cycle, domain)
            # nested cells, both shown: contained, and differing by zero or by at least THRESHOLD members
            for row in table:
                for j, inner in enumerate(row):
                    outers = {row[-1], table[-1][j], table[-1][-1]} - {inner}
                    for outer in outers:
                        assert w.truth(inner).members <= w.truth(outer).members
                        if inner in shown and outer in shown:
                            assert safe_difference(w.truth(inner).members, w.truth(outer).members), (inner, outer)
            # additive relations with a shown parent: the residual is empty or safe
            relations = [(row[-1], row[:-1]) for row in table]
            relations += [(table[-1][j], [row[j] for row in table[:-1]]) for j in range(len(table[0]))]
            for parent, children in relations:
                if parent not in shown:
                    continue
                residual = list(protected.cells[parent].counts or ())
                members: set[int] = set()
                for child in children:
                    if child in shown:
                        residual = [a - b for a, b in zip(residual, w.truth(child).counts, strict=True)]
                    else:
                        members |= w.truth(child).members
                assert all(n >= 0 for n in residual)
                if sum(residual):
                    assert len(members) >= THRESHOLD, parent
                    assert not all_but_one_in_one_phase(residual), parent
            # no hidden cell that covers anyone can be solved for from the shown cells
            hidden = [key for row in table for key in row if key not in shown and w.truth(key).members]
            assert solvable_cells(table, hidden) == [], (cycle, domain)

    # the same cell in two cycles, both shown (consecutive ones, and any two)
    for key in shown:
        for later in w.cycles:
            if later > key.cycle:
                other = CellKey(later, key.kind, key.subject, key.region)
                if other in shown:
                    assert safe_difference(w.truth(key).members, w.truth(other).members), (key, later)


@st.composite
def datasets(draw: st.DrawFn) -> list[Response]:
    """Random members in 1-4 regions over 1-3 cycles, 1-3 domains of 1-3 capabilities; a member takes part
    in a cycle or not (mostly as in the previous one), answers some capabilities, and changes some
    answers from one cycle to the next."""
    rnd: random.Random = draw(st.randoms(use_true_random=False))
    members = draw(st.integers(0, 30))
    regions = [f"R{n}" for n in range(draw(st.integers(1, 4)))]
    cycles = draw(st.integers(1, 3))
    sizes = draw(st.lists(st.integers(1, 3), min_size=1, max_size=3))
    answer_rate = draw(st.sampled_from([0.6, 0.85, 1.0]))
    spread = draw(st.sampled_from([(1, 2, 3, 4), (2, 2, 2, 3), (1, 2)]))
    capabilities = {}
    for d, size in enumerate(sizes):
        for _ in range(size):
            capabilities[len(capabilities) + 1] = f"Domain {d}"
    region_of = {m: rnd.choice(regions) for m in range(members)}
    phase = {(m, c): rnd.choice(spread) for m in range(members) for c in capabilities}
    taking_part = {m for m in range(members) if rnd.random() < 0.8}
    responses = []
    for cycle in range(1, cycles + 1):
        for m in range(members):
            if m not in taking_part:
                continue
            for c, domain in capabilities.items():
                if rnd.random() < 0.15:
                    phase[m, c] = rnd.choice(spread)
                if rnd.random() < answer_rate:
                    responses.append(Response(m, region_of[m], cycle, c, domain, phase[m, c]))
        taking_part = {m for m in range(members) if (m in taking_part) == (rnd.random() < 0.9)}
    return responses


@st.composite
def later_datasets(draw: st.DrawFn, before: list[Response]) -> list[Response]:
    """The same data seen later: some members withdrawn, some joined (or submitted late), answers changed."""
    rnd: random.Random = draw(st.randoms(use_true_random=False))
    members = sorted({r.member for r in before})
    withdrawn = set(rnd.sample(members, draw(st.integers(0, min(len(members), 6)))))
    after = []
    for r in before:
        if r.member in withdrawn:
            continue
        if rnd.random() < 0.1:
            r = Response(r.member, r.region, r.cycle, r.capability, r.domain, rnd.randint(1, 4))
        after.append(r)
    capabilities = {r.capability: r.domain for r in before}
    regions = sorted({r.region for r in before}) or ["R0"]
    cycles = sorted({r.cycle for r in before}) or [1]
    for newcomer in range(100, 100 + draw(st.integers(0, 6))):
        region = rnd.choice(regions)
        for cycle in cycles:
            for c, domain in capabilities.items():
                if rnd.random() < 0.8:
                    after.append(Response(newcomer, region, cycle, c, domain, rnd.randint(1, 4)))
    return after


@SETTINGS
@given(responses=datasets())
def test_every_published_table_obeys_every_rule(responses):
    assert_obeys_every_rule(world(responses), protect(responses))


@SETTINGS
@given(data=st.data(), before=datasets())
def test_a_later_table_beside_the_earlier_one_reveals_no_member(data, before):
    first = protect(before)
    after = data.draw(later_datasets(before))
    history: Mapping[CellKey, list[frozenset[int]]] = {key: [members] for key, members in first.releases.items()}

    second = protect(after, released=history)

    assert_obeys_every_rule(world(after), second)
    for key, members in second.releases.items():
        if key in first.releases:
            assert safe_difference(members, first.releases[key]), key


def test_a_large_uniform_membership_shows_its_cells():
    rnd = random.Random(14)
    capabilities = {c: f"Domain {c % 3}" for c in range(1, 10)}
    responses = [
        Response(m, f"R{m % 3}", cycle, c, domain, rnd.randint(1, 4))
        for cycle in (1, 2)
        for m in range(60)
        for c, domain in capabilities.items()
    ]

    protected = protect(responses)

    assert_obeys_every_rule(world(responses), protected)
    assert all(cell.shown for cell in protected.cells.values())
