"""Synthetic demo data: fictional members only, each record flagged is_synthetic."""

from __future__ import annotations

import datetime
import functools
import secrets
import textwrap
from dataclasses import dataclass
from dataclasses import field

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from allauth.mfa.totp.internal.auth import generate_totp_secret
from django.contrib.auth.hashers import make_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from hub.accounts.models import User
from hub.core.audit import acting_as
from hub.core.models import Visibility
from hub.core.viewer import Viewer
from hub.core.viewer import focal_point_of
from hub.core.viewer import viewer_for
from hub.members.models import Invitation
from hub.members.models import JoinRequest
from hub.members.models import JoinRequestMessage
from hub.members.models import Member
from hub.members.models import MemberNote
from hub.members.models import Role
from hub.members.services.people import invitation_create
from hub.members.services.people import role_end
from hub.members.services.registry import member_status_change
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
    ("focal.specimenia", "Sofia Focal (Specimenia)", Role.Kind.FOCAL_POINT, "Specimenia"),
    ("contributor", "Chris Contributor", Role.Kind.CONTRIBUTOR, None),
]


# The member suspended and the one withdrawn at the end of seeding (after they took part in the demo
# meetings and cycles, so that their records show how each status reads), and people whose roles ended:
# (e-mail local part, full name, role, member, the day the role ended; None: ended by the withdrawal).
SUSPENDED = "Specimenia"
WITHDRAWN = "Dummyland"
FORMER_PEOPLE = [
    ("former.demoland", "Frankie Former (Demoland)", Role.Kind.OFFICIAL, "Demoland", datetime.date(2025, 3, 31)),
    ("official.dummyland", "Wim Official (Dummyland)", Role.Kind.OFFICIAL, WITHDRAWN, None),
]
PENDING_INVITATION = f"invited.official@{DEMO_DOMAIN}"


def persona(local: str) -> Viewer:
    """The viewer of a demo person (their roles today), for seeding as that person."""
    return viewer_for(User.objects.get(email=f"{local}@{DEMO_DOMAIN}"))


def member_persona(member: Member) -> Viewer:
    """A demo member's focal point: the demo person where there is one, else a focal point without a user."""
    for local, _name, kind, member_name in DEMO_PEOPLE:
        if member_name == member.name and kind == Role.Kind.FOCAL_POINT:
            return persona(local)
    return focal_point_of(member.pk)


def _pdf_text(text: str) -> str:
    latin = text.encode("latin-1", "replace").decode("latin-1")
    return latin.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def demo_pdf(name: str, title: str, paragraphs: list[str]) -> SimpleUploadedFile:
    """A short generated one-page PDF for demo evidence and meeting papers, marked synthetic. Written
    directly (a title and wrapped lines in Helvetica): seeding stays fast, the file stays small."""
    lines = [(16, title), (10, "Synthetic demo document: invented for the demonstration."), (10, "")]
    for paragraph in paragraphs:
        lines += [(11, line) for line in textwrap.wrap(paragraph, 90)] + [(11, "")]
    ops = ["BT", "72 770 Td"]
    for size, line in lines:
        ops += [f"/F1 {size} Tf", f"({_pdf_text(line)}) Tj", f"0 -{size + 6} Td"]
    stream = "\n".join([*ops, "ET"]).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return SimpleUploadedFile(name, bytes(out), content_type="application/pdf")


@functools.cache
def _demo_password_hash() -> str:
    """Hashed once for every demo person (hashing is deliberately slow)."""
    return make_password(DEMO_PASSWORD)


def _demo_user(email: str, full_name: str) -> User:
    user = User.objects.create_user(email, None, full_name=full_name)
    user.password = _demo_password_hash()
    user.save(update_fields=["password"])
    return user


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
            user = _demo_user(email, full_name)
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


def seed_former_people(members: dict[str, Member]) -> None:
    """People whose member role has ended (the record stays, with its dates), ended by the secretariat."""
    secretariat = persona("secretariat")
    for local, full_name, kind, member_name, ended in FORMER_PEOPLE:
        email = f"{local}@{DEMO_DOMAIN}"
        if User.objects.filter(email=email).exists():
            continue
        user = _demo_user(email, full_name)
        role = Role(user=user, kind=kind, member=members[member_name], starts_on=datetime.date(2023, 1, 1))
        role.full_clean()
        role.save()
        if ended is not None:
            role_end(viewer=secretariat, role_id=role.pk, ends_on=ended, via="seed_demo")


def seed_invitation(members: dict[str, Member]) -> None:
    """A pending invitation of a demo address to Demoland (its focal point and the secretariat see it)."""
    if Invitation.objects.filter(email=PENDING_INVITATION).exists():
        return
    invitation_create(
        viewer=persona("secretariat"),
        email=PENDING_INVITATION,
        kind=Role.Kind.OFFICIAL,
        member=members["Demoland"],
        via="seed_demo",
    )


def seed_member_changes() -> list[str]:
    """One member suspended and one withdrawn, with dates and reasons in their status history. Run last
    (by the reporting seed), after the members took part in the demo meetings and cycles."""
    changes = [
        (SUSPENDED, Member.Status.SUSPENDED, 20, "Suspended at its own request while its ministries reorganise."),
        (WITHDRAWN, Member.Status.WITHDRAWN, 10, "Withdrew by a letter of its government; its records stay."),
    ]
    done = []
    secretariat = persona("secretariat")
    with transaction.atomic(), acting_as(None, via="seed_demo"):
        for name, status, days_ago, reason in changes:
            member = Member.objects.filter(slug=slugify(name), is_synthetic=True).first()
            if member is None or member.status == status:
                continue
            member_status_change(
                viewer=secretariat,
                member=member,
                status=status,
                reason=f"{reason} (synthetic)",
                effective_on=timezone.localdate() - datetime.timedelta(days=days_ago),
                via="seed_demo",
            )
            done.append(f"{name} {status}")
    return [f"Demo member status: {', '.join(done)}."] if done else []


def seed_demo() -> DemoReport:
    with transaction.atomic(), acting_as(None, via="seed_demo"):
        members = {m.slug.capitalize(): m for m in seed_members()}
        for member in members.values():
            member_status_history_start(member, reason="Joined (synthetic)")
        people = seed_people(members)
        seed_notes(members)
        seed_join_requests()
        seed_former_people(members)
        seed_invitation(members)
    return DemoReport(members=len(members), people=people)


def seed_demo_lines() -> list[str]:
    """The registered demo seed: fictional members and demo accounts, with what to print."""
    report = seed_demo()
    lines = [f"Demo data: {report.members} fictional members (flagged synthetic)."]
    lines.append("Demo accounts (password for all: " + DEMO_PASSWORD + "):")
    lines += [f"  {email:45} {role}" for email, role in report.people]
    lines.append("Second factor: run `.venv/bin/python manage.py demo_code <e-mail>` for the current code.")
    return lines


def members_summary() -> str:
    """What the demo holds about members, however many runs made it."""
    demo = Member.objects.filter(is_synthetic=True)
    pending = [i for i in Invitation.objects.filter(email__endswith=DEMO_DOMAIN) if i.state == "pending"]
    ended = Role.objects.filter(user__email__endswith=DEMO_DOMAIN, ends_on__isnull=False).count()
    return (
        f"Members: {demo.count()} fictional ({demo.filter(status=Member.Status.SUSPENDED).count()} suspended, "
        f"{demo.filter(status=Member.Status.WITHDRAWN).count()} withdrawn); "
        f"{JoinRequest.objects.filter(is_synthetic=True).count()} join requests; "
        f"{len(pending)} pending invitation(s); {ended} ended role(s)."
    )
