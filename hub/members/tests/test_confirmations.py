"""Irreversible steps on the members pages ask once more, saying what will happen; nothing happens
until the person confirms; a refused step goes back to its record, saying why; impossible steps are
not offered."""

from __future__ import annotations

import datetime

from django.utils import timezone

from conftest import as_viewer
from conftest import client_for
from hub.members.models import Invitation
from hub.members.models import JoinRequest
from hub.members.models import Member
from hub.members.models import Role
from hub.members.services import invitation_create
from hub.members.services import join_request_record_alliance_check
from hub.members.services import join_request_submit
from hub.members.services import join_request_token
from hub.members.services import join_request_verify

APPROVE = "Approve: make the member active and invite its focal point"


def filed() -> JoinRequest:
    request = join_request_submit(
        government="Deltaland",
        country="DE",
        contact_name="Dora Delta",
        contact_email="dora@deltaland.example.org",
        message="",
        letter=None,
    )
    return join_request_verify(token=join_request_token(request))


def checked(secretariat, *, member: bool = True) -> JoinRequest:
    request = filed()
    join_request_record_alliance_check(
        viewer=as_viewer(secretariat), request_id=request.pk, is_alliance_member=member, source="Alliance register"
    )
    return request


def text(response) -> str:
    return response.content.decode()


def test_approve_is_not_offered_before_the_alliance_check_records_a_member(secretariat):
    request = filed()
    page = text(client_for(secretariat).get(f"/join-requests/{request.pk}/"))
    assert APPROVE not in page
    assert "Approval is offered once the check above records" in page
    join_request_record_alliance_check(
        viewer=as_viewer(secretariat), request_id=request.pk, is_alliance_member=False, source="Alliance register"
    )
    page = text(client_for(secretariat).get(f"/join-requests/{request.pk}/"))
    assert APPROVE not in page
    assert "Reject the request with a reason" in page


def test_approve_is_offered_after_the_check_and_asks_once_more_saying_what_will_happen(secretariat):
    request = checked(secretariat)
    client = client_for(secretariat)
    assert APPROVE in text(client.get(f"/join-requests/{request.pk}/"))
    response = client.post(f"/join-requests/{request.pk}/approve/")
    assert response.status_code == 200
    page = text(response)
    assert "Approve the request of Deltaland?" in page
    assert "Deltaland becomes an active member of the Taskforce" in page
    assert "Dora Delta (dora@deltaland.example.org), is invited by e-mail to Taskforce Hub as its focal point" in page
    assert f'href="/join-requests/{request.pk}/"' in page  # the way back
    assert 'name="confirmed" value="yes"' in page
    request.refresh_from_db()
    assert request.status == JoinRequest.Status.SUBMITTED
    assert not Member.objects.filter(name="Deltaland").exists()

    response = client.post(f"/join-requests/{request.pk}/approve/", {"confirmed": "yes"})
    assert response["Location"] == f"/join-requests/{request.pk}/"
    assert Member.objects.get(name="Deltaland").status == Member.Status.ACTIVE


def test_an_approval_refused_meanwhile_goes_back_to_the_request_with_the_reason(secretariat):
    request = checked(secretariat)
    client = client_for(secretariat)
    client.post(f"/join-requests/{request.pk}/reject/", {"reason": "Not now.", "confirmed": "yes"})
    response = client.post(f"/join-requests/{request.pk}/approve/", {"confirmed": "yes"}, follow=True)
    assert response.redirect_chain == [(f"/join-requests/{request.pk}/", 302)]
    assert "usa-alert--error" in text(response)
    assert "Rejected" in text(response)
    assert not Member.objects.filter(name="Deltaland").exists()


def test_reject_asks_once_more_carrying_the_reason_and_only_then_rejects(secretariat):
    request = checked(secretariat, member=False)
    client = client_for(secretariat)
    response = client.post(f"/join-requests/{request.pk}/reject/", {"reason": "Join the Alliance first."})
    page = text(response)
    assert "Reject the request of Deltaland?" in page
    assert "“Join the Alliance first.”" in page
    assert "The e-mail adds that the Taskforce is open to government members of the Alliance" in page
    assert '<input type="hidden" name="reason" value="Join the Alliance first.">' in page
    request.refresh_from_db()
    assert request.status == JoinRequest.Status.SUBMITTED

    response = client.post(
        f"/join-requests/{request.pk}/reject/", {"reason": "Join the Alliance first.", "confirmed": "yes"}
    )
    assert response["Location"] == f"/join-requests/{request.pk}/"
    request.refresh_from_db()
    assert request.status == JoinRequest.Status.REJECTED


def test_a_reject_without_reason_is_shown_with_its_error_before_any_confirmation(secretariat):
    request = checked(secretariat)
    response = client_for(secretariat).post(f"/join-requests/{request.pk}/reject/", {"reason": ""})
    assert response.status_code == 422
    assert "Reject the request of Deltaland?" not in text(response)


