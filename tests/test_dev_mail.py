"""Mail in development: DEBUG writes every mail to files, /dev/mail/ lists them newest first and shows
each with its links clickable; without DEBUG the pages answer 404 and production never routes them."""

from __future__ import annotations

import importlib

import pytest
from django.core.mail import EmailMessage
from django.test import override_settings
from django.urls import clear_url_caches
from django.urls import reverse

from conftest import ROOT
from conftest import client_for
from conftest import run_manage
from hub.core import dev_mail
from taskforce import urls as project_urls

# Pages under test: the project's routes and the development ones (taskforce/urls.py adds them only
# when DEBUG is on at start-up).
urlpatterns = [*project_urls.urlpatterns, *dev_mail.urlpatterns]
FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"


@pytest.fixture
def mail_files(settings, tmp_path):
    settings.EMAIL_BACKEND = FILE_BACKEND
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    return tmp_path / "mail"


def send(subject: str, body: str, to: str = "dora@deltaland.example.org") -> None:
    EmailMessage(subject=subject, body=body, to=[to]).send()


@pytest.mark.urls(__name__)
def test_the_list_shows_every_sent_mail_newest_first(db, mail_files, settings):
    settings.DEBUG = True
    send("First", "Hello")
    send("Second", "Open https://hub.example.org/join/abc/ to confirm.")
    page = client_for(None).get("/dev/mail/").content.decode()
    assert page.index("Second") < page.index("First")
    assert "dora@deltaland.example.org" in page


@pytest.mark.urls(__name__)
def test_a_mail_is_shown_with_its_links_clickable(db, mail_files, settings):
    settings.DEBUG = True
    send("Confirm your request", "Open https://hub.example.org/join/abc/ to confirm.")
    [mail] = dev_mail.mails()
    page = client_for(None).get(reverse("dev_mail_message", args=[mail.file, mail.index])).content.decode()
    assert '<a href="https://hub.example.org/join/abc/"' in page
    assert "Confirm your request" in page


@pytest.mark.urls(__name__)
def test_a_file_outside_the_mail_folder_answers_404(db, mail_files, settings):
    settings.DEBUG = True
    send("x", "y")
    client = client_for(None)
    assert client.get("/dev/mail/..%2Fsecret.log/0/").status_code == 404
    assert client.get("/dev/mail/missing.log/0/").status_code == 404
    [mail] = dev_mail.mails()
    assert client.get(f"/dev/mail/{mail.file}/9/").status_code == 404


@pytest.mark.urls(__name__)
def test_without_debug_the_pages_answer_404(db, mail_files, settings):
    settings.DEBUG = False
    send("x", "y")
    [mail] = dev_mail.mails()
    client = client_for(None)
    assert client.get("/dev/mail/").status_code == 404
    assert client.get(f"/dev/mail/{mail.file}/0/").status_code == 404


def test_production_never_routes_the_mail_pages(db):
    assert "/dev/mail/" not in [str(p.pattern) for p in project_urls.urlpatterns]
    assert client_for(None).get("/dev/mail/").status_code == 404


def test_debug_routes_the_mail_pages():
    with override_settings(DEBUG=True):
        debug_urls = importlib.reload(project_urls)
        routed = [getattr(p, "urlconf_name", None) for p in debug_urls.urlpatterns]
    importlib.reload(project_urls)
    clear_url_caches()
    assert dev_mail in routed or "hub.core.dev_mail" in routed


def test_debug_writes_mail_to_files_unless_told_otherwise():
    env = {"PATH": "/usr/bin:/bin", "DEBUG": "true", "DJANGO_SETTINGS_MODULE": "taskforce.settings"}
    code = "from django.conf import settings; print(settings.EMAIL_BACKEND)"
    assert run_manage("shell", "-c", code, env=env, cwd=ROOT).stdout.strip().endswith(FILE_BACKEND)
    env["EMAIL_BACKEND"] = "django.core.mail.backends.smtp.EmailBackend"
    assert run_manage("shell", "-c", code, env=env, cwd=ROOT).stdout.strip().endswith("smtp.EmailBackend")
