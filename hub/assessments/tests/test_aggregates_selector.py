"""The safe aggregate's selector on a real database: the threshold, dominance, complementary
suppression by region, withdrawal and reopening (with the release memory against differencing),
drafts, the public's published cycles, and the same table for every member."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache

from conftest import as_viewer
from conftest import make_person
from hub.assessments.models import AggregateRelease
from hub.assessments.selectors.aggregates import ALL
from hub.assessments.selectors.aggregates import CAPABILITY
from hub.assessments.selectors.aggregates import DOMAIN
from hub.assessments.selectors.aggregates import aggregate_export
from hub.assessments.selectors.aggregates import safe_aggregate
from hub.assessments.services.assessments import assessment_reopen
from hub.assessments.services.assessments import assessment_start
from hub.assessments.services.assessments import cycle_publish_aggregate
from hub.assessments.tests.assessment_world import answer_all
from hub.assessments.tests.assessment_world import cycle
from hub.assessments.tests.assessment_world import framework
from hub.assessments.tests.assessment_world import members_with_focal_points
from hub.assessments.tests.assessment_world import submitted
from hub.core.errors import NotFound
from hub.core.viewer import ANONYMOUS
from hub.members.models import Member
from hub.members.models import Role
from hub.members.services.registry import member_status_change

pytestmark = pytest.mark.django_db

# Member i answers capability k with VARIED[(i + k - 1) % 10]: varied, so nothing is dominant.
VARIED = (1, 2, 3, 4, 1, 2, 3, 4, 1, 2)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _world(secretariat, n, *, regions=("Europe",), phases=VARIED, acknowledge=False):
    framework()
    the_cycle = cycle(secretariat)
    people = members_with_focal_points(n, regions=regions)
    for i, (member, focal) in enumerate(people):
        submitted(
            member,
            the_cycle,
            focal,
            {k: phases[(i + k - 1) % len(phases)] for k in range(1, 22)},
            secretariat=secretariat if acknowledge else None,
        )
    return the_cycle, people


def _shown(table):
    return {k: c for k, c in table.cells.items() if c.shown}


def test_four_members_every_cell_not_enough_responses(secretariat):
    the_cycle, _people = _world(secretariat, 4)
    table = safe_aggregate(as_viewer(secretariat))
    assert _shown(table) == {}
    headers, rows = aggregate_export(table)
    assert rows and all(r[6] == "Not enough responses to protect confidentiality" for r in rows)
    assert all(r[7:] == ["", "", "", ""] for r in rows)


def test_five_members_in_one_phase_are_dominant(secretariat):
    the_cycle, _people = _world(secretariat, 5, phases=(2,))
    table = safe_aggregate(as_viewer(secretariat))
    assert _shown(table) == {}


def test_five_members_varied_shown_with_counts(secretariat):
    the_cycle, _people = _world(secretariat, 5)
    table = safe_aggregate(as_viewer(secretariat))
    cell = table.cell(the_cycle.pk, CAPABILITY, "1")
    assert cell.shown and cell.respondents == 5 and cell.counts == (2, 1, 1, 1)
    assert table.cell(the_cycle.pk, DOMAIN, table.domains[0]).shown


def test_six_members_in_two_regions_region_cells_suppressed(secretariat):
    the_cycle, _people = _world(secretariat, 6, regions=("Europe", "Europe", "Africa", "Europe", "Europe", "Europe"))
    table = safe_aggregate(as_viewer(secretariat))
    total = table.cell(the_cycle.pk, CAPABILITY, "1", ALL)
    europe = table.cell(the_cycle.pk, CAPABILITY, "1", "Europe")
    africa = table.cell(the_cycle.pk, CAPABILITY, "1", "Africa")
    assert not africa.shown
    assert total.shown and total.respondents == 6
    # complementary: Europe (5) differs from the total (6) by one member, so it is suppressed too
    assert not europe.shown
    for _key, c in _shown(table).items():
        assert c.respondents is not None and c.respondents >= 5


def test_withdrawal_leaves_the_next_table_and_differencing_reveals_nothing(secretariat):
    the_cycle, people = _world(secretariat, 6)
    viewer = as_viewer(secretariat)
    before = safe_aggregate(viewer)
    assert before.cell(the_cycle.pk, CAPABILITY, "1").respondents == 6
    member_status_change(viewer=viewer, member=people[5][0], status=Member.Status.WITHDRAWN, reason="Left.")
    after = safe_aggregate(viewer)
    # five remain, but the cell shown before over six would give the sixth away: suppressed
    for key, cell in before.cells.items():
        if cell.shown and after.cells[key].shown:
            assert cell.respondents == after.cells[key].respondents and cell.counts == after.cells[key].counts
    assert not after.cell(the_cycle.pk, CAPABILITY, "1").shown
    assert not after.cell(the_cycle.pk, DOMAIN, before.domains[0]).shown
    assert AggregateRelease.objects.exists()


def test_reopened_assessment_leaves_and_drafts_never_count(secretariat):
    the_cycle, people = _world(secretariat, 5, acknowledge=True)
    viewer = as_viewer(secretariat)
    assert safe_aggregate(viewer).cell(the_cycle.pk, CAPABILITY, "1").shown
    assessment = people[0][0].assessments.get()
    assessment_reopen(viewer=viewer, assessment_id=assessment.pk, reason="Check capability 1.")
    assert not safe_aggregate(viewer).cell(the_cycle.pk, CAPABILITY, "1").shown


def test_drafts_never_count(secretariat):
    the_cycle, people = _world(secretariat, 4)
    extra, focal = members_with_focal_points(1, prefix="Drafting")[0]
    draft = assessment_start(viewer=as_viewer(focal), cycle_id=the_cycle.pk, member_id=extra.pk)
    answer_all(draft, focal, {k: VARIED[(4 + k) % 10] for k in range(1, 22)})
    assert _shown(safe_aggregate(as_viewer(secretariat))) == {}


def test_public_sees_only_published_cycles(secretariat):
    the_cycle, _people = _world(secretariat, 5)
    with pytest.raises(NotFound):
        safe_aggregate(ANONYMOUS, cycles=[the_cycle.pk])
    assert safe_aggregate(ANONYMOUS).cycles == ()
    cycle_publish_aggregate(viewer=as_viewer(secretariat), cycle_id=the_cycle.pk)
    public = safe_aggregate(ANONYMOUS, cycles=[the_cycle.pk])
    assert public.cells == safe_aggregate(as_viewer(secretariat), cycles=[the_cycle.pk]).cells


def test_two_members_officials_see_the_same_table(secretariat):
    the_cycle, people = _world(secretariat, 5)
    a = make_person("official@a.example.org", Role.Kind.OFFICIAL, people[0][0])
    b = make_person("official@b.example.org", Role.Kind.OFFICIAL, people[1][0])
    assert safe_aggregate(as_viewer(a)) == safe_aggregate(as_viewer(b))
    assert aggregate_export(safe_aggregate(as_viewer(a))) == aggregate_export(safe_aggregate(as_viewer(secretariat)))


def test_cache_never_outlives_its_data(secretariat):
    the_cycle, people = _world(secretariat, 5, acknowledge=True)
    viewer = as_viewer(secretariat)
    safe_aggregate(viewer)
    first = safe_aggregate(viewer)  # cached now
    assert first.cell(the_cycle.pk, CAPABILITY, "1").shown
    assessment_reopen(viewer=viewer, assessment_id=people[0][0].assessments.get().pk, reason="Late change.")
    assert not safe_aggregate(viewer).cell(the_cycle.pk, CAPABILITY, "1").shown


def test_across_cycles_same_cell_differing_by_a_few_is_suppressed(secretariat):
    the_cycle, people = _world(secretariat, 6)
    second = cycle(secretariat, "2027 self-assessment", opens_on=datetime.date(2027, 1, 15))
    for i, (member, focal) in enumerate(people[:5]):
        submitted(member, second, focal, {k: VARIED[(i + k - 1) % 10] for k in range(1, 22)})
    table = safe_aggregate(as_viewer(secretariat))
    one = table.cell(the_cycle.pk, CAPABILITY, "1")
    two = table.cell(second.pk, CAPABILITY, "1")
    assert not (one.shown and two.shown)
