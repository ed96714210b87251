"""Meetings end to end: schedule, agenda, invitations, attendance, minutes, decisions, action items."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from conftest import as_viewer
from conftest import client_for
from conftest import pdf_text
from hub.core.errors import Conflict
from hub.core.errors import NotFound
from hub.core.errors import PermissionDenied
from hub.core.errors import ValidationFailed
from hub.core.viewer import SYSTEM
from hub.meetings.models import ActionItem
from hub.meetings.models import Meeting
from hub.meetings.models import ReminderSent
from hub.meetings.models import WrittenProcedure
from hub.meetings.selectors import cadence_warnings
from hub.meetings.services import AgendaItemInput
from hub.meetings.services import MeetingInput
from hub.meetings.services import action_item_create
from hub.meetings.services import action_item_progress
from hub.meetings.services import agenda_item_add
from hub.meetings.services import attendance_record
from hub.meetings.services import calendar_feed_create
from hub.meetings.services import calendar_feed_revoke
from hub.meetings.services import decision_adopt
from hub.meetings.services import meeting_invite
from hub.meetings.services import meeting_schedule
from hub.meetings.services import meeting_update
from hub.meetings.services import minutes_approve_at_meeting
from hub.meetings.services import minutes_save
from hub.meetings.services import objection_record
from hub.meetings.services import outside_input_respond
from hub.meetings.services import outside_input_submit
from hub.meetings.services import reminders_send
from hub.meetings.services import written_procedure_conclude
from hub.meetings.services import written_procedure_start
from hub.meetings.tests.helpers import NOW
from hub.meetings.tests.helpers import D
from hub.meetings.tests.helpers import H
from hub.meetings.tests.helpers import held
from hub.meetings.tests.helpers import minutes_procedure
from hub.meetings.tests.helpers import paper
from hub.meetings.tests.helpers import past_deadline
from hub.meetings.tests.helpers import schedule


def test_meetings_are_numbered_per_year_and_the_code_is_stable(db):
    first = schedule("One", start=datetime.datetime(2025, 3, 1, 9, tzinfo=datetime.UTC))
    second = schedule("Two", start=datetime.datetime(2025, 10, 1, 9, tzinfo=datetime.UTC))
    assert (first.code, second.code) == ("GTF-2025-1", "GTF-2025-2")
    meeting_update(viewer=SYSTEM, meeting=first, data=MeetingInput(title="Renamed"))
    first.refresh_from_db()
    assert first.code == "GTF-2025-1"


def test_only_the_secretariat_schedules(official_a):
    with pytest.raises(PermissionDenied):
        meeting_schedule(viewer=as_viewer(official_a), data=MeetingInput(title="x", starts_at=NOW, ends_at=NOW + H))


def test_an_agenda_item_outside_the_meetings_time_is_refused(db):
    meeting = schedule()
    with pytest.raises(ValidationFailed) as exc:
        agenda_item_add(
            viewer=SYSTEM, meeting=meeting, data=AgendaItemInput(title="Late", starts_at=meeting.ends_at + H)
        )
    assert exc.value.problems[0].field == "starts_at"
    with pytest.raises(ValidationFailed) as exc:
        agenda_item_add(
            viewer=SYSTEM,
            meeting=meeting,
            data=AgendaItemInput(title="Long", starts_at=meeting.starts_at, minutes_allotted=600),
        )
    assert exc.value.problems[0].field == "minutes_allotted"
    item = agenda_item_add(
        viewer=SYSTEM, meeting=meeting, data=AgendaItemInput(title="Fits", starts_at=meeting.starts_at + H)
    )
    assert item.order == 1


def test_a_decision_on_a_meeting_not_yet_held_is_refused_and_numbers_follow_on(db):
    meeting = schedule(start=NOW + 10 * D)
    with pytest.raises(ValidationFailed) as exc:
        decision_adopt(viewer=SYSTEM, meeting=meeting, text="Too early")
    assert exc.value.problems[0].field == "meeting"
    past = held()
    d1 = decision_adopt(viewer=SYSTEM, meeting=past, text="First")
    d2 = decision_adopt(viewer=SYSTEM, meeting=past, text="Second")
    assert d1.code == f"{past.code}/D1"
    assert d2.code == f"{past.code}/D2"


def test_attendance_only_for_invited_members_and_after_the_meeting(member_a, member_b):
    meeting = held()
    meeting_invite(viewer=SYSTEM, meeting=meeting, members=[member_a])
    with pytest.raises(ValidationFailed) as exc:
        attendance_record(viewer=SYSTEM, meeting=meeting, attendance={member_b.pk: "present"})
    assert "was not invited" in exc.value.problems[0].message
    attendance_record(viewer=SYSTEM, meeting=meeting, attendance={member_a.pk: "apologies"})
    assert meeting.invitations.get().attendance == "apologies"
    future = schedule(start=NOW + 5 * D)
    meeting_invite(viewer=SYSTEM, meeting=future, members=[member_a])
    with pytest.raises(ValidationFailed):
        attendance_record(viewer=SYSTEM, meeting=future, attendance={member_a.pk: "present"})


def test_an_action_item_needs_an_owner_and_a_due_date_after_its_decision(member_a):
    meeting = held()
    decision = decision_adopt(viewer=SYSTEM, meeting=meeting, text="Do it")
    with pytest.raises(ValidationFailed) as exc:
        action_item_create(viewer=SYSTEM, values={"title": "x", "decision": decision, "due_on": NOW.date()})
    assert exc.value.problems[0].field == "owner"
    with pytest.raises(ValidationFailed) as exc:
        action_item_create(
            viewer=SYSTEM,
            values={"title": "x", "decision": decision, "owner_member": member_a, "due_on": NOW.date() - 30 * D},
        )
    assert exc.value.problems[0].field == "due_on"
    item = action_item_create(
        viewer=SYSTEM,
        values={"title": "x", "decision": decision, "owner_member": member_a, "due_on": NOW.date() + 30 * D},
    )
    assert item.decision.meeting == meeting


def test_owners_update_progress_and_others_get_not_found(member_a, official_a, official_b):
    meeting = held()
    item = action_item_create(
        viewer=SYSTEM, values={"title": "x", "meeting": meeting, "owner_member": member_a, "due_on": NOW.date() + D}
    )
    item.visibility = "member"
    item.save(update_fields=["visibility"])
    action_item_progress(viewer=as_viewer(official_a), item_id=item.pk, text="Started", status="in_progress")
    with pytest.raises(NotFound):
        action_item_progress(viewer=as_viewer(official_b), item_id=item.pk, text="x", status="done")
    with pytest.raises(ValidationFailed) as exc:
        action_item_progress(viewer=as_viewer(official_a), item_id=item.pk, text="Stop", status="dropped")
    assert exc.value.problems[0].field == "drop_reason"
    item.refresh_from_db()
    assert item.status == "in_progress"


def test_minutes_are_drafted_circulated_and_approved_at_the_next_meeting(db):
    first = held("First", start=NOW - 20 * D)
    second = held("Second")
    with pytest.raises(ValidationFailed):
        minutes_approve_at_meeting(viewer=SYSTEM, meeting=first, at_meeting=second)
    minutes_save(viewer=SYSTEM, meeting=first, text="We met.", circulate=True)
    minutes_approve_at_meeting(viewer=SYSTEM, meeting=first, at_meeting=second)
    first.refresh_from_db()
    assert first.minutes_status == "approved"
    assert second.code in first.minutes_approved_how
    with pytest.raises(Conflict):
        minutes_save(viewer=SYSTEM, meeting=first, text="Changed", circulate=False)


def test_a_written_procedure_without_objection_adopts_a_numbered_decision(member_a, official_a, secretariat):
    procedure = written_procedure_start(
        viewer=as_viewer(secretariat), title="Budget", proposal="Adopt it", deadline=NOW + D
    )
    with pytest.raises(ValidationFailed):
        written_procedure_conclude(viewer=as_viewer(secretariat), procedure_id=procedure.pk)
    WrittenProcedure.objects.filter(pk=procedure.pk).update(deadline=NOW - H)
    written_procedure_conclude(viewer=as_viewer(secretariat), procedure_id=procedure.pk)
    procedure.refresh_from_db()
    assert procedure.status == "adopted"
    assert procedure.decisions.get().code == f"{procedure.code}/D1"


def test_an_objection_before_the_deadline_blocks_adoption(member_a, official_a, secretariat):
    procedure = written_procedure_start(viewer=as_viewer(secretariat), title="Rule", proposal="Text", deadline=NOW + D)
    objection_record(viewer=as_viewer(official_a), procedure_id=procedure.pk, member=member_a, reason="Not yet")
    with pytest.raises(Conflict):
        objection_record(viewer=as_viewer(official_a), procedure_id=procedure.pk, member=member_a, reason="Again")
    WrittenProcedure.objects.filter(pk=procedure.pk).update(deadline=NOW - H)
    written_procedure_conclude(viewer=as_viewer(secretariat), procedure_id=procedure.pk)
    procedure.refresh_from_db()
    assert procedure.status == "not_adopted"
    assert not procedure.decisions.exists()


def test_minutes_approved_by_written_procedure(secretariat):
    meeting = held()
    procedure = minutes_procedure(meeting)
    past_deadline(procedure)
    written_procedure_conclude(viewer=as_viewer(secretariat), procedure_id=procedure.pk)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.MINUTES_APPROVED
    assert procedure.code in meeting.minutes_approved_how


def test_cadence_warning_when_a_year_has_fewer_than_two_formal_meetings(secretariat, official_a):
    year = timezone.localdate().year
    schedule(start=datetime.datetime(year, 3, 1, 9, tzinfo=datetime.UTC))
    warnings = cadence_warnings(viewer=as_viewer(secretariat))
    assert {"year": year, "count": 1} in warnings
    schedule(start=datetime.datetime(year, 11, 1, 9, tzinfo=datetime.UTC))
    assert all(w["year"] != year for w in cadence_warnings(viewer=as_viewer(secretariat)))
    assert cadence_warnings(viewer=as_viewer(official_a)) == []


def test_reminders_go_14_days_1_day_before_and_when_overdue_once_each(
    member_a, official_a, django_capture_on_commit_callbacks
):
    meeting = held()
    item = action_item_create(
        viewer=SYSTEM,
        values={"title": "Report", "meeting": meeting, "owner_member": member_a, "due_on": NOW.date() + 14 * D},
    )
    today = NOW.date()
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(today=today) == 1
        assert reminders_send(today=today) == 0
        assert reminders_send(today=item.due_on - D) == 1
        assert reminders_send(today=item.due_on + D) == 1
        assert reminders_send(today=item.due_on + 2 * D) == 0
    assert ReminderSent.objects.filter(action_item=item).count() == 3
    assert [m.to for m in mail.outbox] == [[official_a.email]] * 3


def test_contributors_send_input_on_open_items_and_the_secretariat_responds(contributor, secretariat, official_b):
    meeting = schedule(start=NOW + 5 * D)
    closed = agenda_item_add(viewer=SYSTEM, meeting=meeting, data=AgendaItemInput(title="Closed"))
    open_item = agenda_item_add(viewer=SYSTEM, meeting=meeting, data=AgendaItemInput(title="Open", open_for_input=True))
    with pytest.raises(Conflict):
        outside_input_submit(viewer=as_viewer(contributor), item_id=closed.pk, organisation="NGO", text="x")
    given = outside_input_submit(
        viewer=as_viewer(contributor), item_id=open_item.pk, organisation="NGO", text="Our view"
    )
    with pytest.raises(NotFound):
        outside_input_submit(viewer=as_viewer(official_b), item_id=open_item.pk, organisation="x", text="x")
    outside_input_respond(viewer=as_viewer(secretariat), input_id=given.pk, response="Thank you; taken up in item 3.")
    page = client_for(contributor).get(f"/meetings/{meeting.pk}/").content.decode()
    assert "taken up in item 3" in page
    assert "taken up in item 3" in client_for(official_b).get(f"/meetings/{meeting.pk}/").content.decode()


def test_the_online_link_is_for_invitees_only(member_a, official_a, official_b):
    meeting = schedule()
    meeting_invite(viewer=SYSTEM, meeting=meeting, members=[member_a])
    assert "secret-room" in client_for(official_a).get(f"/meetings/{meeting.pk}/").content.decode()
    page = client_for(official_b).get(f"/meetings/{meeting.pk}/").content.decode()
    assert meeting.title in page
    assert "secret-room" not in page


def test_documents_are_checked_by_content_and_follow_their_visibility(official_a):
    meeting = schedule()
    with pytest.raises(ValidationFailed) as exc:
        paper(meeting, "Bad", content=b"MZ not pdf")
    assert exc.value.problems[0].field == "file"
    doc = paper(meeting, "Paper", visibility="secretariat", content=b"%PDF-1.4 x")
    assert len(doc.sha256) == 64
    assert client_for(official_a).get(f"/meetings/documents/{doc.pk}/").status_code == 404


def test_the_calendar_feed_validates_and_answers_404_once_revoked(official_a, member_a):
    meeting = schedule()
    meeting_invite(viewer=SYSTEM, meeting=meeting, members=[member_a])
    _feed, token = calendar_feed_create(viewer=as_viewer(official_a))
    response = Client().get(f"/calendar/{token}.ics")
    assert response.status_code == 200
    cal = Calendar.from_ical(response.content)
    summaries = [str(e.get("summary")) for e in cal.walk("VEVENT")]
    assert any(meeting.code in s for s in summaries)
    calendar_feed_revoke(viewer=as_viewer(official_a))
    assert Client().get(f"/calendar/{token}.ics").status_code == 404


def test_agenda_and_minutes_pdfs_carry_the_visibility_and_the_synthetic_banner(secretariat):
    meeting = held()
    Meeting.objects.filter(pk=meeting.pk).update(is_synthetic=True)
    minutes_save(viewer=SYSTEM, meeting=meeting, text="Discussed.", circulate=True)
    for kind in ("agenda", "minutes"):
        text = pdf_text(client_for(secretariat).get(f"/meetings/{meeting.pk}/{kind}.pdf"))
        assert "Visibility: Taskforce" in text
        assert "SYNTHETIC" in text


def test_a_meeting_ics_download_parses(official_a):
    meeting = schedule()
    body = client_for(official_a).get(f"/meetings/{meeting.pk}/meeting.ics").content
    assert Calendar.from_ical(body).walk("VEVENT")[0]["uid"].startswith("meeting-")


def test_secretariat_runs_a_meeting_in_the_browser(secretariat, member_a, official_a):
    client = client_for(secretariat)
    start = (NOW - 2 * D).strftime("%Y-%m-%dT%H:%M")
    end = (NOW - 2 * D + 3 * H).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        "/meetings/new/",
        {
            "kind": "plenary",
            "title": "Browser plenary",
            "starts_at": start,
            "ends_at": end,
            "time_zone": "UTC",
            "visibility": "taskforce",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(title="Browser plenary")
    base = f"/meetings/{meeting.pk}"
    assert client.post(f"{base}/agenda/", {"agenda-title": "Opening"}).status_code == 302
    assert client.post(f"{base}/invite/", {"invite-members": [member_a.pk]}).status_code == 302
    assert client.post(f"{base}/status/", {"status-status": "held", "confirmed": "yes"}).status_code == 302
    assert client.post(f"{base}/attendance/", {f"attendance-{member_a.pk}": "present"}).status_code == 302
    assert client.post(f"{base}/minutes/", {"minutes-minutes": "We met.", "minutes-circulate": "on"}).status_code == 302
    assert client.post(f"{base}/decisions/", {"decision-text": "We decide."}).status_code == 302
    decision = meeting.decisions.get()
    due = (NOW.date() + 30 * D).isoformat()
    response = client.post(
        f"{base}/actions/",
        {
            "action-title": "Follow up",
            "action-owner": member_a.slug,
            "action-due_on": due,
            "action-decision": decision.pk,
        },
    )
    assert response.status_code == 302
    item = ActionItem.objects.get(title="Follow up")
    response = client_for(official_a).post(f"/actions/{item.pk}/", {"status": "done", "text": "Sent."})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "done"


def test_meeting_management_pages_hide_from_members(secretariat, official_a):
    meeting = schedule()
    response = client_for(official_a).post(f"/meetings/{meeting.pk}/agenda/", {"agenda-title": "x"})
    assert response.status_code == 403
    assert not meeting.agenda_items.exists()
    assert client_for(official_a).get("/meetings/new/").status_code == 404

    response = client_for(secretariat).post(f"/meetings/{meeting.pk}/agenda/", {"agenda-title": "x"})
    assert response.status_code == 302
    assert [item.title for item in meeting.agenda_items.all()] == ["x"]
    assert client_for(secretariat).get("/meetings/new/").status_code == 200


def test_a_member_level_meeting_is_not_found_for_other_members(member_a, official_b):
    meeting = schedule(visibility="member")
    meeting_invite(viewer=SYSTEM, meeting=meeting, members=[member_a])
    assert client_for(official_b).get(f"/meetings/{meeting.pk}/").status_code == 404
    assert client_for(official_b).post(f"/meetings/{meeting.pk}/agenda/", {"title": "x"}).status_code == 404
    assert meeting.title not in client_for(official_b).get("/meetings/").content.decode()


def test_members_comment_on_circulated_minutes(member_a, official_a, official_b):
    from hub.meetings.services import minutes_comment

    meeting = held()
    with pytest.raises(Conflict):
        minutes_comment(viewer=as_viewer(official_a), meeting=meeting, member=member_a, text="x")
    minutes_save(viewer=SYSTEM, meeting=meeting, text="Minutes", circulate=True)
    response = client_for(official_a).post(
        f"/meetings/{meeting.pk}/minutes/comments/",
        {"comment-member": member_a.pk, "comment-text": "Add our point on item 2."},
    )
    assert response.status_code == 302
    assert "Add our point on item 2." in client_for(official_b).get(f"/meetings/{meeting.pk}/").content.decode()
    with pytest.raises(NotFound):
        minutes_comment(viewer=as_viewer(official_b), meeting=meeting, member=member_a, text="x")


def test_a_paper_for_an_agenda_item_is_listed_under_it(official_a):
    meeting = schedule()
    item = agenda_item_add(viewer=SYSTEM, meeting=meeting, data=AgendaItemInput(title="Budget"))
    paper(meeting, "Budget paper", content=b"%PDF-1.4 b", agenda_item=item)
    page = client_for(official_a).get(f"/meetings/{meeting.pk}/").content.decode()
    assert page.index("Budget paper") > page.index("Budget")
