"""Who sees and manages people, roles, invitations and API tokens: an allowed and a denied persona each."""

from __future__ import annotations

import datetime

from django.utils import timezone

from conftest import as_viewer
from hub.accounts.models import ApiToken, Invitation, Role, User
from hub.core.policies import navigation_for, policy_for
from hub.core.viewer import ANONYMOUS

LATER = timezone.now() + datetime.timedelta(days=30)


def test_people_are_seen_by_themselves_and_staff_only(secretariat, administrator, official_a, official_b):
    policy = policy_for(User)
    assert set(policy.visible(as_viewer(official_a))) == {official_a}
    assert official_b in policy.visible(as_viewer(administrator))
    assert official_b in policy.visible(as_viewer(secretariat))
    assert not policy.visible(ANONYMOUS).exists()


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


def test_a_token_is_its_owners_alone(official_a, official_b):
    token = ApiToken.objects.create(user=official_a, name="t", token_hash="x" * 64, prefix="abcd", expires_at=LATER)
    policy = policy_for(ApiToken)
    assert policy.can_view(as_viewer(official_a), token)
    assert not policy.can_view(as_viewer(official_b), token)
    assert not policy.visible(ANONYMOUS).exists()
    assert policy.can(as_viewer(official_a), "create")
    assert not policy.can(ANONYMOUS, "create")
