"""Three synthetic reporting cycles, involving fictional demo members only (flagged is_synthetic).

- a published cycle two years back, every report accepted, a few items showcased;
- last year's cycle, closed: most reports accepted, one returned, two submitted late, one missing, and a
  showcase item awaiting its focal point's sign-off;
- this year's cycle, open and closing in 25 days, reports prefilled from the accepted ones (with their
  evidence files): one draft, one returned with comments, one awaiting review, one half done.
Narratives are composed per member from varied parts. Every write goes through the services, as the
secretariat or the member's focal point (the demo people where there are some).
"""

from __future__ import annotations

import datetime
import random
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from hub.core.audit import acting_as
from hub.core.models import Visibility
from hub.core.viewer import Viewer
from hub.members.demo import demo_pdf
from hub.members.demo import member_persona
from hub.members.demo import members_summary
from hub.members.demo import persona
from hub.members.demo import seed_member_changes
from hub.members.models import Member
from hub.reporting.models import Evidence
from hub.reporting.models import ProgressReport
from hub.reporting.models import ProgressStatus
from hub.reporting.models import QuestionnaireVersion
from hub.reporting.models import ReportingCycle
from hub.reporting.models import ShowcaseItem
from hub.reporting.services import CycleInput
from hub.reporting.services import cycle_create
from hub.reporting.services import cycle_open
from hub.reporting.services import cycle_transition
from hub.reporting.services import evidence_add
from hub.reporting.services import questionnaire_import
from hub.reporting.services import report_accept
from hub.reporting.services import report_return
from hub.reporting.services import report_save
from hub.reporting.services import report_submit
from hub.reporting.services import showcase_propose
from hub.reporting.services import showcase_sign_off

STARTER = Path(settings.BASE_DIR) / "reference" / "questionnaire-starter.csv"

# Parts the narratives are composed of, chosen per member, commitment and year (repeatably), so that
# no two fictional members tell the same story. Plausible, generic and invented.
LEADS = [
    "Ministry of Justice",
    "Ministry of the Interior",
    "National child protection agency",
    "Police cybercrime unit",
    "Ministry of Education",
    "Office of the prosecutor general",
    "Telecommunications regulator",
    "Ministry of Social Affairs",
    "National online safety office",
]
ACTIONS = {
    "not_started": [
        "has scoped the work but not yet started it",
        "has asked for a budget line to begin the work next year",
        "has named a lead official; the work itself is still to start",
    ],
    "limited": [
        "convened an inter-ministerial working group that met twice and mapped the gaps",
        "ran a pilot in two districts",
        "drafted terms of reference for a national coordination group",
        "surveyed front-line services on how reports of child sexual abuse material (CSAM) reach them",
    ],
    "substantial": [
        "adopted a national action plan, most of whose measures are funded",
        "trained investigators and prosecutors in victim identification",
        "set up a referral pathway between the hotline and the police",
        "brought a draft law on the removal of CSAM before parliament",
        "agreed data-sharing rules between the police and child protection services",
    ],
    "complete": [
        "has every planned measure in place and reviews them yearly",
        "published an independent evaluation of the measures",
        "made the referral pathway permanent, with its own budget",
        "completed the reform and reports on it to parliament every year",
    ],
}
PARTNERS = [
    "with civil society organisations",
    "with the national hotline",
    "with online service providers",
    "with schools and youth services",
    "with neighbouring members",
    "with survivors' advocates",
]
OBSTACLES = [
    "Staff turnover slowed the work.",
    "Figures on reports of CSAM are not yet collected in one place.",
    "Coordination between ministries takes longer than planned.",
    "Next year's budget is not yet confirmed.",
    "Smaller online service providers are hard to reach.",
    "Courts record cases under several offences, so the figures are incomplete.",
    "Two regions use different case-management systems.",
]
TAKEN = [
    "Consulted the ministries concerned",
    "Commissioned a study of recent cases",
    "Published guidance for front-line staff",
    "Held quarterly meetings of the working group",
    "Set up a shared register of cases",
    "Ran an awareness campaign for parents and carers",
]
NEXT_STEPS = [
    "Review the measures with civil society next year.",
    "Publish a first statistics report.",
    "Extend the pilot to the whole country.",
    "Draft amendments to the criminal code on CSAM.",
    "Train prosecutors on digital evidence.",
    "Sign a cooperation agreement with the national hotline.",
    "Set up a survivors' advisory panel.",
]


