"""The one read every legal view builds on: codings now and as of a past day, as each viewer may see them."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from conftest import as_viewer
from hub.core.errors import ValidationFailed
from hub.legal.selectors.codings import as_of_parse
from hub.legal.selectors.codings import coding_grid
from hub.legal.tests.legal_world import checklist
from hub.legal.tests.legal_world import code
from hub.legal.tests.legal_world import profile_for


def test_the_reference_checklist_loads_35_provisions_with_roles(db):
    version = checklist()
    provisions = list(version.provisions.order_by("position"))
    assert len(provisions) == 35
    conduct = [p.code for p in provisions if p.is_conduct]
    assert conduct == ["O1", "O2", "O3", "O4", "O5", "O6", "O7", "O8", "O9", "O10", "O11", "G1", "G2", "G3", "G4"]
    assert [p.code for p in provisions if p.role == "active_nationality"] == ["J1"]


def test_it_shows_a_coding_as_it_was_before_a_change(secretariat, official_b, member_a):
    version = checklist()
    profile = profile_for(member_a, secretariat)
    today = datetime.date.today()
    coding = code(profile, "O5", "not_met", secretariat)
    with time_machine.travel(today + datetime.timedelta(days=10)):
        code(profile, "O5", "met", secretariat, reason="New law", version=None)
        viewer = as_viewer(official_b)
        now = coding_grid(viewer=viewer, version=version, profiles=[profile])
        then = coding_grid(viewer=viewer, version=version, profiles=[profile], as_of=today + datetime.timedelta(days=5))
        before = coding_grid(
            viewer=viewer, version=version, profiles=[profile], as_of=today - datetime.timedelta(days=1)
        )
    o5 = version.provisions.get(code="O5")
    assert now.cell(profile, o5).status == "met"
    assert then.cell(profile, o5).status == "not_met"
    assert before.cell(profile, o5).status == "not_assessed"
    assert coding.history.count() == 2
    assert coding.history.first().history_change_reason == "New law"


def test_a_draft_is_not_assessed_for_another_member_but_seen_by_its_own(secretariat, official_a, official_b, member_a):
    version = checklist()
    profile = profile_for(member_a, secretariat)
    code(profile, "O1", "met", secretariat, verified=False)
    o1 = version.provisions.get(code="O1")
    assert (
        coding_grid(viewer=as_viewer(official_b), version=version, profiles=[profile]).cell(profile, o1).status
        == "not_assessed"
    )
    assert (
        coding_grid(viewer=as_viewer(official_a), version=version, profiles=[profile]).cell(profile, o1).status == "met"
    )
    counts = coding_grid(viewer=as_viewer(official_b), version=version, profiles=[profile]).counts(profile)
    assert counts["not_met"] == 0 and counts["not_assessed"] == 35


def test_an_as_of_date_in_the_future_is_refused_naming_the_field(db):
    with pytest.raises(ValidationFailed) as exc:
        as_of_parse("2999-01-01")
    assert exc.value.problems[0].field == "as_of"
    with pytest.raises(ValidationFailed):
        as_of_parse("01/02/2026")
    assert as_of_parse("") is None


def test_a_comparison_takes_two_to_five_members_and_marks_differences(secretariat, official_b, member_a, member_b):
    from hub.legal.selectors.compare import comparison_build

    checklist()
    a, b = profile_for(member_a, secretariat), profile_for(member_b, secretariat)
    code(a, "O5", "met", secretariat)
    code(b, "O5", "not_met", secretariat)
    viewer = as_viewer(official_b)
    comparison = comparison_build(viewer=viewer, member_slugs=[member_a.slug, member_b.slug])
    o5 = next(r for r in comparison.rows if r.provision.code == "O5")
    assert o5.differs and comparison.differences == 1
    with pytest.raises(ValidationFailed) as exc:
        comparison_build(viewer=viewer, member_slugs=[member_a.slug])
    assert exc.value.problems[0].field == "members"
