"""Two secretariat officers publishing one draft framework version, or saving one phase from the same
page, at the same moment: one wins, the other is told (409)."""

from __future__ import annotations

import pytest

from conftest import as_viewer
from conftest import make_person
from conftest import race
from hub.assessments.models import Framework
from hub.assessments.models import Phase
from hub.assessments.services.framework import framework_publish
from hub.assessments.services.framework import phase_update
from hub.assessments.tests.assessment_world import framework
from hub.assessments.tests.test_framework_helpers import draft_next
from hub.core.concurrency import version_of
from hub.core.errors import Conflict
from hub.members.models import Role

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("race_db")]


def test_two_officers_publishing_at_once_one_publishes_the_other_gets_a_409():
    sam = make_person("sam.secretariat@example.org", Role.Kind.SECRETARIAT)
    sue = make_person("sue.secretariat@example.org", Role.Kind.SECRETARIAT)
    framework()
    draft = draft_next(sam)
    results = race(
        lambda: framework_publish(viewer=as_viewer(sam), framework_id=draft.pk),
        lambda: framework_publish(viewer=as_viewer(sue), framework_id=draft.pk),
    )
    published = [r for r in results if isinstance(r, Framework)]
    refused = [r for r in results if isinstance(r, Conflict)]
    assert len(published) == 1 and len(refused) == 1, results
    assert "already published" in refused[0].message
    draft.refresh_from_db()
    assert draft.is_published and draft.published_by_id == published[0].published_by_id


def test_two_officers_saving_one_phase_from_the_same_page_one_saves_the_other_gets_a_409():
    sam = make_person("sam.secretariat@example.org", Role.Kind.SECRETARIAT)
    sue = make_person("sue.secretariat@example.org", Role.Kind.SECRETARIAT)
    framework()
    stamp = version_of(Phase.objects.get(number=2))

    def save(user, label):
        return lambda: phase_update(
            viewer=as_viewer(user), number=2, label=label, description="", confirmed=True, version=stamp
        )

    results = race(save(sam, "Developing"), save(sue, "Emerging"))
    saved = [r for r in results if isinstance(r, Phase)]
    refused = [r for r in results if isinstance(r, Conflict)]
    assert len(saved) == 1 and len(refused) == 1, results
    assert Phase.objects.get(number=2).label == saved[0].label
