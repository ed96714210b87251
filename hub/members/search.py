"""Members in the one search: a member's name and public profile, in every language it has them
(never the secretariat's notes), seen by whoever may see the member."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from hub.core import registry
from hub.core.policies import policy_for
from hub.core.registry import SearchDocument
from hub.core.viewer import Viewer
from hub.members.models import Member

LANGUAGES = ("en", "fr", "es")


def member_document(member: Member) -> SearchDocument:
    names = dict.fromkeys(n for n in (getattr(member, f"name_{code}", "") for code in LANGUAGES) if n)
    profiles = dict.fromkeys(p for p in (getattr(member, f"public_profile_{code}", "") for code in LANGUAGES) if p)
    return SearchDocument(
        title=member.name,
        summary="\n\n".join(profiles),
        body=" ".join(n for n in names if n != member.name),
        language="mul",  # names and profiles in English, French and Spanish
        member_id=member.pk,
    )


def _visible(viewer: Viewer) -> Any:
    return policy_for(Member).visible(viewer)


def register() -> None:
    registry.search_source(
        "member",
        label=_("Members"),
        model=Member,
        document=member_document,
        visible=_visible,
        rows=lambda: Member.objects.all(),
    )
