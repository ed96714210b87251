"""Good practices through the services: write, submit, review, publish, withdraw; races and stale edits;
the selectors the gap views call; the search document; the demo."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.core import mail

from conftest import as_viewer
from conftest import race
from hub.core import registry
from hub.core.concurrency import version_of
from hub.core.errors import Conflict
from hub.core.errors import NotFound
from hub.core.errors import ValidationFailed
from hub.core.viewer import ANONYMOUS
from hub.core.viewer import SYSTEM
from hub.knowledge.models import Document
from hub.knowledge.models import GoodPractice
from hub.knowledge.models.practices import STATUSES
from hub.knowledge.selectors.practices import PracticeFilters
from hub.knowledge.selectors.practices import capabilities
from hub.knowledge.selectors.practices import practice_documents
from hub.knowledge.selectors.practices import practice_list
from hub.knowledge.selectors.practices import practices_awaiting_review
from hub.knowledge.selectors.practices import practices_for_capability
from hub.knowledge.selectors.practices import practices_for_commitment
from hub.knowledge.selectors.practices import practices_to_finish
from hub.knowledge.services.practices import PracticeInput
from hub.knowledge.services.practices import practice_publish
from hub.knowledge.services.practices import practice_return
from hub.knowledge.services.practices import practice_submit
from hub.knowledge.services.practices import practice_update
from hub.knowledge.services.practices import practice_withdraw
from hub.knowledge.tests.test_practices_helpers import commitments
from hub.knowledge.tests.test_practices_helpers import draft
from hub.knowledge.tests.test_practices_helpers import published
from hub.knowledge.tests.test_practices_helpers import submitted

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _commitments(db):
    commitments()


def test_the_capability_table_has_the_21_mnr_capabilities_with_their_domains():
    caps = capabilities()
    assert len(caps) == 21
    assert caps["mnr-2016/12"].name == "CSEA Hotline"
    assert caps["mnr-2016/12"].domain == "Societal"
    assert GoodPractice.Status.values == STATUSES


def test_an_official_submits_the_secretariat_is_told_and_publishes_and_the_member_is_told(
    official_a, focal_point_a, secretariat, member_a, django_capture_on_commit_callbacks
):
    official = as_viewer(official_a)
    practice = draft(official, member_a, visibility="public")
    assert practice.status == "draft" and practice.created_by == official_a
    assert [c.number for c in practice.commitments.all()] == [7]
    assert [t.key for t in practice.capability_tags.all()] == ["mnr-2016/12"]
    with django_capture_on_commit_callbacks(execute=True):
        practice_submit(viewer=official, practice_id=practice.pk)
    assert [m.to for m in mail.outbox] == [[secretariat.email]]
    assert "Good practice to review" in mail.outbox[0].subject
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        practice = practice_publish(viewer=as_viewer(secretariat), practice_id=practice.pk, note="Thanks")
    assert practice.status == "published" and practice.published_at and practice.reviewed_by == secretariat
    assert sorted(m.to[0] for m in mail.outbox) == sorted([focal_point_a.email, official_a.email])
    assert practice in practice_list(viewer=ANONYMOUS)
    assert LogEntry.objects.get_for_object(practice).count() >= 3


def test_a_returned_practice_carries_the_note_is_revised_and_submitted_again(official_a, secretariat, member_a):
    official = as_viewer(official_a)
    practice = submitted(official, member_a)
    with pytest.raises(ValidationFailed) as refused:
        practice_return(viewer=as_viewer(secretariat), practice_id=practice.pk, note="  ")
    assert refused.value.problems[0].field == "note"
    practice = practice_return(viewer=as_viewer(secretariat), practice_id=practice.pk, note="Add the figures.")
    assert practice.status == "returned" and practice.review_note == "Add the figures."
    assert practice in practices_to_finish(viewer=official)
    practice = practice_update(
        viewer=official, practice_id=practice.pk, data=PracticeInput(body="With figures."), version=version_of(practice)
    )
    assert practice_submit(viewer=official, practice_id=practice.pk).status == "submitted"


def test_a_stale_edit_is_refused_and_saves_nothing(official_a, focal_point_a, member_a):
    practice = draft(as_viewer(official_a), member_a)
    seen = version_of(practice)
    practice_update(viewer=as_viewer(focal_point_a), practice_id=practice.pk, data=PracticeInput(title="New"))
    with pytest.raises(Conflict):
        practice_update(
            viewer=as_viewer(official_a), practice_id=practice.pk, data=PracticeInput(summary="Mine"), version=seen
        )
    practice.refresh_from_db()
    assert practice.title == "New" and practice.summary != "Mine"


def test_wrong_input_names_each_field_and_saves_nothing(official_a, member_a):
    official = as_viewer(official_a)
    with pytest.raises(ValidationFailed) as refused:
        draft(
            official,
            member_a,
            title="",
            summary="",
            visibility="secretariat",
            language="de",
            commitments=[12],
            capabilities=["mnr-2016/99"],
            documents=[999999],
            contact_email="not an address",
        )
    fields = {p.field for p in refused.value.problems}
    assert {"title", "summary", "visibility", "language", "commitments", "capabilities", "documents"} <= fields
    assert "contact_email" in fields
    draft(official, member_a, title="Twice")
    with pytest.raises(ValidationFailed) as twice:
        draft(official, member_a, title="Twice")
    assert twice.value.problems[0].field == "title"
    assert GoodPractice.objects.count() == 1


def test_a_step_from_a_state_it_does_not_start_from_is_a_conflict(official_a, secretariat, member_a):
    practice = draft(as_viewer(official_a), member_a)
    with pytest.raises(Conflict):
        practice_publish(viewer=as_viewer(secretariat), practice_id=practice.pk)
    with pytest.raises(Conflict):
        practice_withdraw(viewer=as_viewer(official_a), practice_id=practice.pk)
    practice = published(as_viewer(official_a), member_a, "Other")
    with pytest.raises(Conflict):
        practice_update(viewer=as_viewer(official_a), practice_id=practice.pk, data=PracticeInput(title="x"))
    assert practice_withdraw(viewer=as_viewer(secretariat), practice_id=practice.pk).status == "withdrawn"


def test_denied_personas_are_told_the_practice_does_not_exist(official_a, official_b, secretariat, member_a):
    practice = draft(as_viewer(official_a), member_a)
    shown = published(as_viewer(official_a), member_a, "Shown", visibility="taskforce")
    for step in (
        lambda: practice_submit(viewer=as_viewer(official_b), practice_id=practice.pk),
        lambda: practice_update(viewer=as_viewer(official_b), practice_id=practice.pk, data=PracticeInput(title="x")),
        lambda: practice_withdraw(viewer=as_viewer(official_b), practice_id=shown.pk),
        lambda: practice_publish(viewer=as_viewer(official_a), practice_id=practice.pk),
        lambda: practice_submit(viewer=as_viewer(secretariat), practice_id=practice.pk),
        lambda: draft(as_viewer(official_b), member_a, "Not theirs"),
    ):
        with pytest.raises(NotFound):
            step()


def test_a_suspended_members_focal_point_cannot_submit(focal_point_suspended, member_suspended):
    practice = draft(SYSTEM, member_suspended)
    with pytest.raises(NotFound):
        practice_submit(viewer=as_viewer(focal_point_suspended), practice_id=practice.pk)


@pytest.mark.django_db(transaction=True)
def test_publishing_and_returning_at_the_same_moment_one_wins_and_the_other_is_a_conflict(
    race_db, official_a, secretariat, member_a
):
    commitments()
    practice = submitted(as_viewer(official_a), member_a)
    sec = as_viewer(secretariat)
    results = race(
        lambda: practice_publish(viewer=sec, practice_id=practice.pk),
        lambda: practice_return(viewer=sec, practice_id=practice.pk, note="No"),
    )
    conflicts = [r for r in results if isinstance(r, Conflict)]
    done = [r for r in results if isinstance(r, GoodPractice)]
    assert len(conflicts) == 1 and len(done) == 1, results
    practice.refresh_from_db()
    assert practice.status == done[0].status


def test_member_b_never_sees_member_as_draft_and_counts_leave_it_out(official_a, official_b, member_a, member_b):
    draft(as_viewer(official_a), member_a, "A's draft")
    published(as_viewer(official_b), member_b, "B's practice")
    b = as_viewer(official_b)
    assert [p.title for p in practice_list(viewer=b)] == ["B's practice"]
    assert practice_list(viewer=b).count() == 1
    assert practice_list(viewer=b, filters=PracticeFilters(member=member_a.slug)).count() == 0
    assert practices_for_commitment(viewer=b, number=7).count() == 1
    assert practices_for_commitment(viewer=as_viewer(official_a), number=7).count() == 1  # its draft is not listed
    assert practices_awaiting_review(viewer=b).count() == 0


def test_the_gap_views_selectors_return_published_practices_the_viewer_sees(official_a, member_a):
    official = as_viewer(official_a)
    public = published(official, member_a, "Hotline", visibility="public", capabilities=["mnr-2016/12"])
    published(official, member_a, "Internal", visibility="taskforce", capabilities=["mnr-2016/12"], commitments=[4])
    draft(official, member_a, "Draft", capabilities=["mnr-2016/12"])
    assert list(practices_for_capability(viewer=ANONYMOUS, framework="mnr-2016", number=12)) == [public]
    assert practices_for_capability(viewer=official, framework="mnr-2016", number=12).count() == 2
    assert practices_for_capability(viewer=official, framework="mnr-2016", number=3).count() == 0
    assert list(practices_for_commitment(viewer=ANONYMOUS, number=7)) == [public]
    assert practices_for_commitment(viewer=official, number=4).count() == 1


def test_the_list_filters_by_commitment_capability_language_and_status(official_a, member_a):
    official = as_viewer(official_a)
    fr = published(official, member_a, "Signalement", language="fr", commitments=[6], capabilities=["mnr-2016/17"])
    draft(official, member_a, "Brouillon", language="fr")
    assert list(practice_list(viewer=official, filters=PracticeFilters(commitment=6))) == [fr]
    assert list(practice_list(viewer=official, filters=PracticeFilters(capability="mnr-2016/17"))) == [fr]
    assert practice_list(viewer=official, filters=PracticeFilters(capability="mnr-2016/x")).count() == 0
    assert practice_list(viewer=official, filters=PracticeFilters(language="fr")).count() == 2
    assert list(practice_list(viewer=official, filters=PracticeFilters(status="published"))) == [fr]


def test_documents_the_viewer_may_not_see_are_not_listed(official_a, official_b, member_a, secretariat):
    open_doc = Document.objects.create(title="Open paper", visibility="public", file="a.pdf")
    closed = Document.objects.create(title="Closed paper", visibility="secretariat", file="b.pdf")
    with pytest.raises(ValidationFailed):  # an official may attach only what they see
        draft(as_viewer(official_a), member_a, "Refused", documents=[closed.pk])
    practice = draft(as_viewer(secretariat), member_a, "With papers", documents=[open_doc.pk, closed.pk])
    assert practice_documents(viewer=as_viewer(official_a), practice=practice) == [open_doc]
    assert practice_documents(viewer=as_viewer(secretariat), practice=practice) == [closed, open_doc]


def test_every_practice_is_indexed_with_its_tags_and_found_only_where_visible(official_a, member_a):
    source = next(s for s in registry.search_sources() if s.kind == "good_practice")
    practice = published(as_viewer(official_a), member_a, "Signalement", language="fr", commitments=[6, 7])
    doc = source.document(source.rows().get(pk=practice.pk))
    assert doc.title == "Signalement" and doc.language == "fr" and doc.member_id == member_a.pk
    assert doc.commitments == (6, 7) and doc.capabilities == ("mnr-2016/12",)
    assert doc.year == practice.published_at.year
    other = draft(as_viewer(official_a), member_a, "Draft")
    assert source.document(other).year == other.created_at.year
    assert practice not in source.visible(ANONYMOUS)  # taskforce level
    assert practice in source.visible(as_viewer(official_a))
    assert other not in source.visible(ANONYMOUS)


def test_the_demo_seeds_practices_in_three_languages_once_including_a_french_published_one():
    from hub.members.demo import seed_members

    seed_members()
    seed = next(s for s in registry.demo_seeds() if s.name == "knowledge.practices")
    first = seed.seed()
    assert GoodPractice.objects.filter(is_synthetic=True).count() >= 9, first
    assert set(GoodPractice.objects.values_list("language", flat=True)) == {"en", "fr", "es"}
    assert set(GoodPractice.objects.values_list("status", flat=True)) == set(STATUSES)
    french = GoodPractice.objects.get(title__startswith="Bonnes pratiques")
    assert french.status == "published" and french.visibility == "public"
    assert "signalement" in french.summary.lower()
    assert french in practice_list(viewer=ANONYMOUS, filters=PracticeFilters(language="fr"))
    made = GoodPractice.objects.count()
    assert seed.seed() == ["Good practices: demo practices exist already."]
    assert GoodPractice.objects.count() == made
