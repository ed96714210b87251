"""A small legal-profiles world for the profiles part's tests, built through the services."""

from __future__ import annotations

import datetime
from typing import Any

from conftest import as_viewer
from hub.legal.models import LegalProfile
from hub.legal.models import Statute
from hub.legal.services.profiles import ReservationInput
from hub.legal.services.profiles import StatuteInput
from hub.legal.services.profiles import TreatyStatusInput
from hub.legal.services.profiles import reservation_add
from hub.legal.services.profiles import statute_add
from hub.legal.services.profiles import treaty_status_set
from hub.legal.tests.legal_world import checklist
from hub.legal.tests.legal_world import profile_for


def statute(profile: LegalProfile, secretariat: Any, citation: str = "Act No. 1 of 2020", **extra: Any) -> Statute:
    values = {"title_original": "Loi sur la protection", "title_en": "Protection Act", "source": "Gazette", **extra}
    return statute_add(
        viewer=as_viewer(secretariat), profile_id=profile.pk, data=StatuteInput(citation=citation, **values)
    )


def ratify(profile: LegalProfile, secretariat: Any, treaty: str = "lanzarote") -> Any:
    return treaty_status_set(
        viewer=as_viewer(secretariat),
        profile_id=profile.pk,
        data=TreatyStatusInput(
            treaty=treaty,
            status="ratified",
            source="Council of Europe treaty office",
            signed_on=datetime.date(2010, 1, 1),
            ratified_on=datetime.date(2012, 1, 1),
        ),
    )


def reserve(
    profile: LegalProfile, secretariat: Any, *, text: str = "Reserves Art. 24.", codes: list[str] | None = None
):
    return reservation_add(
        viewer=as_viewer(secretariat),
        profile_id=profile.pk,
        data=ReservationInput(
            treaty="lanzarote", article="Art. 24(3)", text=text, source="CETS 201 declarations", provisions=codes or []
        ),
    )


def profile_with_statute(member: Any, secretariat: Any) -> tuple[LegalProfile, Statute]:
    checklist()
    profile = profile_for(member, secretariat)
    return profile, statute(profile, secretariat)
