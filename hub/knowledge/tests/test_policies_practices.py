"""Who sees and does what with good practices (hub/knowledge/policies/practices.py, fully covered here)."""

from __future__ import annotations

import pytest

from hub.core.policies import navigation_for
from hub.core.policies import policy_for
from hub.core.viewer import ANONYMOUS
from hub.core.viewer import SYSTEM
from hub.knowledge.models import Document
from hub.knowledge.models import GoodPractice
from hub.knowledge.models import PracticeCapability
from hub.knowledge.services.practices import practice_withdraw
from hub.knowledge.tests.test_practices_helpers import commitments
from hub.knowledge.tests.test_practices_helpers import draft
from hub.knowledge.tests.test_practices_helpers import published
from hub.knowledge.tests.test_practices_helpers import submitted
from hub.members.models import Member
from hub.members.services import member_status_change

pytestmark = pytest.mark.django_db
POLICY = policy_for(GoodPractice)


@pytest.fixture(autouse=True)
def _commitments(db):
    commitments()


def who_sees(practice, personas):
    return {name for name, viewer in personas.items() if POLICY.can_view(viewer, practice)}


def test_a_draft_is_seen_by_its_members_officials_and_the_secretariat_only(personas, member_a):
    practice = draft(personas["official_a"], member_a)
    assert who_sees(practice, personas) == {"official_a", "focal_point_a", "secretariat"}


def test_a_withdrawn_practice_goes_back_to_its_member_and_the_secretariat(personas, member_a):
    practice = published(personas["official_a"], member_a, visibility="public")
    practice_withdraw(viewer=personas["official_a"], practice_id=practice.pk)
    assert who_sees(practice, personas) == {"official_a", "focal_point_a", "secretariat"}


def test_a_published_practice_follows_its_visibility(personas, member_a):
    public = published(personas["official_a"], member_a, "Public one", visibility="public")
    taskforce = published(personas["official_a"], member_a, "Taskforce one", visibility="taskforce")
    member = published(personas["official_a"], member_a, "Member one", visibility="member")
    assert who_sees(public, personas) == set(personas)
    assert who_sees(taskforce, personas) == {
        "official_a",
        "focal_point_a",
        "official_b",
        "focal_point_suspended",
        "secretariat",
    }
    assert who_sees(member, personas) == {"official_a", "focal_point_a", "secretariat"}


def test_a_withdrawn_members_published_practices_are_hidden_from_others(personas, member_a):
    practice = published(personas["official_a"], member_a, visibility="public")
    member_status_change(viewer=SYSTEM, member=member_a, status=Member.Status.WITHDRAWN, reason="left")
    assert not POLICY.can_view(ANONYMOUS, practice)
    assert POLICY.can_view(personas["secretariat"], practice)


def test_any_official_writes_and_submits_for_their_own_member_only(personas, member_a, member_b):
    practice = draft(personas["official_a"], member_a)
    assert POLICY.can(personas["official_a"], "write")
    assert not POLICY.can(ANONYMOUS, "write")
    assert POLICY.can(personas["secretariat"], "write", practice)
    assert POLICY.can(personas["official_a"], "create", practice)
    assert not POLICY.can(personas["official_b"], "create", practice)
    assert POLICY.can(personas["official_a"], "edit", practice)
    assert POLICY.can(personas["official_a"], "submit", practice)
    assert POLICY.can(personas["focal_point_a"], "submit", practice)
    assert not POLICY.can(personas["official_b"], "submit", practice)
    assert not POLICY.can(personas["secretariat"], "submit", practice)
    assert not POLICY.can(personas["official_a"], "edit")
    assert not POLICY.can(personas["official_a"], "submit")
    assert POLICY.can(personas["official_a"], "propose")
    assert not POLICY.can(personas["secretariat"], "propose")


def test_a_suspended_members_officials_read_but_neither_write_nor_submit(personas, member_suspended):
    practice = draft(SYSTEM, member_suspended)
    suspended = personas["focal_point_suspended"]
    assert POLICY.can_view(suspended, practice)
    assert not POLICY.can(suspended, "write")
    assert not POLICY.can(suspended, "edit", practice)
    assert not POLICY.can(suspended, "submit", practice)


def test_only_the_secretariat_publishes_or_returns_a_submitted_practice(personas, member_a):
    practice = submitted(personas["official_a"], member_a)
    assert not POLICY.can(personas["official_a"], "edit", practice)
    assert not POLICY.can(personas["official_a"], "submit", practice)
    for step in ("publish", "return"):
        assert POLICY.can(personas["secretariat"], step, practice)
        assert not POLICY.can(personas["focal_point_a"], step, practice)
        assert not POLICY.can(personas["secretariat"], step)
    assert POLICY.can(personas["secretariat"], "review")
    assert not POLICY.can(personas["official_a"], "review")
    a_draft = draft(personas["official_a"], member_a, "Another")
    assert not POLICY.can(personas["secretariat"], "publish", a_draft)


def test_a_published_practice_is_withdrawn_by_its_member_or_the_secretariat(personas, member_a):
    practice = published(personas["official_a"], member_a)
    assert POLICY.can(personas["official_a"], "withdraw", practice)
    assert POLICY.can(personas["secretariat"], "withdraw", practice)
    assert not POLICY.can(personas["official_b"], "withdraw", practice)
    assert not POLICY.can(personas["official_a"], "withdraw")
    assert not POLICY.can(personas["official_a"], "withdraw", draft(personas["official_a"], member_a, "Other"))


def test_the_review_note_is_read_by_the_member_and_the_secretariat(personas, member_a):
    practice = published(personas["official_a"], member_a, visibility="public")
    assert POLICY.can(personas["secretariat"], "read_review", practice)
    assert POLICY.can(personas["official_a"], "read_review", practice)
    assert not POLICY.can(personas["official_b"], "read_review", practice)
    assert not POLICY.can(ANONYMOUS, "read_review", practice)
    assert not POLICY.can(personas["official_a"], "read_review")


def test_everyone_browses_the_list_and_the_secretariat_alone_imports(personas):
    assert navigation_for(ANONYMOUS)["good_practices"]
    assert POLICY.can(ANONYMOUS, "browse")
    assert POLICY.can(personas["secretariat"], "import")
    assert not POLICY.can(personas["official_a"], "import")


def test_capability_tags_are_seen_with_their_practice(personas, member_a):
    draft(personas["official_a"], member_a)
    tags = policy_for(PracticeCapability)
    assert tags.visible(personas["official_a"]).count() == 1
    assert tags.visible(personas["official_b"]).count() == 0


def test_documents_follow_their_visibility_and_author_member(personas, member_a):
    doc = Document.objects.create(title="Paper", visibility="member", author_member=member_a, file="x.pdf")
    documents = policy_for(Document)
    assert documents.can_view(personas["official_a"], doc)
    assert not documents.can_view(personas["official_b"], doc)
