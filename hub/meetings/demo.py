"""A synthetic year of meetings, involving fictional demo members only (flagged is_synthetic).

Four meetings around today, as the secretariat: two past plenaries and a working group (held, with
attendance, decisions, action items and minutes: approved, circulated with comments and a written
procedure with an objection, and a draft), and a planned plenary with papers and an agenda item open to
outside input. Beside them a member-level peer exchange (its invitees only) and a secretariat-level
preparatory meeting shared with its host member by a grant. Members, officials and the contributor
write as themselves (the demo people, or a focal point without a user).
"""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from hub.commitments.models import Commitment
from hub.core.audit import acting_as
from hub.core.models import Visibility
from hub.core.validation import full_clean
from hub.core.viewer import Viewer
from hub.meetings.models import ActionItem
from hub.meetings.models import Decision
from hub.meetings.models import Meeting
from hub.meetings.models import MeetingDocument
from hub.meetings.models import MinutesComment
from hub.meetings.models import Objection
from hub.meetings.models import OutsideInput
from hub.meetings.models import WrittenProcedure
from hub.meetings.services import AgendaItemInput
from hub.meetings.services import MeetingInput
from hub.meetings.services import action_item_create
from hub.meetings.services import action_item_progress
from hub.meetings.services import agenda_item_add
from hub.meetings.services import attendance_record
from hub.meetings.services import decision_adopt
from hub.meetings.services import meeting_document_add
from hub.meetings.services import meeting_invite
from hub.meetings.services import meeting_schedule
from hub.meetings.services import meeting_update
from hub.meetings.services import minutes_approve_at_meeting
from hub.meetings.services import minutes_comment
from hub.meetings.services import minutes_save
from hub.meetings.services import objection_record
from hub.meetings.services import outside_input_respond
from hub.meetings.services import outside_input_submit
from hub.meetings.services import written_procedure_start
from hub.members.demo import WITHDRAWN
from hub.members.demo import demo_pdf
from hub.members.demo import member_persona
from hub.members.demo import persona
from hub.members.models import Grant
from hub.members.models import Member

PEER_EXCHANGE = "Peer exchange on hotline referrals (demo)"
PREPARATION = "Secretariat preparation of the next plenary (demo)"
CONTRIBUTOR_ORGANISATION = "Civil society reference group (demo)"
MINUTES = (
    "The chair opened the meeting and the agenda was adopted. The secretariat presented progress on the "
    "commitments. {presenter} introduced the item on legal frameworks; members exchanged their approaches "
    "to the removal of child sexual abuse material (CSAM). Decisions and action items are listed below. "
    "(Synthetic minutes of a demo meeting.)"
)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, 0, tzinfo=datetime.UTC)


def _schedule(secretariat: Viewer, **values: object) -> Meeting:
    defaults: dict[str, object] = {
        "time_zone": "Europe/Brussels",
        "online_link": "https://meet.example.invalid/taskforce-demo",
        "visibility": Visibility.TASKFORCE,
        "summary": "Synthetic demo meeting.",
        "is_synthetic": True,
    }
    return meeting_schedule(viewer=secretariat, data=MeetingInput(**{**defaults, **values}))  # type: ignore[arg-type]


def _paper(secretariat: Viewer, meeting: Meeting, title: str, visibility: str, item: object = None) -> None:
    upload = demo_pdf(
        "paper.pdf", title, [f"{meeting.title}: a paper for the members (synthetic).", "Prepared by the secretariat."]
    )
    meeting_document_add(
        viewer=secretariat,
        meeting=meeting,
        title=title,
        upload=upload,
        visibility=visibility,
        agenda_item=item,  # type: ignore[arg-type]
        via="seed_demo",
    )


