"""Legal frameworks: synthetic legal profiles of the fictional demo members (never real ones), built
through the services: invented statutes, treaty statuses from "Synthetic demo data", a reservation or
two, and a coding of every provision of checklist 2026-1 (met, partly met for graded provisions only,
not met, not assessed, a few not applicable; most verified with pinpoint citations, some drafts).

Every coding was first recorded "in mid-2025" (its history dated then), and a few were changed since,
so a profile shown as of a day of 2025 differs from today's. Several members have active-nationality
jurisdiction (J1) met and several leave offences not or partly met, so the safe-haven view has content.
Three profiles are published. Idempotent: skipped when demo profiles exist."""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from hub.core.audit import acting_as
from hub.core.policies import policy_for
from hub.core.viewer import Viewer
from hub.core.viewer import focal_point_of
from hub.legal.models import Coding
from hub.legal.models import LegalProfile
from hub.legal.models import Provision
from hub.legal.models import Statute
from hub.legal.models import TreatyStatus
from hub.legal.selectors.codings import current_version
from hub.legal.services.checklist import reference_checklist_load
from hub.legal.services.codings import CodingInput
from hub.legal.services.codings import coding_record
from hub.legal.services.corrections import correction_request
from hub.legal.services.profiles import ReservationInput
from hub.legal.services.profiles import StatuteInput
from hub.legal.services.profiles import TreatyStatusInput
from hub.legal.services.profiles import profile_open
from hub.legal.services.profiles import profile_publish
from hub.legal.services.profiles import profile_summary_update
from hub.legal.services.profiles import reservation_add
from hub.legal.services.profiles import statute_add
from hub.legal.services.profiles import treaty_status_set
from hub.members.demo import FICTIONAL_MEMBERS
from hub.members.demo import member_persona
from hub.members.demo import persona
from hub.members.models import Member

SOURCE = "Synthetic demo data"
# The day the demo's codings were first recorded; the changes since are dated today.
FIRST_CODED = datetime.date(2025, 6, 30)
PUBLISHED = ("Demoland", "Fictonia", "Samplevia")
# Members whose active-nationality jurisdiction (J1) is met without a double-criminality condition.
J1_MET = ("Demoland", "Examplestan", "Fictonia", "Samplevia", "Illustria")
# Members whose offences are left not or only partly covered (possible safe havens).
HAVENS = ("Mockovia", "Testland", "Placeholdia", "Prototypia", "Dummyland")
# Codings changed since they were first recorded: (member, provision, first status, status now).
CHANGES = [
    ("Demoland", "O6", "not_met", "met"),
    ("Demoland", "G1", "partial", "met"),
    ("Fictonia", "O8", "not_met", "partial"),
    ("Samplevia", "J1", "partial", "met"),
    ("Testland", "O5", "met", "not_met"),
]
CYCLE = ["met", "met", "partial", "met", "not_met", "met", "not_assessed", "met", "partial", "met"]
HAVEN_CYCLE = ["not_met", "partial", "met", "not_met", "met"]
TREATY_CYCLE = ["ratified", "ratified", "signed", "not_signed", "not_known"]


def _statutes(name: str, index: int) -> list[StatuteInput]:
    year = 2005 + index
    out = [
        StatuteInput(
            title_original=f"{name} Child Protection (Online Harms) Act (fictional)",
            original_language="en",
            title_en=f"{name} Child Protection (Online Harms) Act (fictional)",
            citation=f"Fictional Act No. {10 + index} of {year}",
            in_force_on=datetime.date(year, 3, 1),
            source=SOURCE,
        ),
        StatuteInput(
            title_original=f"{name} Penal Code (fictional)",
            original_language="en",
            title_en=f"{name} Penal Code (fictional)",
            citation=f"Fictional Penal Code of {name}, {1960 + index}",
            in_force_on=datetime.date(1960 + index, 1, 1),
            source=SOURCE,
        ),
    ]
    if index % 2 == 0:
        out.append(
            StatuteInput(
                title_original=f"{name} Electronic Evidence and Service Providers Act (fictional)",
                original_language="en",
                title_en=f"{name} Electronic Evidence and Service Providers Act (fictional)",
                citation=f"Fictional Act No. {40 + index} of {year + 8}",
                in_force_on=datetime.date(year + 8, 7, 1),
                source=SOURCE,
            )
        )
    if index % 3 == 0:
        out.append(
            StatuteInput(
                title_original=f"{name} Obscene Publications Ordinance (fictional, repealed)",
                original_language="en",
                title_en=f"{name} Obscene Publications Ordinance (fictional, repealed)",
                citation=f"Fictional Ordinance No. {index + 3} of 1975",
                in_force_on=datetime.date(1975, 5, 1),
                repealed_on=datetime.date(year, 3, 1),
                source=SOURCE,
            )
        )
    return out


