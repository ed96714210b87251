"""The leak crawl: every page and API endpoint, as every persona, never shows what it must not.

URL patterns come from the URL resolver and the API's OpenAPI schema, never from a hand list:
a new page is crawled without anyone adding it. URL parameters come from a registry of real
records; a parameter with no registry entry fails the test. Records exist at every visibility
level, each with a unique marker; PDF, XLSX, CSV and compressed bodies are decoded before the
markers are searched. Writes to another member's records must answer 404 (or 405 where the
address takes no writes at all) and change nothing.
"""

from __future__ import annotations

import gzip
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern
from django.urls import URLResolver
from django.urls import get_resolver

from conftest import as_viewer
from conftest import client_for
from conftest import make_member
from conftest import make_person
from hub.accounts.services import api_token_create
from hub.core.models import Notification
from hub.core.models import Visibility
from hub.core.services import notifications_record
from hub.core.viewer import SYSTEM
from hub.knowledge.models import GoodPractice  # knowledge: practices
from hub.knowledge.models.documents import Document
from hub.knowledge.services.terminology import GlossaryTermInput
from hub.knowledge.services.terminology import glossary_term_add
from hub.knowledge.services.terminology import glossary_term_set_active
from hub.members.models import Grant
from hub.members.models import Invitation
from hub.members.models import Member
from hub.members.models import MemberNote
from hub.members.models import Role
from hub.members.services import invitation_create
from hub.members.services import join_request_submit
from hub.members.services import member_status_change
from hub.reporting.models import Answer
from hub.reporting.models import Evidence
from hub.reporting.models import ProgressReport
from hub.reporting.models import ShowcaseItem

# The most privileged go first, so a cache that served one viewer's content to another would show.
PERSONAS = [
    "secretariat",
    "administrator",
    "focal_point_a",
    "official_a",
    "official_b",
    "contributor",
    "anonymous",
    # An official of A whose session never passed the second factor: sees what anonymous sees.
    "official_a_without_second_factor",
    # The official of a withdrawn member: their role ended; their member's records are the secretariat's.
    "official_w",
]
TASKFORCE = {"official_a", "focal_point_a", "official_b", "secretariat", "administrator_as_secretariat"}


@dataclass
class Marker:
    text: str
    audience: set[str]  # personas allowed to see it


@dataclass
class World:
    users: dict[str, Any]
    member_a: Member
    member_b: Member
    markers: list[Marker]
    params: dict[str, list[str]]
    a_values: set[tuple[str, str]]  # registry entries that identify member A's records
    markers_by_persona: dict[str, list[str]] = field(default_factory=dict)


def _note(member: Member, author: Any, level: str, text: str) -> MemberNote:
    return MemberNote.objects.create(member=member, author=author, visibility=level, text=text, is_synthetic=True)


def _unlisted(name: str, slug: str, visibility: str, profile: str) -> Member:
    """A member the public does not see."""
    return Member.objects.create(
        name=name, slug=slug, kind="government", visibility=visibility, public_profile=profile, is_synthetic=True
    )


