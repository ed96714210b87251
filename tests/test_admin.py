"""The Django admin is for administrators with a second factor; everyone else gets 404."""

from __future__ import annotations

from django.contrib import admin

from conftest import client_for
from conftest import make_person
from hub.members.models import MemberNote
from hub.members.models import Role


def test_administrator_opens_the_admin_and_the_user_list(administrator):
    client = client_for(administrator)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/accounts/user/").status_code == 200


def test_secretariat_gets_not_found_from_the_admin(secretariat):
    assert client_for(secretariat).get("/admin/").status_code == 404
    assert client_for(secretariat).get("/admin/accounts/user/").status_code == 404


def test_anonymous_gets_not_found_from_the_admin_and_its_login(db):
    assert client_for(None).get("/admin/").status_code == 404
    assert client_for(None).get("/admin/login/").status_code == 404


def test_an_administrator_without_second_factor_gets_no_admin(db):
    user = make_person("noadmin@example.org", Role.Kind.ADMINISTRATOR, mfa=False)
    response = client_for(user).get("/admin/")
    assert response.status_code in (302, 404)
    assert response.status_code != 200


def test_confidential_models_are_not_registered():
    assert not admin.site.is_registered(MemberNote)


def test_roles_are_read_only_in_the_admin(administrator):
    from hub.core.viewer import viewer_for

    client = client_for(administrator)
    page = client.get(f"/admin/accounts/user/{administrator.pk}/change/").content.decode()
    assert "Administrator" in page
    client.post(
        f"/admin/accounts/user/{administrator.pk}/change/",
        {
            "email": administrator.email,
            "full_name": "x",
            "is_active": "on",
            "roles-TOTAL_FORMS": "1",
            "roles-INITIAL_FORMS": "0",
            "roles-0-kind": "secretariat",
            "roles-0-starts_on": "2024-01-01",
        },
    )
    assert not viewer_for(administrator).is_secretariat
