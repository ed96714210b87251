"""Who sees and changes members, their notes, roles, status history and join requests: an allowed and a
denied persona each."""

from __future__ import annotations

import datetime

from django.utils import timezone

from conftest import as_viewer
from hub.core.models import Visibility
from hub.core.policies import navigation_for
from hub.core.policies import policy_for
from hub.core.viewer import ANONYMOUS
from hub.core.viewer import SYSTEM
from hub.members.models import AllianceFigure
from hub.members.models import Invitation
from hub.members.models import JoinRequest
from hub.members.models import Member
from hub.members.models import MemberNote
from hub.members.models import MemberStatusChange
from hub.members.models import Role
from hub.members.models import TaskforceRole
from hub.members.selectors import member_list_acting_for
from hub.members.services import member_status_change
from hub.members.services import taskforce_role_assign


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


def test_only_an_open_request_is_decided_and_only_by_the_secretariat(official_a, secretariat):
    request = JoinRequest(government="Deltaland", status=JoinRequest.Status.SUBMITTED)
    policy = policy_for(JoinRequest)
    assert policy.can(as_viewer(secretariat), "decide", request)
    assert not policy.can(as_viewer(official_a), "decide", request)
    assert not policy.can(as_viewer(secretariat), "decide")
    request.status = JoinRequest.Status.REJECTED
    assert not policy.can(as_viewer(secretariat), "decide", request)


def test_approval_is_possible_only_after_a_check_found_an_alliance_member(official_a, secretariat):
    request = JoinRequest(government="Deltaland", status=JoinRequest.Status.SUBMITTED)
    policy = policy_for(JoinRequest)
    sam = as_viewer(secretariat)
    assert not policy.can(sam, "approve", request)  # not checked
    request.alliance_member = False
    assert not policy.can(sam, "approve", request)  # checked: not an Alliance member
    request.alliance_member = True
    assert policy.can(sam, "approve", request)
    assert not policy.can(as_viewer(official_a), "approve", request)
    assert not policy.can(sam, "approve")
    request.status = JoinRequest.Status.MORE_INFORMATION
    assert not policy.can(sam, "approve", request)  # waiting for the requester's answer
    request.status = JoinRequest.Status.APPROVED
    assert not policy.can(sam, "approve", request)  # decided


# --- people's roles and invitations ---------------------------------------------------------------

LATER = timezone.now() + datetime.timedelta(days=30)


def test_an_ended_role_is_seen_by_its_holder_and_staff_but_not_the_taskforce(official_a, official_b, administrator):
    ended = Role.objects.get(user=official_a)
    ended.ends_on = timezone.localdate()
    ended.starts_on = ended.ends_on - datetime.timedelta(days=5)
    ended.save(update_fields=["ends_on", "starts_on"])
    policy = policy_for(Role)
    assert policy.can_view(as_viewer(administrator), ended)
    assert not policy.can_view(as_viewer(official_b), ended)
    assert not policy.visible(ANONYMOUS).exists()


def test_active_roles_are_taskforce_level_and_outsiders_see_only_their_own(official_a, official_b, contributor):
    policy = policy_for(Role)
    role_a = Role.objects.get(user=official_a)
    assert policy.can_view(as_viewer(official_b), role_a)
    assert not policy.can_view(as_viewer(contributor), role_a)
    assert set(policy.visible(as_viewer(contributor))) == set(Role.objects.filter(user=contributor))


def test_roles_are_granted_by_the_secretariat_and_administrators_only(secretariat, administrator, official_a):
    policy = policy_for(Role)
    assert policy.can(as_viewer(secretariat), "grant")
    assert policy.can(as_viewer(administrator), "grant")
    assert not policy.can(as_viewer(official_a), "grant")


def test_a_focal_point_ends_roles_of_their_own_member_only(secretariat, focal_point_a, official_a, official_b):
    policy = policy_for(Role)
    role_a = Role.objects.get(user=official_a)
    role_b = Role.objects.get(user=official_b)
    assert policy.can(as_viewer(focal_point_a), "end", role_a)
    assert not policy.can(as_viewer(focal_point_a), "end", role_b)
    assert not policy.can(as_viewer(focal_point_a), "end", Role(kind=Role.Kind.SECRETARIAT))
    assert not policy.can(as_viewer(focal_point_a), "end")
    assert policy.can(as_viewer(secretariat), "end", role_b)


def test_an_ended_role_cannot_be_ended_again(secretariat, official_a):
    role = Role.objects.get(user=official_a)
    role.starts_on = timezone.localdate() - datetime.timedelta(days=5)
    role.ends_on = timezone.localdate()
    assert not policy_for(Role).can(as_viewer(secretariat), "end", role)


def test_invitations_are_seen_by_the_secretariat_focal_points_and_administrators_for_non_members(
    secretariat, administrator, focal_point_a, official_a, member_a, member_b
):
    def invite(email: str, kind: str, member=None) -> Invitation:
        return Invitation.objects.create(
            email=email, kind=kind, member=member, token_hash=email, expires_at=LATER, invited_by=secretariat
        )

    for_a = invite("a@example.org", Role.Kind.OFFICIAL, member_a)
    for_b = invite("b@example.org", Role.Kind.OFFICIAL, member_b)
    staff = invite("s@example.org", Role.Kind.SECRETARIAT)
    policy = policy_for(Invitation)
    assert set(policy.visible(as_viewer(secretariat))) == {for_a, for_b, staff}
    assert set(policy.visible(as_viewer(administrator))) == {staff}
    assert set(policy.visible(as_viewer(focal_point_a))) == {for_a}
    assert not policy.visible(as_viewer(official_a)).exists()
    assert policy.can(as_viewer(secretariat), "withdraw", for_a)
    assert not policy.can(as_viewer(focal_point_a), "withdraw", for_a)
    for_b.revoked_at = timezone.now()
    assert not policy.can(as_viewer(secretariat), "withdraw", for_b)


def test_who_may_invite_to_what(secretariat, administrator, focal_point_a, official_a, member_a, member_b):
    policy = policy_for(Invitation)
    sec, admin, focal, official = (as_viewer(u) for u in (secretariat, administrator, focal_point_a, official_a))
    assert policy.can(sec, "create")
    assert not policy.can(admin, "create")
    assert policy.can(admin, "invite_administrator")
    assert not policy.can(sec, "invite_administrator")
    assert policy.can(sec, "invite")
    assert policy.can(admin, "invite")
    assert not policy.can(focal, "invite")
    assert policy.can(sec, "invite_for_member", Invitation(member=member_b))
    assert policy.can(focal, "invite_for_member", Invitation(member=member_a))
    assert not policy.can(focal, "invite_for_member", Invitation(member=member_b))
    assert not policy.can(focal, "invite_for_member", Invitation())
    assert not policy.can(focal, "invite_for_member")
    assert policy.can(sec, "revoke")
    assert not policy.can(admin, "revoke")
    assert not policy.can(sec, "withdraw")
    assert policy.can(focal, "list")
    assert policy.can(admin, "list")
    assert not policy.can(official, "list")


def test_the_navigation_offers_invitations_to_those_who_may_list_them(focal_point_a, official_a):
    assert navigation_for(as_viewer(focal_point_a))["invitations"]
    assert not navigation_for(as_viewer(official_a))["invitations"]
