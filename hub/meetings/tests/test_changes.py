"""Changes before a meeting is held (issue 12): edit and reschedule with the invitees told, the agenda
edited, moved and removed, everyone invited at once, delegates; decisions corrected with their history;
the calendar feed's own action items and reporting deadlines; strict dates; confirmations. Each through
the service, the page and the API, with an allowed and a denied persona."""

from __future__ import annotations

import datetime
import json

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.test import Client
from django.test import override_settings
from icalendar import Calendar

from conftest import as_viewer
from conftest import client_for
from hub.accounts.services import api_token_create
from hub.core.errors import Conflict
from hub.core.errors import NotFound
from hub.core.errors import PermissionDenied
from hub.core.errors import ValidationFailed
from hub.core.registry import CalendarEvent
from hub.core.registry import calendar_source
from hub.core.registry import calendar_sources
from hub.core.viewer import SYSTEM
from hub.meetings.calendar import feed_for
from hub.meetings.forms import MeetingForm
from hub.meetings.models import ActionItem
from hub.meetings.models import AgendaItem
from hub.meetings.models import DecisionRevision
from hub.meetings.models import Meeting
from hub.meetings.models import MeetingDelegate
from hub.meetings.services import AgendaItemInput
from hub.meetings.services import MeetingInput
from hub.meetings.services import action_item_create
from hub.meetings.services import agenda_item_add
from hub.meetings.services import agenda_item_edit
from hub.meetings.services import agenda_item_move
from hub.meetings.services import agenda_item_remove
from hub.meetings.services import decision_adopt
from hub.meetings.services import decision_edit
from hub.meetings.services import delegate_name
from hub.meetings.services import delegate_remove
from hub.meetings.services import meeting_invite
from hub.meetings.services import meeting_invite_all
from hub.meetings.services import meeting_update
from hub.meetings.services import minutes_approve_at_meeting
from hub.meetings.services import minutes_save
from hub.meetings.tests.helpers import NOW
from hub.meetings.tests.helpers import D
from hub.meetings.tests.helpers import H
from hub.meetings.tests.helpers import held
from hub.meetings.tests.helpers import schedule
from hub.members.models import Member

pytestmark = pytest.mark.django_db


def upcoming(**kw) -> Meeting:
    return schedule(start=NOW + 10 * D, **kw)


def agenda(meeting: Meeting, *titles: str) -> list[AgendaItem]:
    return [agenda_item_add(viewer=SYSTEM, meeting=meeting, data=AgendaItemInput(title=t)) for t in titles]


def titles(meeting: Meeting) -> list[str]:
    return list(meeting.agenda_items.order_by("order").values_list("title", flat=True))


def auth(user) -> dict[str, str]:
    _t, raw = api_token_create(viewer=as_viewer(user), name="t", scope="read-write", days=1)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


# --- strict dates and times in the meeting's zone -------------------------------------------------------


def test_the_meeting_form_reads_times_in_the_meetings_zone_and_refuses_day_first_dates():
    data = {
        "kind": "plenary",
        "title": "Brussels",
        "time_zone": "Europe/Brussels",
        "starts_at": "2026-12-01T09:00",
        "ends_at": "2026-12-01T17:00",
        "visibility": "taskforce",
    }
    form = MeetingForm(data)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["starts_at"] == datetime.datetime(2026, 12, 1, 8, 0, tzinfo=datetime.UTC)
    form = MeetingForm({**data, "starts_at": "01/12/2026 06:00"})
    assert not form.is_valid()
    assert "starts_at" in form.errors
    form = MeetingForm({**data, "time_zone": "Mars/Olympus"})
    assert not form.is_valid()
    assert "time_zone" in form.errors


