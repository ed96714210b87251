"""Regression tests from the security review of the meetings module."""

from __future__ import annotations

import datetime

from django.core import mail
from django.test import Client
from django.utils import timezone

from conftest import as_viewer, client_for
from hub.core.viewer import SYSTEM
from hub.meetings.models import WrittenProcedure
from hub.meetings.services import (
    AgendaItemInput,
    MeetingInput,
    action_item_create,
    decision_adopt,
    meeting_document_add,
    meeting_invite,
    meeting_schedule,
    meeting_update,
    minutes_save,
    written_procedure_conclude,
    written_procedure_start,
)
from hub.members.models import Member

NOW = timezone.now()


def held(visibility="taskforce"):
    start = NOW - datetime.timedelta(days=2)
    meeting = meeting_schedule(
        viewer=SYSTEM,
        data=MeetingInput(
            title="M",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
            visibility=visibility,
        ),
    )
    return meeting_update(viewer=SYSTEM, meeting=meeting, data=MeetingInput(status="held"))


def test_a_cached_agenda_pdf_is_never_served_to_a_viewer_who_sees_less(secretariat, official_a, member_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    meeting = held(visibility="public")
    meeting_document_add(
        viewer=SYSTEM,
        meeting=meeting,
        title="SECRET-PAPER",
        upload=SimpleUploadedFile("p.pdf", b"%PDF-1.4"),
        visibility="secretariat",
        agenda_item=None,
    )
    from hub.meetings.services import agenda_item_add

    item = agenda_item_add(viewer=SYSTEM, meeting=meeting, data=AgendaItemInput(title="Item"))
    from hub.meetings.models import MeetingDocument

    MeetingDocument.objects.filter(title="SECRET-PAPER").update(agenda_item=item)
    first = client_for(secretariat).get(f"/meetings/{meeting.pk}/agenda.pdf").content
    second = Client().get(f"/meetings/{meeting.pk}/agenda.pdf").content
    assert first != second


def test_a_procedure_the_focal_points_cannot_see_is_not_mailed_to_them(
    secretariat, focal_point_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        written_procedure_start(
            viewer=as_viewer(secretariat),
            title="Internal",
            proposal="SECRET",
            deadline=NOW + datetime.timedelta(days=1),
            visibility="secretariat",
        )
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        written_procedure_start(
            viewer=as_viewer(secretariat), title="Open", proposal="Text", deadline=NOW + datetime.timedelta(days=1)
        )
    assert [m.to for m in mail.outbox] == [[focal_point_a.email]]


def test_an_action_item_does_not_reveal_a_meeting_the_viewer_cannot_see(member_a, member_b, official_b):
    meeting = held(visibility="member")
    meeting_invite(viewer=SYSTEM, meeting=meeting, members=[member_a])
    decision = decision_adopt(viewer=SYSTEM, meeting=meeting, text="PRIVATE DECISION")
    item = action_item_create(
        viewer=SYSTEM,
        values={"title": "Task", "decision": decision, "owner_member": member_b, "due_on": NOW.date()},
    )
    assert client_for(official_b).get(f"/actions/{item.pk}/").status_code == 404
    assert "PRIVATE DECISION" not in client_for(official_b).get("/actions/").content.decode()


def test_contributors_do_not_read_minutes_or_decisions_of_taskforce_meetings(contributor):
    from hub.meetings.services import agenda_item_add

    meeting = held()
    agenda_item_add(viewer=SYSTEM, meeting=meeting, data=AgendaItemInput(title="Open", open_for_input=True))
    decision_adopt(viewer=SYSTEM, meeting=meeting, text="TF-DECISION")
    minutes_save(viewer=SYSTEM, meeting=meeting, text="TF-MINUTES", circulate=True)
    client = client_for(contributor)
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "TF-DECISION" not in page
    assert "TF-MINUTES" not in page
    assert "TF-DECISION" not in client.get("/decisions/").content.decode()
    assert client.get(f"/meetings/{meeting.pk}/minutes.pdf").status_code == 404


def test_hidden_members_are_not_named_by_their_invitations(member_a, official_b):
    hidden = Member.objects.create(name="HIDDEN-LAND", slug="hidden-land", kind="government", visibility="secretariat")
    meeting = held()
    meeting_invite(viewer=SYSTEM, meeting=meeting, members=[member_a, hidden])
    assert "HIDDEN-LAND" not in client_for(official_b).get(f"/meetings/{meeting.pk}/").content.decode()


def test_the_join_form_does_not_confirm_that_a_hidden_member_exists(db):
    Member.objects.create(name="Hidden", slug="hidden", kind="government", country="JP", visibility="secretariat")
    from hub.members.services import join_request_submit

    request = join_request_submit(
        government="Japan", country="JP", contact_name="x", contact_email="x@example.org", message="", letter=None
    )
    assert request.pk


def test_minutes_changed_during_their_procedure_are_not_approved(secretariat):
    meeting = held()
    minutes_save(viewer=SYSTEM, meeting=meeting, text="v1", circulate=True)
    procedure = written_procedure_start(
        viewer=as_viewer(secretariat),
        title="Minutes",
        proposal="Approve",
        deadline=NOW + datetime.timedelta(days=1),
        subject="minutes",
        meeting=meeting,
    )
    import pytest

    from hub.core.errors import Conflict

    with pytest.raises(Conflict):
        minutes_save(viewer=SYSTEM, meeting=meeting, text="v2", circulate=False)
    meeting.minutes_status = "draft"
    meeting.save(update_fields=["minutes_status"])
    WrittenProcedure.objects.filter(pk=procedure.pk).update(deadline=NOW - datetime.timedelta(hours=1))
    written_procedure_conclude(viewer=as_viewer(secretariat), procedure_id=procedure.pk)
    procedure.refresh_from_db()
    meeting.refresh_from_db()
    assert procedure.status == "not_adopted"
    assert meeting.minutes_status == "draft"
