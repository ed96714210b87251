"""Two secretariat officers publishing one draft checklist version at the same moment: one publishes
it, the other is told it was published already (409)."""

from __future__ import annotations

import pytest

from conftest import as_viewer
from conftest import make_person
from conftest import race
from hub.core.errors import Conflict
from hub.legal.models import ChecklistVersion
from hub.legal.services.checklist import checklist_version_publish
from hub.legal.services.checklist import reference_checklist_load
from hub.legal.tests.test_checklist_helpers import draft_next
from hub.members.models import Role

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("race_db")]


def test_two_officers_publishing_at_once_one_publishes_the_other_gets_a_409():
    sam = make_person("sam.secretariat@example.org", Role.Kind.SECRETARIAT)
    sue = make_person("sue.secretariat@example.org", Role.Kind.SECRETARIAT)
    reference_checklist_load()
    draft = draft_next(sam)
    results = race(
        lambda: checklist_version_publish(viewer=as_viewer(sam), version_id=draft.pk),
        lambda: checklist_version_publish(viewer=as_viewer(sue), version_id=draft.pk),
    )
    published = [r for r in results if isinstance(r, ChecklistVersion)]
    refused = [r for r in results if isinstance(r, Conflict)]
    assert len(published) == 1 and len(refused) == 1, results
    assert "already published" in refused[0].message
    draft.refresh_from_db()
    assert draft.status == ChecklistVersion.Status.PUBLISHED
    assert draft.published_by_id == published[0].published_by_id