def test_the_meeting_page_says_the_time_in_the_meetings_zone_and_in_utc_without_javascript(secretariat):
    start = datetime.datetime(2030, 1, 15, 8, 0, tzinfo=datetime.UTC)
    meeting = schedule(start=start)
    meeting_update(viewer=SYSTEM, meeting=meeting, data=MeetingInput(time_zone="Europe/Brussels"))
    html = client_for(secretariat).get(f"/meetings/{meeting.pk}/").content.decode()
    assert "09:00–12:00 Brussels time (CET)" in html
    assert " · 08:00–11:00 UTC" in html
    assert "data-hub-viewer-time" in html and "js/viewer-time.js" in html


# --- edit and reschedule ------------------------------------------------------------------------------


def test_rescheduling_is_audited(member_a):
    meeting = upcoming(members=[member_a])
    new_start = NOW + 20 * D
    meeting_update(
        viewer=SYSTEM,
        meeting=meeting,
        data=MeetingInput(starts_at=new_start, ends_at=new_start + 2 * H, place="Brussels"),
    )
    meeting.refresh_from_db()
    assert meeting.starts_at == new_start
    changes = LogEntry.objects.get_for_object(meeting).filter(action=LogEntry.Action.UPDATE)
    assert changes.exists()


def test_rescheduling_queues_one_message_per_invitee(
    member_a, official_a, focal_point_a, django_capture_on_commit_callbacks
):
    meeting = upcoming(members=[member_a])
    new_start = NOW + 20 * D
    with django_capture_on_commit_callbacks(execute=True):
        meeting_update(
            viewer=SYSTEM, meeting=meeting, data=MeetingInput(starts_at=new_start, ends_at=new_start + 2 * H)
        )
    sent = [m for m in mail.outbox if "Meeting changed" in m.subject]
    assert sorted(m.to[0] for m in sent) == sorted([official_a.email, focal_point_a.email])
    assert all(len(m.to) == 1 for m in sent)
    assert "http://testserver" not in sent[0].body


def test_a_summary_change_tells_nobody(member_a, official_a, django_capture_on_commit_callbacks):
    meeting = upcoming(members=[member_a])
    with django_capture_on_commit_callbacks(execute=True):
        meeting_update(viewer=SYSTEM, meeting=meeting, data=MeetingInput(summary="New summary"))
    assert not [m for m in mail.outbox if "Meeting changed" in m.subject]


def test_a_held_meeting_is_not_rescheduled_but_its_summary_still_changes():
    meeting = held()
    with pytest.raises(Conflict):
        meeting_update(viewer=SYSTEM, meeting=meeting, data=MeetingInput(title="Renamed"))
    meeting_update(viewer=SYSTEM, meeting=meeting, data=MeetingInput(summary="What happened"))
    meeting.refresh_from_db()
    assert meeting.summary == "What happened"


def test_a_meetings_status_only_moves_forward():
    meeting = held()
    with pytest.raises(ValidationFailed):
        meeting_update(viewer=SYSTEM, meeting=meeting, data=MeetingInput(status="planned"))


def test_a_reschedule_that_ends_before_it_starts_is_refused():
    meeting = upcoming()
    with pytest.raises(ValidationFailed):
        meeting_update(viewer=SYSTEM, meeting=meeting, data=MeetingInput(ends_at=meeting.starts_at - H))


