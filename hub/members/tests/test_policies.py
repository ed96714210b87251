"""Who sees and changes members, their notes, roles, status history and join requests: an allowed and a
denied persona each."""

from __future__ import annotations

import datetime

from conftest import as_viewer
from hub.core.models import Visibility
from hub.core.policies import navigation_for, policy_for
from hub.core.viewer import ANONYMOUS, SYSTEM
from hub.members.models import (
    AllianceFigure,
    JoinRequest,
    Member,
    MemberNote,
    MemberStatusChange,
    TaskforceRole,
)
from hub.members.selectors import member_list_acting_for
from hub.members.services import member_status_change, taskforce_role_assign


def test_officials_are_shown_to_the_taskforce_and_secretariat_notes_to_the_secretariat(
    member_a, official_b, contributor, secretariat
):
    policy = policy_for(Member)
    assert policy.can(as_viewer(official_b), "view_officials", member_a)
    assert not policy.can(as_viewer(contributor), "view_officials", member_a)
    assert policy.can(as_viewer(secretariat), "view_secretariat_notes", member_a)
    assert not policy.can(as_viewer(official_b), "view_secretariat_notes", member_a)


def test_the_registry_is_managed_by_the_secretariat(member_a, official_a, secretariat):
    policy = policy_for(Member)
    assert policy.can(as_viewer(secretariat), "manage", member_a)
    assert not policy.can(as_viewer(official_a), "manage", member_a)


def test_officials_note_and_act_for_their_own_member_while_it_may_write(
    member_a, member_b, member_suspended, official_a, focal_point_suspended, secretariat
):
    policy = policy_for(Member)
    official = as_viewer(official_a)
    assert policy.can(as_viewer(secretariat), "add_note", member_b)
    assert policy.can(official, "add_note", member_a)
    assert not policy.can(official, "add_note", member_b)
    assert policy.can(official, "act_for", member_a)
    assert not policy.can(official, "act_for")
    suspended = as_viewer(focal_point_suspended)
    assert not policy.can(suspended, "act_for", member_suspended)
    assert list(member_list_acting_for(viewer=official)) == [member_a]
    assert not member_list_acting_for(viewer=suspended).exists()


def test_only_the_secretariat_gives_a_note_any_level(official_a, secretariat):
    policy = policy_for(MemberNote)
    assert policy.can(as_viewer(secretariat), "choose_any_level")
    assert not policy.can(as_viewer(official_a), "choose_any_level")


def test_taskforce_roles_follow_their_member_and_are_managed_by_the_secretariat(member_a, official_a, secretariat):
    member_a.visibility = Visibility.MEMBER  # the member, and so its roles, are hidden from the public
    member_a.save(update_fields=["visibility"])
    role = taskforce_role_assign(
        viewer=SYSTEM, member=member_a, role="chair", starts_on=datetime.date(2026, 1, 1), source="Minutes"
    )
    policy = policy_for(TaskforceRole)
    assert policy.can_view(as_viewer(official_a), role)
    assert not policy.can_view(ANONYMOUS, role)
    assert policy.can_view(as_viewer(secretariat), role)
    assert policy.can(as_viewer(secretariat), "manage")
    assert not policy.can(as_viewer(official_a), "manage")


def test_status_history_is_for_the_taskforce(member_a, official_b, contributor, secretariat):
    change = member_status_change(viewer=SYSTEM, member=member_a, status=Member.Status.SUSPENDED, reason="Arrears")
    policy = policy_for(MemberStatusChange)
    assert policy.can_view(as_viewer(official_b), change)
    assert policy.can_view(as_viewer(secretariat), change)
    assert not policy.can_view(as_viewer(contributor), change)


def test_alliance_figures_are_public_and_recorded_by_the_secretariat(official_a, secretariat):
    policy = policy_for(AllianceFigure)
    assert policy.visible_q(ANONYMOUS).children == []
    assert policy.can(as_viewer(secretariat), "record")
    assert not policy.can(as_viewer(official_a), "record")


def test_join_requests_are_the_secretariats(official_a, secretariat):
    request = JoinRequest.objects.create(government="Deltaland", contact_name="D", contact_email="d@example.org")
    policy = policy_for(JoinRequest)
    assert policy.can_view(as_viewer(secretariat), request)
    assert not policy.can_view(as_viewer(official_a), request)
    for action in ("review", "file"):
        assert policy.can(as_viewer(secretariat), action)
        assert not policy.can(as_viewer(official_a), action)
    assert navigation_for(as_viewer(secretariat))["join_requests"]
    assert not navigation_for(as_viewer(official_a))["join_requests"]
