"""Who a person is to the policy layer: roles over time, member status, second factor."""

from __future__ import annotations

import datetime

from conftest import as_viewer
from conftest import make_person
from hub.members.models import Member
from hub.members.models import Role


def test_focal_point_may_submit_for_an_active_member(focal_point_a, member_a):
    viewer = as_viewer(focal_point_a)
    assert viewer.member_ids == {member_a.pk}
    assert viewer.write_member_ids == {member_a.pk}
    assert viewer.focal_member_ids == {member_a.pk}


def test_suspended_members_officials_keep_read_access_but_cannot_submit(focal_point_a, member_a):
    Member.objects.filter(pk=member_a.pk).update(status=Member.Status.SUSPENDED)
    viewer = as_viewer(focal_point_a)
    assert viewer.member_ids == {member_a.pk}
    assert viewer.write_member_ids == set()
    assert viewer.focal_member_ids == set()


def test_withdrawn_members_officials_lose_access(official_a, member_a):
    Member.objects.filter(pk=member_a.pk).update(status=Member.Status.WITHDRAWN)
    viewer = as_viewer(official_a)
    assert viewer.member_ids == set()
    assert not viewer.is_taskforce


def test_an_ended_role_gives_nothing(member_a):
    user = make_person("former@example.org")
    Role.objects.create(
        user=user,
        kind=Role.Kind.OFFICIAL,
        member=member_a,
        starts_on=datetime.date(2023, 1, 1),
        ends_on=datetime.date(2024, 1, 1),
    )
    assert as_viewer(user).member_ids == set()


def test_a_role_that_has_not_started_gives_nothing(member_a):
    user = make_person("future@example.org")
    Role.objects.create(user=user, kind=Role.Kind.OFFICIAL, member=member_a, starts_on=datetime.date(2999, 1, 1))
    assert as_viewer(user).member_ids == set()


def test_one_person_may_act_for_two_members(member_a, member_b):
    user = make_person("two@example.org", Role.Kind.OFFICIAL, member_a)
    Role.objects.create(user=user, kind=Role.Kind.OFFICIAL, member=member_b)
    assert as_viewer(user).member_ids == {member_a.pk, member_b.pk}


def test_inactive_person_is_anonymous(official_a):
    official_a.is_active = False
    official_a.save(update_fields=["is_active"])
    assert not as_viewer(official_a).is_authenticated
