"""Knowledge: synthetic good practices of the fictional demo members, in English, French and Spanish,
across the review states and visibility levels (idempotent: skipped when demo practices exist)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from hub.core.audit import acting_as
from hub.core.viewer import SYSTEM
from hub.core.viewer import focal_point_of
from hub.knowledge.models import Document
from hub.knowledge.models import GoodPractice
from hub.knowledge.services.practices import PracticeInput
from hub.knowledge.services.practices import practice_create
from hub.knowledge.services.practices import practice_publish
from hub.knowledge.services.practices import practice_return
from hub.knowledge.services.practices import practice_submit
from hub.knowledge.services.practices import practice_withdraw
from hub.members.models import Member

# (member, language, visibility, final state, title, summary, body, commitments, capabilities,
#  titles of library documents to attach when the documents demo has them)
PRACTICES: list[tuple[Any, ...]] = [
    (
        "Fictonia",
        "fr",
        "public",
        "published",
        "Bonnes pratiques : le signalement en ligne à la ligne nationale de signalement",
        "Fictonia a ouvert un formulaire de signalement en ligne, anonyme et accessible sur téléphone, relié à "
        "sa ligne nationale de signalement : chaque signalement de contenu d'abus sexuel sur enfant est trié en "
        "vingt-quatre heures et transmis à la police ou à l'hébergeur.",
        "Le signalement passe par un formulaire court, disponible en français et en anglais.\n\n"
        "Les analystes de la ligne de signalement vérifient le contenu, le classent et demandent son retrait à "
        "l'hébergeur ; la police reçoit les signalements qui permettent d'identifier une victime. Les délais de "
        "traitement sont publiés chaque trimestre.\n\nDonnées synthétiques : Fictonia est un membre fictif.",
        [6, 7],
        ["mnr-2016/12", "mnr-2016/17"],
        ["Fictonia : bonnes pratiques de protection des enfants en ligne (synthétique)"],
    ),
    (
        "Demoland",
        "en",
        "public",
        "published",
        "A specialised police unit for online child sexual exploitation",
        "Demoland brought its investigators of online child sexual exploitation into one national unit with "
        "its own digital forensics laboratory and a victim identification desk.",
        "The unit works around the clock with international partners and shares identified material with the "
        "international image database.\n\nSynthetic data: Demoland is a fictional member.",
        [3, 5],
        ["mnr-2016/4", "mnr-2016/7"],
        [],
    ),
    (
        "Samplevia",
        "es",
        "taskforce",
        "published",
        "Buenas prácticas: un programa educativo sobre la seguridad en línea en las escuelas",
        "Samplevia enseña en todas las escuelas primarias cómo reconocer el acoso y la captación en línea, con "
        "materiales creados junto con niñas y niños.",
        "El programa forma a docentes y familias y mide cada año lo que el alumnado ha aprendido.\n\n"
        "Datos sintéticos: Samplevia es un miembro ficticio.",
        [6, 9],
        ["mnr-2016/13", "mnr-2016/14"],
        [],
    ),
    (
        "Examplestan",
        "en",
        "taskforce",
        "submitted",
        "Victim identification through the shared image database",
        "Examplestan's investigators compare seized material with the international image database before "
        "opening a case, so that known victims are not identified twice.",
        "",
        [4, 5],
        ["mnr-2016/7"],
        [],
    ),
    (
        "Demoland",
        "en",
        "taskforce",
        "draft",
        "A prevention helpline for people worried about their sexual thoughts about children",
        "A confidential helpline, piloted in two regions of Demoland, for people who fear they may harm a child.",
        "",
        [6],
        ["mnr-2016/15"],
        [],
    ),
    (
        "Illustria",
        "fr",
        "public",
        "returned",
        "Former les magistrats à la preuve numérique",
        "Illustria propose aux juges et aux procureurs une formation de trois jours sur la preuve numérique dans "
        "les affaires d'exploitation sexuelle d'enfants en ligne.",
        "",
        [1, 5],
        ["mnr-2016/5"],
        [],
    ),
    (
        "Mockovia",
        "en",
        "public",
        "published",
        "A notice-and-action agreement with hosting companies",
        "Mockovia's hosting companies agreed to remove child sexual abuse material within a day of a notice "
        "from the national hotline, and to report what they removed.",
        "The agreement is reviewed every year with the companies and the hotline.\n\n"
        "Synthetic data: Mockovia is a fictional member.",
        [7],
        ["mnr-2016/16", "mnr-2016/17", "mnr-2016/19"],
        [],
    ),
    (
        "Placeholdia",
        "es",
        "public",
        "submitted",
        "Una línea de ayuda infantil abierta las 24 horas",
        "Placeholdia abrió una línea de ayuda gratuita para niñas, niños y adolescentes, por teléfono y chat, "
        "conectada con los servicios de protección.",
        "",
        [4],
        ["mnr-2016/11", "mnr-2016/8"],
        [],
    ),
    (
        "Testland",
        "en",
        "public",
        "withdrawn",
        "Media guidelines on reporting cases of child sexual abuse",
        "Guidelines agreed with Testland's press council on how to report cases without identifying victims, "
        "using the terms of the Luxembourg Terminology Guidelines.",
        "",
        [6],
        ["mnr-2016/20", "mnr-2016/21"],
        [],
    ),
    (
        "Fictonia",
        "fr",
        "taskforce",
        "published",
        "Un guichet unique pour l'indemnisation des victimes",
        "Les victimes et leurs familles déposent en un seul lieu leurs demandes d'indemnisation et de soutien, "
        "avec l'aide d'un accompagnant.",
        "",
        [4],
        ["mnr-2016/8", "mnr-2016/10"],
        [],
    ),
]


def seed() -> list[str]:
    if GoodPractice.objects.filter(is_synthetic=True).exists():
        return ["Good practices: demo practices exist already."]
    members = {m.name: m for m in Member.objects.filter(is_synthetic=True)}
    made = 0
    with transaction.atomic(), acting_as(None, via="seed_demo"):
        for member_name, language, level, state, title, summary, body, commitments, caps, docs in PRACTICES:
            member = members.get(member_name)
            if member is None or member.status in (Member.Status.SUSPENDED, Member.Status.WITHDRAWN):
                continue
            official = focal_point_of(member.pk)
            documents = list(Document.objects.filter(title__in=docs).values_list("pk", flat=True)) if docs else []
            practice = practice_create(
                viewer=SYSTEM,
                member=member,
                data=PracticeInput(
                    title=title,
                    summary=summary,
                    body=body,
                    language=language,
                    visibility=level,
                    contact_name=f"Good-practice contact of {member_name} (demo)",
                    contact_email=f"practices@{member.slug}.demo.taskforce.invalid",
                    commitments=commitments,
                    capabilities=caps,
                    documents=documents,
                ),
                via="seed_demo",
            )
            _take(practice, state, official)
            made += 1
    return [f"Good practices: {made} demo practices."]


def _take(practice: GoodPractice, state: str, official: Any) -> None:
    """Move a new draft to `state` as its people would."""
    if state == "draft":
        return
    practice_submit(viewer=official, practice_id=practice.pk, via="seed_demo")
    if state == "submitted":
        return
    if state == "returned":
        practice_return(
            viewer=SYSTEM,
            practice_id=practice.pk,
            note="Please name the courts that took part and add the training programme (demo).",
            via="seed_demo",
        )
        return
    practice_publish(viewer=SYSTEM, practice_id=practice.pk, via="seed_demo")
    if state == "withdrawn":
        practice_withdraw(viewer=official, practice_id=practice.pk, via="seed_demo")
