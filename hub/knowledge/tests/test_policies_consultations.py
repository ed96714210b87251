"""Who sees and does what with consultations and their input (hub/knowledge/policies/consultations.py)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from conftest import as_viewer
from conftest import make_person
from hub.commitments.models import Commitment
from hub.commitments.services import reference_commitments_load
from hub.core.policies import navigation_for
from hub.core.policies import policy_for
from hub.core.viewer import ANONYMOUS
from hub.knowledge.models.consultations import Consultation
from hub.knowledge.models.consultations import ConsultationInput
from hub.knowledge.models.consultations import ConsultationReminderSent
from hub.knowledge.services.consultations import ConsultationData
from hub.knowledge.services.consultations import consultation_close
from hub.knowledge.services.consultations import consultation_edit
from hub.knowledge.services.consultations import input_respond
from hub.knowledge.services.consultations import input_submit_on_commitment
from hub.knowledge.tests.test_consultations_helpers import ORG
from hub.knowledge.tests.test_consultations_helpers import answer
from hub.knowledge.tests.test_consultations_helpers import draft
from hub.knowledge.tests.test_consultations_helpers import opened
from hub.members.models import Role

pytestmark = pytest.mark.django_db

Shown = Consultation.InputVisibility


def visible(viewer: Any) -> set[int]:
    return set(policy_for(Consultation).visible(viewer).values_list("pk", flat=True))


def visible_input(viewer: Any) -> set[int]:
    return set(policy_for(ConsultationInput).visible(viewer).values_list("pk", flat=True))


def can(viewer: Any, action: str, obj: Any = None) -> bool:
    return policy_for(Consultation).can(viewer, action, obj)


def can_input(viewer: Any, action: str, obj: Any = None) -> bool:
    return policy_for(ConsultationInput).can(viewer, action, obj)


def test_a_draft_is_the_secretariats_alone(personas, secretariat):
    d = draft(secretariat)
    assert d.pk in visible(personas["secretariat"])
    for name in ("anonymous", "official_a", "contributor", "focal_point_a"):
        assert d.pk not in visible(personas[name]), name


def test_an_open_consultation_is_seen_by_the_taskforce_and_its_audience_not_the_public(personas, secretariat):
    for_contributors = opened(secretariat, for_contributors=True)
    for_members = opened(secretariat, for_contributors=False, for_members=True)
    assert {for_contributors.pk, for_members.pk} <= visible(personas["official_a"])
    assert for_contributors.pk in visible(personas["contributor"])
    assert for_members.pk not in visible(personas["contributor"])
    assert visible(personas["anonymous"]) == set()


def test_a_closed_consultation_published_with_its_input_is_seen_by_everyone(personas, secretariat, contributor):
    published = opened(secretariat, input_visibility=Shown.PUBLIC_WHEN_CLOSED)
    kept = opened(secretariat, input_visibility=Shown.TASKFORCE)
    given = answer(contributor, published)
    kept_input = answer(contributor, kept)
    assert visible(personas["anonymous"]) == set()
    assert visible_input(personas["anonymous"]) == set()
    for c in (published, kept):
        consultation_close(viewer=personas["secretariat"], consultation=c)
    assert visible(personas["anonymous"]) == {published.pk}
    assert visible_input(personas["anonymous"]) == {given.pk}
    assert kept_input.pk not in visible_input(personas["anonymous"])


def test_a_contributor_who_answered_still_sees_the_consultation_when_its_audience_changes(
    personas, secretariat, contributor
):
    c = opened(secretariat, for_contributors=True, for_members=True)
    answer(contributor, c)
    other = make_person("cleo.contributor@example.org", Role.Kind.CONTRIBUTOR)
    consultation_edit(viewer=personas["secretariat"], consultation=c, data=ConsultationData(for_contributors=False))
    assert c.pk in visible(personas["contributor"])
    assert c.pk not in visible(as_viewer(other))


def test_only_the_secretariat_manages_opens_edits_and_closes(personas, secretariat):
    d = draft(secretariat)
    sec, official = personas["secretariat"], personas["official_a"]
    assert can(sec, "manage")
    assert not can(official, "manage")
    assert can(sec, "edit", d)
    assert can(sec, "open", d)
    assert not can(sec, "close", d)
    assert not can(sec, "edit")
    assert not can(sec, "open")
    assert not can(sec, "close")
    for action in ("edit", "open", "close"):
        assert not can(official, action, d), action
    o = opened(secretariat)
    assert can(sec, "close", o)
    assert not can(sec, "open", o)
    consultation_close(viewer=sec, consultation=o)
    assert not can(sec, "edit", o)


def test_the_audience_may_answer_while_open_and_before_the_deadline(personas, secretariat):
    both = opened(secretariat, for_contributors=True, for_members=True)
    only_groups = opened(secretariat, for_contributors=True, for_members=False)
    only_members = opened(secretariat, for_contributors=False, for_members=True)
    contributor, official = personas["contributor"], personas["official_a"]
    assert can(contributor, "submit", both)
    assert can(official, "submit", both)
    assert can(contributor, "submit", only_groups)
    assert not can(official, "submit", only_groups)
    assert can(official, "submit", only_members)
    assert not can(contributor, "submit", only_members)
    assert not can(personas["focal_point_suspended"], "submit", only_members)
    assert not can(personas["secretariat"], "submit", both)
    assert not can(personas["anonymous"], "submit", both)
    assert not can(contributor, "submit")
    assert not can(contributor, "answer_as_contributor")
    assert not can(official, "answer_as_member")
    assert not can(contributor, "submit", draft(secretariat))
    with time_machine.travel(timezone.now() + datetime.timedelta(days=22)):
        assert not can(contributor, "submit", both)
    consultation_close(viewer=personas["secretariat"], consultation=both)
    assert not can(contributor, "submit", both)


def test_what_the_viewer_may_answer_now(personas, secretariat):
    both = opened(secretariat, for_contributors=True, for_members=True)
    only_members = opened(secretariat, for_contributors=False, for_members=True)
    draft(secretariat)
    policy: Any = policy_for(Consultation)

    def answerable(viewer: Any) -> set[int]:
        return set(Consultation.objects.filter(policy.answerable_q(viewer)).values_list("pk", flat=True))

    for name in ("contributor", "official_a", "focal_point_a", "focal_point_suspended"):
        assert answerable(personas[name]) <= visible(personas[name]), name
    assert answerable(personas["contributor"]) == {both.pk}
    assert answerable(personas["official_a"]) == {both.pk, only_members.pk}
    assert answerable(personas["secretariat"]) == set()
    assert policy.answering_members(personas["official_a"]) == personas["official_a"].write_member_ids
    assert policy.answering_members(personas["focal_point_suspended"]) == frozenset()
    assert answerable(personas["anonymous"]) == set()


def test_consultations_are_in_the_navigation_of_the_taskforce_and_contributors(personas):
    assert navigation_for(personas["official_a"])["consultations"]
    assert navigation_for(personas["contributor"])["consultations"]
    assert not navigation_for(ANONYMOUS)["consultations"]


def test_private_input_is_its_senders_and_the_secretariats(personas, secretariat, contributor, official_a, official_b):
    c = opened(secretariat, for_members=True, input_visibility=Shown.PRIVATE)
    a = answer(official_a, c, member_id=None)
    groups = answer(contributor, c)
    assert visible_input(personas["secretariat"]) == {a.pk, groups.pk}
    assert visible_input(personas["official_a"]) == {a.pk}
    assert visible_input(personas["focal_point_a"]) == {a.pk}  # the same member's official
    assert visible_input(personas["official_b"]) == set()
    assert visible_input(personas["contributor"]) == {groups.pk}
    assert visible_input(ANONYMOUS) == set()


def test_taskforce_input_is_seen_by_the_taskforce_not_by_other_contributors(personas, secretariat, contributor):
    c = opened(secretariat, input_visibility=Shown.TASKFORCE)
    given = answer(contributor, c)
    other = make_person("cleo.contributor@example.org", Role.Kind.CONTRIBUTOR)
    assert given.pk in visible_input(personas["official_b"])
    assert given.pk not in visible_input(as_viewer(other))


def test_input_on_a_commitment_is_any_contributors_seen_by_the_taskforce(personas, contributor):
    reference_commitments_load()
    assert can_input(personas["contributor"], "submit_on_commitment")
    assert not can_input(personas["official_a"], "submit_on_commitment")
    assert not can_input(ANONYMOUS, "submit_on_commitment")
    record = input_submit_on_commitment(
        viewer=personas["contributor"], commitment=Commitment.objects.get(number=1), text="Input.", organisation=ORG
    )
    assert record.pk in visible_input(personas["official_a"])
    assert record.pk in visible_input(personas["contributor"])
    assert record.pk not in visible_input(ANONYMOUS)
    assert not can_input(personas["contributor"], "edit", record)


def test_only_the_secretariat_responds(personas):
    assert can_input(personas["secretariat"], "respond")
    assert not can_input(personas["official_a"], "respond")
    assert not can_input(personas["contributor"], "respond")


def test_its_author_corrects_input_until_the_deadline_a_response_or_the_close(personas, secretariat, contributor):
    c = opened(secretariat)
    given = answer(contributor, c)
    mine = personas["contributor"]
    assert can_input(mine, "edit", given)
    assert not can_input(mine, "edit")
    assert not can_input(personas["official_a"], "edit", given)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=22)):
        given.consultation.refresh_from_db()
        assert not can_input(mine, "edit", given)
    responded = answer(contributor, c, text="More input.")
    input_respond(viewer=personas["secretariat"], record=responded, response="Noted, because it helps.")
    assert not can_input(mine, "edit", responded)
    consultation_close(viewer=personas["secretariat"], consultation=c)
    given.refresh_from_db()
    given.consultation.refresh_from_db()
    assert not can_input(mine, "edit", given)


def test_reminders_sent_are_the_secretariats(personas):
    assert policy_for(ConsultationReminderSent).visible(personas["official_a"]).count() == 0
    assert policy_for(ConsultationReminderSent).visible(personas["secretariat"]).count() == 0
