"""Legal frameworks: legal profiles. The secretariat opens a member's profile (taskforce-level) and
enters its statutes and treaty status, each with a source; the member's focal point publishes it."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from hub.core.audit import acting_as
from hub.core.errors import NotFound
from hub.core.policies import policy_for
from hub.core.validation import full_clean
from hub.core.viewer import Viewer
from hub.legal.models import LegalProfile
from hub.members.models import Member


def _policy() -> Any:
    return policy_for(LegalProfile)


def profile_open(*, viewer: Viewer, member_id: int, via: str = "web") -> LegalProfile:
    """The member's legal profile, opened (taskforce-level) if it has none yet. Secretariat only; a
    member the viewer may not see answers 404. Opening twice returns the same profile."""
    if not _policy().can(viewer, "edit"):
        raise NotFound()
    member = policy_for(Member).get(viewer, member_id)
    with transaction.atomic(), acting_as(viewer.user, via=via):
        existing = LegalProfile.objects.filter(member=member).first()
        if existing is not None:
            return existing
        profile = LegalProfile(member=member, is_synthetic=member.is_synthetic)
        full_clean(profile)
        profile.save()
        return profile
