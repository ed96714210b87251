"""The member registry: create, edit, status history with reasons, chair rules, people per member."""

from __future__ import annotations

import datetime

import pytest

from conftest import as_viewer
from conftest import client_for
from conftest import make_person
from hub.core.errors import NotFound
from hub.core.errors import PermissionDenied
from hub.core.errors import ValidationFailed
from hub.members.models import Invitation
from hub.members.models import Member
from hub.members.models import MemberStatusChange
from hub.members.models import Role
from hub.members.models import TaskforceRole
from hub.members.services import MemberInput
from hub.members.services import invitation_accept
from hub.members.services import invitation_create
from hub.members.services import member_create
from hub.members.services import member_status_change
from hub.members.services import member_update
from hub.members.services import taskforce_role_assign

D = datetime.date


def test_secretariat_registers_a_member_with_a_first_history_entry(secretariat):
    member = member_create(
        viewer=as_viewer(secretariat), data=MemberInput(name_en="Gammaland", kind="government", country="FR")
    )
    assert member.slug == "gammaland"
    assert member.status_changes.get().reason == "Registered"


def test_an_iso_code_that_does_not_exist_is_named(secretariat):
    with pytest.raises(ValidationFailed) as exc:
        member_create(viewer=as_viewer(secretariat), data=MemberInput(name_en="X", kind="government", country="XX"))
    assert exc.value.problems[0].field == "country"
    assert not Member.objects.filter(name="X").exists()


def test_a_duplicate_member_is_refused(secretariat, member_a):
    with pytest.raises(ValidationFailed) as exc:
        member_create(viewer=as_viewer(secretariat), data=MemberInput(name_en="Alphaland", kind="government"))
    assert exc.value.problems[0].field == "name_en"


def test_two_members_cannot_share_a_country(secretariat, member_a):
    member_update(viewer=as_viewer(secretariat), member=member_a, data=MemberInput(country="FR"))
    with pytest.raises(ValidationFailed) as exc:
        member_create(viewer=as_viewer(secretariat), data=MemberInput(name_en="Other", kind="government", country="FR"))
    assert exc.value.problems[0].field == "country"


def test_an_official_may_not_edit_their_member_and_another_member_is_not_found(official_a, member_a, member_b):
    with pytest.raises(PermissionDenied):
        member_update(viewer=as_viewer(official_a), member=member_a, data=MemberInput(source="x"))
    with pytest.raises(NotFound):
        member_update(viewer=as_viewer(official_a), member=member_b, data=MemberInput(source="x"))


def test_a_status_change_needs_a_reason_and_keeps_history(secretariat, member_a):
    with pytest.raises(ValidationFailed) as exc:
        member_status_change(viewer=as_viewer(secretariat), member=member_a, status="suspended", reason=" ")
    assert exc.value.problems[0].field == "reason"
    member_status_change(viewer=as_viewer(secretariat), member=member_a, status="suspended", reason="dues")
    member_status_change(viewer=as_viewer(secretariat), member=member_a, status="active", reason="paid")
    history = list(MemberStatusChange.objects.filter(member=member_a).order_by("pk").values_list("status", "reason"))
    assert history == [("suspended", "dues"), ("active", "paid")]


def test_the_same_status_twice_is_refused(secretariat, member_a):
    with pytest.raises(ValidationFailed) as exc:
        member_status_change(viewer=as_viewer(secretariat), member=member_a, status="active", reason="x")
    assert exc.value.problems[0].field == "status"


def test_withdrawal_ends_the_members_roles_and_keeps_its_records(secretariat, member_a, official_a):
    member_status_change(viewer=as_viewer(secretariat), member=member_a, status="withdrawn", reason="letter")
    role = Role.objects.get(user=official_a)
    assert role.ends_on == datetime.date.today()
    assert Member.objects.filter(pk=member_a.pk).exists()


def test_at_most_one_chair_on_any_date(secretariat, member_a, member_b):
    v = as_viewer(secretariat)
    taskforce_role_assign(
        viewer=v, member=member_a, role="chair", starts_on=D(2024, 1, 1), ends_on=D(2024, 12, 31), source="minutes"
    )
    with pytest.raises(ValidationFailed) as exc:
        taskforce_role_assign(viewer=v, member=member_b, role="chair", starts_on=D(2024, 6, 1), source="minutes")
    assert exc.value.problems[0].field == "role"
    taskforce_role_assign(viewer=v, member=member_b, role="chair", starts_on=D(2025, 1, 1), source="minutes")
    taskforce_role_assign(viewer=v, member=member_b, role="vice_chair", starts_on=D(2024, 6, 1), source="minutes")
    assert TaskforceRole.objects.filter(role="chair").count() == 2


