"""Who sees and does what with codings and correction requests (hub/legal/policies/codings.py, fully
covered here)."""

from __future__ import annotations

import pytest

from conftest import as_viewer
from hub.core.policies import policy_for
from hub.legal.models import Coding
from hub.legal.models import CorrectionRequest
from hub.legal.services.corrections import correction_reject
from hub.legal.services.corrections import correction_request
from hub.legal.tests.legal_world import checklist
from hub.legal.tests.legal_world import code
from hub.legal.tests.legal_world import profile_for

pytestmark = pytest.mark.django_db
CODING = policy_for(Coding)
CORRECTION = policy_for(CorrectionRequest)


@pytest.fixture
def world(personas, member_a, secretariat, official_a):
    checklist()
    profile = profile_for(member_a, secretariat)
    verified = code(profile, "O5", "not_met", secretariat)
    draft = code(profile, "O6", "met", secretariat, verified=False)
    request = correction_request(
        viewer=as_viewer(official_a), coding_id=verified.pk, proposed_status="met", citation="s. 4", reason="Why"
    )
    return {"verified": verified, "draft": draft, "request": request}


def who(personas, check):
    return {name for name, viewer in personas.items() if check(viewer)}


def test_a_verified_coding_is_seen_by_the_taskforce_and_a_draft_by_its_member_and_the_secretariat(world, personas):
    assert who(personas, lambda v: CODING.can_view(v, world["verified"])) == {
        "secretariat",
        "official_a",
        "official_b",
        "focal_point_a",
        "focal_point_suspended",
    }
    assert who(personas, lambda v: CODING.can_view(v, world["draft"])) == {"secretariat", "official_a", "focal_point_a"}


def test_only_the_secretariat_codes_and_verifies_a_draft_once(world, personas):
    assert who(personas, lambda v: CODING.can(v, "code")) == {"secretariat"}
    assert who(personas, lambda v: CODING.can(v, "verify")) == {"secretariat"}
    assert who(personas, lambda v: CODING.can(v, "verify", world["draft"])) == {"secretariat"}
    assert who(personas, lambda v: CODING.can(v, "verify", world["verified"])) == set()


def test_the_coded_members_officials_contest(world, personas):
    members = {"official_a", "official_b", "focal_point_a", "focal_point_suspended"}
    assert who(personas, lambda v: CODING.can(v, "contest")) == members
    assert who(personas, lambda v: CODING.can(v, "contest", world["verified"])) == {"official_a", "focal_point_a"}


def test_draft_states_are_seen_by_the_member_and_the_secretariat_and_names_by_the_taskforce(world, personas):
    assert who(personas, lambda v: CODING.can(v, "see_drafts", world["verified"])) == {
        "secretariat",
        "official_a",
        "focal_point_a",
    }
    assert who(personas, lambda v: CODING.can(v, "see_drafts")) == {"secretariat"}
    assert who(personas, lambda v: CODING.can(v, "see_coders")) == {
        "secretariat",
        "official_a",
        "official_b",
        "focal_point_a",
        "focal_point_suspended",
    }


def test_a_request_is_seen_by_its_members_officials_and_the_secretariat(world, personas):
    assert who(personas, lambda v: CORRECTION.can_view(v, world["request"])) == {
        "secretariat",
        "official_a",
        "focal_point_a",
    }
    members = {"official_a", "official_b", "focal_point_a", "focal_point_suspended"}
    assert who(personas, lambda v: CORRECTION.can(v, "browse")) == {"secretariat"} | members


def test_the_secretariat_alone_decides_once(world, personas, secretariat):
    request = world["request"]
    assert who(personas, lambda v: CORRECTION.can(v, "review", request)) == {"secretariat"}
    assert who(personas, lambda v: CORRECTION.can(v, "resolve")) == set()
    assert who(personas, lambda v: CORRECTION.can(v, "resolve", request)) == {"secretariat"}
    decided = correction_reject(viewer=as_viewer(secretariat), correction_id=request.pk, note="No.")
    assert who(personas, lambda v: CORRECTION.can(v, "resolve", decided)) == set()


def test_whoever_sees_some_drafts_may_filter_the_matrix_by_review(world, personas):
    assert who(personas, lambda v: CODING.can(v, "filter_by_review")) == {
        "secretariat",
        "official_a",
        "official_b",
        "focal_point_a",
        "focal_point_suspended",
    }