# Members whose focal points (demo people: evidence records who added it) attach a file in the first cycle.
EVIDENCE_MEMBERS = {"Demoland": Visibility.TASKFORCE, "Examplestan": Visibility.MEMBER, "Specimenia": Visibility.MEMBER}


def _pick(options: list[str], *key: object) -> str:
    """One of the options, chosen repeatably by the key (the same key, the same choice)."""
    return random.Random("/".join(map(str, key))).choice(options)  # noqa: S311 - repeatable demo text


def answer_texts(member: Member, key: str, status: str, year: int) -> dict[str, str]:
    """The narrative, actions and plans of one member's answer, composed from its facts and varied parts."""
    lead = _pick(LEADS, member.slug, key)  # a member keeps its lead institution per question
    if status in ACTIONS:
        action = _pick(ACTIONS[status], member.slug, key, year)
        partner = _pick(PARTNERS, member.slug, key, year, "partner")
        if status == "not_started":
            narrative = f"In {member.name}, the {lead} {action}; it means to work {partner}."
        else:
            narrative = f"In {member.name}, the {lead} {action}, working {partner}."
        if status != "complete":
            narrative += " " + _pick(OBSTACLES, member.slug, key, year, "obstacle")
        if member.region and status in ("substantial", "complete"):
            narrative += f" The approach was presented to members in {member.region}."
    else:
        narrative = f"{member.name} collected no information on this commitment in {year}."
    since = member.joined_on.strftime("%B %Y") if member.joined_on else str(year)
    taken = ""
    if status in ("limited", "substantial", "complete"):
        taken = f"{_pick(TAKEN, member.slug, key, year, 'taken')}, led by the {lead} since {since} (synthetic)."
    return {
        "narrative": narrative.removesuffix(".") + " (synthetic).",
        "actions_taken": taken,
        "planned_actions": _pick(NEXT_STEPS, member.slug, key, year, "next").removesuffix(".") + " (synthetic).",
        "lead_institution": lead,
    }


def _focal_viewer(member: Member) -> Viewer:
    """Acting as a fictional member's focal point while seeding (the demo person where there is one)."""
    return member_persona(member)


def _fill(report: ProgressReport, rng: random.Random, step: int, *, only: int | None = None) -> None:
    """Answer the report's questions (the first `only` of them), as its focal point."""
    scale = ProgressStatus.values
    answers = {}
    year = report.cycle.period_end.year
    for answer in report.answers.select_related("question").order_by("question__order", "pk")[:only]:
        base = scale.index(answer.status) if answer.status else rng.randrange(0, 3)
        status = scale[min(len(scale) - 1, base + (1 if rng.random() < 0.4 * step else 0))]
        answers[answer.question.key] = {
            "status": status,
            **answer_texts(report.member, answer.question.key, status, year),
            "indicators": {i.key: rng.randrange(1, 40) for i in answer.question.indicators.all()},
        }
    report_save(viewer=_focal_viewer(report.member), report_id=report.pk, answers=answers, via="seed_demo")


def _add_evidence(report: ProgressReport, *, visibility: str = Visibility.MEMBER) -> None:
    """A short generated PDF backing the report's first answer, uploaded as its focal point."""
    answer = report.answers.order_by("question__order", "pk").select_related("question").first()
    if answer is None:
        return
    member, year = report.member, report.cycle.period_end.year
    title = f"{answer.lead_institution or member.name}: summary of measures {year}"
    upload = demo_pdf(
        f"{member.slug}-{year}-{answer.question.key}.pdf",
        f"{member.name}: {title}",
        [answer.narrative, answer.planned_actions],
    )
    evidence_add(
        viewer=_focal_viewer(member),
        answer_id=answer.pk,
        title=f"{title} (demo)",
        upload=upload,
        visibility=visibility,
        via="seed_demo",
    )