@pytest.fixture
def world(db: Any) -> World:
    a = make_member("Alphaland", region="Europe", secretariat_notes="MARK-SECNOTES-A")
    b = make_member("Betaland", region="Africa", secretariat_notes="MARK-SECNOTES-B")
    # Names differ from slugs: a 404 page may echo the requested address, never the record.
    hidden = _unlisted("MARK-HIDDEN-NAME", "secretland", Visibility.SECRETARIAT, "MARK-HIDDEN-MEMBER")
    tf_member = _unlisted("MARK-TF-NAME", "taskland", Visibility.TASKFORCE, "MARK-TF-MEMBER")
    users = {
        "contributor": make_person("mark-contrib@example.org", Role.Kind.CONTRIBUTOR),
        "official_a": make_person("mark-official-a@example.org", Role.Kind.OFFICIAL, a),
        "focal_point_a": make_person("mark-focal-a@example.org", Role.Kind.FOCAL_POINT, a),
        "official_b": make_person("mark-official-b@example.org", Role.Kind.OFFICIAL, b),
        "secretariat": make_person("mark-secretariat@example.org", Role.Kind.SECRETARIAT),
        "administrator": make_person("mark-admin@example.org", Role.Kind.ADMINISTRATOR),
    }
    users["official_a_without_second_factor"] = users["official_a"]
    w = make_member("Wayland", region="Asia")
    users["official_w"] = make_person("mark-official-w@example.org", Role.Kind.OFFICIAL, w)
    sec = users["secretariat"]
    # The administrator runs the platform: people and sign-in, not member data (audit values withheld).
    own_a = {"official_a", "focal_point_a", "secretariat"}
    own_b = {"official_b", "secretariat"}
    taskforce = {"official_a", "focal_point_a", "official_b", "secretariat"}
    staff = {"secretariat"}
    markers = [
        Marker("MARK-SECNOTES-A", staff),
        Marker("MARK-SECNOTES-B", staff),
        Marker("MARK-HIDDEN-MEMBER", staff),
        Marker("MARK-HIDDEN-NAME", staff),
        Marker("MARK-TF-MEMBER", taskforce),
        Marker("MARK-TF-NAME", taskforce),
        # Officials' e-mail addresses are taskforce-level (who speaks for whom); administrators manage people.
        Marker("mark-official-a@", taskforce | {"administrator"}),
        Marker("mark-official-b@", taskforce | {"administrator"}),
    ]
    notes: dict[str, MemberNote] = {}
    for owner, member, audience_member in (("A", a, own_a), ("B", b, own_b)):
        for level in Visibility.values:
            text = f"MARK-NOTE-{owner}-{level.upper()}"
            notes[f"{owner}-{level}"] = _note(member, sec, level, text)
            audience = {
                "public": set(PERSONAS),
                "taskforce": taskforce,
                "member": audience_member,
                "secretariat": staff,
            }[level]
            markers.append(Marker(text, audience))
    # A member-level note of A granted to the contributor.
    granted = _note(a, sec, Visibility.MEMBER, "MARK-GRANTED-A")
    Grant.objects.create(
        content_type=ContentType.objects.get_for_model(MemberNote),
        object_id=granted.pk,
        grantee_user=users["contributor"],
        reason="consultation input",
        granted_by=sec,
    )
    markers.append(Marker("MARK-GRANTED-A", own_a | {"contributor"}))
    # A note written by official A at member level: also visible to its author.
    authored = _note(a, users["official_a"], Visibility.MEMBER, "MARK-AUTHORED-A")
    markers.append(Marker("MARK-AUTHORED-A", own_a))
    inv_a, _ = invitation_create(
        viewer=as_viewer(sec), email="mark-invite-a@example.org", kind=Role.Kind.OFFICIAL, member=a
    )
    inv_b, _ = invitation_create(
        viewer=as_viewer(sec), email="mark-invite-b@example.org", kind=Role.Kind.OFFICIAL, member=b
    )
    markers.append(Marker("mark-invite-a@", {"focal_point_a"} | staff))
    markers.append(Marker("mark-invite-b@", staff))
    # Member W withdraws: its official's role ends; W's member-level note is the secretariat's.
    _note(w, sec, Visibility.MEMBER, "MARK-NOTE-W-MEMBER")
    markers.append(Marker("MARK-NOTE-W-MEMBER", staff))
    # legal: profiles (W's profile is made before W withdraws)
    legal = _legal_world(a, b, hidden, w, users, markers, own_a=own_a, taskforce=taskforce, staff=staff)
    # assessments: self-assessments (W's is made before W withdraws)
    mnr = _assessments_world(a, b, w, users, markers, own_a=own_a, own_b=own_b, staff=staff)
    member_status_change(viewer=SYSTEM, member=w, status="withdrawn", reason="MARK-W-REASON")
    markers.append(Marker("MARK-W-REASON", taskforce))
    token_a, _raw = api_token_create(viewer=as_viewer(users["official_a"]), name="MARK-TOKEN-A", scope="read", days=5)
    token_b, _raw = api_token_create(viewer=as_viewer(users["official_b"]), name="MARK-TOKEN-B", scope="read", days=5)
    markers.append(Marker("MARK-TOKEN-A", {"official_a", "secretariat", "administrator"}))
    # A join request is the secretariat's (its requester follows it through a signed link).
    join_request = join_request_submit(
        government="MARK-JOIN-GOV",
        country="",
        contact_name="MARK-JOIN-CONTACT",
        contact_email="mark-join@example.org",
        message="MARK-JOIN-MESSAGE",
        letter=SimpleUploadedFile("letter.pdf", b"%PDF-1.4 MARK-JOIN-LETTER", content_type="application/pdf"),
    )
    for text in ("MARK-JOIN-GOV", "MARK-JOIN-CONTACT", "mark-join@", "MARK-JOIN-MESSAGE", "MARK-JOIN-LETTER"):
        markers.append(Marker(text, staff))
    # A person's notifications (what was e-mailed to them) are theirs alone, the secretariat's included.
    notifications_record(to=[users["official_a"].email], subject="MARK-NOTIF-A", body="MARK-NOTIF-BODY-A")
    notifications_record(to=[sec.email], subject="MARK-NOTIF-SEC", body="MARK-NOTIF-BODY-SEC")
    markers += [Marker("MARK-NOTIF-A", {"official_a"}), Marker("MARK-NOTIF-BODY-A", {"official_a"})]
    markers += [Marker("MARK-NOTIF-SEC", {"secretariat"}), Marker("MARK-NOTIF-BODY-SEC", {"secretariat"})]
    notification_ids = [str(n.pk) for n in Notification.objects.order_by("pk")]
    # A member's status history, with its reasons, is taskforce-level.
    member_status_change(viewer=SYSTEM, member=b, status="suspended", reason="MARK-STATUS-REASON-B")
    member_status_change(viewer=SYSTEM, member=b, status="active", reason="back")
    markers.append(Marker("MARK-STATUS-REASON-B", taskforce))
    meetings = _meeting_world(a, b, hidden, users, markers, own_a=own_a, taskforce=taskforce, staff=staff)
    rep = _reporting_world(a, b, users, markers, own_a=own_a, own_b=own_b, taskforce=taskforce, staff=staff)
    # knowledge: documents
    library = _documents_world(a, b, hidden, users, markers, own_a=own_a, own_b=own_b, taskforce=taskforce, staff=staff)
    practices = _practices_world(a, b, users, markers, own_a=own_a, own_b=own_b, taskforce=taskforce)
    terms = _terminology_world(sec, markers, staff=staff)
    # knowledge: consultations
    consult = _consultations_world(users, markers, own_a=own_a, taskforce=taskforce, staff=staff)
    # legal: checklist (the reference version, and a draft only the secretariat sees)
    checklist_draft = _checklist_world(sec, markers, staff=staff)
    # legal: codings
    corrections = _legal_corrections_world(a, users, markers, own_a=own_a)
    role_a = Role.objects.get(user=users["official_a"])
    role_b = Role.objects.get(user=users["official_b"])
    markers.append(Marker("MARK-TOKEN-B", {"official_b", "secretariat", "administrator"}))
    # The audit log holds every marker's text, so it is the secretariat's and the administrator's.
    note_ids = [str(n.pk) for n in notes.values()] + [str(granted.pk), str(authored.pk)]
    # Keys are a parameter name, or "<url name>.<parameter>" where one name means different records.
    params = {
        "slug": [a.slug, b.slug, hidden.slug, tf_member.slug],
        "invitation_revoke.pk": [str(inv_a.pk), str(inv_b.pk)],
        "api_token_revoke.pk": [str(token_a.pk), str(token_b.pk)],
        "member_role_end.pk": [str(role_a.pk), str(role_b.pk)],
        "join_request*.pk": [str(join_request.pk)],
        "request_id": [str(join_request.pk)],
        "meeting_*.pk": [str(meetings["meeting_a"].pk), str(meetings["meeting_t"].pk)],
        "meeting_document.pk": [str(d.pk) for d in meetings["documents"]],
        "meeting_pdf.kind": ["agenda", "minutes"],
        "meeting_input_submit.item_pk": [str(i.pk) for i in meetings["agenda"]],
        "meeting_input_respond.input_pk": [str(meetings["input"].pk)],
        "meeting_agenda_*.item_pk": [str(i.pk) for i in meetings["agenda"]],
        "meeting_delegate_remove.delegate_pk": ["999999"],
        "delegate_id": ["999999"],
        "decision_detail.pk": [str(d.pk) for d in meetings["decisions"]],
        "decision_id": [str(d.pk) for d in meetings["decisions"]],
        "action_item_detail.pk": [str(meetings["action_a"].pk), str(meetings["action_b"].pk)],
        "procedure_detail.pk": [str(meetings["procedure"].pk)],
        "meeting_id": [str(meetings["meeting_a"].pk), str(meetings["meeting_t"].pk)],
        "procedure_id": [str(meetings["procedure"].pk)],
        "input_id": [str(meetings["input"].pk)],
        "/api/v1/meetings/agenda-items/{item_id}/inputs.item_id": [str(i.pk) for i in meetings["agenda"]],
        "/api/v1/meetings/agenda-items/{item_id}.item_id": [str(i.pk) for i in meetings["agenda"]],
        "/api/v1/meetings/agenda-items/{item_id}/move.item_id": [str(i.pk) for i in meetings["agenda"]],
        "item_id": [str(meetings["action_a"].pk), str(meetings["action_b"].pk)],
        "number": ["1", "2"],
        # knowledge: terminology (a term in use, and one out of use that only the secretariat sees)
        "term": [t.key for t in terms],
        "cycle_*.pk": [str(rep["cycle"].pk), str(rep["draft"].pk)],
        "cycle_action.action": ["close"],
        "cycle_id": [str(rep["cycle"].pk), str(rep["draft"].pk)],
        "questionnaire_detail.pk": [str(rep["version"].pk)],
        "version_id": [str(rep["version"].pk)],
        "report_*.pk": [str(rep["report_a"].pk), str(rep["report_b"].pk)],
        "report_id": [str(rep["report_a"].pk), str(rep["report_b"].pk)],
        "answer_id": [str(rep["answer_a"].pk), str(rep["answer_b"].pk)],
        "showcase_action.pk": [str(rep["published"].pk), str(rep["proposed"].pk)],
        "showcase_action.action": ["sign-off", "withdraw"],
        "/api/v1/showcase/{item_id}/sign-off.item_id": [str(rep["published"].pk), str(rep["proposed"].pk)],
        "/api/v1/showcase/{item_id}/withdraw.item_id": [str(rep["published"].pk), str(rep["proposed"].pk)],
        "evidence_download.pk": [str(e.pk) for e in rep["evidence"]],
        "audit_record.kind": ["members.membernote"],
        "audit_record.pk": note_ids[:2],
        "evidence_id": [str(e.pk) for e in rep["evidence"]],
        "token": ["not-a-real-token"],
        # knowledge: documents
        "knowledge_document_*.pk": [str(d.pk) for d in library.values()],
        "document_id": [str(d.pk) for d in library.values()],
        # knowledge: practices
        "knowledge_practice_*.pk": [str(p.pk) for p in practices.values()],
        "practice_id": [str(p.pk) for p in practices.values()],
        "notification_read.pk": notification_ids,
        "notification_id": notification_ids,
        "fmt": ["csv", "xlsx", "json"],
        "object_id": [str(u.pk) for u in users.values()],
        "app_label": ["accounts"],
        "content_type_id": [str(ContentType.objects.get_for_model(Member).pk)],
        "key": ["not-a-key"],
        "uidb36": ["1"],
        "url": ["nowhere"],
        "type": ["totp"],
        # knowledge: consultations
        "knowledge_consultation_input_submit.pk": consult["consultations"],
        "knowledge_consultation_input*.pk": consult["inputs"],
        "knowledge_consultation_*.pk": consult["consultations"],
        "consultation_id": consult["consultations"],
        "/api/v1/consultations/input/{input_id}/response.input_id": consult["inputs"],
        # legal: checklist (a version's code, the published reference one and a draft; a provision's code)
        "version": ["2026-1", checklist_draft],
        "code": ["O5"],
        # legal: profiles (the withdrawn member's profile too, on the legal pages and the profile API)
        "legal_*.slug": [a.slug, b.slug, hidden.slug, tf_member.slug, w.slug],
        "/api/v1/legal/profiles/{slug}.slug": [a.slug, b.slug, hidden.slug, tf_member.slug, w.slug],
        "statute_id": legal["statutes"],
        "reservation_id": legal["reservations"],
        # legal: codings
        **corrections["params"],
        # assessments: self-assessments
        **mnr["params"],
    }
    a_values = {
        ("slug", a.slug),
        ("invitation_revoke.pk", str(inv_a.pk)),
        ("api_token_revoke.pk", str(token_a.pk)),
        ("member_role_end.pk", str(role_a.pk)),
        ("meeting_*.pk", str(meetings["meeting_a"].pk)),
        ("meeting_id", str(meetings["meeting_a"].pk)),
        ("action_item_detail.pk", str(meetings["action_a"].pk)),
        ("item_id", str(meetings["action_a"].pk)),
        # agenda items have their own entries: an action item's id may be an agenda item's too (PostgreSQL)
        ("/api/v1/meetings/agenda-items/{item_id}.item_id", str(meetings["agenda"][0].pk)),
        ("/api/v1/meetings/agenda-items/{item_id}/move.item_id", str(meetings["agenda"][0].pk)),
        ("/api/v1/meetings/agenda-items/{item_id}/inputs.item_id", str(meetings["agenda"][0].pk)),
        ("report_*.pk", str(rep["report_a"].pk)),
        ("report_id", str(rep["report_a"].pk)),
        ("answer_id", str(rep["answer_a"].pk)),
        ("showcase_action.pk", str(rep["published"].pk)),
        ("showcase_action.pk", str(rep["proposed"].pk)),
        ("/api/v1/showcase/{item_id}/sign-off.item_id", str(rep["proposed"].pk)),
        ("/api/v1/showcase/{item_id}/withdraw.item_id", str(rep["published"].pk)),
        *(("evidence_download.pk", str(e.pk)) for e in rep["evidence"]),
        *(("evidence_id", str(e.pk)) for e in rep["evidence"]),
        # knowledge: documents (A's member-only document: hidden from B, so B's writes to it are 404s)
        ("knowledge_document_*.pk", str(library["member_a"].pk)),
        ("document_id", str(library["member_a"].pk)),
        # knowledge: practices
        *(("knowledge_practice_*.pk", str(p.pk)) for k, p in practices.items() if k.endswith("_a")),
        *(("practice_id", str(p.pk)) for k, p in practices.items() if k.endswith("_a")),
        # knowledge: consultations
        ("knowledge_consultation_input*.pk", consult["input_a"]),
        ("/api/v1/consultations/input/{input_id}/response.input_id", consult["input_a"]),
        # legal: profiles
        ("legal_*.slug", a.slug),
        ("/api/v1/legal/profiles/{slug}.slug", a.slug),
        ("statute_id", legal["statutes"][0]),
        ("reservation_id", legal["reservations"][0]),
        # legal: codings (A's correction request: hidden from B, so B's writes to it are 404s)
        *corrections["a_values"],
        # assessments: A's self-assessment and its exchange with C (B is no party to it)
        *mnr["a_values"],
    }
    assert note_ids  # notes have no address of their own yet; they are reached through their member
    return World(users=users, member_a=a, member_b=b, markers=markers, params=params, a_values=a_values)


