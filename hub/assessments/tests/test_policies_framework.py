"""Who sees and does what with the capability frameworks and the phases
(hub/assessments/policies/framework.py, fully covered here)."""

from __future__ import annotations

import pytest

from hub.assessments.models import Capability
from hub.assessments.models import CapabilityMapping
from hub.assessments.models import Framework
from hub.assessments.models import Phase
from hub.assessments.tests.assessment_world import framework
from hub.assessments.tests.test_framework_helpers import draft_next
from hub.core.policies import policy_for

pytestmark = pytest.mark.django_db
POLICY = policy_for(Framework)


def who(check, personas):
    return {name for name, viewer in personas.items() if check(viewer)}


def test_a_published_version_and_its_capabilities_are_seen_by_everyone(personas):
    published = framework()
    one = published.capabilities.get(number=1)
    assert who(lambda v: POLICY.can_view(v, published), personas) == set(personas)
    assert who(lambda v: policy_for(Capability).can_view(v, one), personas) == set(personas)


def test_a_draft_its_capabilities_and_their_mappings_are_the_secretariats(personas, secretariat):
    framework()
    draft = draft_next(secretariat)
    new = draft.capabilities.get(number=22)
    link = CapabilityMapping.objects.get(capability=new)
    assert who(lambda v: POLICY.can_view(v, draft), personas) == {"secretariat"}
    assert who(lambda v: policy_for(Capability).can_view(v, new), personas) == {"secretariat"}
    assert who(lambda v: policy_for(CapabilityMapping).can_view(v, link), personas) == {"secretariat"}


def test_everyone_browses_the_frameworks(personas):
    assert who(lambda v: POLICY.can(v, "browse"), personas) == set(personas)


def test_only_the_secretariat_loads_a_version(personas):
    assert who(lambda v: POLICY.can(v, "load"), personas) == {"secretariat"}


def test_only_the_secretariat_publishes_and_only_a_draft(personas, secretariat):
    published = framework()
    draft = draft_next(secretariat)
    assert who(lambda v: POLICY.can(v, "publish", draft), personas) == {"secretariat"}
    assert who(lambda v: POLICY.can(v, "publish", published), personas) == set()
    assert who(lambda v: POLICY.can(v, "publish", None), personas) == {"secretariat"}


def test_everyone_sees_the_phases_and_only_the_secretariat_edits_them(personas):
    framework()
    phase = Phase.objects.get(number=2)
    policy = policy_for(Phase)
    assert who(lambda v: policy.can_view(v, phase), personas) == set(personas)
    assert who(lambda v: policy.can(v, "edit", phase), personas) == {"secretariat"}
    assert who(lambda v: policy.can(v, "edit"), personas) == {"secretariat"}