def test_asking_for_more_is_not_irreversible_and_needs_no_confirmation(secretariat):
    request = checked(secretariat)
    response = client_for(secretariat).post(f"/join-requests/{request.pk}/ask/", {"question": "Which ministry?"})
    assert response["Location"] == f"/join-requests/{request.pk}/"
    request.refresh_from_db()
    assert request.status == JoinRequest.Status.MORE_INFORMATION
    page = text(client_for(secretariat).get(f"/join-requests/{request.pk}/"))
    assert APPROVE not in page
    assert "once the requester has answered" in page


def test_a_decided_request_offers_no_review_step(secretariat):
    request = checked(secretariat)
    client = client_for(secretariat)
    client.post(f"/join-requests/{request.pk}/approve/", {"confirmed": "yes"})
    page = text(client.get(f"/join-requests/{request.pk}/"))
    assert "Record the check" not in page and APPROVE not in page and "Reject with this reason" not in page
    response = client.post(f"/join-requests/{request.pk}/ask/", {"question": "Again?"}, follow=True)
    assert response.redirect_chain == [(f"/join-requests/{request.pk}/", 302)]
    assert "not open for review" in text(response)


def test_a_status_change_says_what_it_does_and_waits_for_the_confirmation(secretariat, member_a, official_a):
    client = client_for(secretariat)
    form = {"status": "withdrawn", "reason": "Left the Alliance", "effective_on": timezone.localdate().isoformat()}
    page = text(client.post("/members/alphaland/status/", form))
    assert "Change the status of Alphaland to Withdrawn?" in page
    assert "Alphaland&#x27;s status changes from Active to Withdrawn" in page
    assert "“Left the Alliance”" in page
    assert "The roles of all its officials, focal point and deputy end that day" in page
    member_a.refresh_from_db()
    assert member_a.status == Member.Status.ACTIVE
    assert Role.objects.get(user=official_a).ends_on is None

    response = client.post("/members/alphaland/status/", {**form, "confirmed": "yes"})
    assert response["Location"] == "/members/alphaland/"
    member_a.refresh_from_db()
    assert member_a.status == Member.Status.WITHDRAWN
    assert Role.objects.get(user=official_a).ends_on is not None


def test_a_suspension_says_officials_keep_reading_and_the_current_status_is_not_offered(secretariat, member_a):
    client = client_for(secretariat)
    page = text(client.get("/members/alphaland/status/"))
    assert '<option value="active"' not in page and '<option value="suspended"' in page
    page = text(client.post("/members/alphaland/status/", {"status": "suspended", "reason": "Dues"}))
    assert "Its officials keep reading their member&#x27;s records but can no longer submit or write." in page


def test_ending_a_role_asks_once_more_and_an_ended_role_offers_no_end(focal_point_a, official_a, secretariat):
    role = Role.objects.get(user=official_a)
    client = client_for(focal_point_a)
    url = f"/members/alphaland/people/{role.pk}/end/"
    assert url in text(client.get("/members/alphaland/people/"))
    page = text(client.post(url))
    assert "End the role of Olga Official?" in page
    assert "Olga Official is no longer Member official of Alphaland" in page
    role.refresh_from_db()
    assert role.ends_on is None

    assert client.post(url, {"confirmed": "yes"})["Location"] == "/members/alphaland/people/"
    role.refresh_from_db()
    assert role.ends_on == timezone.localdate()
    role.starts_on = role.ends_on - datetime.timedelta(days=3)
    role.save(update_fields=["starts_on"])
    assert url not in text(client.get("/members/alphaland/people/"))
    assert client.post(url, {"confirmed": "yes"}).status_code == 404  # an ended role is the secretariat's
    response = client_for(secretariat).post(url, {"confirmed": "yes"}, follow=True)
    assert response.redirect_chain == [("/members/alphaland/people/", 302)]
    assert "This role has already ended." in text(response)


def test_withdrawing_an_invitation_asks_once_more_then_the_link_stops_working(secretariat, member_a):
    invitation, _token = invitation_create(
        viewer=as_viewer(secretariat), email="new@alphaland.example.org", kind=Role.Kind.OFFICIAL, member=member_a
    )
    client = client_for(secretariat)
    page = text(client.post(f"/invitations/{invitation.pk}/revoke/"))
    assert "Withdraw the invitation of new@alphaland.example.org?" in page
    assert "Invited as: Member official, Alphaland." in page
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
    assert client.post(f"/invitations/{invitation.pk}/revoke/", {"confirmed": "yes"})["Location"] == "/invitations/"
    invitation.refresh_from_db()
    assert invitation.state == "revoked"
    assert f"/invitations/{invitation.pk}/revoke/" not in text(client.get("/invitations/"))


def test_others_get_no_confirmation_page_for_steps_they_may_not_take(official_b, member_a, secretariat):
    request = checked(secretariat)
    invitation, _token = invitation_create(
        viewer=as_viewer(secretariat), email="x@alphaland.example.org", kind=Role.Kind.OFFICIAL, member=member_a
    )
    client = client_for(official_b)
    assert client.post(f"/join-requests/{request.pk}/approve/").status_code == 404
    assert client.post("/members/alphaland/status/", {"status": "suspended", "reason": "x"}).status_code == 404
    assert client.post(f"/invitations/{invitation.pk}/revoke/").status_code == 404
    assert Invitation.objects.get(pk=invitation.pk).revoked_at is None
