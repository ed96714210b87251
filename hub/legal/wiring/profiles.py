"""Legal frameworks: profiles — what this part registers with the core registries: the audit log, the
search source (one document per profile) and the demo seed (its navigation check is in its policies)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from hub.core import registry
from hub.core.audit import audit_models
from hub.core.policies import policy_for
from hub.core.registry import SearchDocument
from hub.core.viewer import Viewer
from hub.legal.demo.profiles import seed
from hub.legal.models import LegalProfile
from hub.legal.models import Reservation
from hub.legal.models import Statute
from hub.legal.models import TreatyStatus


def search_document(profile: LegalProfile) -> SearchDocument:
    """The member's name and "legal profile", its summary, and its statutes' titles and citations:
    what everyone who may see the profile may read on its page."""
    statutes = [
        " — ".join(part for part in (s.title_original, s.title_en, s.citation) if part) for s in profile.statutes.all()
    ]
    when = profile.published_at or profile.created_at
    return SearchDocument(
        title=f"{profile.member.name} — {_('legal profile')}",
        summary=profile.summary,
        body="\n".join(statutes),
        language="en",
        member_id=profile.member_id,
        year=when.year if when else None,
    )


def search_rows() -> Any:
    return (
        LegalProfile.objects.select_related("member")
        .prefetch_related(Prefetch("statutes", queryset=Statute.objects.order_by("citation", "pk")))
        .order_by("pk")
    )


def search_visible(viewer: Viewer) -> Any:
    return policy_for(LegalProfile).visible(viewer)


def demo() -> list[str]:
    return seed()


def register() -> None:
    audit_models(LegalProfile, Statute, TreatyStatus, Reservation, m2m_fields={Reservation: ["provisions"]})
    registry.search_source(
        "legal_profile",
        label=_("Legal profiles"),
        model=LegalProfile,
        document=search_document,
        visible=search_visible,
        rows=search_rows,
        related=((Statute, "profile_id"),),
    )
    registry.demo_seed("legal", demo)
