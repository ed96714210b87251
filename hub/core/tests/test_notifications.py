"""Notifications mirror what was e-mailed: recorded with each e-mail, listed on /notifications/ and in the
API, marked read one by one or all at once, each person's alone."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.db import transaction

from conftest import as_viewer
from conftest import client_for
from hub.core.errors import NotFound
from hub.core.models import Notification
from hub.core.selectors import notifications_unread_count
from hub.core.services import first_link
from hub.core.services import notification_mark_read
from hub.core.services import notifications_mark_all_read
from hub.core.tasks import email_after_commit


def send(to, subject="Report due", body="Your report is due. Open https://hub.example.org/reporting/reports/7/."):
    email_after_commit(to=to, subject=subject, body=body)


def test_every_e_mail_to_a_person_with_an_account_is_kept_as_a_notification(
    official_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send([official_a.email.upper(), "someone@elsewhere.example.org"])
    assert len(mail.outbox) == 1
    [n] = Notification.objects.all()
    assert n.user == official_a
    assert n.subject == "Report due"
    assert n.body_text.startswith("Your report is due.")
    assert n.link_url == "https://hub.example.org/reporting/reports/7/"
    assert n.read_at is None
    assert "reports/7" not in n.sealed_body  # stored encrypted, like the queued e-mail


def test_a_rolled_back_write_leaves_no_notification(official_a):
    with pytest.raises(RuntimeError), transaction.atomic():
        send([official_a.email])
        raise RuntimeError("the write fails")
    assert not Notification.objects.exists()


def test_a_notification_is_audited(official_a):
    send([official_a.email])
    n = Notification.objects.get()
    entry = LogEntry.objects.get_for_object(n).get()
    assert entry.action == LogEntry.Action.CREATE
    assert "sealed_body" not in entry.changes_dict


def test_the_first_link_of_a_message_is_its_link():
    assert first_link("See https://x.example.org/a/b/. Then go.") == "https://x.example.org/a/b/"
    assert first_link("No link here") == ""


def test_the_page_lists_ones_own_notifications_newest_first(official_a, official_b):
    send([official_a.email], subject="First")
    send([official_a.email], subject="Second")
    send([official_b.email], subject="Not yours")
    page = client_for(official_a).get("/notifications/").content.decode()
    assert page.index("Second") < page.index("First")
    assert "Not yours" not in page
    assert "2 are unread." in page
    assert 'href="https://hub.example.org/reporting/reports/7/"' in page


def test_the_page_needs_a_signed_in_person(db):
    response = client_for(None).get("/notifications/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_mark_one_as_read_then_all(official_a):
    send([official_a.email], subject="One")
    send([official_a.email], subject="Two")
    one, two = Notification.objects.order_by("pk")
    client = client_for(official_a)
    response = client.post(f"/notifications/{one.pk}/read/", {"page": "1"})
    assert response.status_code == 302
    assert response["Location"] == "/notifications/"
    one.refresh_from_db()
    assert one.read_at is not None
    assert notifications_unread_count(viewer=as_viewer(official_a)) == 1
    assert "You have 1 unread notification." in client.get("/dashboard/").content.decode()
    client.post("/notifications/read/")
    two.refresh_from_db()
    assert two.read_at is not None
    assert notifications_unread_count(viewer=as_viewer(official_a)) == 0
    assert LogEntry.objects.get_for_object(two).filter(action=LogEntry.Action.UPDATE).exists()


def test_another_persons_notification_answers_404(official_a, official_b):
    send([official_b.email])
    theirs = Notification.objects.get()
    assert client_for(official_a).post(f"/notifications/{theirs.pk}/read/").status_code == 404
    with pytest.raises(NotFound):
        notification_mark_read(viewer=as_viewer(official_a), notification_id=theirs.pk)
    assert notifications_mark_all_read(viewer=as_viewer(official_a)) == 0
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_read_is_post_only(official_a):
    send([official_a.email])
    n = Notification.objects.get()
    assert client_for(official_a).get(f"/notifications/{n.pk}/read/").status_code == 405


def test_the_page_is_paginated(official_a):
    for i in range(25):
        send([official_a.email], subject=f"Message {i:02d}")
    client = client_for(official_a)
    first = client.get("/notifications/").content.decode()
    assert "Message 24" in first
    assert "Message 04" not in first
    assert "Page 1 of 2" in first
    assert "Message 04" in client.get("/notifications/?page=2").content.decode()


# --- the API ---------------------------------------------------------------------------------


def test_the_api_lists_ones_own_notifications(official_a, official_b):
    send([official_a.email], subject="Mine")
    send([official_b.email], subject="Theirs")
    body = client_for(official_a).get("/api/v1/notifications").json()
    assert body["count"] == 1
    [item] = body["items"]
    assert item["subject"] == "Mine"
    assert item["link"] == "https://hub.example.org/reporting/reports/7/"
    assert item["read_at"] is None


def test_the_api_needs_a_person(db):
    response = client_for(None).get("/api/v1/notifications")
    assert response.status_code == 401


def test_the_api_marks_ones_own_notification_read_and_hides_anothers(official_a, official_b):
    send([official_a.email])
    send([official_b.email])
    mine = Notification.objects.get(user=official_a)
    theirs = Notification.objects.get(user=official_b)
    client = client_for(official_a)
    response = client.post(f"/api/v1/notifications/{mine.pk}/read")
    assert response.status_code == 200
    assert response.json()["read_at"] is not None
    assert client.post(f"/api/v1/notifications/{theirs.pk}/read").status_code == 404
