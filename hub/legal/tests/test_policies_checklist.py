"""Who sees and does what with the model checklist (hub/legal/policies/checklist.py, fully covered here)."""

from __future__ import annotations

import pytest

from hub.core.policies import policy_for
from hub.legal.models import ChecklistVersion
from hub.legal.models import Provision
from hub.legal.models import ProvisionMapping
from hub.legal.tests.legal_world import checklist
from hub.legal.tests.test_checklist_helpers import draft_next

pytestmark = pytest.mark.django_db
POLICY = policy_for(ChecklistVersion)


def who(check, personas):
    return {name for name, viewer in personas.items() if check(viewer)}


def test_a_published_version_and_its_provisions_are_seen_by_everyone(personas):
    version = checklist()
    o5 = version.provisions.get(code="O5")
    assert who(lambda v: POLICY.can_view(v, version), personas) == set(personas)
    assert who(lambda v: policy_for(Provision).can_view(v, o5), personas) == set(personas)


def test_a_draft_its_provisions_and_their_mappings_are_the_secretariats(personas, secretariat):
    checklist()
    draft = draft_next(secretariat)
    o5a = draft.provisions.get(code="O5a")
    link = ProvisionMapping.objects.filter(provision=o5a).first()
    assert who(lambda v: POLICY.can_view(v, draft), personas) == {"secretariat"}
    assert who(lambda v: policy_for(Provision).can_view(v, o5a), personas) == {"secretariat"}
    assert who(lambda v: policy_for(ProvisionMapping).can_view(v, link), personas) == {"secretariat"}


def test_everyone_browses_the_checklist(personas):
    assert who(lambda v: POLICY.can(v, "browse"), personas) == set(personas)


def test_only_the_secretariat_loads_a_version(personas):
    assert who(lambda v: POLICY.can(v, "load"), personas) == {"secretariat"}


def test_only_the_secretariat_publishes_and_only_a_draft(personas, secretariat):
    published = checklist()
    draft = draft_next(secretariat)
    assert who(lambda v: POLICY.can(v, "publish", draft), personas) == {"secretariat"}
    assert who(lambda v: POLICY.can(v, "publish", published), personas) == set()
    assert who(lambda v: POLICY.can(v, "publish", None), personas) == set()
