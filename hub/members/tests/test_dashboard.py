"""The members panel of "Needs your attention": join requests awaiting action, members without a focal point."""

from __future__ import annotations

from conftest import as_viewer
from conftest import client_for
from conftest import make_member
from hub.members.models import Member
from hub.members.selectors import join_requests_awaiting_action
from hub.members.selectors import members_without_focal_point_count
from hub.members.services import join_request_submit
from hub.members.services import join_request_token
from hub.members.services import join_request_verify


def request_from(government: str, country: str, *, verify: bool = True):
    r = join_request_submit(
        government=government,
        country=country,
        contact_name="Dora",
        contact_email=f"dora@{country.lower()}.example.org",
        message="We wish to join.",
        letter=None,
    )
    return join_request_verify(token=join_request_token(r)) if verify else r


def test_the_secretariat_sees_join_requests_awaiting_action_oldest_first(secretariat):
    first = request_from("Deltaland", "DE")
    second = request_from("Francia", "FR")
    request_from("Unverified", "IT", verify=False)
    queue = join_requests_awaiting_action(viewer=as_viewer(secretariat))
    assert queue is not None
    assert queue.total == 2
    assert queue.requests == [first, second]
    page = client_for(secretariat).get("/dashboard/").content.decode()
    assert "2 join requests await action" in page
    assert f'href="/join-requests/{first.pk}/"' in page
    assert "Alliance membership not yet checked" in page
    assert "Unverified" not in page


def test_members_see_no_join_requests(official_a):
    request_from("Deltaland", "DE")
    assert join_requests_awaiting_action(viewer=as_viewer(official_a)) is None
    assert "join request" not in client_for(official_a).get("/dashboard/").content.decode()


def test_members_without_a_focal_point_are_a_count_of_visible_active_members(
    member_a, focal_point_a, member_b, secretariat
):
    make_member("Suspendia", status=Member.Status.SUSPENDED)
    assert members_without_focal_point_count(viewer=as_viewer(secretariat)) == 1  # Betaland


def test_only_the_registry_counts_members_without_a_focal_point(member_a, focal_point_a, member_b, official_a):
    assert members_without_focal_point_count(viewer=as_viewer(official_a)) is None
    assert "no focal point" not in client_for(official_a).get("/dashboard/").content.decode()
