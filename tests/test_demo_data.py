"""The demo data shows every feature (SPEC 3): each case exists after `seed_demo`, is synthetic and
involves fictional members only, narratives differ per member, a second run creates nothing, and each
case is seen by its demo persona and hidden, where confidential, from the others (the policy layer)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.db.models import Max
from django.db.models import Model
from django.test import override_settings

from hub.accounts.models import User
from hub.assessments.models import Assessment
from hub.assessments.models import AssessmentCycle
from hub.assessments.models import Exchange
from hub.core.models import Visibility
from hub.core.policies import policy_for
from hub.core.viewer import ANONYMOUS
from hub.core.viewer import Viewer
from hub.core.viewer import viewer_for
from hub.knowledge.models import Consultation  # knowledge: consultations
from hub.knowledge.models import ConsultationInput  # knowledge: consultations
from hub.knowledge.models.documents import Document
from hub.meetings.models import ActionItem
from hub.meetings.models import Decision
from hub.meetings.models import Meeting
from hub.meetings.models import MeetingDocument
from hub.meetings.models import MeetingInvitation
from hub.meetings.models import MinutesComment
from hub.meetings.models import Objection
from hub.meetings.models import OutsideInput
from hub.meetings.models import WrittenProcedure
from hub.members.demo import DEMO_DOMAIN
from hub.members.demo import PENDING_INVITATION
from hub.members.models import Grant
from hub.members.models import Invitation
from hub.members.models import Member
from hub.members.models import MemberStatusChange
from hub.members.models import Role
from hub.reporting.models import Answer
from hub.reporting.models import Evidence
from hub.reporting.models import ProgressReport
from hub.reporting.models import ReviewComment
from hub.reporting.models import ShowcaseItem


def seed() -> str:
    out = io.StringIO()
    call_command("load_reference", stdout=io.StringIO())
    call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def seeded(django_db_setup: None, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[str]:
    """Seeded once for the module, inside a transaction rolled back at its end (each test runs in its own
    savepoint within it, so what a test writes is undone too)."""
    with (
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("uploads")),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield seed()
        transaction.set_rollback(True)


def person(local: str) -> Viewer:
    return viewer_for(User.objects.get(email=f"{local}@{DEMO_DOMAIN}"))


def sees(viewer: Viewer, record: object) -> bool:
    return policy_for(type(record)).can_view(viewer, record)  # type: ignore[arg-type]


# Models whose demo records involve members: each must be synthetic and name fictional members only.
SYNTHETIC = [
    (Meeting, None),
    (MeetingInvitation, "member"),
    (MeetingDocument, "meeting__invitations__member"),
    (Decision, None),
    (ActionItem, "owner_member"),
    (MinutesComment, "member"),
    (WrittenProcedure, None),
    (Objection, "member"),
    (OutsideInput, None),
    (ProgressReport, "member"),
    (Answer, "report__member"),
    (Evidence, "answer__report__member"),
    (ReviewComment, "answer__report__member"),
    (ShowcaseItem, "answer__report__member"),
    (Document, "author_member"),  # knowledge: documents
    # knowledge: consultations
    (Consultation, None),
    (ConsultationInput, "member"),
    # assessments
    (AssessmentCycle, None),
    (Assessment, "member"),
    (Exchange, "initiator"),
    (Exchange, "counterpart"),
]


@pytest.mark.django_db
def test_every_case_exists_synthetic_with_fictional_members_only(seeded: str) -> None:
    out = seeded
    demo = Meeting.objects.filter(is_synthetic=True)
    assert demo.filter(visibility=Visibility.MEMBER).exists()
    assert demo.filter(visibility=Visibility.SECRETARIAT).exists()
    assert demo.filter(minutes_status=Meeting.MinutesStatus.DRAFT).exists()
    assert demo.filter(minutes_status=Meeting.MinutesStatus.CIRCULATED).exists()
    assert demo.filter(minutes_status=Meeting.MinutesStatus.APPROVED).exists()
    papers = MeetingDocument.objects.all()
    assert (
        papers.filter(visibility=Visibility.SECRETARIAT).exists() and papers.filter(agenda_item__isnull=False).exists()
    )
    assert all(len(p.sha256) == 64 and p.content_type == "application/pdf" and p.file for p in papers)
    assert MinutesComment.objects.count() >= 2
    assert Objection.objects.filter(procedure__status=WrittenProcedure.Status.OPEN).exists()
    assert OutsideInput.objects.filter(response="").exists() and OutsideInput.objects.exclude(response="").exists()
    assert ActionItem.objects.filter(visibility=Visibility.MEMBER, owner_member__isnull=False).exists()
    assert ActionItem.objects.filter(visibility=Visibility.SECRETARIAT, owner_secretariat=True).exists()
    assert Grant.objects.filter(grantee_member__name="Examplestan").exists()
    pending = Invitation.objects.get(email=PENDING_INVITATION)
    assert pending.state == "pending" and pending.member is not None and pending.member.name == "Demoland"
    for status in (Member.Status.SUSPENDED, Member.Status.WITHDRAWN):
        member = Member.objects.get(is_synthetic=True, status=status)
        assert MemberStatusChange.objects.filter(member=member, status=status).exclude(reason="").exists()
    assert Role.objects.filter(member__name="Demoland", ends_on__isnull=False).exists()
    assert Role.objects.filter(member__status=Member.Status.WITHDRAWN, ends_on__isnull=False).exists()
    assert not Role.objects.active().filter(member__status=Member.Status.WITHDRAWN).exists()
    current = ProgressReport.objects.filter(cycle__status="open")
    assert current.get(member__name="Examplestan").status == ProgressReport.Status.RETURNED
    assert ReviewComment.objects.filter(answer__report__cycle__status="open").count() == 2
    assert current.get(member__name="Fictonia").status == ProgressReport.Status.SUBMITTED
    assert current.get(member__name="Demoland").status == ProgressReport.Status.DRAFT
    files = Evidence.objects.exclude(file="")
    assert files.filter(answer__report__cycle__status="open", answer__report__member__name="Demoland").exists()
    assert all(len(e.sha256) == 64 and e.content_type == "application/pdf" and e.size for e in files)
    assert ShowcaseItem.objects.filter(status=ShowcaseItem.Status.PROPOSED).exists()
    assert ShowcaseItem.objects.filter(status=ShowcaseItem.Status.PUBLISHED).exists()
    # Synthetic, and fictional members only.
    for model, member_path in SYNTHETIC:
        assert model.objects.filter(is_synthetic=True).exists(), model
        assert not model.objects.filter(is_synthetic=False).exists(), model
        if member_path:
            assert not model.objects.filter(**{f"{member_path}__is_synthetic": False}).exists(), model
    assert not Grant.objects.filter(grantee_member__is_synthetic=False).exists()
    assert not Invitation.objects.filter(member__is_synthetic=False).exists()
    # The short summary at the end names what exists.
    lines = out.strip().splitlines()
    header = lines.index("The demo data holds (synthetic, fictional members only):")
    names = [line.split(":")[0].strip() for line in lines[header + 1 :]]
    assert names[:3] == ["Meetings", "Members", "Reporting"], out
    assert {"Library", "Consultations"} <= set(names), out  # knowledge
    assert "1 suspended, 1 withdrawn" in out and "1 awaiting sign-off" in out and "1 answered" in out


@pytest.mark.django_db
def test_narratives_differ_across_members(seeded: str) -> None:
    answered = Answer.objects.exclude(narrative="").filter(report__cycle__name__contains="2025")
    per_member: dict[str, set[str]] = {}
    for name, narrative in answered.values_list("report__member__name", "narrative"):
        per_member.setdefault(name, set()).add(narrative)
    assert len(per_member) >= 10
    texts = [frozenset(t) for t in per_member.values()]
    assert len(set(texts)) == len(texts)  # no two members tell the same story
    # Within one question, most members' narratives differ (and each names its member).
    first = answered.values("question").annotate(n=Count("pk")).order_by("question__order").first()
    assert first is not None
    one = list(answered.filter(question=first["question"]).values_list("report__member__name", "narrative"))
    assert len({n for _, n in one}) == len(one)
    assert all(name in text and "child pornography" not in text.lower() for name, text in one)


def state(models: list[type[Model]]) -> dict[str, tuple[int, object, object]]:
    """Per model: how many rows, the last id, the latest change."""
    out = {}
    for model in models:
        rows = model._default_manager.all()
        changed = rows.aggregate(m=Max("updated_at"))["m"] if hasattr(model, "updated_at") else None
        out[model._meta.label] = (rows.count(), rows.aggregate(m=Max("pk"))["m"], changed)
    return out


@pytest.mark.django_db
def test_a_second_run_creates_and_changes_nothing(seeded: str) -> None:
    from auditlog.models import LogEntry

    models = [m for m in apps.get_models() if m.__module__.startswith("hub.")]
    before = {m._meta.label: m._default_manager.count() for m in models}
    latest = {
        m._meta.label: str(m._default_manager.order_by("-pk").values_list("pk", flat=True).first()) for m in models
    }
    entries = LogEntry.objects.count()
    out = seed()
    assert {m._meta.label: m._default_manager.count() for m in models} == before
    assert {
        m._meta.label: str(m._default_manager.order_by("-pk").values_list("pk", flat=True).first()) for m in models
    } == latest
    assert LogEntry.objects.count() == entries  # nothing written, so nothing audited
    assert "created" not in out


@pytest.mark.django_db
def test_each_case_is_seen_by_its_persona_and_hidden_from_others(seeded: str) -> None:
    secretariat, focal, official = person("secretariat"), person("focal.demoland"), person("official.demoland")
    other, contributor, suspended = person("focal.examplestan"), person("contributor"), person("focal.specimenia")
    # The member-level meeting: its invitee Demoland, not Examplestan nor the public.
    exchange = Meeting.objects.get(visibility=Visibility.MEMBER)
    assert sees(secretariat, exchange) and sees(focal, exchange) and sees(official, exchange)
    assert not sees(other, exchange) and not sees(ANONYMOUS, exchange) and not sees(contributor, exchange)
    # ... and its member-level action item, Demoland's.
    own_item = ActionItem.objects.get(visibility=Visibility.MEMBER)
    assert sees(focal, own_item) and not sees(other, own_item)
    assert own_item in policy_for(ActionItem).visible(focal).filter(policy_for(ActionItem).mine_q(focal))
    # The secretariat-level meeting: shared with Examplestan by a grant, hidden from Demoland.
    preparation = Meeting.objects.get(visibility=Visibility.SECRETARIAT)
    assert sees(secretariat, preparation) and sees(other, preparation)
    assert not sees(focal, preparation) and not sees(ANONYMOUS, preparation)
    sec_item = ActionItem.objects.get(visibility=Visibility.SECRETARIAT)
    assert sees(secretariat, sec_item) and not sees(other, sec_item) and not sees(focal, sec_item)
    assert sec_item in policy_for(ActionItem).visible(secretariat).filter(policy_for(ActionItem).mine_q(secretariat))
    # The secretariat's briefing paper; the taskforce's papers.
    briefing = MeetingDocument.objects.get(visibility=Visibility.SECRETARIAT)
    assert sees(secretariat, briefing) and not sees(focal, briefing)
    paper = MeetingDocument.objects.filter(visibility=Visibility.TASKFORCE).first()
    assert paper is not None and sees(focal, paper) and sees(other, paper) and not sees(ANONYMOUS, paper)
    # Draft minutes: the secretariat's alone; circulated ones the taskforce's, with comments.
    draft = Meeting.objects.get(minutes_status=Meeting.MinutesStatus.DRAFT)
    assert policy_for(Meeting).can(secretariat, "view_minutes", draft)
    assert not policy_for(Meeting).can(focal, "view_minutes", draft)
    circulated = Meeting.objects.get(minutes_status=Meeting.MinutesStatus.CIRCULATED)
    assert policy_for(Meeting).can(focal, "view_minutes", circulated)
    assert policy_for(Meeting).can(focal, "comment_minutes", circulated)
    comment = MinutesComment.objects.filter(member__name="Demoland").first()
    assert comment is not None and sees(other, comment) and not sees(ANONYMOUS, comment)
    # The written procedure and Examplestan's objection: the taskforce sees them; Demoland may still object.
    procedure = WrittenProcedure.objects.get()
    objection = procedure.objections.get()
    assert objection.member.name == "Examplestan" and sees(focal, objection) and not sees(ANONYMOUS, objection)
    assert policy_for(WrittenProcedure).can(focal, "object_now", procedure)
    assert not policy_for(WrittenProcedure).can(suspended, "object_now", procedure)
    # Outside input: the contributor's own, answered and not; the secretariat answers.
    for record in OutsideInput.objects.all():
        assert sees(contributor, record) and sees(secretariat, record)
    waiting = OutsideInput.objects.get(response="")
    assert policy_for(OutsideInput).can(secretariat, "respond", waiting)
    # Reports: Examplestan's returned one is its own (with the comments), Fictonia's awaits the secretariat.
    returned = ProgressReport.objects.get(cycle__status="open", member__name="Examplestan")
    assert sees(other, returned) and not sees(focal, returned)
    assert policy_for(ProgressReport).can(other, "submit_now", returned)
    for review in ReviewComment.objects.filter(answer__report=returned):
        assert sees(other, review) and not sees(focal, review)
    submitted = ProgressReport.objects.get(status=ProgressReport.Status.SUBMITTED)
    assert policy_for(ProgressReport).can(secretariat, "return", submitted) and not sees(focal, submitted)
    # Evidence: Demoland's file is Demoland's and the secretariat's.
    evidence = Evidence.objects.filter(answer__report__member__name="Demoland", answer__report__cycle__status="open")
    assert evidence.exists()
    for record in evidence:
        assert sees(focal, record) and sees(secretariat, record) and not sees(other, record)
    # The showcase item awaiting sign-off: Demoland's focal point signs it off; nobody else sees it.
    proposed = ShowcaseItem.objects.get(status=ShowcaseItem.Status.PROPOSED)
    assert sees(focal, proposed) and policy_for(ShowcaseItem).can(focal, "sign_off", proposed)
    assert not policy_for(ShowcaseItem).can(official, "sign_off", proposed)
    assert not sees(other, proposed) and not sees(ANONYMOUS, proposed)
    published = ShowcaseItem.objects.filter(status=ShowcaseItem.Status.PUBLISHED).first()
    assert published is not None and sees(ANONYMOUS, published)
    # The pending invitation: the secretariat and Demoland's focal point, not Examplestan's.
    invitation = Invitation.objects.get(email=PENDING_INVITATION)
    assert sees(secretariat, invitation) and sees(focal, invitation) and not sees(other, invitation)
    assert policy_for(Invitation).can(secretariat, "withdraw", invitation)
    # The grant: the secretariat and the grantee.
    grant = Grant.objects.get()
    assert sees(secretariat, grant) and sees(other, grant) and not sees(focal, grant)
    # Suspended: its focal point reads its records but may not submit. Ended roles: the secretariat's.
    specimenia = Member.objects.get(status=Member.Status.SUSPENDED)
    assert specimenia.pk in suspended.member_ids and specimenia.pk not in suspended.write_member_ids
    its_report = ProgressReport.objects.get(cycle__status="open", member=specimenia)
    assert sees(suspended, its_report) and not policy_for(ProgressReport).can(suspended, "submit", its_report)
    ended = Role.objects.filter(ends_on__isnull=False)
    assert ended.count() >= 2
    for role in ended:
        assert sees(secretariat, role) and not sees(focal, role)
    history = MemberStatusChange.objects.filter(member__status=Member.Status.WITHDRAWN).first()
    assert history is not None and sees(focal, history) and not sees(ANONYMOUS, history)
