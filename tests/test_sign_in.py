"""Sign-in: password, then a second factor; wrong input gets a clear message and is audited."""

from __future__ import annotations

import time
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value
from allauth.mfa.totp.internal.auth import hotp_value
from allauth.mfa.utils import decrypt
from auditlog.models import LogEntry
from django.core.cache import cache
from django.test import Client

from conftest import PASSWORD
from conftest import client_for
from conftest import make_person
from hub.members.models import Role


def current_code(user, offset: int = 0) -> str:
    auth = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    return format_hotp_value(hotp_value(decrypt(auth.data["secret"]), int(time.time()) // 30 + offset))


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def sign_in_with_password(client: Client, email: str, password: str = PASSWORD):
    return client.post("/accounts/login/", {"login": email, "password": password})


def test_secretariat_signs_in_with_password_and_totp_and_reaches_the_dashboard(secretariat):
    client = Client()
    response = sign_in_with_password(client, secretariat.email)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    response = client.post("/accounts/2fa/authenticate/", {"code": current_code(secretariat)})
    assert response.status_code == 302
    assert client.get("/dashboard/").status_code == 200
    assert LogEntry.objects.filter(object_pk=str(secretariat.pk), additional_data__event="signed_in").exists()


def test_a_wrong_password_is_refused_with_a_message_and_audited(secretariat):
    response = sign_in_with_password(Client(), secretariat.email, "wrong-password")
    assert response.status_code == 200
    assert "not correct" in response.content.decode()
    assert LogEntry.objects.filter(object_pk=str(secretariat.pk), additional_data__event="sign_in_failed").exists()


def test_a_wrong_totp_code_is_refused_and_audited(secretariat):
    client = Client()
    sign_in_with_password(client, secretariat.email)
    wrong = "000000" if current_code(secretariat) != "000000" else "111111"
    response = client.post("/accounts/2fa/authenticate/", {"code": wrong})
    assert response.status_code == 200
    assert "Incorrect code" in response.content.decode()
    assert LogEntry.objects.filter(
        object_pk=str(secretariat.pk), additional_data__event="second_factor_failed"
    ).exists()
    assert client.get("/dashboard/").status_code == 302


def test_a_totp_code_cannot_be_used_twice(secretariat):
    code = current_code(secretariat)
    first = Client()
    sign_in_with_password(first, secretariat.email)
    assert first.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 302
    second = Client()
    sign_in_with_password(second, secretariat.email)
    response = second.post("/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 200
    assert second.get("/dashboard/").status_code == 302


def after_five_failed_passwords(settings: Any, email: str) -> Client:
    """A client, with the lock-out on, that has given five wrong passwords for this address."""
    settings.AXES_ENABLED = True
    client = Client()
    for _ in range(5):
        sign_in_with_password(client, email, "wrong-password")
    return client


def test_five_failed_passwords_lock_the_account_from_that_address(secretariat, settings):
    client = after_five_failed_passwords(settings, secretariat.email)
    response = sign_in_with_password(client, secretariat.email)
    assert response.status_code == 429
    assert "Too many failed attempts" in response.content.decode()


def test_a_signed_in_person_without_second_factor_is_sent_to_set_one_up(member_a):
    user = make_person("new@example.org", Role.Kind.OFFICIAL, member_a, mfa=False)
    client = Client()
    assert sign_in_with_password(client, user.email).status_code == 302
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    # allauth asks for the password once more before an authenticator is added (reauthentication).
    response = client.post("/accounts/reauthenticate/?next=/accounts/2fa/totp/activate/", {"password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/accounts/2fa/totp/activate/").status_code == 200
    assert client.get("/members/").status_code == 200
    assert client.get("/audit/").status_code == 302


def test_there_is_no_public_sign_up(db):
    response = Client().get("/accounts/signup/")
    assert "closed" in response.content.decode().lower()


def test_a_password_only_session_gains_nothing_when_the_account_later_gets_an_authenticator(member_a):
    from allauth.mfa.totp.internal.auth import TOTP
    from allauth.mfa.totp.internal.auth import generate_totp_secret

    user = make_person("late@example.org", Role.Kind.OFFICIAL, member_a, mfa=False)
    attacker = Client()
    assert sign_in_with_password(attacker, user.email).status_code == 302
    TOTP.activate(user, generate_totp_secret())  # the real person enrols in their own browser
    response = attacker.get("/dashboard/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert attacker.get("/api/v1/me").json()["authenticated"] is False


def test_five_failures_on_one_account_do_not_lock_another_from_the_same_address(secretariat, official_a, settings):
    client = after_five_failed_passwords(settings, secretariat.email)
    response = sign_in_with_password(client, official_a.email)
    assert response.status_code == 302


def test_e_mail_addresses_cannot_be_changed_by_their_owner(official_a):
    assert client_for(official_a).get("/accounts/email/").status_code == 404


# --- the keyboard: the field that matters first, "Forgot your password?" after the password ----------


def input_tag(page: str, element_id: str) -> str:
    """The <input ...> tag with this id, as the page has it."""
    at = page.index(f'id="{element_id}"')
    return page[page.rindex("<input", 0, at) : page.index(">", at) + 1]


def test_the_sign_in_page_opens_with_the_focus_in_the_email_field(db):
    page = Client().get("/accounts/login/").content.decode()
    assert "autofocus" in input_tag(page, "id_login")
    assert page.count("autofocus") == 1


def test_forgot_your_password_comes_after_the_password_field(db):
    page = Client().get("/accounts/login/").content.decode()
    email = page.index('id="id_login"')
    password = page.index('id="id_password"')
    forgot = page.index("Forgot your password?")
    assert email < password < forgot
    assert 'aria-describedby="id_password_helptext"' in input_tag(page, "id_password")  # it still names its hint


def test_after_a_wrong_password_the_form_still_opens_on_the_email_field(secretariat):
    page = sign_in_with_password(Client(), secretariat.email, "wrong-password").content.decode()
    assert "not correct" in page
    assert "autofocus" in input_tag(page, "id_login")
    assert page.count("autofocus") == 1


def test_the_second_factor_step_opens_with_the_focus_in_the_code_field(secretariat):
    client = Client()
    sign_in_with_password(client, secretariat.email)
    page = client.get("/accounts/2fa/authenticate/").content.decode()
    assert "autofocus" in input_tag(page, "id_code")
    assert page.count("autofocus") == 1