def _assessments_world(
    a: Member, b: Member, w: Member, users: dict[str, Any], markers: list[Marker], **aud: set[str]
) -> dict[str, Any]:
    """assessments: A's, B's and W's self-assessments, each with its own words in every text field; an
    exchange A proposed to B (both members' and the secretariat's) and one to C (A's and the
    secretariat's); the secretariat's opening of A's assessment, in A's access log."""
    import datetime

    from django.utils import timezone

    from hub.assessments.models import Exchange
    from hub.assessments.models import Framework
    from hub.assessments.services.assessments import AnswerInput
    from hub.assessments.services.assessments import access_record
    from hub.assessments.services.assessments import answers_save
    from hub.assessments.services.assessments import assessment_start
    from hub.assessments.services.assessments import assessment_submit
    from hub.assessments.services.assessments import cycle_create
    from hub.assessments.services.framework import reference_capabilities_load
    from hub.assessments.services.framework import reference_phases_load

    reference_capabilities_load()
    reference_phases_load()
    sec = as_viewer(users["secretariat"])
    fw = Framework.objects.get(code="mnr-2016")
    today = timezone.localdate()
    the_cycle = cycle_create(
        viewer=sec, title="Crawl cycle", framework=fw, opens_on=today, due_on=today + datetime.timedelta(days=30)
    )
    w_official = make_person("mark-focal-w@example.org", Role.Kind.FOCAL_POINT, w)
    assessments = {}
    for key, member, person in (("A", a, users["focal_point_a"]), ("B", b, users["official_b"]), ("W", w, w_official)):
        viewer = as_viewer(person)
        assessment = assessment_start(viewer=viewer, cycle_id=the_cycle.pk, member_id=member.pk)
        data = {
            answer.capability_id: AnswerInput(
                phase=2,
                target_phase=4,
                priority=True,
                evidence=f"MARK-MNR-EVIDENCE-{key}",
                notes=f"MARK-MNR-NOTES-{key}",
                planned_actions=f"MARK-MNR-PLAN-{key}",
            )
            for answer in assessment.answers.all()
        }
        answers_save(viewer=viewer, assessment_id=assessment.pk, answers=data)
        if key == "A":
            assessment = assessment_submit(viewer=viewer, assessment_id=assessment.pk)
        assessments[key] = assessment
    audience = {"A": aud["own_a"], "B": aud["own_b"], "W": aud["staff"]}
    for key in assessments:
        for field_name in ("EVIDENCE", "NOTES", "PLAN"):
            markers.append(Marker(f"MARK-MNR-{field_name}-{key}", audience[key]))
    c = make_member("Ceeland", region="Asia")
    capability = fw.capabilities.get(number=3)
    exchanges = {}
    for key, other in (("AB", b), ("AC", c)):
        exchange = Exchange(
            capability=capability,
            initiator=a,
            counterpart=other,
            kind=Exchange.Kind.REQUEST,
            message=f"MARK-MNR-EXCHANGE-{key}",
            created_by=users["official_a"],
            is_synthetic=True,
        )
        exchange.full_clean()
        exchange.save()
        exchanges[key] = exchange
    markers.append(Marker("MARK-MNR-EXCHANGE-AB", aud["own_a"] | aud["own_b"]))
    markers.append(Marker("MARK-MNR-EXCHANGE-AC", aud["own_a"]))
    access_record(viewer=sec, assessment=assessments["A"], channel="page")
    ids = [str(assessments[k].pk) for k in ("A", "B", "W")]
    pair = [str(exchanges["AB"].pk), str(exchanges["AC"].pk)]
    cycle_id = [str(the_cycle.pk)]
    params: dict[str, list[str]] = {
        "assessments_exchange*.pk": pair,
        "assessments_cycle*.pk": cycle_id,
        "assessments_start.pk": cycle_id,
        "assessments_aggregate*.cycle_id": cycle_id,
        "assessments_aggregates_export.fmt": ["csv", "xlsx"],
        "assessments_framework*.code": ["mnr-2016"],
        "assessments_phase_edit.number": ["2"],
        "assessments_*.pk": ids,
        "assessment_id": ids,
        "exchange_id": pair,
        "/api/v1/assessments/phases/{number}.number": ["2"],
    }
    for path in ("", "/publish"):
        params[f"/api/v1/assessments/frameworks/{{code}}{path}.code"] = ["mnr-2016"]
    for path in ("", "/close", "/publish-aggregate", "/unpublish-aggregate"):
        params[f"/api/v1/assessments/cycles/{{cycle_id}}{path}.cycle_id"] = cycle_id
    a_values = {
        ("assessments_*.pk", ids[0]),
        ("assessment_id", ids[0]),
        ("assessments_exchange*.pk", pair[1]),
        ("exchange_id", pair[1]),
    }
    return {"params": params, "a_values": a_values}