def test_the_edit_page_reschedules_and_a_stale_version_is_refused(secretariat, official_a):
    meeting = upcoming()
    client = client_for(secretariat)
    page = client.get(f"/meetings/{meeting.pk}/edit/")
    assert page.status_code == 200
    assert 'type="datetime-local"' in page.content.decode()
    assert client_for(official_a).get(f"/meetings/{meeting.pk}/edit/").status_code == 404
    version = page.context["form"]["row_version"].value()
    data = {
        "kind": "working_group",
        "title": "Renamed",
        "time_zone": "Europe/Brussels",
        "starts_at": "2030-03-02T10:00",
        "ends_at": "2030-03-02T12:00",
        "visibility": "taskforce",
        "row_version": version,
    }
    assert client.post(f"/meetings/{meeting.pk}/edit/", data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Renamed"
    assert meeting.starts_at == datetime.datetime(2030, 3, 2, 9, 0, tzinfo=datetime.UTC)
    stale = client.post(f"/meetings/{meeting.pk}/edit/", {**data, "title": "Again"})
    assert stale.status_code == 422
    assert "changed by someone else" in stale.content.decode()
    meeting.refresh_from_db()
    assert meeting.title == "Renamed"


def test_marking_held_asks_once_more(secretariat):
    meeting = schedule()
    client = client_for(secretariat)
    response = client.post(f"/meetings/{meeting.pk}/status/", {"status-status": "held"})
    assert response.status_code == 200
    assert "Mark the meeting held?" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == "planned"
    response = client.post(f"/meetings/{meeting.pk}/status/", {"status-status": "held", "confirmed": "yes"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "held"


def test_a_future_meeting_is_not_offered_held(secretariat):
    meeting = upcoming()
    html = client_for(secretariat).get(f"/meetings/{meeting.pk}/").content.decode()
    assert 'value="convened"' in html
    assert 'value="held"' not in html


# --- agenda ---------------------------------------------------------------------------------------------


def test_agenda_items_move_up_and_down_and_a_stale_move_is_refused():
    meeting = upcoming()
    first, second, third = agenda(meeting, "Opening", "Reports", "Close")
    agenda_item_move(viewer=SYSTEM, item_id=third.pk, direction="up", from_order=3)
    assert titles(meeting) == ["Opening", "Close", "Reports"]
    with pytest.raises(Conflict):
        agenda_item_move(viewer=SYSTEM, item_id=third.pk, direction="up", from_order=3)
    with pytest.raises(Conflict):
        agenda_item_move(viewer=SYSTEM, item_id=first.pk, direction="up")
    agenda_item_move(viewer=SYSTEM, item_id=first.pk, direction="down")
    assert titles(meeting) == ["Close", "Opening", "Reports"]
    assert any("order" in (entry.changes or {}) for entry in LogEntry.objects.get_for_object(first))


def test_agenda_items_are_edited_and_removed_only_before_the_meeting_is_held(official_a):
    meeting = upcoming()
    first, second, third = agenda(meeting, "Opening", "Reports", "Close")
    agenda_item_edit(viewer=SYSTEM, item_id=second.pk, data=AgendaItemInput(title="National reports"))
    agenda_item_remove(viewer=SYSTEM, item_id=first.pk)
    assert titles(meeting) == ["National reports", "Close"]
    assert list(meeting.agenda_items.order_by("order").values_list("order", flat=True)) == [1, 2]
    with pytest.raises(PermissionDenied):
        agenda_item_remove(viewer=as_viewer(official_a), item_id=third.pk)
    meeting_update(viewer=SYSTEM, meeting=meeting, data=MeetingInput(starts_at=NOW - H, ends_at=NOW + H))
    meeting_update(viewer=SYSTEM, meeting=meeting, data=MeetingInput(status="held"))
    with pytest.raises(Conflict):
        agenda_item_edit(viewer=SYSTEM, item_id=third.pk, data=AgendaItemInput(title="Late"))
    with pytest.raises(Conflict):
        agenda_item_remove(viewer=SYSTEM, item_id=third.pk)


def test_an_agenda_item_edit_outside_the_meeting_is_refused():
    meeting = upcoming()
    (item,) = agenda(meeting, "Opening")
    with pytest.raises(ValidationFailed):
        agenda_item_edit(viewer=SYSTEM, item_id=item.pk, data=AgendaItemInput(starts_at=meeting.ends_at + H))


def test_the_agenda_buttons_move_and_remove_without_javascript(secretariat, official_a):
    meeting = upcoming()
    first, second = agenda(meeting, "Opening", "Reports")
    client = client_for(secretariat)
    html = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "Move up" in html and "Move down" in html
    assert "Move up" not in client_for(official_a).get(f"/meetings/{meeting.pk}/").content.decode()
    response = client.post(f"/meetings/{meeting.pk}/agenda/{second.pk}/move/", {"direction": "up", "from": "2"})
    assert response.status_code == 302 and response["Location"].endswith(f"/meetings/{meeting.pk}/#agenda")
    assert titles(meeting) == ["Reports", "Opening"]
    # A move from a stale page: told on the meeting page, nothing moved.
    response = client.post(
        f"/meetings/{meeting.pk}/agenda/{second.pk}/move/", {"direction": "up", "from": "2"}, follow=True
    )
    assert "reordered by someone else" in response.content.decode()
    assert titles(meeting) == ["Reports", "Opening"]
    assert client_for(official_a).post(f"/meetings/{meeting.pk}/agenda/{first.pk}/remove/").status_code == 404
    asked = client.post(f"/meetings/{meeting.pk}/agenda/{first.pk}/remove/")
    assert asked.status_code == 200 and "Remove this agenda item?" in asked.content.decode()
    assert titles(meeting) == ["Reports", "Opening"]
    client.post(f"/meetings/{meeting.pk}/agenda/{first.pk}/remove/", {"confirmed": "yes"})
    assert titles(meeting) == ["Reports"]
    edit = client.get(f"/meetings/{meeting.pk}/agenda/{second.pk}/edit/")
    assert edit.status_code == 200
    version = edit.context["form"]["row_version"].value()
    response = client.post(
        f"/meetings/{meeting.pk}/agenda/{second.pk}/edit/", {"title": "Country reports", "row_version": version}
    )
    assert response.status_code == 302
    assert titles(meeting) == ["Country reports"]


# --- invitations and delegates --------------------------------------------------------------------------


def test_invite_all_invites_each_active_member_once_and_the_form_offers_only_the_others(
    secretariat, member_a, member_b
):
    meeting = upcoming(members=[member_a])
    client = client_for(secretariat)
    page = client.get(f"/meetings/{meeting.pk}/")
    offered = list(page.context["invite_form"].fields["members"].queryset)
    assert member_a not in offered and member_b in offered
    asked = client.post(f"/meetings/{meeting.pk}/invite-all/")
    assert "Invite all active members?" in asked.content.decode()
    assert meeting.invitations.count() == 1
    client.post(f"/meetings/{meeting.pk}/invite-all/", {"confirmed": "yes"})
    active = Member.objects.filter(status=Member.Status.ACTIVE).count()
    assert meeting.invitations.count() == active
    assert meeting_invite_all(viewer=SYSTEM, meeting=meeting) == 0


def test_invite_all_is_the_secretariats(official_a):
    meeting = upcoming()
    with pytest.raises(PermissionDenied):
        meeting_invite_all(viewer=as_viewer(official_a), meeting=meeting)
    assert client_for(official_a).post(f"/meetings/{meeting.pk}/invite-all/").status_code == 404


def test_a_members_official_names_its_delegates_and_not_another_members(member_a, member_b, official_a, official_b):
    meeting = upcoming(members=[member_a, member_b])
    invitation = meeting.invitations.get(member=member_a)
    delegate = delegate_name(
        viewer=as_viewer(official_a),
        invitation_id=invitation.pk,
        name="Ada Delegate",
        email=official_a.email,
        role="Head of delegation",
    )
    assert delegate.user == official_a
    assert LogEntry.objects.get_for_object(delegate).exists()
    with pytest.raises(NotFound):
        delegate_name(viewer=as_viewer(official_b), invitation_id=invitation.pk, name="Intruder")
    with pytest.raises(ValidationFailed):
        delegate_name(viewer=as_viewer(official_a), invitation_id=invitation.pk, name=" ")
    html = client_for(official_b).get(f"/meetings/{meeting.pk}/").content.decode()
    assert "Ada Delegate, Head of delegation" in html
    with pytest.raises(NotFound):
        delegate_remove(viewer=as_viewer(official_b), delegate_id=delegate.pk)
    delegate_remove(viewer=as_viewer(official_a), delegate_id=delegate.pk)
    assert not MeetingDelegate.objects.exists()


def test_delegates_are_not_named_once_the_meeting_is_held(member_a, official_a):
    meeting = held(members=[member_a])
    with pytest.raises(Conflict):
        delegate_name(viewer=as_viewer(official_a), invitation_id=meeting.invitations.get().pk, name="Late")


def test_the_delegate_form_names_a_delegate_from_the_meeting_page(member_a, official_a):
    meeting = upcoming(members=[member_a])
    client = client_for(official_a)
    invitation = meeting.invitations.get()
    response = client.post(
        f"/meetings/{meeting.pk}/delegates/",
        {"delegate-invitation": invitation.pk, "delegate-name": "Bo Delegate", "delegate-role": "Adviser"},
    )
    assert response.status_code == 302
    assert MeetingDelegate.objects.get().name == "Bo Delegate"


# --- decisions ------------------------------------------------------------------------------------------


def test_a_decision_is_corrected_with_its_history_until_the_minutes_are_approved(secretariat, official_a):
    meeting = held()
    decision = decision_adopt(viewer=SYSTEM, meeting=meeting, text="Members publish lists.")
    decision_edit(
        viewer=as_viewer(secretariat), decision_id=decision.pk, text="Members publish contact lists.", reason="Typo"
    )
    decision.refresh_from_db()
    assert decision.text == "Members publish contact lists."
    revision = DecisionRevision.objects.get()
    assert (revision.text, revision.reason, revision.author) == ("Members publish lists.", "Typo", secretariat)
    with pytest.raises(PermissionDenied):
        decision_edit(viewer=as_viewer(official_a), decision_id=decision.pk, text="Mine", reason="Because")
    with pytest.raises(ValidationFailed):
        decision_edit(viewer=SYSTEM, decision_id=decision.pk, text="Other", reason="")
    html = client_for(official_a).get(f"/decisions/{decision.pk}/").content.decode()
    assert "Members publish lists." in html and "Why: Typo" in html
    assert "Correct the decision" not in html
    later = held(start=NOW - D)
    minutes_save(viewer=SYSTEM, meeting=meeting, text="Minutes", circulate=True)
    minutes_approve_at_meeting(viewer=SYSTEM, meeting=meeting, at_meeting=later)
    with pytest.raises(PermissionDenied):
        decision_edit(viewer=SYSTEM, decision_id=decision.pk, text="Too late", reason="Late")


def test_the_decision_page_corrects_and_refuses_a_stale_version(secretariat):
    meeting = held()
    decision = decision_adopt(viewer=SYSTEM, meeting=meeting, text="First text.")
    client = client_for(secretariat)
    page = client.get(f"/decisions/{decision.pk}/")
    version = page.context["form"]["row_version"].value()
    data = {"text": "Second text.", "reason": "Agreed wording", "row_version": version}
    assert client.post(f"/decisions/{decision.pk}/", data).status_code == 302
    stale = client.post(f"/decisions/{decision.pk}/", {**data, "text": "Third text."})
    assert stale.status_code == 422
    decision.refresh_from_db()
    assert decision.text == "Second text."


def test_the_action_item_form_offers_the_meetings_decisions_by_number_and_text(secretariat, member_a):
    meeting = held()
    decision = decision_adopt(viewer=SYSTEM, meeting=meeting, text="Members publish their contact lists.")
    client = client_for(secretariat)
    html = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert f"{decision.code}: Members publish their contact lists." in html
    due = (NOW.date() + 10 * D).isoformat()
    response = client.post(
        f"/meetings/{meeting.pk}/actions/",
        {
            "action-title": "Publish",
            "action-owner": member_a.slug,
            "action-due_on": due,
            "action-decision": decision.pk,
        },
    )
    assert response.status_code == 302
    assert ActionItem.objects.get().decision == decision


# --- calendar -------------------------------------------------------------------------------------------


@override_settings(SITE_URL="https://hub.example.org")
def test_the_feed_holds_own_action_items_reporting_deadlines_and_absolute_links(member_a, member_b, official_a):
    meeting = held()
    due = NOW.date() + 10 * D
    for member in (member_a, member_b):
        action_item_create(
            viewer=SYSTEM,
            values={"title": f"Task of {member.name}", "meeting": meeting, "owner_member": member, "due_on": due},
        )
    calendar_source("test", lambda viewer: [CalendarEvent(uid="t-1", title="Deadline", day=due, path="/x/")])
    assert "test" in [source.name for source in calendar_sources()]
    feed = Calendar.from_ical(feed_for(as_viewer(official_a)))
    events = {str(e.get("summary")): str(e.get("url")) for e in feed.walk("VEVENT")}
    assert f"Due: Task of {member_a.name}" in events
    assert f"Due: Task of {member_b.name}" not in events
    assert events["Deadline"] == "https://hub.example.org/x/"
    assert all(url.startswith("https://hub.example.org/") for url in events.values())


def test_the_feed_address_comes_from_the_site_url_setting(secretariat):
    with override_settings(SITE_URL="https://hub.example.org"):
        response = client_for(secretariat).post("/calendar/", {"action": "create"})
    assert "https://hub.example.org/calendar/" in response.content.decode()


def test_the_secretariats_feed_holds_the_secretariats_action_items(secretariat, member_a):
    meeting = held()
    due = NOW.date() + 10 * D
    action_item_create(
        viewer=SYSTEM, values={"title": "Ours", "meeting": meeting, "owner_secretariat": True, "due_on": due}
    )
    action_item_create(
        viewer=SYSTEM, values={"title": "Theirs", "meeting": meeting, "owner_member": member_a, "due_on": due}
    )
    summaries = [str(e.get("summary")) for e in Calendar.from_ical(feed_for(as_viewer(secretariat))).walk("VEVENT")]
    assert "Due: Ours" in summaries and "Due: Theirs" not in summaries


# --- confirmations elsewhere ------------------------------------------------------------------------------


def test_dropping_an_action_item_asks_once_more(secretariat, member_a):
    meeting = held()
    item = action_item_create(
        viewer=SYSTEM,
        values={"title": "Drop me", "meeting": meeting, "owner_member": member_a, "due_on": NOW.date() + D},
    )
    client = client_for(secretariat)
    data = {"status": "dropped", "text": "Not needed", "drop_reason": "Overtaken"}
    asked = client.post(f"/actions/{item.pk}/", data)
    assert "Drop this action item?" in asked.content.decode()
    item.refresh_from_db()
    assert item.status == "open"
    client.post(f"/actions/{item.pk}/", {**data, "confirmed": "yes"})
    item.refresh_from_db()
    assert item.status == "dropped"


# --- API ------------------------------------------------------------------------------------------------


def test_the_api_reschedules_with_if_match_and_refuses_a_stale_version(secretariat, official_a):
    meeting = upcoming()
    client, s = Client(), auth(secretariat)
    etag = client.get(f"/api/v1/meetings/{meeting.pk}", **s)["ETag"]
    body = {"title": "API renamed", "time_zone": "Europe/Brussels"}
    r = client.patch(f"/api/v1/meetings/{meeting.pk}", body, content_type="application/json", HTTP_IF_MATCH=etag, **s)
    assert r.status_code == 200, r.content
    assert r.json()["time_zone"] == "Europe/Brussels"
    r = client.patch(
        f"/api/v1/meetings/{meeting.pk}", {"title": "x"}, content_type="application/json", HTTP_IF_MATCH=etag, **s
    )
    assert r.status_code == 409
    assert r["Content-Type"].startswith("application/problem+json")
    r = client.patch(
        f"/api/v1/meetings/{meeting.pk}", {"title": "x"}, content_type="application/json", **auth(official_a)
    )
    assert r.status_code in (403, 404)


def test_the_api_edits_moves_and_removes_agenda_items(secretariat, official_a):
    meeting = upcoming()
    first, second = agenda(meeting, "Opening", "Reports")
    client, s = Client(), auth(secretariat)
    r = client.post(
        f"/api/v1/meetings/agenda-items/{second.pk}/move",
        {"direction": "up", "from_order": 2},
        content_type="application/json",
        **s,
    )
    assert r.status_code == 200, r.content
    assert [i["title"] for i in r.json()] == ["Reports", "Opening"]
    r = client.patch(
        f"/api/v1/meetings/agenda-items/{first.pk}", {"title": "Welcome"}, content_type="application/json", **s
    )
    assert r.status_code == 200 and r.json()["title"] == "Welcome"
    assert client.delete(f"/api/v1/meetings/agenda-items/{first.pk}", **auth(official_a)).status_code in (403, 404)
    assert client.delete(f"/api/v1/meetings/agenda-items/{first.pk}", **s).status_code == 204
    assert titles(meeting) == ["Reports"]


def test_the_api_corrects_a_decision_and_shows_its_history(secretariat, official_a):
    meeting = held()
    decision = decision_adopt(viewer=SYSTEM, meeting=meeting, text="Old")
    client, s = Client(), auth(secretariat)
    r = client.patch(
        f"/api/v1/meetings/decisions/{decision.pk}",
        {"text": "New", "reason": "Wording"},
        content_type="application/json",
        **s,
    )
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["text"] == "New" and body["history"][0]["text"] == "Old" and body["history"][0]["reason"] == "Wording"
    r = client.patch(
        f"/api/v1/meetings/decisions/{decision.pk}",
        {"text": "Mine", "reason": "x"},
        content_type="application/json",
        **auth(official_a),
    )
    assert r.status_code == 403
    assert client.get(f"/api/v1/meetings/decisions/{decision.pk}", **auth(official_a)).json()["text"] == "New"


def test_the_api_invites_all_and_names_delegates(secretariat, member_a, official_a, official_b):
    meeting = upcoming()
    client, s = Client(), auth(secretariat)
    r = client.post(f"/api/v1/meetings/{meeting.pk}/invitations/all", **s)
    assert r.status_code == 200 and r.json()["invited"] >= 1
    r = client.post(
        f"/api/v1/meetings/{meeting.pk}/delegates",
        {"member": member_a.slug, "name": "Cy Delegate", "role": "Adviser"},
        content_type="application/json",
        **auth(official_a),
    )
    assert r.status_code == 201, r.content
    delegate_id = r.json()["id"]
    listed = client.get(f"/api/v1/meetings/{meeting.pk}/delegates", **auth(official_b)).json()
    assert [d["name"] for d in listed] == ["Cy Delegate"]
    assert client.delete(f"/api/v1/meetings/delegates/{delegate_id}", **auth(official_b)).status_code == 404
    assert client.delete(f"/api/v1/meetings/delegates/{delegate_id}", **auth(official_a)).status_code == 204
    assert json.loads(client.get(f"/api/v1/meetings/{meeting.pk}/delegates", **s).content) == []


def test_inviting_keeps_already_invited_members_once(member_a):
    meeting = upcoming(members=[member_a])
    assert meeting_invite(viewer=SYSTEM, meeting=meeting, members=[member_a]) == 0


def test_the_api_names_a_null_where_an_agenda_item_needs_a_value(secretariat):
    meeting = upcoming()
    (item,) = agenda(meeting, "Opening")
    r = Client().patch(
        f"/api/v1/meetings/agenda-items/{item.pk}",
        {"title": None, "open_for_input": None, "minutes_allotted": 4872, "starts_at": meeting.starts_at.isoformat()},
        content_type="application/json",
        **auth(secretariat),
    )
    assert r.status_code == 422, r.content
    assert r["Content-Type"].startswith("application/problem+json")
    assert {e["field"] for e in r.json()["errors"]} & {"title", "open_for_input", "minutes_allotted"}
    item.refresh_from_db()
    assert item.title == "Opening"
