"""Regression tests from the security review of the meetings module."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.test import Client

from conftest import as_viewer
from conftest import client_for
from conftest import make_member
from conftest import pdf_text
from hub.core.errors import Conflict
from hub.core.viewer import SYSTEM
from hub.meetings.services import AgendaItemInput
from hub.meetings.services import action_item_create
from hub.meetings.services import agenda_item_add
from hub.meetings.services import decision_adopt
from hub.meetings.services import meeting_invite
from hub.meetings.services import minutes_save
from hub.meetings.services import written_procedure_conclude
from hub.meetings.services import written_procedure_start
from hub.meetings.tests.helpers import NOW
from hub.meetings.tests.helpers import held
from hub.meetings.tests.helpers import minutes_procedure
from hub.meetings.tests.helpers import paper
from hub.meetings.tests.helpers import past_deadline
from hub.members.models import Member


def test_a_cached_agenda_pdf_is_never_served_to_a_viewer_who_sees_less(secretariat):
    meeting = held(visibility="public")
    item = agenda_item_add(viewer=SYSTEM, meeting=meeting, data=AgendaItemInput(title="Item"))
    paper(meeting, "SECRET-PAPER", visibility="secretariat", agenda_item=item)
    url = f"/meetings/{meeting.pk}/agenda.pdf"
    assert "SECRET-PAPER" in pdf_text(client_for(secretariat).get(url))  # now cached
    public = pdf_text(Client().get(url))
    assert "Item" in public
    assert "SECRET-PAPER" not in public
    assert "SECRET-PAPER" in pdf_text(client_for(secretariat).get(url))


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


def join_form_post(client: Client, *, government: str, country: str):
    return client.post(
        "/join/",
        {
            "government": government,
            "country": country,
            "contact_name": "Kenji",
            "contact_email": f"kenji@{country.lower()}.example.org",
            "message": "",
        },
    )


def test_the_join_form_does_not_confirm_that_a_hidden_member_exists(db):
    make_member("Gammaland", country="FR")
    Member.objects.create(
        name="HIDDEN-REALM",
        name_en="HIDDEN-REALM",
        slug="hidden",
        kind="government",
        country="JP",
        visibility="secretariat",
    )
    client = Client()
    form = client.get("/join/")
    assert form.status_code == 200
    page = form.content.decode()
    assert 'name="government"' in page and 'name="country"' in page
    assert "HIDDEN-REALM" not in page and "Gammaland" not in page

    hidden = join_form_post(client, government="HIDDEN-REALM", country="JP")
    assert hidden.status_code == 302
    assert hidden["Location"] == "/join/sent/"
    assert "HIDDEN-REALM" not in client.get(hidden["Location"]).content.decode()

    visible = join_form_post(client, government="Gammaland", country="FR")
    assert visible.status_code == 422
    assert "already a member" in visible.content.decode()
    assert "HIDDEN-REALM" not in visible.content.decode()


def test_minutes_changed_during_their_procedure_are_not_approved(secretariat):
    meeting = held()
    procedure = minutes_procedure(meeting, text="v1")
    with pytest.raises(Conflict):
        minutes_save(viewer=SYSTEM, meeting=meeting, text="v2", circulate=False)
    meeting.minutes_status = "draft"
    meeting.save(update_fields=["minutes_status"])
    past_deadline(procedure)
    written_procedure_conclude(viewer=as_viewer(secretariat), procedure_id=procedure.pk)
    procedure.refresh_from_db()
    meeting.refresh_from_db()
    assert procedure.status == "not_adopted"
    assert meeting.minutes_status == "draft"
