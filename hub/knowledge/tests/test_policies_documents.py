"""Who sees and does what in the document library: an allowed and a denied persona each."""

from __future__ import annotations

import pytest
from django.utils import timezone

from hub.core.models import Visibility
from hub.core.policies import navigation_for
from hub.core.policies import policy_for
from hub.core.viewer import ANONYMOUS
from hub.knowledge.models.documents import Document
from hub.knowledge.tests.documents_files import upload

policy = policy_for(Document)


def doc(member=None, visibility=Visibility.TASKFORCE, withdrawn=False, pk=None) -> Document:
    d = Document(title="T", author_member=member, visibility=visibility, pk=pk)
    if withdrawn:
        d.withdrawn_at = timezone.now()
    return d


@pytest.fixture
def documents(member_a, member_b):
    out = {}
    for level in Visibility.values:
        out[level] = upload(title=f"A {level}", visibility=level, author_member=member_a)
    out["withdrawn"] = upload(title="A withdrawn", visibility=Visibility.PUBLIC, author_member=member_a)
    Document.objects.filter(pk=out["withdrawn"].pk).update(withdrawn_at="2026-01-01T00:00:00Z")
    return out


def visible_titles(viewer) -> set[str]:
    return set(policy.visible(viewer).values_list("title", flat=True))


def test_each_level_is_seen_by_its_audience_only(personas, documents):
    assert visible_titles(personas["secretariat"]) == {d.title for d in documents.values()}
    assert visible_titles(personas["official_a"]) == {"A public", "A taskforce", "A member"}
    assert visible_titles(personas["official_b"]) == {"A public", "A taskforce"}
    assert visible_titles(personas["contributor"]) == {"A public"}
    assert visible_titles(ANONYMOUS) == {"A public"}


def test_anyone_may_browse_and_the_navigation_says_so(personas):
    assert policy.can(ANONYMOUS, "browse")
    assert navigation_for(ANONYMOUS)["library"] is True


def test_the_secretariat_and_officials_of_writing_members_may_upload(personas):
    assert policy.can(personas["secretariat"], "upload")
    assert policy.can(personas["official_a"], "upload")
    assert not policy.can(personas["focal_point_suspended"], "upload")
    assert not policy.can(personas["contributor"], "upload")
    assert not policy.can(ANONYMOUS, "upload")


def test_only_the_secretariat_gives_any_level(personas, member_a):
    assert policy.can(personas["secretariat"], "choose_any_level")
    assert not policy.can(personas["official_a"], "choose_any_level")
    assert policy.can(personas["secretariat"], "file_at_level", doc(member_a, Visibility.PUBLIC))
    assert policy.can(personas["official_a"], "file_at_level", doc(member_a, Visibility.MEMBER))
    assert policy.can(personas["official_a"], "file_at_level", doc(member_a, Visibility.TASKFORCE))
    assert not policy.can(personas["official_a"], "file_at_level", doc(member_a, Visibility.PUBLIC))
    assert not policy.can(personas["official_a"], "file_at_level", doc(member_a, Visibility.SECRETARIAT))
    assert not policy.can(personas["official_a"], "file_at_level", None)


def test_officials_file_for_their_own_member_only(personas, member_a, member_b):
    assert policy.can(personas["secretariat"], "file_for_member", doc(None))
    assert policy.can(personas["official_a"], "file_for_member", doc(member_a))
    assert not policy.can(personas["official_a"], "file_for_member", doc(member_b))
    assert not policy.can(personas["official_a"], "file_for_member", doc(None))
    assert not policy.can(personas["official_a"], "file_for_member", None)


def test_the_author_members_officials_and_the_secretariat_edit_replace_and_withdraw(personas, member_a, member_b):
    own = doc(member_a)
    for action in ("edit", "replace_file", "withdraw"):
        assert policy.can(personas["secretariat"], action, own)
        assert policy.can(personas["official_a"], action, own)
        assert not policy.can(personas["official_b"], action, own)
        assert not policy.can(personas["official_a"], action, None)
    assert policy.can(personas["secretariat"], "edit", doc(None))


def test_a_withdrawn_document_changes_no_more(personas, member_a):
    gone = doc(member_a, withdrawn=True)
    assert not policy.can(personas["secretariat"], "edit", gone)
    assert not policy.can(personas["official_a"], "withdraw", gone)


def test_the_secretariat_alone_sees_the_unreadable_documents_panel(personas):
    assert policy.can(personas["secretariat"], "see_attention")
    assert not policy.can(personas["official_a"], "see_attention")
