"""Good-practice pages: the public list and page, writing, the review steps, the dashboard panels."""

from __future__ import annotations

import pytest

from conftest import as_viewer
from conftest import client_for
from conftest import discouraged_term
from hub.core import registry
from hub.core.concurrency import version_of
from hub.core.registry import TextWarning
from hub.knowledge.models import Document
from hub.knowledge.models import GoodPractice
from hub.knowledge.services.practices import PracticeInput
from hub.knowledge.services.practices import practice_update
from hub.knowledge.tests.test_practices_helpers import commitments
from hub.knowledge.tests.test_practices_helpers import draft
from hub.knowledge.tests.test_practices_helpers import published
from hub.knowledge.tests.test_practices_helpers import submitted

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _commitments(db):
    commitments()


def test_the_public_finds_a_published_french_practice_and_opens_it_without_signing_in(official_a, member_a):
    official = as_viewer(official_a)
    doc = Document.objects.create(title="Guide du signalement", visibility="public", file="g.pdf", language="fr")
    hidden = Document.objects.create(title="SECRET-DOC", visibility="secretariat", file="s.pdf")
    practice = published(official, member_a, "Bonnes pratiques : le signalement", language="fr", visibility="public")
    GoodPractice.documents.through.objects.bulk_create(
        [
            GoodPractice.documents.through(goodpractice_id=practice.pk, document_id=doc.pk),
            GoodPractice.documents.through(goodpractice_id=practice.pk, document_id=hidden.pk),
        ]
    )
    draft(official, member_a, "DRAFT-MARK")
    anonymous = client_for(None)
    listing = anonymous.get("/good-practices/?language=fr")
    assert listing.status_code == 200
    text = listing.content.decode()
    assert "Bonnes pratiques : le signalement" in text and "DRAFT-MARK" not in text
    page = anonymous.get(f"/good-practices/{practice.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Guide du signalement" in body and "SECRET-DOC" not in body
    assert "CSEA Hotline" in body and "Societal" in body  # capability in words, with its domain
    assert "French" in body and "Review status" not in body
    assert "Synthetic demo data" in body  # the member is synthetic


def test_a_draft_is_404_for_another_member_and_the_public(official_a, official_b, member_a):
    practice = draft(as_viewer(official_a), member_a)
    assert client_for(official_b).get(f"/good-practices/{practice.pk}/").status_code == 404
    assert client_for(None).get(f"/good-practices/{practice.pk}/").status_code == 404
    assert client_for(official_a).get(f"/good-practices/{practice.pk}/").status_code == 200
    assert client_for(official_b).get(f"/good-practices/{practice.pk}/edit/").status_code == 404
    assert client_for(official_b).post(f"/good-practices/{practice.pk}/submit/").status_code == 404
    assert "A national hotline" not in client_for(official_b).get("/good-practices/").content.decode()
    exported = client_for(official_b).get("/good-practices/export.csv").content.decode()
    assert "A national hotline" not in exported
    assert "A national hotline" in client_for(official_a).get("/good-practices/export.csv").content.decode()


def test_an_official_writes_a_practice_sees_the_terminology_warning_and_submits_it(official_a, member_a, monkeypatch):
    term = discouraged_term()
    warning = TextWarning(found=term, preferred="child sexual abuse material", why="w", source="s")
    monkeypatch.setitem(registry._text_checks, "test", lambda text: [warning] if term in text else [])
    client = client_for(official_a)
    assert client.get("/good-practices/new/").status_code == 200
    response = client.post(
        "/good-practices/new/",
        {
            "member": member_a.pk,
            "title": "Hotline",
            "summary": f"We remove {term} quickly.",
            "language": "en",
            "visibility": "public",
            "commitments": ["7"],
            "capabilities": ["mnr-2016/12"],
        },
        follow=True,
    )
    assert response.status_code == 200
    practice = GoodPractice.objects.get(title="Hotline")
    assert practice.status == "draft"
    assert "Terminology" in response.content.decode()
    response = client.post(f"/good-practices/{practice.pk}/submit/", follow=True)
    practice.refresh_from_db()
    assert practice.status == "submitted"
    assert client_for(None).get("/good-practices/new/").status_code == 302  # to sign in


def test_a_page_edit_over_a_newer_version_is_refused(official_a, focal_point_a, member_a):
    practice = draft(as_viewer(official_a), member_a)
    client = client_for(official_a)
    form = {
        "title": "Mine",
        "summary": "s",
        "language": "en",
        "visibility": "taskforce",
        "row_version": version_of(practice),
    }
    practice_update(viewer=as_viewer(focal_point_a), practice_id=practice.pk, data=PracticeInput(title="Theirs"))
    response = client.post(f"/good-practices/{practice.pk}/edit/", form)
    assert response.status_code == 422
    assert "changed by someone else" in response.content.decode()
    practice.refresh_from_db()
    assert practice.title == "Theirs"
    form["row_version"] = version_of(practice)
    assert client.post(f"/good-practices/{practice.pk}/edit/", form).status_code == 302


def test_the_secretariat_publishes_after_confirming_and_returns_with_a_note(official_a, secretariat, member_a):
    first = submitted(as_viewer(official_a), member_a, "First")
    second = submitted(as_viewer(official_a), member_a, "Second")
    client = client_for(secretariat)
    page = client.get(f"/good-practices/{first.pk}/").content.decode()
    assert "Publish" in page and "Return to the member" in page
    asked = client.post(f"/good-practices/{first.pk}/publish/", {"publish-note": "ok"})
    assert asked.status_code == 200 and "Publish “First”?" in asked.content.decode()
    first.refresh_from_db()
    assert first.status == "submitted"
    client.post(f"/good-practices/{first.pk}/publish/", {"publish-note": "ok", "confirmed": "yes"})
    first.refresh_from_db()
    assert first.status == "published" and first.review_note == "ok"
    refused = client.post(f"/good-practices/{second.pk}/return/", {"return-note": ""})
    assert refused.status_code == 422
    client.post(f"/good-practices/{second.pk}/return/", {"return-note": "Add figures"})
    second.refresh_from_db()
    assert second.status == "returned"
    assert "Add figures" in client_for(official_a).get(f"/good-practices/{second.pk}/").content.decode()
    assert client_for(official_a).post(f"/good-practices/{first.pk}/publish/").status_code == 404


def test_a_published_practice_is_withdrawn_after_confirming(official_a, official_b, member_a):
    practice = published(as_viewer(official_a), member_a, visibility="public")
    client = client_for(official_a)
    assert "Withdraw" in client.post(f"/good-practices/{practice.pk}/withdraw/").content.decode()
    assert client_for(official_b).post(f"/good-practices/{practice.pk}/withdraw/").status_code == 404
    client.post(f"/good-practices/{practice.pk}/withdraw/", {"confirmed": "yes"})
    practice.refresh_from_db()
    assert practice.status == "withdrawn"
    assert client_for(None).get(f"/good-practices/{practice.pk}/").status_code == 404
    stale = client.post(f"/good-practices/{practice.pk}/withdraw/", {"confirmed": "yes"}, follow=True)
    assert "already withdrawn" in stale.content.decode()


def test_the_dashboard_shows_the_secretariat_what_awaits_review_and_officials_what_came_back(
    official_a, official_b, secretariat, member_a
):
    waiting = submitted(as_viewer(official_a), member_a, "Waiting practice")
    draft(as_viewer(official_a), member_a, "Unfinished practice")
    sec = client_for(secretariat).get("/dashboard/").content.decode()
    assert "1 good practice awaits review" in sec and f"/good-practices/{waiting.pk}/" in sec
    own = client_for(official_a).get("/dashboard/").content.decode()
    assert "Unfinished practice" in own and "awaits review" not in own
    other = client_for(official_b).get("/dashboard/").content.decode()
    assert "Unfinished practice" not in other and "Waiting practice" not in other


def test_the_list_filters_and_pages_keep_their_query(official_a, member_a):
    published(as_viewer(official_a), member_a, "PRACTICE-ONE", commitments=[7], capabilities=["mnr-2016/12"])
    published(as_viewer(official_a), member_a, "PRACTICE-TWO", commitments=[6], capabilities=["mnr-2016/13"])
    client = client_for(official_a)
    text = client.get("/good-practices/?commitment=6").content.decode()
    assert "PRACTICE-TWO" in text and "PRACTICE-ONE" not in text
    text = client.get("/good-practices/?capability=mnr-2016/12").content.decode()
    assert "PRACTICE-ONE" in text and "PRACTICE-TWO" not in text
    text = client.get(f"/good-practices/?member={member_a.slug}&commitment=99").content.decode()
    assert "PRACTICE-ONE" in text and "PRACTICE-TWO" in text  # an unknown filter value is ignored
