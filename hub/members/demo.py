"""Synthetic demo data: fictional members only, each record flagged is_synthetic."""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass
from dataclasses import field

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from allauth.mfa.totp.internal.auth import generate_totp_secret
from django.db import transaction
from django.utils.text import slugify

from hub.accounts.models import User
from hub.core.audit import acting_as
from hub.core.models import Visibility
from hub.members.models import JoinRequest
from hub.members.models import JoinRequestMessage
from hub.members.models import Member
from hub.members.models import MemberNote
from hub.members.models import Role
from hub.members.services.registry import member_status_history_start

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - printed for the demo; never used outside DEBUG seeding
DEMO_DOMAIN = "demo.taskforce.invalid"

FICTIONAL_MEMBERS = [
    ("Demoland", "Africa"),
    ("Examplestan", "Asia"),
    ("Fictonia", "Europe"),
    ("Samplevia", "Americas"),
    ("Mockovia", "Oceania"),
    ("Testland", "Africa"),
    ("Placeholdia", "Asia"),
    ("Illustria", "Europe"),
    ("Modelia", "Americas"),
    ("Prototypia", "Oceania"),
    ("Specimenia", "Africa"),
    ("Dummyland", "Europe"),
]

DEMO_PEOPLE = [
    ("admin", "Ada Administrator", Role.Kind.ADMINISTRATOR, None),
    ("secretariat", "Sam Secretariat", Role.Kind.SECRETARIAT, None),
    ("focal.demoland", "Dana Focal (Demoland)", Role.Kind.FOCAL_POINT, "Demoland"),
    ("official.demoland", "Omar Official (Demoland)", Role.Kind.OFFICIAL, "Demoland"),
    ("focal.examplestan", "Eve Focal (Examplestan)", Role.Kind.FOCAL_POINT, "Examplestan"),
    ("contributor", "Chris Contributor", Role.Kind.CONTRIBUTOR, None),
]


@dataclass
class DemoReport:
    members: int = 0
    people: list[tuple[str, str]] = field(default_factory=list)


def seed_members() -> list[Member]:
    out = []
    for index, (name, region) in enumerate(FICTIONAL_MEMBERS):
        member = Member.objects.filter(slug=slugify(name)).first()
        if member is None:
            member = Member(
                slug=slugify(name),
                name=name,
                name_en=name,
                name_fr=name,
                name_es=name,
                kind=Member.Kind.GOVERNMENT,
                region=region,
                joined_on=datetime.date(2023, 1, 1) + datetime.timedelta(days=30 * index),
                public_profile_en=f"{name} is a fictional member invented for the demonstration.",
                public_profile_fr=f"{name} est un membre fictif inventé pour la démonstration.",
                public_profile_es=f"{name} es un miembro ficticio inventado para la demostración.",
                secretariat_notes=f"Secretariat note on {name} (synthetic).",
                source="Synthetic demo member (manage.py seed_demo)",
                alliance_member=True,
                alliance_source="Synthetic demo data",
                visibility=Visibility.PUBLIC,
                is_synthetic=True,
            )
            member.full_clean()
            member.save()
        out.append(member)
    return out


def seed_people(members: dict[str, Member]) -> list[tuple[str, str]]:
    people = []
    for local, full_name, kind, member_name in DEMO_PEOPLE:
        email = f"{local}@{DEMO_DOMAIN}"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, DEMO_PASSWORD, full_name=full_name)
        member = members[member_name] if member_name else None
        if not Role.objects.filter(user=user, kind=kind, member=member).exists():
            role = Role(user=user, kind=kind, member=member, starts_on=datetime.date(2023, 1, 1))
            if kind == Role.Kind.CONTRIBUTOR:
                role.organisation = "Civil society reference group (demo)"
            role.full_clean()
            role.save()
        if kind == Role.Kind.ADMINISTRATOR and not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, generate_totp_secret())
            RecoveryCodes.activate(user)
        people.append((email, str(Role.Kind(kind).label)))
    return people


def seed_notes(members: dict[str, Member]) -> None:
    author = User.objects.get(email=f"secretariat@{DEMO_DOMAIN}")
    for name in ("Demoland", "Examplestan"):
        member = members[name]
        if member.notes.exists():
            continue
        for level in (Visibility.TASKFORCE, Visibility.MEMBER, Visibility.SECRETARIAT):
            MemberNote.objects.create(
                member=member,
                author=author,
                visibility=level,
                text=f"Demo note on {name}, visible at {level} level (synthetic).",
                is_synthetic=True,
            )


def seed_join_requests() -> None:
    """Two pending requests from fictional governments, so the review pages have something to show."""
    for government, email, status in (
        ("Republic of Fictistan", "focal@fictistan.demo.taskforce.invalid", JoinRequest.Status.SUBMITTED),
        ("Placeholder Islands", "office@placeholder.demo.taskforce.invalid", JoinRequest.Status.MORE_INFORMATION),
    ):
        if JoinRequest.objects.filter(government=government).exists():
            continue
        request = JoinRequest.objects.create(
            government=government,
            contact_name=f"Contact of {government}",
            contact_email=email,
            message=f"{government} asks to join the Taskforce (synthetic).",
            status=status,
            token_nonce=secrets.token_hex(16),
            is_synthetic=True,
        )
        JoinRequestMessage.objects.create(join_request=request, author_kind="requester", event="received")
        JoinRequestMessage.objects.create(join_request=request, author_kind="requester", event="verified")
        if status == JoinRequest.Status.MORE_INFORMATION:
            JoinRequestMessage.objects.create(
                join_request=request,
                author_kind="secretariat",
                event="more_information_requested",
                text="Please send the letter signed by the minister (synthetic).",
            )


def seed_demo() -> DemoReport:
    with transaction.atomic(), acting_as(None, via="seed_demo"):
        members = {m.slug.capitalize(): m for m in seed_members()}
        for member in members.values():
            member_status_history_start(member, reason="Joined (synthetic)")
        people = seed_people(members)
        seed_notes(members)
        seed_join_requests()
    return DemoReport(members=len(members), people=people)


def seed_demo_lines() -> list[str]:
    """The registered demo seed: fictional members and demo accounts, with what to print."""
    report = seed_demo()
    lines = [f"Demo data: {report.members} fictional members (flagged synthetic)."]
    lines.append("Demo accounts (password for all: " + DEMO_PASSWORD + "):")
    lines += [f"  {email:45} {role}" for email, role in report.people]
    lines.append("Second factor: run `.venv/bin/python manage.py demo_code <e-mail>` for the current code.")
    return lines