def _status(name: str, index: int, position: int, provision: Provision) -> str:
    code = provision.code
    if code == "J1":
        return "met" if name in J1_MET else ("partial" if index % 2 else "not_met")
    if name in HAVENS and provision.is_conduct:
        status = HAVEN_CYCLE[(index + position) % len(HAVEN_CYCLE)]
    elif code in ("P4", "L2") and index % 4 == 1:
        status = "not_applicable"
    else:
        status = CYCLE[(index * 3 + position) % len(CYCLE)]
    if status == "partial" and not provision.is_graded:
        status = "not_met"
    return status


def _statute_for(provision: Provision, statutes: list[Statute]) -> Statute:
    if provision.group in ("procedure and industry", "liability") and len(statutes) > 2:
        return statutes[2]
    if provision.group in ("offences", "grooming and extortion", "definitions"):
        return statutes[0]
    return statutes[1]


def _input(status: str, provision: Provision, statute: Statute, *, verified: bool, name: str) -> CodingInput:
    if status == "not_assessed":
        return CodingInput(status=status, rationale="Not yet assessed (synthetic demo data).")
    words = {
        "met": "The law covers this as the checklist asks",
        "partial": "The law covers part of what the checklist asks",
        "not_met": "The law does not cover this",
        "not_applicable": "The provision does not apply to this member's legal system",
    }[status]
    return CodingInput(
        status=status,
        statute_id=statute.pk,
        pinpoint=f"s. {provision.position + 2}",
        rationale=f"{words} (synthetic demo data about {name}, a fictional member).",
        verified=verified,
    )


def _backdate(profile: LegalProfile) -> None:
    """The demo's first codings are dated FIRST_CODED (their history, and their verification)."""
    moment = timezone.make_aware(datetime.datetime.combine(FIRST_CODED, datetime.time(12)))
    Coding.history.model.objects.filter(profile_id=profile.pk).update(history_date=moment)
    Coding.history.model.objects.filter(profile_id=profile.pk, verified_on__isnull=False).update(
        verified_on=FIRST_CODED
    )
    Coding.objects.filter(profile=profile, verified_on__isnull=False).update(verified_on=FIRST_CODED)


def _treaties(sec: Viewer, profile: LegalProfile, index: int) -> list[str]:
    """Treaty statuses (the UN Convention against Cybercrime mostly not known yet); returns the treaties
    signed or ratified."""
    done = []
    for offset, treaty in enumerate(TreatyStatus.Treaty.values):
        status = TREATY_CYCLE[(index + offset) % len(TREATY_CYCLE)]
        if treaty == "un_cybercrime" and index % 3:
            status = "not_known"
        signed = datetime.date(2001 + offset * 3 + index % 4, 5, 15) if status in ("signed", "ratified") else None
        ratified = datetime.date(signed.year + 2, 9, 1) if signed and status == "ratified" else None
        data = TreatyStatusInput(treaty=treaty, status=status, source=SOURCE, signed_on=signed, ratified_on=ratified)
        treaty_status_set(viewer=sec, profile_id=profile.pk, data=data, via="seed_demo")
        if status in ("signed", "ratified"):
            done.append(treaty)
    return done


def _reservations(sec: Viewer, profile: LegalProfile, treaties: list[str], index: int) -> int:
    made = 0
    if "lanzarote" in treaties:
        reservation_add(
            viewer=sec,
            profile_id=profile.pk,
            data=ReservationInput(
                treaty="lanzarote",
                article="Art. 20(3)",
                text="Reserves the right not to criminalise the production and possession of images of children "
                "over the age of consent produced with their consent for their own private use (synthetic).",
                source=SOURCE,
                provisions=["O1", "O5"],
            ),
            via="seed_demo",
        )
        made += 1
    if "budapest" in treaties and index % 2 == 0:
        reservation_add(
            viewer=sec,
            profile_id=profile.pk,
            data=ReservationInput(
                treaty="budapest",
                article="Art. 22(2)",
                text="Reserves the right not to apply jurisdiction over offences committed by its nationals "
                "abroad where the conduct is not punishable there (synthetic).",
                source=SOURCE,
                provisions=["J1"],
            ),
            via="seed_demo",
        )
        made += 1
    if not made and "opsc" in treaties:
        reservation_add(
            viewer=sec,
            profile_id=profile.pk,
            data=ReservationInput(
                treaty="opsc",
                article="Art. 4(2)",
                text="Declares that it establishes jurisdiction over its nationals abroad only for offences "
                "punishable where they were committed (synthetic).",
                source=SOURCE,
                provisions=["J1"],
            ),
            via="seed_demo",
        )
        made += 1
    return made


