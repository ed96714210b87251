"""Knowledge: consultations (demo). Three synthetic consultations: one open (deadline in about three
weeks) with input from the demo contributor and a fictional member, one closed with input and reasoned
responses, one draft; and input on a commitment with its response. Idempotent."""

from __future__ import annotations

import datetime

from django.utils import timezone

from hub.accounts.models import User
from hub.commitments.models import Commitment
from hub.knowledge.models.consultations import Consultation
from hub.knowledge.models.consultations import ConsultationInput
from hub.knowledge.services.consultations import ConsultationData
from hub.knowledge.services.consultations import consultation_close
from hub.knowledge.services.consultations import consultation_create
from hub.knowledge.services.consultations import consultation_open
from hub.knowledge.services.consultations import input_respond
from hub.knowledge.services.consultations import input_submit
from hub.knowledge.services.consultations import input_submit_on_commitment
from hub.members.demo import DEMO_DOMAIN
from hub.members.demo import persona
from hub.members.models import Member

ORGANISATION = "Civil society reference group (demo)"


def _create(title: str, question: str, days: int, **extra: object) -> Consultation:
    return consultation_create(
        viewer=persona("secretariat"),
        data=ConsultationData(
            title=title,
            question=question,
            deadline=timezone.now() + datetime.timedelta(days=days),
            is_synthetic=True,
            **extra,  # type: ignore[arg-type]
        ),
        via="demo",
    )


def seed_consultations() -> int:
    """Returns how many consultations were created (none when demo consultations exist)."""
    if Consultation.objects.filter(is_synthetic=True).exists():
        return 0
    if not User.objects.filter(email=f"contributor@{DEMO_DOMAIN}").exists():
        return 0
    if not Member.objects.filter(is_synthetic=True, name="Demoland").exists():
        return 0
    secretariat = persona("secretariat")
    contributor = persona("contributor")
    demoland = persona("focal.demoland")

    open_one = _create(
        "Consultation on safety-by-design expectations for online services (demo)",
        "Which safety-by-design expectations should the Taskforce's next statement set for online services, "
        "and how should progress on them be measured?",
        21,
        for_contributors=True,
        for_members=True,
        input_visibility=Consultation.InputVisibility.TASKFORCE,
    )
    consultation_open(viewer=secretariat, consultation=open_one, via="demo")
    input_submit(
        viewer=contributor,
        consultation=open_one,
        organisation=ORGANISATION,
        text="Expectations should cover default privacy settings for children and a route to report harm in "
        "every service; progress can be measured through transparency reports.",
        via="demo",
    )
    input_submit(
        viewer=demoland,
        consultation=open_one,
        text="Demoland supports measurable expectations and offers its national reporting framework as a model.",
        via="demo",
    )

    closed = _create(
        "Consultation on the referral of reports between hotlines and law enforcement (demo)",
        "What hinders the referral of reports between hotlines and law enforcement across borders, and what "
        "should members change first?",
        10,
        for_contributors=True,
        input_visibility=Consultation.InputVisibility.PUBLIC_WHEN_CLOSED,
    )
    consultation_open(viewer=secretariat, consultation=closed, via="demo")
    sent = input_submit(
        viewer=contributor,
        consultation=closed,
        organisation=ORGANISATION,
        text="Different retention periods for reports are the main obstacle; a common minimum would help.",
        via="demo",
    )
    consultation_close(viewer=secretariat, consultation=closed, via="demo")
    Consultation.objects.filter(pk=closed.pk).update(deadline=timezone.now() - datetime.timedelta(days=30))
    input_respond(
        viewer=secretariat,
        record=sent,
        response="Thank you. The secretariat will propose a common minimum retention period to the next "
        "plenary, because three members reported the same obstacle in their progress reports.",
        via="demo",
    )

    _create(
        "Consultation on terminology for the annual report (demo)",
        "Which terms should the annual report use, and which should it avoid?",
        45,
        for_contributors=True,
        input_visibility=Consultation.InputVisibility.PRIVATE,
    )

    commitment = Commitment.objects.order_by("number").first()
    if commitment is not None:
        on_commitment = input_submit_on_commitment(
            viewer=contributor,
            commitment=commitment,
            organisation=ORGANISATION,
            text="Civil society asks that reports on this commitment say how survivors were consulted.",
            is_synthetic=True,
            via="demo",
        )
        input_respond(
            viewer=secretariat,
            record=on_commitment,
            response="Agreed: the next questionnaire version asks it, as the reporting cycle's review proposed.",
            via="demo",
        )
    return 3


def seed_consultations_lines() -> list[str]:
    created = seed_consultations()
    lines = [f"Demo consultations: {created} created (synthetic)."] if created else []
    demo = ConsultationInput.objects.filter(is_synthetic=True)
    summary = (
        f"Consultations: {Consultation.objects.filter(is_synthetic=True).count()} "
        f"({demo.count()} input, {demo.exclude(response='').count()} answered)."
    )
    return [*lines, "summary: " + summary]
