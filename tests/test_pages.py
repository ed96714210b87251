"""The shared layout: languages, landmarks, security headers."""

from __future__ import annotations

from django.test import Client


def test_pages_switch_to_french_and_spanish(db):
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/members/"})
    assert response.status_code == 302
    page = client.get("/members/").content.decode()
    assert '<html lang="fr">' in page
    assert "Membres" in page
    client.post("/i18n/setlang/", {"language": "es", "next": "/"})
    assert '<html lang="es">' in client.get("/").content.decode()


def test_every_page_has_a_skip_link_landmarks_and_a_title(db):
    page = Client().get("/").content.decode()
    assert 'class="usa-skipnav" href="#main-content"' in page
    assert '<main id="main-content"' in page
    assert "<title>" in page
    assert 'aria-label="Main"' in page


def test_responses_carry_a_strict_content_security_policy(db):
    response = Client().get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert "<script>" not in response.content.decode()
    assert "style=" not in response.content.decode()


def test_unknown_addresses_answer_a_friendly_404(db):
    response = Client().get("/no/such/page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_an_oversized_request_is_refused_before_it_is_read(db, settings):
    settings.MAX_REQUEST_BYTES = 1000
    response = Client().post("/join/", {"government": "x" * 5000})
    assert response.status_code == 413


def test_the_public_join_form_is_rate_limited_per_address(db, settings):
    from django.core.cache import cache

    cache.clear()
    settings.JOIN_REQUESTS_PER_HOUR = 2
    client = Client()
    statuses = [client.post("/join/", {"government": ""}).status_code for _ in range(3)]
    assert statuses == [422, 422, 429]