def seed_meetings() -> int:
    """Idempotent: skipped when demo meetings exist. Returns the number of meetings created."""
    if Meeting.objects.filter(is_synthetic=True).exists():
        return 0
    members = list(Member.objects.filter(is_synthetic=True).order_by("name"))
    if not members:
        return 0
    by_name = {m.name: m for m in members}
    secretariat = persona("secretariat")
    commitments = list(Commitment.objects.order_by("number"))
    today = timezone.localdate()
    plan = [
        ("plenary", "Spring plenary (demo)", today - datetime.timedelta(days=240), True),
        ("working_group", "Working group on legal frameworks (demo)", today - datetime.timedelta(days=150), True),
        ("plenary", "Autumn plenary (demo)", today - datetime.timedelta(days=60), True),
        ("plenary", "Next plenary (demo)", today + datetime.timedelta(days=45), False),
    ]
    meetings: list[Meeting] = []
    with transaction.atomic(), acting_as(None, via="seed_demo"):
        for index, (kind, title, day, held) in enumerate(plan):
            meeting = _schedule(
                secretariat,
                kind=kind,
                title=title,
                starts_at=_at(day, 12),
                ends_at=_at(day, 16),
                place="Online" if kind == "working_group" else "Brussels (demo)",
            )
            meetings.append(meeting)
            presenter = members[(index * 5) % len(members)].name
            items = [
                agenda_item_add(
                    viewer=secretariat,
                    meeting=meeting,
                    data=AgendaItemInput(title=item_title, presenter=who, order=order, open_for_input=order == 3),
                )
                for order, (item_title, who) in enumerate(
                    [
                        ("Opening and adoption of the agenda", "Chair"),
                        ("Progress on the commitments", "Secretariat"),
                        ("Legal frameworks: gaps and safe havens", presenter),
                        ("Any other business", "Chair"),
                    ],
                    start=1,
                )
            ]
            # The member that will withdraw is not invited to meetings still to come.
            invited = members if kind == "plenary" else members[index : index + 5]
            if not held:
                invited = [m for m in invited if m.name != WITHDRAWN]
            meeting_invite(viewer=secretariat, meeting=meeting, members=invited)
            if not held:
                _paper(secretariat, meeting, "Annotated agenda (demo)", Visibility.TASKFORCE)
                _paper(
                    secretariat, meeting, "Background paper on legal frameworks (demo)", Visibility.TASKFORCE, items[2]
                )
                _paper(secretariat, meeting, "Briefing note for the chair (demo)", Visibility.SECRETARIAT)
                outside_input_submit(
                    viewer=persona("contributor"),
                    item_id=items[2].pk,
                    organisation=CONTRIBUTOR_ORGANISATION,
                    text="We ask members to consider how survivors can report CSAM without a police complaint "
                    "first (synthetic).",
                    via="seed_demo",
                )
                continue
            meeting_update(viewer=secretariat, meeting=meeting, data=MeetingInput(status="held"))
            attendance_record(
                viewer=secretariat,
                meeting=meeting,
                attendance={m.pk: ("present" if (i + index) % 4 else "apologies") for i, m in enumerate(invited)},
            )
            _paper(secretariat, meeting, f"Progress summary for {meeting.title}", Visibility.TASKFORCE, items[1])
            minutes_save(
                viewer=secretariat,
                meeting=meeting,
                text=MINUTES.format(presenter=presenter),
                circulate=kind == "plenary",  # the working group's minutes stay a draft
            )
            for n in range(2):
                decision = decision_adopt(
                    viewer=secretariat,
                    meeting=meeting,
                    text=f"Decision {n + 1} of {meeting.title}: members share their approaches to "
                    f"{commitments[n * 3].short_title_en.lower()} (synthetic).",
                    commitments=commitments[n * 3 : n * 3 + 2],
                )
                owner = members[(index + n) % len(members)]
                item = action_item_create(
                    viewer=secretariat,
                    values={
                        "title": f"{owner.name} to share a note on decision {decision.code} (demo)",
                        "decision": decision,
                        "owner_member": owner,
                        "due_on": day + datetime.timedelta(days=90 + 30 * n),
                    },
                    commitments=commitments[:1],
                )
                if n == 0:
                    action_item_progress(
                        viewer=member_persona(owner),
                        item_id=item.pk,
                        text="Draft circulated internally (synthetic).",
                        status=ActionItem.Status.IN_PROGRESS,
                        via="seed_demo",
                    )
            action_item_create(
                viewer=secretariat,
                values={
                    "title": f"Secretariat to circulate the minutes of {meeting.code} (demo)",
                    "meeting": meeting,
                    "owner_secretariat": True,
                    "due_on": day + datetime.timedelta(days=14),
                },
            )
        spring, _working, autumn, _next = meetings
        minutes_approve_at_meeting(viewer=secretariat, meeting=spring, at_meeting=autumn)
        _autumn_follow_up(secretariat, autumn, by_name)
        _closed_meetings(secretariat, by_name, today)
    return len(meetings) + 2


def _autumn_follow_up(secretariat: Viewer, autumn: Meeting, by_name: dict[str, Member]) -> None:
    """Comments on the circulated minutes, their approval by written procedure with an objection, and
    outside input answered by the secretariat."""
    for name, text in (
        ("Demoland", "Item 3: please record that Demoland presented its draft law (synthetic)."),
        ("Fictonia", "Fictonia asks to correct the date of its hotline launch (synthetic)."),
    ):
        viewer = persona("official.demoland") if name == "Demoland" else member_persona(by_name[name])
        minutes_comment(viewer=viewer, meeting=autumn, member=by_name[name], text=text, via="seed_demo")
    procedure = written_procedure_start(
        viewer=secretariat,
        title=f"Approval of the minutes of {autumn.code} (demo)",
        proposal="Members approve the circulated minutes of the Autumn plenary (synthetic).",
        deadline=timezone.now() + datetime.timedelta(days=10),
        subject=WrittenProcedure.Subject.MINUTES,
        meeting=autumn,
        via="seed_demo",
    )
    objection_record(
        viewer=persona("focal.examplestan"),
        procedure_id=procedure.pk,
        member=by_name["Examplestan"],
        reason="The minutes do not yet record Examplestan's reservation on the timeline (synthetic).",
        via="seed_demo",
    )
    item = autumn.agenda_items.get(order=3)
    sent = outside_input_submit(
        viewer=persona("contributor"),
        item_id=item.pk,
        organisation=CONTRIBUTOR_ORGANISATION,
        text="Online service providers ask for one contact point per member for removal requests (synthetic).",
        via="seed_demo",
    )
    outside_input_respond(
        viewer=secretariat,
        input_id=sent.pk,
        response="Thank you: members will be asked to name a contact point by the next plenary (synthetic).",
        via="seed_demo",
    )