def _seed_member(sec: Viewer, member: Member, index: int, provisions: list[Provision]) -> tuple[int, int]:
    profile = profile_open(viewer=sec, member_id=member.pk, via="seed_demo")
    profile_summary_update(
        viewer=sec,
        profile_id=profile.pk,
        summary=f"Synthetic demo profile: {member.name} is a fictional member. Its statutes, treaty status and "
        "codings are invented to show how legal profiles read.",
        via="seed_demo",
    )
    statutes = [
        statute_add(viewer=sec, profile_id=profile.pk, data=data, via="seed_demo")
        for data in _statutes(member.name, index)
    ]
    treaties = _treaties(sec, profile, index)
    reservations = _reservations(sec, profile, treaties, index)
    changes = {code: (first, now) for name, code, first, now in CHANGES if name == member.name}
    for position, provision in enumerate(provisions):
        status = _status(member.name, index, position, provision)
        first = changes[provision.code][0] if provision.code in changes else status
        verified = (index + position) % 7 != 3
        data = _input(first, provision, _statute_for(provision, statutes), verified=verified, name=member.name)
        coding_record(
            viewer=sec, profile_id=profile.pk, provision_id=provision.pk, data=data, version=None, via="seed_demo"
        )
    _backdate(profile)
    for code, (_first, now) in changes.items():
        provision = next(p for p in provisions if p.code == code)
        data = _input(now, provision, _statute_for(provision, statutes), verified=True, name=member.name)
        coding_record(
            viewer=sec,
            profile_id=profile.pk,
            provision_id=provision.pk,
            data=dataclasses.replace(data, reason="The law was amended (synthetic demo data)."),
            via="seed_demo",
        )
    return reservations, len(changes)


def _seed_correction(member: Member | None) -> None:
    """One open correction request, from Demoland's focal point, for the secretariat's dashboard."""
    if member is None or member.status != Member.Status.ACTIVE:
        return
    coding = Coding.objects.filter(profile__member=member, provision__code="P4").first()
    if coding is None or coding.status == Coding.Status.MET:
        return
    correction_request(
        viewer=member_persona(member),
        coding_id=coding.pk,
        proposed_status=Coding.Status.MET,
        citation="Fictional Act No. 40 of 2013, s. 12 (synthetic)",
        reason=(
            "Section 12 of the fictional 2013 Act obliges teachers, doctors and social workers to report"
            " (synthetic demo data)."
        ),
    )


def seed() -> list[str]:
    if LegalProfile.objects.filter(is_synthetic=True).exists():
        return ["Legal frameworks: demo profiles exist already.", _summary()]
    if current_version() is None:
        reference_checklist_load()
    version = current_version()
    if version is None:
        return ["Legal frameworks: the model checklist could not be loaded; no demo profiles."]
    provisions = list(Provision.objects.filter(version=version).order_by("position"))
    names = [name for name, _region in FICTIONAL_MEMBERS]
    members = {m.name: m for m in Member.objects.filter(is_synthetic=True, name__in=names)}
    sec = persona("secretariat")
    made = 0
    with transaction.atomic(), acting_as(sec.user, via="seed_demo"):
        for index, name in enumerate(names):
            member = members.get(name)
            if member is None:
                continue
            _seed_member(sec, member, index, provisions)
            made += 1
        for name in PUBLISHED:
            member = members.get(name)
            if member is None or member.status != Member.Status.ACTIVE:
                continue
            profile = LegalProfile.objects.get(member=member)
            focal = member_persona(member)
            if not policy_for(LegalProfile).can(focal, "manage_publication", profile):
                focal = focal_point_of(member.pk)
            profile_publish(viewer=focal, profile_id=profile.pk, via="seed_demo")
        _seed_correction(members.get("Demoland"))
    return [f"Legal frameworks: {made} demo legal profiles with codings of checklist {version.code}.", _summary()]


def _summary() -> str:
    profiles: Any = LegalProfile.objects.filter(is_synthetic=True)
    published = profiles.filter(visibility="public").count()
    codings = Coding.objects.filter(is_synthetic=True).count()
    return f"summary: {profiles.count()} legal profiles ({published} published), {codings} codings"
