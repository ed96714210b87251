"""Disclosure control (hub.assessments.disclosure), rule by rule on small worked examples, in the order
of docs/disclosure-control.md; and the input it refuses. Pure Python: no database."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from hub.assessments.disclosure import ALL
from hub.assessments.disclosure import CAPABILITY
from hub.assessments.disclosure import DOMAIN
from hub.assessments.disclosure import Cell
from hub.assessments.disclosure import CellKey
from hub.assessments.disclosure import Response
from hub.assessments.disclosure import dominant
from hub.assessments.disclosure import protect

VARIED = (1, 2, 3, 4)


def answers(
    members: Iterable[int],
    *,
    capabilities: Iterable[int] = (1,),
    region: str = "EU",
    cycle: int = 1,
    domain: str = "Policy",
    phases: Iterable[int] = VARIED,
) -> list[Response]:
    """Each member answers each capability; phases go round the given ones, member by member."""
    cycle_of_phases = list(phases)
    return [
        Response(
            member=member,
            region=region,
            cycle=cycle,
            capability=capability,
            domain=domain,
            phase=cycle_of_phases[n % len(cycle_of_phases)],
        )
        for n, member in enumerate(members)
        for capability in capabilities
    ]


def capability(capability: int, *, region: str = ALL, cycle: int = 1) -> CellKey:
    return CellKey(cycle=cycle, kind=CAPABILITY, subject=str(capability), region=region)


def domain(name: str = "Policy", *, region: str = ALL, cycle: int = 1) -> CellKey:
    return CellKey(cycle=cycle, kind=DOMAIN, subject=name, region=region)


def test_five_varied_answers_are_shown_with_their_counts():
    cells = protect(answers(range(1, 6))).cells

    assert cells[capability(1)] == Cell(key=capability(1), shown=True, respondents=5, counts=(2, 1, 1, 1))
    assert cells[domain(region="EU")].respondents == 5


def test_four_members_are_not_enough_and_the_cell_exposes_nothing():
    cells = protect(answers(range(1, 5))).cells

    assert set(cells) == {capability(1), capability(1, region="EU"), domain(), domain(region="EU")}
    for key, cell in cells.items():
        assert cell == Cell(key=key, shown=False, respondents=None, counts=None)


def test_all_but_one_in_one_phase_is_suppressed_as_dominant():
    four_in_phase_two = answers(range(1, 5), phases=(2,)) + answers([5], phases=(3,))
    two_outside = answers(range(1, 4), phases=(2,)) + answers([4, 5], phases=(3,))

    assert not protect(four_in_phase_two).cells[capability(1)].shown
    assert protect(two_outside).cells[capability(1)].counts == (0, 3, 2, 0)


def test_a_domain_is_dominant_when_one_member_gives_every_answer_outside_the_common_phase():
    # Counted by answers the domain would pass (8 in phase 2, 2 in phase 3), but both phase-3 answers are
    # member 5's: the table would say that everyone else is in phase 2 throughout.
    data = answers(range(1, 5), capabilities=(1, 2), phases=(2,)) + answers([5], capabilities=(1, 2), phases=(3,))

    assert dominant({1: 0b10, 2: 0b10, 3: 0b10, 4: 0b10, 5: 0b100})
    assert not protect(data).cells[domain()].shown


def test_a_capability_two_members_short_of_its_domain_is_suppressed():
    # Members 8 and 9 answer only capability 2: the domain's 9 members minus capability 1's 7 would be two.
    data = answers(range(1, 8), capabilities=(1, 2)) + answers([8, 9], capabilities=(2,))

    cells = protect(data).cells

    assert not cells[capability(1)].shown
    assert cells[domain()].respondents == 9
    # and capability 2 goes too, or the domain minus capability 2 would give capability 1 back
    assert not cells[capability(2)].shown


def test_a_region_short_of_the_total_is_suppressed_with_a_complement():
    # Region C (3 members) is too small; the total minus A and B would give it back, so A (the smaller
    # of the two shown regions, ties by code) is suppressed with it.
    data = answers(range(1, 7), region="A") + answers(range(11, 17), region="B") + answers(range(21, 24), region="C")

    cells = protect(data).cells

    assert not cells[capability(1, region="C")].shown
    assert not cells[capability(1, region="A")].shown
    assert cells[capability(1, region="B")].respondents == 6
    assert cells[capability(1)].respondents == 15


def test_a_region_nested_in_the_total_differing_by_three_is_suppressed():
    data = answers(range(1, 11), region="A") + answers(range(11, 14), region="B")

    cells = protect(data).cells

    assert not cells[capability(1, region="A")].shown
    assert not cells[capability(1, region="B")].shown
    assert cells[capability(1)].respondents == 13


def test_a_safe_cell_suppressed_alone_in_its_sum_takes_another_cell_with_it():
    # Cycle 2: members 11 and 12 now answer capability 1 too, so its cell changed by two members and is
    # suppressed; the domain did not change and stays. Capability 1 (12 members, varied: safe on its own)
    # would then be the domain minus capabilities 2 and 3, so another capability goes with it: the one
    # with the fewest respondents, ties by key (2).
    first = answers(range(1, 11), capabilities=(1, 2, 3)) + answers(range(11, 21), capabilities=(2, 3))
    second = answers(range(1, 13), capabilities=(1, 2, 3), cycle=2) + answers(
        range(13, 21), capabilities=(2, 3), cycle=2
    )

    cells = protect(first + second).cells

    assert cells[capability(1)].respondents == 10
    assert not cells[capability(1, cycle=2)].shown
    assert not cells[capability(2, cycle=2)].shown
    assert cells[capability(3, cycle=2)].respondents == 20
    assert cells[domain(cycle=2)].respondents == 20


def test_the_next_cycle_two_members_larger_is_suppressed_and_the_earlier_one_stays():
    data = answers(range(1, 11)) + answers(range(1, 13), cycle=2)

    cells = protect(data).cells

    assert cells[capability(1)].respondents == 10
    assert not cells[capability(1, cycle=2)].shown


def test_the_next_cycle_with_the_same_members_or_five_more_is_shown():
    same = protect(answers(range(1, 11)) + answers(range(1, 11), cycle=2, phases=(1, 1, 2, 3))).cells
    five_more = protect(answers(range(1, 11)) + answers(range(1, 16), cycle=2)).cells

    assert same[capability(1, cycle=2)].counts == (6, 2, 2, 0)
    assert five_more[capability(1, cycle=2)].respondents == 15


def test_a_cycle_is_compared_with_every_earlier_one_not_only_the_previous():
    # Cycle 2 is suppressed (two members fewer); cycle 3 is back to cycle 1's members plus one.
    data = answers(range(1, 11)) + answers(range(1, 9), cycle=2) + answers(range(1, 12), cycle=3)

    cells = protect(data).cells

    assert not cells[capability(1, cycle=2)].shown
    assert not cells[capability(1, cycle=3)].shown


def test_after_a_withdrawal_the_table_shown_before_is_not_shown_again_one_member_short():
    before = protect(answers(range(1, 13)))
    remembered = {key: [members] for key, members in before.releases.items()}

    after_one_left = protect(answers(range(2, 13)), released=remembered)
    after_five_left = protect(answers(range(6, 13)), released=remembered)

    assert before.cells[capability(1)].respondents == 12
    assert before.releases[capability(1)] == frozenset(range(1, 13))
    assert not after_one_left.cells[capability(1)].shown
    assert capability(1) not in after_one_left.releases
    assert after_five_left.cells[capability(1)].respondents == 7


def test_a_late_submission_is_checked_against_every_release_of_the_cell():
    first = frozenset(range(1, 11))
    second = frozenset(range(1, 16))

    late = protect(answers(range(1, 17)), released={capability(1): [first, second]})

    assert not late.cells[capability(1)].shown


def test_suppressed_cells_look_the_same_whatever_the_reason():
    too_few = protect(answers(range(1, 5))).cells[capability(1)]
    too_alike = protect(answers(range(1, 11), phases=(2,))).cells[capability(1)]
    differenced = protect(answers(range(1, 12)), released={capability(1): [frozenset(range(1, 11))]}).cells

    assert too_few == Cell(key=capability(1), shown=False, respondents=None, counts=None)
    assert too_alike == too_few
    assert differenced[capability(1)] == too_few


def test_no_responses_give_no_cells():
    assert protect([]) == protect([], released={})
    assert protect([]).cells == {}


@pytest.mark.parametrize("phase", [0, 5, -1])
def test_it_refuses_a_phase_outside_one_to_four(phase):
    with pytest.raises(ValueError, match=rf"Phase {phase} is outside 1 to 4 \(member 1, cycle 1, capability 1\)"):
        protect([Response(member=1, region="EU", cycle=1, capability=1, domain="Policy", phase=phase)])


def test_it_refuses_two_responses_for_the_same_member_cycle_and_capability():
    twice = answers([1]) + answers([1], phases=(3,))

    with pytest.raises(ValueError, match="Two responses for the same member, cycle and capability"):
        protect(twice)


def test_it_refuses_a_member_in_two_regions():
    with pytest.raises(ValueError, match="Member 1 has two regions: 'EU' and 'AF'"):
        protect(answers([1]) + answers([1], capabilities=(2,), region="AF"))


def test_it_refuses_a_capability_in_two_domains():
    with pytest.raises(ValueError, match="Capability 1 is in two domains: 'Policy' and 'Justice'"):
        protect(answers([1]) + answers([2], domain="Justice"))


def test_it_refuses_the_empty_region_code_kept_for_the_total():
    with pytest.raises(ValueError, match="The region code of member 1 is empty"):
        protect(answers([1], region=ALL))