def _closed_meetings(secretariat: Viewer, by_name: dict[str, Member], today: datetime.date) -> None:
    """A member-level meeting seen by its invitees only, with a member-level action item; and a
    secretariat-level meeting, with its own action item, shared with the host member by a grant."""
    day = today - datetime.timedelta(days=20)
    exchange = _schedule(
        secretariat,
        kind=Meeting.Kind.WORKING_GROUP,
        title=PEER_EXCHANGE,
        starts_at=_at(day, 9),
        ends_at=_at(day, 11),
        place="Online",
        visibility=Visibility.MEMBER,
        summary="A peer exchange between three members (synthetic).",
    )
    invited = [by_name[n] for n in ("Demoland", "Fictonia", "Samplevia")]
    meeting_invite(viewer=secretariat, meeting=exchange, members=invited)
    meeting_update(viewer=secretariat, meeting=exchange, data=MeetingInput(status="held"))
    attendance_record(viewer=secretariat, meeting=exchange, attendance={m.pk: "present" for m in invited})
    action_item_create(
        viewer=secretariat,
        values={
            "title": "Demoland to send Fictonia its referral protocol (demo)",
            "meeting": exchange,
            "owner_member": by_name["Demoland"],
            "due_on": today + datetime.timedelta(days=12),
            "visibility": Visibility.MEMBER,
        },
    )
    day = today + datetime.timedelta(days=30)
    preparation = _schedule(
        secretariat,
        kind=Meeting.Kind.WORKING_GROUP,
        title=PREPARATION,
        starts_at=_at(day, 8),
        ends_at=_at(day, 9),
        place="Secretariat office (demo)",
        visibility=Visibility.SECRETARIAT,
        summary="The secretariat prepares the next plenary with its host (synthetic).",
    )
    action_item_create(
        viewer=secretariat,
        values={
            "title": "Secretariat to book the venue of the next plenary (demo)",
            "meeting": preparation,
            "owner_secretariat": True,
            "due_on": day + datetime.timedelta(days=5),
            "visibility": Visibility.SECRETARIAT,
        },
    )
    # No grant service exists yet: the grant is written as the secretariat, validated and audited.
    with acting_as(secretariat.user, via="seed_demo"):
        grant = Grant(
            content_type=ContentType.objects.get_for_model(Meeting),
            object_id=preparation.pk,
            grantee_member=by_name["Examplestan"],
            reason="Examplestan hosts the next plenary (synthetic).",
            granted_by=secretariat.user,
        )
        full_clean(grant)
        grant.save()


def meetings_summary() -> str:
    demo = Meeting.objects.filter(is_synthetic=True)
    inputs = OutsideInput.objects.filter(is_synthetic=True)
    items = ActionItem.objects.filter(is_synthetic=True)
    return (
        f"Meetings: {demo.count()} ({demo.filter(visibility=Visibility.MEMBER).count()} member level, "
        f"{demo.filter(visibility=Visibility.SECRETARIAT).count()} secretariat level, "
        f"{demo.filter(minutes_status=Meeting.MinutesStatus.DRAFT).count()} with draft minutes); "
        f"{MeetingDocument.objects.filter(is_synthetic=True).count()} papers; "
        f"{Decision.objects.filter(is_synthetic=True).count()} decisions; {items.count()} action items "
        f"({items.filter(owner_secretariat=True).count()} the secretariat's); "
        f"{MinutesComment.objects.filter(is_synthetic=True).count()} comments on minutes; "
        f"{WrittenProcedure.objects.filter(is_synthetic=True).count()} written procedure(s) with "
        f"{Objection.objects.filter(is_synthetic=True).count()} objection(s); {inputs.count()} outside input "
        f"({inputs.exclude(response='').count()} answered); "
        f"{Grant.objects.filter(content_type__model='meeting').count()} grant(s)."
    )


def seed_meetings_lines() -> list[str]:
    created = seed_meetings()
    lines = [f"Demo meetings: {created} created (synthetic, fictional members only)."] if created else []
    return [*lines, "summary: " + meetings_summary()]
