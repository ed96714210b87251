"""The error pages. The 500 page is a static template: it reads no database, user or session."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import RequestFactory
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from conftest import client_for
from hub.core.handlers import server_error


def untouchable(what: str) -> SimpleLazyObject:
    """An attribute the handler must not read: reading it fails the test (pytest.fail is no Exception)."""
    return SimpleLazyObject(lambda: pytest.fail(f"the 500 handler read the {what}"))


def test_the_500_page_is_rendered_without_database_user_or_session(db, django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = untouchable("user")
    request.session = untouchable("session")
    with django_assert_num_queries(0):
        response = server_error(request)
    page = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="en">' in page
    assert "<title>Server error | Taskforce Hub</title>" in page
    assert "<h1>Server error</h1>" in page
    assert '<a href="/">Go to the home page</a>' in page
    assert "css/hub.css" in page


def test_the_500_page_speaks_the_language_of_the_request():
    with translation.override("fr"):
        page = server_error(RequestFactory().get("/")).content.decode()
    assert '<html lang="fr">' in page
    assert "<h1>Erreur du serveur</h1>" in page


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["anonymous", "secretariat"])
def test_the_500_page_is_served_when_the_database_is_unusable(persona, request):
    client = client_for(request.getfixturevalue(persona))  # signed in before the database goes
    client.raise_request_exception = False
    down = OperationalError("the database is down")
    with mock.patch.object(BaseDatabaseWrapper, "_cursor", side_effect=down):
        response = client.get("/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "<h1>Server error</h1>" in page
    assert "css/hub.css" in page  # the template, not the plain fallback
