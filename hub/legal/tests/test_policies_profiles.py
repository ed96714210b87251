"""Legal frameworks: every rule of the profile policy, for every persona."""

from __future__ import annotations

import pytest

from conftest import as_viewer
from conftest import make_member
from hub.core.policies import navigation_for
from hub.core.policies import policy_for
from hub.core.viewer import SYSTEM
from hub.legal.models import LegalProfile
from hub.legal.models import Statute
from hub.legal.services.profiles import profile_publish
from hub.legal.tests.legal_world import profile_for
from hub.legal.tests.profiles_world import profile_with_statute
from hub.members.services import member_status_change


@pytest.fixture
def profiles(secretariat, member_a, member_b):
    a, statute = profile_with_statute(member_a, secretariat)
    b = profile_for(member_b, secretariat)
    from hub.core.viewer import focal_point_of

    profile_publish(viewer=focal_point_of(member_b.pk), profile_id=b.pk)
    b.refresh_from_db()
    return {"a": a, "b": b, "statute": statute}


def _visible(viewer) -> set[str]:
    return {p.member.slug for p in policy_for(LegalProfile).visible(viewer).select_related("member")}


def test_who_sees_which_profile(profiles, personas):
    assert _visible(personas["anonymous"]) == {"betaland"}
    assert _visible(personas["contributor"]) == {"betaland"}
    for name in ("official_a", "official_b", "focal_point_a", "secretariat"):
        assert _visible(personas[name]) == {"alphaland", "betaland"}, name


def test_statutes_follow_their_profile(profiles, personas):
    assert not policy_for(Statute).visible(personas["anonymous"]).exists()
    assert policy_for(Statute).visible(personas["official_b"]).count() == 1


def test_a_withdrawn_members_profile_is_the_secretariats_only(profiles, personas, member_a):
    member_status_change(viewer=SYSTEM, member=member_a, status="withdrawn", reason="left")
    assert "alphaland" not in _visible(personas["official_b"])
    assert "alphaland" in _visible(personas["secretariat"])


def test_a_hidden_members_profile_is_not_seen_by_the_taskforce(secretariat, personas):
    hidden = make_member("Secretland", visibility="secretariat")
    profile_for(hidden, secretariat)
    assert "secretland" not in _visible(personas["official_a"])
    assert "secretland" in _visible(personas["secretariat"])


@pytest.mark.parametrize("action", ["browse"])
def test_everyone_browses(personas, action):
    assert all(policy_for(LegalProfile).can(v, action) for v in personas.values())


@pytest.mark.parametrize("action", ["edit", "open"])
def test_only_the_secretariat_edits_and_opens(profiles, personas, action):
    allowed = {name for name, v in personas.items() if policy_for(LegalProfile).can(v, action, profiles["a"])}
    assert allowed == {"secretariat"}


def test_only_the_members_focal_point_publishes_an_unpublished_profile(profiles, personas):
    policy = policy_for(LegalProfile)
    allowed = {name for name, v in personas.items() if policy.can(v, "publish", profiles["a"])}
    assert allowed == {"focal_point_a"}
    assert not policy.can(personas["focal_point_a"], "publish", None)
    b_focal = as_viewer(None)
    assert not policy.can(b_focal, "publish", profiles["b"])


def test_a_published_profile_is_not_published_again_and_is_taken_back_by_its_focal_point(profiles, personas):
    from hub.core.viewer import focal_point_of

    policy = policy_for(LegalProfile)
    focal_b = focal_point_of(profiles["b"].member_id)
    assert not policy.can(focal_b, "publish", profiles["b"])
    assert policy.can(focal_b, "unpublish", profiles["b"])
    assert not policy.can(personas["focal_point_a"], "unpublish", profiles["b"])
    assert not policy.can(personas["focal_point_a"], "unpublish", profiles["a"])
    assert not policy.can(focal_b, "unpublish", None)


def test_the_navigation_offers_legal_frameworks_to_everyone(personas):
    assert all(navigation_for(v)["legal"] for v in personas.values())


def test_only_the_members_focal_point_manages_its_publication_whatever_its_state(profiles, personas):
    policy = policy_for(LegalProfile)
    allowed = {name for name, v in personas.items() if policy.can(v, "manage_publication", profiles["a"])}
    assert allowed == {"focal_point_a"}
    assert not policy.can(personas["focal_point_a"], "manage_publication", None)


def test_the_taskforce_reads_unpublished_profiles_and_the_public_site_does_not(personas):
    policy = policy_for(LegalProfile)
    allowed = {name for name, v in personas.items() if policy.can(v, "read_unpublished")}
    assert allowed == {"secretariat", "official_a", "official_b", "focal_point_a", "focal_point_suspended"}


def test_draft_codings_of_a_profile_are_its_members_and_the_secretariats(profiles, personas):
    policy = policy_for(LegalProfile)
    allowed = {name for name, v in personas.items() if policy.can(v, "see_draft_codings", profiles["a"])}
    assert allowed == {"secretariat", "official_a", "focal_point_a"}
    assert not policy.can(personas["official_a"], "see_draft_codings", None)
