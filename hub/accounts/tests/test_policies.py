"""Who sees people and API tokens: an allowed and a denied persona each."""

from __future__ import annotations

import datetime

from django.utils import timezone

from conftest import as_viewer
from hub.accounts.models import ApiToken
from hub.accounts.models import User
from hub.core.policies import policy_for
from hub.core.viewer import ANONYMOUS

LATER = timezone.now() + datetime.timedelta(days=30)


def test_people_are_seen_by_themselves_and_staff_only(secretariat, administrator, official_a, official_b):
    policy = policy_for(User)
    assert set(policy.visible(as_viewer(official_a))) == {official_a}
    assert official_b in policy.visible(as_viewer(administrator))
    assert official_b in policy.visible(as_viewer(secretariat))
    assert not policy.visible(ANONYMOUS).exists()


def test_a_token_is_its_owners_alone(official_a, official_b):
    token = ApiToken.objects.create(user=official_a, name="t", token_hash="x" * 64, prefix="abcd", expires_at=LATER)
    policy = policy_for(ApiToken)
    assert policy.can_view(as_viewer(official_a), token)
    assert not policy.can_view(as_viewer(official_b), token)
    assert not policy.visible(ANONYMOUS).exists()
    assert policy.can(as_viewer(official_a), "create")
    assert not policy.can(ANONYMOUS, "create")