def _documents_world(
    a: Member, b: Member, hidden: Member, users: dict[str, Any], markers: list[Marker], **aud: set[str]
) -> dict[str, Any]:
    """knowledge: documents. Library documents at every level (a title and a body marker each), one of a
    member the taskforce may not see (its name must not show), one withdrawn (the secretariat's)."""
    from django.utils import timezone

    from hub.knowledge.models.documents import Document
    from hub.knowledge.services.documents import DocumentInput
    from hub.knowledge.services.documents import document_upload
    from hub.knowledge.services.documents_extract import document_extract
    from hub.members.demo import demo_pdf

    sec = as_viewer(users["secretariat"])
    everyone = set(PERSONAS)

    def doc(key: str, level: str, member: Member | None, audience: set[str], pdf: bool = False) -> Document:
        title, body = f"MARK-LIB-{key}", f"MARK-LIBTEXT-{key}"
        file = demo_pdf(f"{key}.pdf", "Paper", [body]) if pdf else SimpleUploadedFile(f"{key}.txt", body.encode())
        data = DocumentInput(title=title, visibility=level, author_member=member, summary=f"MARK-LIBSUM-{key}")
        document = document_upload(viewer=sec, data=data, upload=file)
        document_extract(document_id=document.pk)
        markers.extend(Marker(text, audience) for text in (title, body, f"MARK-LIBSUM-{key}"))
        return document

    out = {
        "public": doc("PUBLIC", Visibility.PUBLIC, a, everyone, pdf=True),
        "taskforce": doc("TASKFORCE", Visibility.TASKFORCE, a, aud["taskforce"]),
        "member_a": doc("MEMBERA", Visibility.MEMBER, a, aud["own_a"], pdf=True),
        "member_b": doc("MEMBERB", Visibility.MEMBER, b, aud["own_b"]),
        "secretariat": doc("SECRETARIAT", Visibility.SECRETARIAT, None, aud["staff"]),
        "hidden_author": doc("HIDDENAUTHOR", Visibility.TASKFORCE, hidden, aud["taskforce"]),
        "withdrawn": doc("WITHDRAWN", Visibility.PUBLIC, a, aud["staff"]),
    }
    Document.objects.filter(pk=out["withdrawn"].pk).update(withdrawn_at=timezone.now(), withdrawal_reason="x")
    return out


# legal: checklist
def _checklist_world(sec: Any, markers: list[Marker], **aud: set[str]) -> str:
    """legal: checklist. Version 2026-1 from the reference table (idempotent: the legal world may load
    it too), and a draft next version, mapped to it, whose title only the secretariat may see. Returns
    the draft's code."""
    import csv
    import io

    from hub.core.reference import reference_rows
    from hub.legal.services.checklist import checklist_version_load
    from hub.legal.services.checklist import reference_checklist_load

    reference_checklist_load()
    out = io.StringIO()
    columns = ["id", "group", "provision", "met_means", "scoring", "instruments", "maps_to", "relation"]
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in reference_rows("model_checklist.csv"):
        writer.writerow({**row, "maps_to": row["id"], "relation": "same"})
    checklist_version_load(
        viewer=as_viewer(sec),
        code="2099-1",
        title="MARK-CHECKLIST-DRAFT",
        source="Draft revision",
        name="draft.csv",
        content=out.getvalue().encode(),
    )
    markers.append(Marker("MARK-CHECKLIST-DRAFT", aud["staff"]))
    return "2099-1"


# knowledge: practices
def _practices_world(
    a: Member, b: Member, users: dict[str, Any], markers: list[Marker], **aud: set[str]
) -> dict[str, Any]:
    """Good practices of A in draft, published (public, with the secretariat's note; taskforce) and
    returned; a draft of B."""
    from hub.knowledge.services.practices import PracticeInput
    from hub.knowledge.services.practices import practice_create
    from hub.knowledge.services.practices import practice_publish
    from hub.knowledge.services.practices import practice_return
    from hub.knowledge.services.practices import practice_submit

    sec = as_viewer(users["secretariat"])
    official_a, official_b = as_viewer(users["official_a"]), as_viewer(users["official_b"])

    def make(viewer: Any, member: Member, title: str, level: str = "public") -> Any:
        data = PracticeInput(title=title, summary=f"{title}-SUMMARY", visibility=level, commitments=[7])
        return practice_create(viewer=viewer, member=member, data=data)

    made = {
        "draft_a": make(official_a, a, "MARK-PRACTICE-DRAFT-A"),
        "public_a": make(official_a, a, "MARK-PRACTICE-PUBLIC-A"),
        "taskforce_a": make(official_a, a, "MARK-PRACTICE-TF-A", "taskforce"),
        "returned_a": make(official_a, a, "MARK-PRACTICE-RETURNED-A"),
        "draft_b": make(official_b, b, "MARK-PRACTICE-DRAFT-B"),
    }
    for key in ("public_a", "taskforce_a", "returned_a"):
        practice_submit(viewer=official_a, practice_id=made[key].pk)
    practice_publish(viewer=sec, practice_id=made["public_a"].pk, note="MARK-PRACTICE-NOTE-A")
    practice_publish(viewer=sec, practice_id=made["taskforce_a"].pk)
    practice_return(viewer=sec, practice_id=made["returned_a"].pk, note="MARK-PRACTICE-RETURN-A")
    everyone = set(PERSONAS)
    markers += [
        Marker("MARK-PRACTICE-DRAFT-A", aud["own_a"]),
        Marker("MARK-PRACTICE-PUBLIC-A", everyone),
        Marker("MARK-PRACTICE-NOTE-A", aud["own_a"]),
        Marker("MARK-PRACTICE-TF-A", aud["taskforce"]),
        Marker("MARK-PRACTICE-RETURNED-A", aud["own_a"]),
        Marker("MARK-PRACTICE-RETURN-A", aud["own_a"]),
        Marker("MARK-PRACTICE-DRAFT-B", aud["own_b"]),
    ]
    return made


def _terminology_world(sec: Any, markers: list[Marker], **aud: set[str]) -> list[Any]:
    """knowledge: terminology. A term in use (public), and one taken out of use whose reason is the
    secretariat's to read."""
    s = as_viewer(sec)
    common = {"action": "warn", "preferred_en": "preferred wording", "source": "crawl"}
    in_use = glossary_term_add(
        viewer=s,
        data=GlossaryTermInput(match=r"\bcrawlword\b", discouraged_en="crawl word", why_en="public", **common),
    )
    out = glossary_term_add(
        viewer=s,
        data=GlossaryTermInput(
            match=r"\bhiddenword\b", discouraged_en="hidden wording", why_en="MARK-TERM-WHY-OUT", **common
        ),
    )
    glossary_term_set_active(viewer=s, term=out, active=False)
    markers.append(Marker("MARK-TERM-WHY-OUT", aud["staff"]))
    return [in_use, out]


