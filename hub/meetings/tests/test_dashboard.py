"""The meetings panel of "Needs your attention": action items due, meetings to come with their papers,
outside input awaiting a response, overdue items by owner, the cadence warning, the contributor's desk."""

from __future__ import annotations

from conftest import as_viewer
from conftest import client_for
from hub.core.viewer import SYSTEM
from hub.meetings.selectors import action_items_due
from hub.meetings.selectors import contributor_desk
from hub.meetings.selectors import outside_input_awaiting_response
from hub.meetings.selectors import overdue_action_items_by_owner
from hub.meetings.selectors import upcoming_invited_meetings
from hub.meetings.services import AgendaItemInput
from hub.meetings.services import action_item_create
from hub.meetings.services import agenda_item_add
from hub.meetings.services import outside_input_respond
from hub.meetings.services import outside_input_submit
from hub.meetings.tests.helpers import NOW
from hub.meetings.tests.helpers import D
from hub.meetings.tests.helpers import held
from hub.meetings.tests.helpers import paper
from hub.meetings.tests.helpers import schedule

TODAY = NOW.date()


def item(meeting, owner=None, *, days: int, title: str = "Share the plan", visibility: str = "taskforce"):
    owner_fields = {"owner_member": owner} if owner else {"owner_secretariat": True}
    return action_item_create(
        viewer=SYSTEM,
        values={
            "title": title,
            "meeting": meeting,
            "due_on": TODAY + days * D,
            "visibility": visibility,
            **owner_fields,
        },
    )


def test_an_official_sees_their_members_items_due_within_two_weeks_or_overdue(member_a, member_b, official_a):
    meeting = held(start=NOW - 30 * D)
    soon = item(meeting, member_a, days=5, title="Soon")
    late = item(meeting, member_a, days=-2, title="Late")
    item(meeting, member_a, days=40, title="Later")
    item(meeting, member_b, days=3, title="Betaland's")
    item(meeting, days=3, title="The secretariat's")
    assert action_items_due(viewer=as_viewer(official_a)) == [late, soon]
    page = client_for(official_a).get("/dashboard/").content.decode()
    assert "Due in 5 days" in page
    assert "Overdue by 2 days" in page
    assert "Later" not in page


def test_a_hidden_action_item_is_never_listed(member_a, official_a):
    meeting = held(start=NOW - 30 * D, visibility="secretariat")
    item(meeting, member_a, days=5, title="Hidden origin")
    assert action_items_due(viewer=as_viewer(official_a)) == []


def test_meetings_to_come_of_invited_members_with_the_papers_they_may_see(member_a, member_b, official_a):
    coming = schedule("Next plenary", start=NOW + 10 * D, members=[member_a])
    schedule("Not invited", start=NOW + 5 * D, members=[member_b])
    schedule("Past", start=NOW - 10 * D, members=[member_a])
    shared = paper(coming, "Draft agenda notes")
    paper(coming, "Secretariat briefing", visibility="secretariat")
    [meeting] = upcoming_invited_meetings(viewer=as_viewer(official_a))
    assert meeting == coming
    assert meeting.papers == [shared]  # type: ignore[attr-defined]
    page = client_for(official_a).get("/dashboard/").content.decode()
    assert "Next plenary" in page
    assert "in 10 days" in page
    assert f'href="/meetings/documents/{shared.pk}/"' in page
    assert "Secretariat briefing" not in page


def test_the_secretariat_sees_outside_input_without_a_response(member_a, contributor, secretariat):
    meeting = schedule("Plenary", start=NOW + 10 * D)
    agenda = agenda_item_add(
        viewer=SYSTEM, meeting=meeting, data=AgendaItemInput(title="Safe havens", open_for_input=True)
    )
    first = outside_input_submit(viewer=as_viewer(contributor), item_id=agenda.pk, organisation="NGO", text="One")
    answered = outside_input_submit(viewer=as_viewer(contributor), item_id=agenda.pk, organisation="NGO", text="Two")
    outside_input_respond(viewer=as_viewer(secretariat), input_id=answered.pk, response="Thanks")
    found = outside_input_awaiting_response(viewer=as_viewer(secretariat))
    assert found == ([first], 1)
    page = client_for(secretariat).get("/dashboard/").content.decode()
    assert "1 outside input awaits a response" in page
    assert outside_input_awaiting_response(viewer=as_viewer(contributor)) is None


def test_overdue_items_are_counted_by_owner_for_the_secretariat_only(member_a, member_b, secretariat, official_a):
    meeting = held(start=NOW - 30 * D)
    item(meeting, member_a, days=-1)
    item(meeting, member_a, days=-3)
    item(meeting, member_b, days=-1)
    item(meeting, days=-1)
    item(meeting, member_b, days=4)
    rows = overdue_action_items_by_owner(viewer=as_viewer(secretariat))
    assert [(o.owner, o.count) for o in rows or []] == [("alphaland", 2), ("secretariat", 1), ("betaland", 1)]
    page = client_for(secretariat).get("/dashboard/").content.decode()
    assert "4 action items are overdue" in page
    assert 'href="/actions/?owner=alphaland&amp;overdue=1"' in page
    assert overdue_action_items_by_owner(viewer=as_viewer(official_a)) is None


def test_the_cadence_warning_is_the_secretariats(member_a, secretariat, official_a):
    assert "at least two are needed" in client_for(secretariat).get("/dashboard/").content.decode()
    assert "at least two are needed" not in client_for(official_a).get("/dashboard/").content.decode()


def test_a_contributor_sees_what_is_open_to_them_and_what_they_sent(member_a, contributor, secretariat):
    meeting = schedule("Plenary", start=NOW + 10 * D)
    agenda_item_add(viewer=SYSTEM, meeting=meeting, data=AgendaItemInput(title="Closed item"))
    open_item = agenda_item_add(viewer=SYSTEM, meeting=meeting, data=AgendaItemInput(title="Open", open_for_input=True))
    sent = outside_input_submit(viewer=as_viewer(contributor), item_id=open_item.pk, organisation="NGO", text="Hi")
    outside_input_respond(viewer=as_viewer(secretariat), input_id=sent.pk, response="Noted, thank you.")
    desk = contributor_desk(viewer=as_viewer(contributor))
    assert desk is not None
    assert desk.open_items == [open_item]
    assert desk.sent == [sent]
    page = client_for(contributor).get("/dashboard/").content.decode()
    assert "Open to your input" in page
    assert "Noted, thank you." in page
    assert "Closed item" not in page
    assert contributor_desk(viewer=as_viewer(secretariat)) is None


def test_a_contributor_never_sees_items_of_meetings_hidden_from_them(contributor):
    hidden = schedule("Secretariat retreat", start=NOW + 10 * D, visibility="secretariat")
    agenda_item_add(viewer=SYSTEM, meeting=hidden, data=AgendaItemInput(title="Hidden", open_for_input=True))
    desk = contributor_desk(viewer=as_viewer(contributor))
    assert desk is not None
    assert desk.open_items == []
