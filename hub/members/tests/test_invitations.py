"""Invitations: the secretariat invites an e-mail to a role; the link works once within 7 days."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from conftest import as_viewer
from conftest import client_for
from hub.accounts.models import User
from hub.core.errors import Conflict
from hub.core.errors import NotFound
from hub.core.errors import PermissionDenied
from hub.core.errors import ValidationFailed
from hub.members.models import Invitation
from hub.members.models import Role
from hub.members.services import invitation_accept
from hub.members.services import invitation_create


def invite(secretariat, member, email="new.official@alphaland.example.org", kind=Role.Kind.OFFICIAL):
    return invitation_create(viewer=as_viewer(secretariat), email=email, kind=kind, member=member)


def test_secretariat_invites_and_the_invitee_receives_a_one_time_link(
    secretariat, member_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(secretariat).post(
            "/invitations/", {"email": "new@alphaland.example.org", "kind": "official", "member": member_a.pk}
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http\S+/invitations/accept/(\S+)/", mail.outbox[0].body)
    assert link is not None
    invitation = Invitation.objects.get()
    assert invitation.token_hash != link.group(1)


def test_the_invitee_accepts_sets_a_password_and_is_sent_to_second_factor_setup(secretariat, member_a):
    _invitation, token = invite(secretariat, member_a)
    client = Client()
    assert client.get(f"/invitations/accept/{token}/").status_code == 200
    response = client.post(
        f"/invitations/accept/{token}/",
        {"full_name": "New Official", "password1": "a-long-new-password-1", "password2": "a-long-new-password-1"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    user = User.objects.get(email="new.official@alphaland.example.org")
    assert user.roles.get().member == member_a
    # Without a second factor the new official is still only anonymous to the policy layer.
    assert not as_viewer(user).is_authenticated


def test_a_used_invitation_cannot_be_used_again(secretariat, member_a):
    _invitation, token = invite(secretariat, member_a)
    invitation_accept(token=token, full_name="A", password="a-long-new-password-1")
    response = Client().get(f"/invitations/accept/{token}/")
    assert response.status_code == 409
    assert "already been used" in response.content.decode()


def test_an_expired_invitation_is_refused(secretariat, member_a):
    _invitation, token = invite(secretariat, member_a)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=7, minutes=1)):
        response = Client().get(f"/invitations/accept/{token}/")
    assert response.status_code == 409
    assert "expired" in response.content.decode()


def test_an_unknown_invitation_link_is_not_found(db):
    response = Client().get("/invitations/accept/not-a-token/")
    assert response.status_code == 404


def test_mismatched_passwords_name_the_field_and_create_nothing(secretariat, member_a):
    _invitation, token = invite(secretariat, member_a)
    response = Client().post(
        f"/invitations/accept/{token}/",
        {"full_name": "X", "password1": "a-long-new-password-1", "password2": "different-password-22"},
    )
    assert response.status_code == 422
    assert "The two passwords differ" in response.content.decode()
    assert not User.objects.filter(email="new.official@alphaland.example.org").exists()


def test_a_weak_password_is_refused_with_the_reason(secretariat, member_a):
    _invitation, token = invite(secretariat, member_a)
    with pytest.raises(ValidationFailed) as exc:
        invitation_accept(token=token, full_name="X", password="short")
    assert exc.value.problems[0].field == "password1"


def test_a_member_role_needs_a_member(secretariat):
    with pytest.raises(ValidationFailed) as exc:
        invitation_create(viewer=as_viewer(secretariat), email="x@example.org", kind=Role.Kind.OFFICIAL)
    assert exc.value.problems[0].field == "member"


def test_a_secretariat_role_takes_no_member(secretariat, member_a):
    with pytest.raises(ValidationFailed) as exc:
        invite(secretariat, member_a, kind=Role.Kind.SECRETARIAT)
    assert exc.value.problems[0].field == "member"


def test_a_member_official_cannot_invite(official_a, member_a):
    with pytest.raises(PermissionDenied):
        invite(official_a, member_a)
    assert client_for(official_a).get("/invitations/").status_code == 404


def test_only_an_administrator_may_invite_an_administrator(secretariat, administrator):
    with pytest.raises(PermissionDenied):
        invitation_create(viewer=as_viewer(secretariat), email="a@example.org", kind=Role.Kind.ADMINISTRATOR)
    invitation, _token = invitation_create(
        viewer=as_viewer(administrator), email="a@example.org", kind=Role.Kind.ADMINISTRATOR
    )
    assert invitation.kind == Role.Kind.ADMINISTRATOR


def test_focal_point_sees_their_members_invitations_but_not_others(secretariat, member_a, member_b, focal_point_a):
    invite(secretariat, member_a, email="for-a@example.org")
    invite(secretariat, member_b, email="for-b@example.org")
    page = client_for(focal_point_a).get("/invitations/").content.decode()
    assert "for-a@example.org" in page
    assert "for-b@example.org" not in page


def test_secretariat_withdraws_an_invitation_and_the_link_stops_working(secretariat, member_a):
    invitation, token = invite(secretariat, member_a)
    response = client_for(secretariat).post(f"/invitations/{invitation.pk}/revoke/", {"confirmed": "yes"})
    assert response.status_code == 302
    with pytest.raises(Conflict):
        invitation_accept(token=token, full_name="X", password="a-long-new-password-1")


def test_another_members_official_cannot_withdraw_an_invitation(secretariat, member_a, official_b):
    invitation, _token = invite(secretariat, member_a)
    assert client_for(official_b).post(f"/invitations/{invitation.pk}/revoke/").status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_accepting_while_signed_in_as_someone_else_is_refused(secretariat, member_a, official_b):
    _invitation, token = invite(secretariat, member_a)
    with pytest.raises(ValidationFailed):
        invitation_accept(token=token, full_name="", password="", existing_user=official_b)
    with pytest.raises(NotFound):
        invitation_accept(token="nope", full_name="", password="")


def test_after_accepting_the_invitee_sets_up_totp_without_retyping_the_password(secretariat, member_a):
    _invitation, token = invite(secretariat, member_a)
    client = Client()
    client.post(
        f"/invitations/accept/{token}/",
        {"full_name": "New Official", "password1": "a-long-new-password-1", "password2": "a-long-new-password-1"},
    )
    response = client.get("/accounts/2fa/totp/activate/")
    assert response.status_code == 200
    assert "Authenticator" in response.content.decode()