# legal: profiles
def _legal_world(
    a: Member, b: Member, hidden: Member, w: Member, users: dict[str, Any], markers: list[Marker], **aud: set[str]
) -> dict[str, list[str]]:
    """Legal profiles: A's taskforce-level profile with a verified coding, a draft one and a reservation;
    B's published profile with a statute and a verified coding; the hidden member's profile and the
    (soon withdrawn) member W's, the secretariat's only. Returns the ids of A's and B's statutes and
    A's reservation."""
    import datetime

    from hub.core.viewer import focal_point_of
    from hub.legal.services.checklist import reference_checklist_load
    from hub.legal.services.codings import CodingInput
    from hub.legal.services.codings import coding_record
    from hub.legal.services.profiles import ReservationInput
    from hub.legal.services.profiles import StatuteInput
    from hub.legal.services.profiles import TreatyStatusInput
    from hub.legal.services.profiles import profile_open
    from hub.legal.services.profiles import profile_publish
    from hub.legal.services.profiles import profile_summary_update
    from hub.legal.services.profiles import reservation_add
    from hub.legal.services.profiles import statute_add
    from hub.legal.services.profiles import treaty_status_set

    reference_checklist_load()
    from hub.legal.models import Provision

    o5 = Provision.objects.get(version__code="2026-1", code="O5")
    o6 = Provision.objects.get(version__code="2026-1", code="O6")
    sec = as_viewer(users["secretariat"])

    def profile(member: Member, statute_title: str, summary: str = "") -> tuple[Any, Any]:
        made = profile_open(viewer=sec, member_id=member.pk)
        if summary:
            profile_summary_update(viewer=sec, profile_id=made.pk, summary=summary)
        data = StatuteInput(title_original=statute_title, citation=f"Act of {member.slug}", source="crawl gazette")
        return made, statute_add(viewer=sec, profile_id=made.pk, data=data)

    def coding(profile_id: int, provision: Any, rationale: str, *, verified: bool = True) -> None:
        data = CodingInput(status="met", pinpoint="s. 1", rationale=rationale, verified=verified)
        coding_record(viewer=sec, profile_id=profile_id, provision_id=provision.pk, data=data)

    profile_a, statute_a = profile(a, "Alphaland statute")
    coding(profile_a.pk, o5, "MARK-LEGAL-VERIFIED-A")
    coding(profile_a.pk, o6, "MARK-LEGAL-DRAFT-A", verified=False)
    treaty_status_set(
        viewer=sec,
        profile_id=profile_a.pk,
        data=TreatyStatusInput(
            treaty="lanzarote", status="signed", source="crawl treaty office", signed_on=datetime.date(2010, 1, 1)
        ),
    )
    reservation = reservation_add(
        viewer=sec,
        profile_id=profile_a.pk,
        data=ReservationInput(
            treaty="lanzarote", article="Art. 24", text="MARK-LEGAL-RESERVATION-A", source="crawl", provisions=["O5"]
        ),
    )
    profile_b, statute_b = profile(b, "MARK-LEGAL-STATUTE-B")
    coding(profile_b.pk, o5, "MARK-LEGAL-PUBLIC-B")
    profile_publish(viewer=focal_point_of(b.pk), profile_id=profile_b.pk)
    profile_hidden, _statute = profile(hidden, "MARK-LEGAL-HIDDEN", summary="MARK-LEGAL-HIDDEN")
    coding(profile_hidden.pk, o5, "MARK-LEGAL-HIDDEN")
    profile_w, _statute = profile(w, "MARK-LEGAL-W", summary="MARK-LEGAL-W")
    coding(profile_w.pk, o5, "MARK-LEGAL-W")
    everyone = set(PERSONAS)
    markers += [
        Marker("MARK-LEGAL-VERIFIED-A", aud["taskforce"]),
        Marker("MARK-LEGAL-DRAFT-A", aud["own_a"]),
        Marker("MARK-LEGAL-RESERVATION-A", aud["taskforce"]),
        Marker("MARK-LEGAL-PUBLIC-B", everyone),
        Marker("MARK-LEGAL-STATUTE-B", everyone),
        Marker("MARK-LEGAL-HIDDEN", aud["staff"]),
        Marker("MARK-LEGAL-W", aud["staff"]),
    ]
    return {"statutes": [str(statute_a.pk), str(statute_b.pk)], "reservations": [str(reservation.pk)]}


# knowledge: consultations
def _consultations_world(users: dict[str, Any], markers: list[Marker], **aud: set[str]) -> dict[str, Any]:
    """A draft consultation; an open one for reference groups and one for members, both keeping input
    private, with input (and a response) from the contributor and from member A; input on a commitment."""
    import datetime

    from django.utils import timezone

    from hub.commitments.models import Commitment
    from hub.knowledge.services.consultations import ConsultationData
    from hub.knowledge.services.consultations import consultation_create
    from hub.knowledge.services.consultations import consultation_open
    from hub.knowledge.services.consultations import input_respond
    from hub.knowledge.services.consultations import input_submit
    from hub.knowledge.services.consultations import input_submit_on_commitment

    sec = as_viewer(users["secretariat"])
    deadline = timezone.now() + datetime.timedelta(days=20)

    def consultation(title: str, **values: Any) -> Any:
        data = ConsultationData(title=title, question=f"{title}-QUESTION", deadline=deadline, **values)
        return consultation_create(viewer=sec, data=data)

    draft = consultation("MARK-CONSULT-DRAFT")
    groups = consultation_open(viewer=sec, consultation=consultation("MARK-CONSULT-GROUPS", input_visibility="private"))
    members = consultation_open(
        viewer=sec,
        consultation=consultation(
            "MARK-CONSULT-MEMBERS", for_contributors=False, for_members=True, input_visibility="private"
        ),
    )
    contributor = as_viewer(users["contributor"])
    private = input_submit(viewer=contributor, consultation=groups, organisation="x", text="MARK-CINPUT-PRIVATE")
    input_respond(viewer=sec, record=private, response="MARK-CRESPONSE-PRIVATE")
    of_a = input_submit(viewer=as_viewer(users["official_a"]), consultation=members, text="MARK-CINPUT-A")
    on_commitment = input_submit_on_commitment(
        viewer=contributor, commitment=Commitment.objects.get(number=1), organisation="x", text="MARK-CINPUT-COMMIT"
    )
    markers += [
        Marker("MARK-CONSULT-DRAFT", aud["staff"]),
        Marker("MARK-CONSULT-GROUPS", aud["taskforce"] | {"contributor"}),
        Marker("MARK-CONSULT-MEMBERS", aud["taskforce"]),
        Marker("MARK-CINPUT-PRIVATE", aud["staff"] | {"contributor"}),
        Marker("MARK-CRESPONSE-PRIVATE", aud["staff"] | {"contributor"}),
        Marker("MARK-CINPUT-A", aud["own_a"]),
        Marker("MARK-CINPUT-COMMIT", aud["taskforce"] | {"contributor"}),
    ]
    return {
        "consultations": [str(c.pk) for c in (draft, groups, members)],
        "inputs": [str(i.pk) for i in (private, of_a, on_commitment)],
        "input_a": str(of_a.pk),
    }


# legal: codings
LEGAL_CODING_API = "/api/v1/legal/profiles/{slug}/codings/{version}/{code}"


def _legal_corrections_world(
    a: Member, users: dict[str, Any], markers: list[Marker], **aud: set[str]
) -> dict[str, Any]:
    """A verified coding of A's (taskforce-level) profile contested by A's official: the request's
    reason is A's and the secretariat's to read."""
    from hub.legal.models import Provision
    from hub.legal.services.checklist import reference_checklist_load
    from hub.legal.services.codings import CodingInput
    from hub.legal.services.codings import coding_record
    from hub.legal.services.corrections import correction_request
    from hub.legal.services.profiles import profile_open

    reference_checklist_load()
    sec = as_viewer(users["secretariat"])
    profile = profile_open(viewer=sec, member_id=a.pk)
    o5 = Provision.objects.get(version__code="2026-1", code="O5")
    coding = coding_record(
        viewer=sec,
        profile_id=profile.pk,
        provision_id=o5.pk,
        data=CodingInput(status="not_met", pinpoint="s. 1", verified=True, reason="crawl"),
    )
    request = correction_request(
        viewer=as_viewer(users["official_a"]),
        coding_id=coding.pk,
        proposed_status="met",
        citation="s. 2",
        reason="MARK-LEGAL-CORR-A",
    )
    markers.append(Marker("MARK-LEGAL-CORR-A", aud["own_a"]))
    pk = str(request.pk)
    params: dict[str, list[str]] = {
        "legal_coding*.version": ["2026-1"],
        "legal_coding*.code": ["O5", "O6"],
        "legal_correction*.pk": [pk],
        "correction_id": [pk],
    }
    for path in (LEGAL_CODING_API, f"{LEGAL_CODING_API}/verify", f"{LEGAL_CODING_API}/corrections"):
        params[f"{path}.version"] = ["2026-1"]
        params[f"{path}.code"] = ["O5", "O6"]
    return {"params": params, "a_values": {("legal_correction*.pk", pk), ("correction_id", pk)}}