def _backdate(report: ProgressReport, cycle: ReportingCycle, days_before_close: int) -> None:
    report.refresh_from_db()
    when = cycle.closes_on - datetime.timedelta(days=days_before_close)
    report.submitted_at = datetime.datetime.combine(when, datetime.time(10), tzinfo=datetime.UTC)
    report.started_at = report.submitted_at - datetime.timedelta(days=20)
    report.is_late = days_before_close < 0
    report.save(update_fields=["submitted_at", "started_at", "is_late", "updated_at"])


def _current_cycle(reports: list[ProgressReport], rng: random.Random, secretariat: Viewer) -> None:
    """The open cycle: Demoland's draft with evidence, Examplestan's returned with comments, Fictonia's
    awaiting review, Dummyland's half done; the others not started."""
    by_name = {r.member.name: r for r in reports}
    demoland, examplestan, fictonia, dummyland = (
        by_name.get(n) for n in ("Demoland", "Examplestan", "Fictonia", "Dummyland")
    )
    if demoland is not None:
        _fill(demoland, rng, 2)
        _add_evidence(demoland, visibility=Visibility.TASKFORCE)
    for report in (examplestan, fictonia):
        if report is not None:
            _fill(report, rng, 2)
            report_submit(viewer=_focal_viewer(report.member), report_id=report.pk, via="seed_demo")
    if examplestan is not None:
        answers = list(examplestan.answers.select_related("question").order_by("question__order", "pk")[:2])
        report_return(
            viewer=secretariat,
            report_id=examplestan.pk,
            comments={
                answers[0].question.key: "Please give the date the action plan was adopted (synthetic).",
                answers[-1].question.key: "Which institution leads this work? The text names two (synthetic).",
            },
            via="seed_demo",
        )
    if dummyland is not None:
        _fill(dummyland, rng, 2, only=3)