def test_a_taskforce_role_needs_a_source(secretariat, member_a):
    with pytest.raises(ValidationFailed) as exc:
        taskforce_role_assign(
            viewer=as_viewer(secretariat), member=member_a, role="member", starts_on=D(2024, 1, 1), source=""
        )
    assert exc.value.problems[0].field == "source"


def test_the_focal_point_invites_officials_for_their_own_member_only(focal_point_a, member_a, member_b):
    invitation, _token = invitation_create(
        viewer=as_viewer(focal_point_a), email="new@alphaland.example.org", kind="official", member=member_a
    )
    assert invitation.member == member_a
    with pytest.raises(PermissionDenied):
        invitation_create(
            viewer=as_viewer(focal_point_a), email="x@betaland.example.org", kind="official", member=member_b
        )


def test_a_new_focal_point_replaces_the_previous_one(secretariat, member_a, focal_point_a):
    _invitation, token = invitation_create(
        viewer=as_viewer(secretariat), email="next.focal@alphaland.example.org", kind="focal_point", member=member_a
    )
    invitation_accept(token=token, full_name="Next Focal", password="a-long-new-password-1")
    active = Role.objects.active().filter(member=member_a, kind="focal_point")
    assert [r.user.email for r in active] == ["next.focal@alphaland.example.org"]


def test_people_page_is_for_the_secretariat_and_the_members_focal_point(
    member_a, focal_point_a, official_a, official_b, secretariat
):
    assert client_for(focal_point_a).get("/members/alphaland/people/").status_code == 200
    assert client_for(secretariat).get("/members/alphaland/people/").status_code == 200
    assert client_for(official_a).get("/members/alphaland/people/").status_code == 404
    assert client_for(official_b).get("/members/alphaland/people/").status_code == 404


def test_focal_point_ends_an_officials_role(member_a, focal_point_a, official_a):
    role = Role.objects.get(user=official_a)
    response = client_for(focal_point_a).post(f"/members/alphaland/people/{role.pk}/end/", {"confirmed": "yes"})
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.ends_on is not None


def test_registry_pages_are_the_secretariats(member_a, secretariat, official_a):
    for url in (
        "/members/new/",
        "/members/alphaland/edit/",
        "/members/alphaland/status/",
        "/members/alphaland/taskforce-roles/",
        "/alliance-figures/",
    ):
        assert client_for(secretariat).get(url).status_code == 200, url
        assert client_for(official_a).get(url).status_code == 404, url


def test_secretariat_changes_a_status_in_the_browser(member_a, secretariat):
    response = client_for(secretariat).post(
        "/members/alphaland/status/", {"status": "suspended", "reason": "dues", "confirmed": "yes"}
    )
    assert response.status_code == 302
    member_a.refresh_from_db()
    assert member_a.status == "suspended"


def test_a_status_change_without_reason_is_shown_with_its_error_and_changes_nothing(member_a, secretariat):
    response = client_for(secretariat).post("/members/alphaland/status/", {"status": "suspended", "reason": ""})
    assert response.status_code == 422
    assert "Give the reason for the change." in response.content.decode()
    member_a.refresh_from_db()
    assert member_a.status == "active"


def test_status_history_is_shown_to_the_taskforce_not_the_public(member_a, secretariat, official_b):
    member_status_change(viewer=as_viewer(secretariat), member=member_a, status="suspended", reason="dues unpaid")
    assert "dues unpaid" in client_for(official_b).get("/members/alphaland/").content.decode()
    assert "dues unpaid" not in client_for(None).get("/members/alphaland/").content.decode()


def test_alliance_count_is_dated_data_shown_on_the_about_page(secretariat):
    response = client_for(secretariat).post(
        "/alliance-figures/", {"value": 101, "as_of": "2025-01-31", "source": "annual report"}
    )
    assert response.status_code == 302
    page = client_for(None).get("/about/").content.decode()
    assert "101" in page
    assert "annual report" in page


def test_a_suspended_members_official_reads_but_cannot_add_notes(member_a, official_a, secretariat):
    member_status_change(viewer=as_viewer(secretariat), member=member_a, status="suspended", reason="x")
    assert client_for(official_a).get("/members/alphaland/").status_code == 200
    response = client_for(official_a).post("/members/alphaland/notes/", {"text": "x", "visibility": "member"})
    assert response.status_code == 404


def test_withdrawn_members_former_official_sees_nothing_more(member_a, official_a, secretariat):
    make_person("keeper@example.org")
    member_status_change(viewer=as_viewer(secretariat), member=member_a, status="withdrawn", reason="x")
    assert "Your members" not in client_for(official_a).get("/dashboard/").content.decode()
    assert Invitation.objects.count() == 0