def _reporting_world(
    a: Member, b: Member, users: dict[str, Any], markers: list[Marker], **aud: set[str]
) -> dict[str, Any]:
    """A demo cycle with reports of A (accepted, two showcase items, evidence at every level) and B."""
    import datetime
    from pathlib import Path

    from django.utils import timezone

    from hub.commitments.services import reference_commitments_load
    from hub.reporting.models import QuestionnaireVersion
    from hub.reporting.services import CycleInput
    from hub.reporting.services import cycle_create
    from hub.reporting.services import cycle_open
    from hub.reporting.services import evidence_add
    from hub.reporting.services import questionnaire_import
    from hub.reporting.services import report_accept
    from hub.reporting.services import report_extend
    from hub.reporting.services import report_return
    from hub.reporting.services import report_save
    from hub.reporting.services import report_submit
    from hub.reporting.services import showcase_propose
    from hub.reporting.services import showcase_sign_off

    reference_commitments_load()
    sec = as_viewer(users["secretariat"])
    csv = Path("reference/questionnaire-starter.csv").read_text(encoding="utf-8")
    csv = csv.replace("What has your government done in the reporting period", "MARK-QUESTION: what", 1)
    questionnaire_import(viewer=sec, code="mark", title="Mark", name="q.csv", content=csv.encode())
    version = QuestionnaireVersion.objects.get(code="mark")
    today = timezone.localdate()
    dates = {
        "period_start": today - datetime.timedelta(days=365),
        "period_end": today,
        "opens_on": today,
        "closes_on": today + datetime.timedelta(days=10),
        "kind": "progress",
    }
    draft = cycle_create(viewer=sec, data=CycleInput(name="MARK-DRAFT-CYCLE", version=version, **dates))
    cycle = cycle_create(viewer=sec, data=CycleInput(name="Open cycle", version=version, is_synthetic=True, **dates))
    cycle_open(viewer=sec, cycle_id=cycle.pk)
    reports = {r.member_id: r for r in cycle.reports.all()}
    report_a, report_b = reports[a.pk], reports[b.pk]
    full = {
        q.key: {"status": "limited", "narrative": "MARK-ANSWER-A", "lead_institution": "x"}
        for q in version.questions.all()
    }
    official_a, focal_a = as_viewer(users["official_a"]), as_viewer(users["focal_point_a"])
    report_save(viewer=official_a, report_id=report_a.pk, answers=full)
    report_save(
        viewer=as_viewer(users["official_b"]),
        report_id=report_b.pk,
        answers={"c1-legal": {"narrative": "MARK-ANSWER-B"}},
    )
    report_extend(viewer=sec, report_id=report_b.pk, until=today + datetime.timedelta(days=30), reason="MARK-EXT-B")
    answer_a = report_a.answers.get(question__key="c1-legal")
    answer_b = report_b.answers.get(question__key="c1-legal")
    evidence = []
    for level in ("public", "taskforce", "member"):
        evidence.append(
            evidence_add(
                viewer=official_a,
                answer_id=answer_a.pk,
                title=f"MARK-EVID-{level.upper()}",
                url="https://example.org/e",
                visibility=level,
            )
        )
    pdf = SimpleUploadedFile("e.pdf", b"%PDF-1.4 MARK-EVID-FILE-A", content_type="application/pdf")
    evidence.append(evidence_add(viewer=official_a, answer_id=answer_a.pk, title="file", upload=pdf))
    report_submit(viewer=focal_a, report_id=report_a.pk)
    report_return(viewer=sec, report_id=report_a.pk, comments={"c1-legal": "MARK-REVIEW-A"})
    report_submit(viewer=focal_a, report_id=report_a.pk)
    report_accept(viewer=sec, report_id=report_a.pk)
    published = showcase_propose(viewer=official_a, answer_id=answer_a.pk, title="MARK-SHOW-PUB", summary="s")
    showcase_sign_off(viewer=focal_a, item_id=published.pk)
    other = report_a.answers.get(question__key="c2-resources")
    proposed = showcase_propose(viewer=official_a, answer_id=other.pk, title="MARK-SHOW-PROP", summary="s")
    everyone = set(PERSONAS)
    markers += [
        Marker("MARK-QUESTION", aud["taskforce"]),
        Marker("MARK-DRAFT-CYCLE", aud["staff"]),
        Marker("MARK-ANSWER-A", aud["own_a"]),
        Marker("MARK-ANSWER-B", aud["own_b"]),
        Marker("MARK-EXT-B", aud["own_b"]),
        Marker("MARK-REVIEW-A", aud["own_a"]),
        Marker("MARK-SHOW-PUB", everyone),
        Marker("MARK-SHOW-PROP", aud["own_a"]),
        Marker("MARK-EVID-PUBLIC", everyone),
        Marker("MARK-EVID-TASKFORCE", aud["taskforce"]),
        Marker("MARK-EVID-MEMBER", aud["own_a"]),
        Marker("MARK-EVID-FILE-A", aud["own_a"]),
    ]
    return {
        "version": version,
        "draft": draft,
        "cycle": cycle,
        "report_a": report_a,
        "report_b": report_b,
        "answer_a": answer_a,
        "answer_b": answer_b,
        "published": published,
        "proposed": proposed,
        "evidence": evidence,
    }


def _meeting_world(
    a: Member, b: Member, hidden: Member, users: dict[str, Any], markers: list[Marker], **aud: set[str]
) -> dict[str, Any]:
    """Meetings at member and taskforce level, with documents, decisions, action items and input."""
    import datetime

    from django.utils import timezone

    from hub.meetings.models import MeetingDocument
    from hub.meetings.services import AgendaItemInput
    from hub.meetings.services import action_item_create
    from hub.meetings.services import action_item_progress
    from hub.meetings.services import agenda_item_add
    from hub.meetings.services import decision_adopt
    from hub.meetings.services import minutes_save
    from hub.meetings.services import objection_record
    from hub.meetings.services import outside_input_submit
    from hub.meetings.services import written_procedure_start
    from hub.meetings.tests.helpers import held

    own_a, taskforce, staff = aud["own_a"], aud["taskforce"], aud["staff"]
    past = timezone.now() - datetime.timedelta(days=3)

    def meeting(title: str, visibility: str, link: str, members: list[Member]) -> Any:
        link = f"https://meet.example.org/{link}"
        return held(title, start=past, hours=2, visibility=visibility, online_link=link, members=members)

    def action(title: str, owner: Member, **source: Any) -> Any:
        values = {"title": title, **source, "owner_member": owner, "due_on": past.date()}
        return action_item_create(viewer=SYSTEM, values=values)

    def document(meeting: Any, title: str, visibility: str, digit: str) -> MeetingDocument:
        """Stored directly, with a made-up checksum: the crawl looks for the title and the body."""
        doc = MeetingDocument(
            meeting=meeting, title=title, visibility=visibility, sha256=digit * 64, content_type="application/pdf"
        )
        body = SimpleUploadedFile("x.pdf", f"%PDF-1.4 {title}-BODY".encode())
        doc.file.save(f"{title.lower()}.pdf", body, save=False)
        doc.save()
        return doc

    meeting_a = meeting("MARK-MEETING-A-ONLY", Visibility.MEMBER, "MARK-LINK-A", [a])
    agenda_a = agenda_item_add(viewer=SYSTEM, meeting=meeting_a, data=AgendaItemInput(title="MARK-AGENDA-A"))
    decision_a = decision_adopt(viewer=SYSTEM, meeting=meeting_a, text="MARK-DECISION-A")
    meeting_t = meeting("MARK-MEETING-TF", Visibility.TASKFORCE, "MARK-LINK-T", [a, b, hidden])
    decision_t = decision_adopt(viewer=SYSTEM, meeting=meeting_t, text="MARK-DECISION-T")
    minutes_save(viewer=SYSTEM, meeting=meeting_t, text="MARK-MINUTES-T", circulate=True)
    minutes_save(viewer=SYSTEM, meeting=meeting_a, text="MARK-DRAFT-A", circulate=False)
    action("MARK-ACTION-HIDDEN-OWNER", hidden, decision=decision_t)
    action("MARK-ACTION-OF-A-MEETING", b, decision=decision_a)
    agenda_t = agenda_item_add(
        viewer=SYSTEM, meeting=meeting_t, data=AgendaItemInput(title="MARK-AGENDA-T", open_for_input=True)
    )
    doc_sec = document(meeting_t, "MARK-DOC-SEC", Visibility.SECRETARIAT, "0")
    doc_a = document(meeting_a, "MARK-DOC-A", Visibility.TASKFORCE, "1")
    contributor = as_viewer(users["contributor"])
    given = outside_input_submit(viewer=contributor, item_id=agenda_t.pk, organisation="MARK-ORG", text="MARK-INPUT")
    action_a = action("MARK-ACTION-A", a, decision=decision_a)
    action_a.visibility = Visibility.MEMBER
    action_a.save(update_fields=["visibility"])
    action_item_progress(
        viewer=as_viewer(users["official_a"]), item_id=action_a.pk, text="MARK-PROGRESS-A", status="in_progress"
    )
    action_b = action("MARK-ACTION-TF-B", b, meeting=meeting_t)
    procedure = written_procedure_start(
        viewer=SYSTEM, title="MARK-PROC", proposal="MARK-PROPOSAL", deadline=timezone.now() + datetime.timedelta(days=5)
    )
    objection_record(
        viewer=as_viewer(users["official_a"]), procedure_id=procedure.pk, member=a, reason="MARK-OBJECTION-A"
    )
    invitees_t = {"official_a", "focal_point_a", "official_b", "secretariat"}
    markers += [
        Marker("MARK-MEETING-A-ONLY", own_a),
        Marker("MARK-LINK-A", own_a),
        Marker("MARK-AGENDA-A", own_a),
        Marker("MARK-DECISION-A", own_a),
        Marker("MARK-DOC-A", own_a),
        Marker("MARK-MEETING-TF", taskforce | {"contributor"}),
        Marker("MARK-AGENDA-T", taskforce | {"contributor"}),
        Marker("MARK-LINK-T", invitees_t),
        Marker("MARK-DOC-SEC", staff),
        Marker("MARK-INPUT", taskforce | {"contributor"}),
        Marker("MARK-ACTION-A", own_a),
        Marker("MARK-PROGRESS-A", own_a),
        Marker("MARK-ACTION-TF-B", taskforce),
        Marker("MARK-PROC", taskforce),
        Marker("MARK-PROPOSAL", taskforce),
        Marker("MARK-OBJECTION-A", taskforce),
        Marker("MARK-DECISION-T", taskforce),
        Marker("MARK-MINUTES-T", taskforce),
        Marker("MARK-DRAFT-A", staff),
        Marker("MARK-ACTION-HIDDEN-OWNER", staff),
        # A taskforce-level action item from a decision of A's member-only meeting: only where the decision is seen.
        Marker("MARK-ACTION-OF-A-MEETING", own_a),
    ]
    return {
        "meeting_a": meeting_a,
        "meeting_t": meeting_t,
        "agenda": [agenda_a, agenda_t],
        "documents": [doc_sec, doc_a],
        "input": given,
        "action_a": action_a,
        "action_b": action_b,
        "procedure": procedure,
        "decisions": [decision_a, decision_t],
    }