def seed_reporting() -> int:
    """Idempotent: skipped when demo cycles exist. Returns the number of cycles created."""
    if ReportingCycle.objects.filter(is_synthetic=True).exists():
        return 0
    members = list(Member.objects.filter(is_synthetic=True, status=Member.Status.ACTIVE).order_by("name"))
    if not members:
        return 0
    content = STARTER.read_bytes()
    rng = random.Random(2022)  # noqa: S311 - repeatable demo data, not security
    today = timezone.localdate()
    secretariat = persona("secretariat")
    with transaction.atomic(), acting_as(None, via="seed_demo"):
        for code, title, previous in [
            ("demo-2024", "Progress questionnaire 2024", ""),
            ("demo-2025", "Progress questionnaire 2025", "demo-2024"),
        ]:
            questionnaire_import(
                viewer=secretariat,
                code=code,
                title=title,
                name=STARTER.name,
                content=content,
                previous_code=previous,
                via="seed_demo",
            )
        versions = {v.code: v for v in QuestionnaireVersion.objects.all()}
        plan = [
            ("Progress report 2024 (demo)", versions["demo-2024"], today.year - 2, -450),
            ("Progress report 2025 (demo)", versions["demo-2025"], today.year - 1, -60),
            ("Progress report 2026 (demo)", versions["demo-2025"], today.year, 25),
        ]
        for step, (name, version, year, close_in) in enumerate(plan):
            closes = today + datetime.timedelta(days=close_in)
            cycle = cycle_create(
                viewer=secretariat,
                data=CycleInput(
                    name=name,
                    period_start=datetime.date(year - 1, 7, 1),
                    period_end=datetime.date(year, 6, 30),
                    kind=ReportingCycle.Kind.PROGRESS,
                    opens_on=closes - datetime.timedelta(days=90),
                    closes_on=closes,
                    version=version,
                    is_synthetic=True,
                ),
                via="seed_demo",
            )
            cycle_open(viewer=secretariat, cycle_id=cycle.pk, via="seed_demo")
            reports = list(cycle.reports.select_related("member", "cycle").order_by("member__name"))
            if step == 2:
                _current_cycle(reports, rng, secretariat)
                continue
            for index, report in enumerate(reports):
                if step == 1 and index == len(reports) - 1:
                    continue  # one member never submitted
                _fill(report, rng, step)
                if step == 0 and report.member.name in EVIDENCE_MEMBERS:
                    # Copied into the later cycles' reports with the answers they back.
                    _add_evidence(report, visibility=EVIDENCE_MEMBERS[report.member.name])
                report_submit(viewer=_focal_viewer(report.member), report_id=report.pk, via="seed_demo")
                late = step == 1 and index in (3, 4)
                _backdate(report, cycle, -5 if late else 10 + index)
                if step == 1 and index == 2:
                    first = report.answers.select_related("question").earliest("pk")
                    report_return(
                        viewer=secretariat,
                        report_id=report.pk,
                        comments={first.question.key: "Please add the date the plan was adopted (synthetic)."},
                        via="seed_demo",
                    )
                    continue
                report_accept(viewer=secretariat, report_id=report.pk, via="seed_demo")
            if step == 0:
                for report in reports[:3]:
                    answer = report.answers.select_related("question__commitment").earliest("pk")
                    item = showcase_propose(
                        viewer=_focal_viewer(report.member),
                        answer_id=answer.pk,
                        title=f"{report.member.name}: {answer.question.commitment.short_title_en} (demo)",
                        summary=answer.narrative,
                        via="seed_demo",
                    )
                    showcase_sign_off(viewer=_focal_viewer(report.member), item_id=item.pk, via="seed_demo")
                cycle_transition(viewer=secretariat, cycle_id=cycle.pk, action="lock", via="seed_demo")
                cycle_transition(viewer=secretariat, cycle_id=cycle.pk, action="publish", via="seed_demo")
            else:
                # Demoland's official proposes an item from the accepted 2025 report; it awaits the
                # focal point's sign-off, so it is not yet public.
                demoland = next((r for r in reports if r.member.name == "Demoland"), None)
                if demoland is not None:
                    last = demoland.answers.select_related("question__commitment").order_by("-question__order").first()
                    if last is not None:
                        showcase_propose(
                            viewer=persona("official.demoland"),
                            answer_id=last.pk,
                            title=f"Demoland: {last.question.commitment.short_title_en} (demo)",
                            summary=last.narrative,
                            via="seed_demo",
                        )
                cycle_transition(viewer=secretariat, cycle_id=cycle.pk, action="close", via="seed_demo")
    return len(plan)


def reporting_summary() -> str:
    reports = ProgressReport.objects.filter(is_synthetic=True)
    items = ShowcaseItem.objects.filter(is_synthetic=True)
    return (
        f"Reporting: {ReportingCycle.objects.filter(is_synthetic=True).count()} cycles; "
        f"{reports.filter(status=ProgressReport.Status.SUBMITTED).count()} report(s) awaiting review, "
        f"{reports.filter(status=ProgressReport.Status.RETURNED).count()} returned; "
        f"{Evidence.objects.filter(is_synthetic=True).exclude(file='').count()} evidence files; showcase "
        f"{items.filter(status=ShowcaseItem.Status.PUBLISHED).count()} published, "
        f"{items.filter(status=ShowcaseItem.Status.PROPOSED).count()} awaiting sign-off."
    )


def seed_reporting_lines() -> list[str]:
    """The reporting seed, the last one: then the member status changes, and what the demo holds."""
    created = seed_reporting()
    lines = [f"Demo reporting cycles: {created} created (synthetic, fictional members only)."] if created else []
    return [*lines, *seed_member_changes(), "summary: " + members_summary(), "summary: " + reporting_summary()]