# --- enumerating every address -------------------------------------------------------------


def _replace_named_groups(regex: str, values: dict[str, str]) -> str:
    out, i = [], 0
    while i < len(regex):
        m = re.compile(r"\(\?P<(\w+)>").match(regex, i)
        if not m:
            out.append(regex[i])
            i += 1
            continue
        depth, j = 1, m.end()
        while depth and j < len(regex):
            depth += {"(": 1, ")": -1}.get(regex[j], 0) if regex[j - 1] != "\\" else 0
            j += 1
        out.append(values[m.group(1)])
        i = j
    text = "".join(out).lstrip("^").rstrip("$").replace("\\Z", "")
    return re.sub(r"\\(.)", r"\1", text)


def _routes(resolvers: list[Any], prefix: str = "") -> Iterator[tuple[str, str]]:
    for entry in resolvers:
        pattern = entry.pattern
        regex = getattr(pattern, "_route", None)
        text = regex if regex is not None else pattern.regex.pattern
        kind = "route" if regex is not None else "regex"
        piece = f"{kind}:{text}"
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, prefix + "\x00" + piece)
        elif isinstance(entry, URLPattern):
            yield (prefix + "\x00" + piece, entry.name or "")


def _param_names(pieces: list[str]) -> list[str]:
    names: list[str] = []
    for p in pieces:
        kind, _, text = p.partition(":")
        if kind == "route":
            names += re.findall(r"<(?:\w+:)?(\w+)>", text)
        else:
            names += re.findall(r"\(\?P<(\w+)>", text)
    return names


def _fill(pieces: list[str], values: dict[str, str]) -> str:
    out = ""
    for p in pieces:
        kind, _, text = p.partition(":")
        if kind == "route":
            out += re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m.group(1)], text)
        else:
            out += _replace_named_groups(text, values)
    return "/" + out


def _key(url_name: str, param: str, params: dict[str, list[str]]) -> str | None:
    """The registry key for a parameter: "<url name>.<param>", then "<prefix>*.<param>", then "<param>"."""
    if f"{url_name}.{param}" in params:
        return f"{url_name}.{param}"
    for key in params:
        prefix, _, name = key.partition("*.")
        if name == param and url_name and url_name.startswith(prefix):
            return key
    return param if param in params else None


def all_urls(params: dict[str, list[str]]) -> list[tuple[str, set[tuple[str, str]]]]:
    """Every concrete URL with, for each, the registry entries used to build it."""
    urls: list[tuple[str, set[tuple[str, str]]]] = []
    missing: set[str] = set()
    for joined, url_name in _routes(get_resolver().url_patterns):
        pieces = [p for p in joined.split("\x00") if p]
        names = list(dict.fromkeys(_param_names(pieces)))
        keys = {n: _key(url_name, n, params) for n in names}
        if any(k is None for k in keys.values()):
            missing |= {f"{url_name or joined}.{n}" for n, k in keys.items() if k is None}
            continue
        combos: list[dict[str, tuple[str, str]]] = [{}]
        for name in names:
            key = keys[name]
            assert key is not None
            combos = [{**c, name: (key, v)} for c in combos for v in params[key]]
        for combo in combos:
            url = _fill(pieces, {n: v for n, (_k, v) in combo.items()})
            urls.append((url, set(combo.values())))
    assert not missing, f"URL parameters with no registry entry: {sorted(missing)}"
    return urls


def _example(schema: dict[str, Any], components: dict[str, Any]) -> Any:
    """A small value valid for a JSON schema: a write must reach the view, not stop at validation."""
    if "$ref" in schema:
        return _example(components[schema["$ref"].rsplit("/", 1)[-1]], components)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            options = [s for s in schema[key] if s.get("type") != "null"]
            return _example(options[0], components)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object":
        return {
            name: _example(sub, components)
            for name, sub in schema.get("properties", {}).items()
            if name in schema.get("required", [])
        }
    if kind == "array":
        return []
    if kind == "integer":
        return 1
    if kind == "boolean":
        return True
    if schema.get("format") == "date":
        return "2024-01-01"
    if schema.get("format") == "binary":
        return SimpleUploadedFile("crawl.pdf", b"%PDF-1.4 crawl", content_type="application/pdf")
    return "x"


def api_bodies() -> dict[tuple[str, str], Any]:
    """A valid example body for every write operation of the API, by (method, path template)."""
    schema = Client().get("/api/v1/openapi.json").json()
    components = schema.get("components", {}).get("schemas", {})
    out = {}
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            bodies = operation.get("requestBody", {}).get("content", {})
            if "application/json" in bodies:
                out[(method.upper(), path)] = ("json", _example(bodies["application/json"]["schema"], components))
            elif "multipart/form-data" in bodies:
                out[(method.upper(), path)] = (
                    "multipart",
                    _example(bodies["multipart/form-data"]["schema"], components),
                )
            else:
                out[(method.upper(), path)] = ("json", {})
    return out


def api_urls(params: dict[str, list[str]]) -> list[tuple[str, str, set[tuple[str, str]], str]]:
    schema = Client().get("/api/v1/openapi.json").json()
    out = []
    for path, methods in schema["paths"].items():
        names = re.findall(r"{(\w+)}", path)
        keys = {n: (f"{path}.{n}" if f"{path}.{n}" in params else n) for n in names}
        missing = [n for n, k in keys.items() if k not in params]
        assert not missing, f"API parameters with no registry entry: {missing} in {path}"
        combos: list[dict[str, str]] = [{}]
        for name in names:
            combos = [{**c, name: v} for c in combos for v in params[keys[name]]]
        for combo in combos:
            url = re.sub(r"{(\w+)}", lambda m, c=combo: c[m.group(1)], path)
            for method in methods:
                out.append((method.upper(), url, {(keys[n], v) for n, v in combo.items()}, path))
    return out


# --- decoding bodies ----------------------------------------------------------------------


def body_text(response: Any) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Encoding") == "gzip" or content[:2] == b"\x1f\x8b":
        content = gzip.decompress(content)
    if content[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    raw = content.decode("utf-8", "replace")
    if content[:5] == b"%PDF-":
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        try:
            return raw + "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(content)).pages)
        except (PdfReadError, ValueError):
            return raw  # not a parseable PDF (an uploaded letter in the tests): search its bytes
    return raw


def forbidden_for(world: World, persona: str) -> list[str]:
    return [m.text for m in world.markers if persona not in m.audience]


def clients(world: World) -> dict[str, Client]:
    out = {}
    for persona in PERSONAS:
        user = None if persona == "anonymous" else world.users[persona]
        out[persona] = client_for(user, second_factor=persona != "official_a_without_second_factor")
    return out


# --- the crawl ------------------------------------------------------------------------------


def test_no_page_or_endpoint_shows_a_persona_what_it_must_not_see(world: World):
    urls = all_urls(world.params)
    api = api_urls(world.params)
    assert any(u.startswith("/members/") for u, _ in urls)
    assert any(u.startswith("/api/v1/members") for _m, u, _, _p in api)
    leaks = []
    crawled = 0
    for persona, client in clients(world).items():
        forbidden = forbidden_for(world, persona)
        targets = [u for u, _ in urls] + [u for m, u, _, _p in api if m == "GET"]
        for url in dict.fromkeys(targets):
            if "/logout/" in url:
                continue
            response = client.get(url)
            crawled += 1
            text = body_text(response)
            for marker in forbidden:
                if marker.lower() in text.lower():
                    leaks.append(f"{persona} GET {url} ({response.status_code}) shows {marker}")
    # The API again, as each person would call it from a script: with a personal token.
    for persona in PERSONAS:
        if persona in ("anonymous", "official_a_without_second_factor"):
            continue
        _token, raw = api_token_create(viewer=as_viewer(world.users[persona]), name="crawl", scope="read", days=1)
        forbidden = forbidden_for(world, persona)
        for method, url, _used, _path in api:
            if method != "GET":
                continue
            response = Client().get(url, HTTP_AUTHORIZATION=f"Bearer {raw}")
            crawled += 1
            text = body_text(response)
            leaks += [f"{persona} (token) GET {url} shows {m}" for m in forbidden if m.lower() in text.lower()]
    assert crawled > 100
    assert not leaks, "\n".join(leaks)
    # The crawl is not vacuous: the allowed personas do see the markers.
    own = body_text(clients(world)["official_a"].get("/members/alphaland/"))
    assert "MARK-NOTE-A-MEMBER" in own
    assert "MARK-GRANTED-A" in body_text(clients(world)["contributor"].get("/members/alphaland/"))
    assert "MARK-SECNOTES-A" in body_text(clients(world)["secretariat"].get("/members/alphaland/"))


def _fingerprint() -> tuple[Any, ...]:
    return (
        LogEntry.objects.count(),
        list(MemberNote.objects.order_by("pk").values_list("pk", "text", "visibility")),
        list(Invitation.objects.order_by("pk").values_list("pk", "revoked_at", "accepted_at")),
        list(Member.objects.order_by("pk").values_list("pk", "name", "status", "secretariat_notes")),
        list(Answer.objects.order_by("pk").values_list("pk", "status", "narrative")),
        list(ProgressReport.objects.order_by("pk").values_list("pk", "status", "extension_until")),
        list(ShowcaseItem.objects.order_by("pk").values_list("pk", "status")),
        Evidence.objects.count(),
        # knowledge: documents
        list(Document.objects.order_by("pk").values_list("pk", "title", "withdrawn_at", "sha256", "visibility")),
        list(
            GoodPractice.objects.order_by("pk").values_list("pk", "status", "title", "summary")
        ),  # knowledge: practices
        # legal: profiles
        _legal_fingerprint(),
        # assessments
        _assessments_fingerprint(),
    )


def _assessments_fingerprint() -> tuple[Any, ...]:
    from hub.assessments.models import Answer as MnrAnswer
    from hub.assessments.models import Assessment
    from hub.assessments.models import AssessmentCycle
    from hub.assessments.models import Exchange

    return (
        list(Assessment.objects.order_by("pk").values_list("pk", "status", "updated_at")),
        list(MnrAnswer.objects.order_by("pk").values_list("pk", "phase", "evidence", "updated_at")),
        list(Exchange.objects.order_by("pk").values_list("pk", "status", "updated_at")),
        list(AssessmentCycle.objects.order_by("pk").values_list("pk", "status", "aggregate_published_at")),
    )


def _legal_fingerprint() -> tuple[Any, ...]:
    from hub.legal.models import Coding
    from hub.legal.models import LegalProfile
    from hub.legal.models import Reservation
    from hub.legal.models import Statute
    from hub.legal.models import TreatyStatus

    return (
        list(LegalProfile.objects.order_by("pk").values_list("pk", "visibility", "summary")),
        list(Statute.objects.order_by("pk").values_list("pk", "title_original", "citation", "repealed_on")),
        list(TreatyStatus.objects.order_by("pk").values_list("pk", "status", "source")),
        list(Reservation.objects.order_by("pk").values_list("pk", "article", "text")),
        list(Coding.objects.order_by("pk").values_list("pk", "status", "review", "rationale")),
        # legal: codings
        list(_legal_codings_fingerprint()),
    )


def _legal_codings_fingerprint() -> Any:
    from hub.legal.models import Coding
    from hub.legal.models import CorrectionRequest

    yield from Coding.objects.order_by("pk").values_list("pk", "status", "review", "pinpoint", "updated_at")
    yield from CorrectionRequest.objects.order_by("pk").values_list("pk", "status", "resolution_note")


def test_writes_to_another_members_records_answer_404_and_change_nothing(world: World):
    client = client_for(world.users["official_b"])
    before = _fingerprint()
    bad = []
    tried = 0
    # API addresses are written to below with JSON bodies, as the API expects.
    page_targets = [u for u, used in all_urls(world.params) if used & world.a_values and not u.startswith("/api/")]
    api_targets = [(m, u, p) for m, u, used, p in api_urls(world.params) if used & world.a_values]
    bodies = api_bodies()
    for url in page_targets:
        for method in ("post", "put", "patch", "delete"):
            response = getattr(client, method)(url, {"text": "x", "visibility": "public"})
            tried += 1
            if response.status_code not in (404, 405):
                bad.append(f"{method.upper()} {url} answered {response.status_code}")
    for url, path in dict.fromkeys((u, p) for _m, u, p in api_targets):
        for verb in ("post", "put", "patch", "delete"):
            kind, body = bodies.get((verb.upper(), path), ("json", {}))
            if kind == "multipart":
                response = getattr(client, verb)(url, body)
            else:
                response = getattr(client, verb)(url, body, content_type="application/json")
            tried += 1
            if response.status_code not in (404, 405):
                bad.append(f"API {verb.upper()} {url} answered {response.status_code}")
    assert tried > 20
    assert not bad, "\n".join(bad)
    assert _fingerprint() == before


def test_every_url_parameter_has_a_registry_entry(world: World):
    # all_urls fails on a parameter missing from the registry; here we prove it would.
    with pytest.raises(AssertionError, match="no registry entry"):
        all_urls({k: v for k, v in world.params.items() if k != "slug"})


# --- knowledge: search ---
def test_searching_for_a_markers_words_never_finds_it_for_who_may_not_see_it(world: World):
    """The search index holds every marker's text. Every persona searches "mark" (a word of every
    marker: all the indexed records it may open, on one API page and the page's first) and, for the
    personas outside A, each marker's own words (its snippet then shows the marker). The query is the
    marker's words without hyphens, so the query echoed in the search box never reads as a marker."""
    from hub.core import registry

    registry.search_rebuild()
    queries = {m.text: " ".join(re.findall(r"[A-Za-z0-9]+", m.text)) for m in world.markers}
    leaks = []
    for persona, client in clients(world).items():
        forbidden = forbidden_for(world, persona)
        asks = [("/api/v1/search", {"q": "mark", "page_size": 100}), ("/search/", {"q": "mark"})]
        if persona in ("official_b", "contributor", "anonymous"):
            asks += [("/api/v1/search", {"q": q}) for q in dict.fromkeys(queries.values())]
        for url, params in asks:
            response = client.get(url, params)
            assert response.status_code == 200, (persona, url, params, response.status_code)
            if url.startswith("/api/") and params["q"] == "mark":
                assert response.json()["count"] <= 100  # one page holds every result
            text = body_text(response).lower()
            leaks += [f"{persona} {url}?q={params['q']} shows {m}" for m in forbidden if m.lower() in text]
    assert not leaks, "\n".join(leaks)
    # Not vacuous: who may see a record finds it by its words.
    found = clients(world)["official_a"].get("/api/v1/search", {"q": queries["MARK-ANSWER-A"]}).json()
    assert any(r["kind"] == "report" for r in found["results"])
    found = clients(world)["secretariat"].get("/api/v1/search", {"q": "mark draft"}).json()
    assert "minutes" in [r["kind"] for r in found["results"]]  # the secretariat finds draft minutes
