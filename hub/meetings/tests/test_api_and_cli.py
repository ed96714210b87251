"""Meetings through the API and the command line."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from conftest import as_viewer
from hub.accounts.services import api_token_create
from hub.core.viewer import SYSTEM
from hub.meetings.models import ActionItem
from hub.meetings.models import Decision
from hub.meetings.models import Meeting
from hub.meetings.models import WrittenProcedure
from hub.meetings.services import AgendaItemInput
from hub.meetings.services import MeetingInput
from hub.meetings.services import decision_adopt
from hub.meetings.services import meeting_update
from hub.meetings.tests.helpers import NOW
from hub.meetings.tests.helpers import D
from hub.meetings.tests.helpers import held
from hub.meetings.tests.helpers import schedule


def auth(user) -> dict[str, str]:
    _t, raw = api_token_create(viewer=as_viewer(user), name="t", scope="read-write", days=1)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post(url, body, headers):
    return Client().post(url, body, content_type="application/json", **headers)


def test_a_whole_meeting_runs_through_the_api(secretariat, member_a, official_a):
    from hub.commitments.services import reference_commitments_load

    reference_commitments_load()
    s = auth(secretariat)
    start = (NOW - datetime.timedelta(days=1)).isoformat()
    end = (NOW - datetime.timedelta(hours=20)).isoformat()
    r = post("/api/v1/meetings", {"title": "API plenary", "starts_at": start, "ends_at": end}, s)
    assert r.status_code == 201, r.content
    mid = r.json()["id"]
    assert post(f"/api/v1/meetings/{mid}/agenda-items", {"title": "Opening"}, s).status_code == 201
    assert post(f"/api/v1/meetings/{mid}/invitations", {"members": ["alphaland"]}, s).status_code == 200
    r = Client().patch(f"/api/v1/meetings/{mid}", {"status": "held"}, content_type="application/json", **s)
    assert r.json()["status"] == "held"
    r = post(f"/api/v1/meetings/{mid}/attendance", {"attendance": {"alphaland": "present"}}, s)
    assert r.json()["invitations"] == [{"member": "alphaland", "attendance": "present", "delegates": []}]
    r = post(f"/api/v1/meetings/{mid}/decisions", {"text": "Agreed", "commitments": [1, 8]}, s)
    assert r.status_code == 201, r.content
    assert r.json()["code"].endswith("/D1")
    decision_id = r.json()["id"]
    due = (NOW.date() + datetime.timedelta(days=20)).isoformat()
    r = post(
        "/api/v1/action-items",
        {"title": "Share note", "decision_id": decision_id, "owner": "alphaland", "due_on": due},
        s,
    )
    assert r.status_code == 201
    item_id = r.json()["id"]
    r = post(f"/api/v1/action-items/{item_id}/progress", {"status": "done", "text": "Shared"}, auth(official_a))
    assert r.status_code == 201
    assert ActionItem.objects.get(pk=item_id).status == "done"


def test_api_errors_name_the_field(secretariat):
    s = auth(secretariat)
    r = post("/api/v1/meetings", {"title": "x", "starts_at": NOW.isoformat(), "ends_at": "not a date"}, s)
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "ends_at"
    meeting = schedule("Future", start=NOW + 3 * D)
    r = post(f"/api/v1/meetings/{meeting.pk}/decisions", {"text": "Too early"}, s)
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "meeting"
    r = post(f"/api/v1/meetings/{meeting.pk}/attendance", {"attendance": {"nowhere": "present"}}, s)
    assert r.status_code == 404


def test_written_procedure_through_the_api(secretariat, member_a, official_a):
    s = auth(secretariat)
    deadline = (NOW + datetime.timedelta(days=2)).isoformat()
    r = post("/api/v1/written-procedures", {"title": "Rule", "proposal": "Adopt", "deadline": deadline}, s)
    assert r.status_code == 201
    pid = r.json()["id"]
    r = post(f"/api/v1/written-procedures/{pid}/objections", {"member": "alphaland", "reason": "No"}, auth(official_a))
    assert r.status_code == 201
    assert r.json()["objections"] == ["alphaland"]
    WrittenProcedure.objects.filter(pk=pid).update(deadline=NOW - datetime.timedelta(hours=1))
    assert post(f"/api/v1/written-procedures/{pid}/conclude", {}, s).json()["status"] == "not_adopted"


def test_members_cannot_manage_meetings_through_the_api(secretariat, official_a):
    body = {"title": "x", "starts_at": NOW.isoformat(), "ends_at": NOW.isoformat()}
    assert post("/api/v1/meetings", body, auth(official_a)).status_code == 403
    assert not Meeting.objects.exists()
    assert post("/api/v1/meetings", body, auth(secretariat)).status_code == 201
    assert Meeting.objects.get().title == "x"


def write(tmp_path, body: str, name="actions.csv"):
    path = tmp_path / name
    path.write_text("title,decision,meeting,owner,due_on,description,status\n" + body, encoding="utf-8")
    return path


@pytest.fixture
def decided(member_a):
    return decision_adopt(viewer=SYSTEM, meeting=held("M", start=NOW - 5 * D), text="D")


def test_import_action_items_all_or_nothing_and_idempotent(decided, tmp_path, capsys):
    due = (NOW.date() + datetime.timedelta(days=30)).isoformat()
    good = write(
        tmp_path,
        f"Note,{decided.code},,alphaland,{due},,open\nMinutes,,{decided.meeting.code},secretariat,{due},,open\n",
    )
    call_command("import_action_items", str(good))
    assert "2 created" in capsys.readouterr().out
    call_command("import_action_items", str(good))
    assert "0 created, 2 unchanged" in capsys.readouterr().out
    bad = write(
        tmp_path, f"Other,{decided.code},,alphaland,{due},,open\nLate,{decided.code},,,2000-01-01,,open\n", "bad.csv"
    )
    with pytest.raises(CommandError):
        call_command("import_action_items", str(bad))
    err = capsys.readouterr().err
    assert "row 3, owner" in err
    assert "row 3, due_on" in err
    assert ActionItem.objects.count() == 2


def test_send_reminders_command_is_safe_to_run_twice(decided, capsys):
    ActionItem.objects.create(
        title="Soon", decision=decided, owner_secretariat=True, due_on=NOW.date() + datetime.timedelta(days=1)
    )
    call_command("send_reminders")
    call_command("send_reminders")
    out = capsys.readouterr().out
    assert "1 reminder(s) queued" in out
    assert "0 reminder(s) queued" in out


def test_demo_meetings_involve_fictional_members_only(db):
    call_command("load_reference")
    call_command("seed_demo")
    assert Meeting.objects.filter(is_synthetic=False).count() == 0
    assert Decision.objects.filter(is_synthetic=False).count() == 0
    assert not ActionItem.objects.filter(owner_member__is_synthetic=False).exists()
    from hub.meetings.models import MeetingInvitation

    assert not MeetingInvitation.objects.filter(member__is_synthetic=False).exists()
    assert Meeting.objects.filter(kind="plenary").count() >= 3


def test_documents_and_minutes_comments_through_the_api(secretariat, member_a, official_a, official_b):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from hub.meetings.services import agenda_item_add
    from hub.meetings.services import minutes_save

    meeting = schedule("Docs", members=[member_a])
    item = agenda_item_add(viewer=SYSTEM, meeting=meeting, data=AgendaItemInput(title="Budget"))
    s = auth(secretariat)
    r = Client().post(
        f"/api/v1/meetings/{meeting.pk}/documents",
        {
            "title": "Budget paper",
            "visibility": "secretariat",
            "agenda_item_id": item.pk,
            "file": SimpleUploadedFile("b.pdf", b"%PDF-1.4 budget"),
        },
        **s,
    )
    assert r.status_code == 201, r.content
    assert r.json()["agenda_item_id"] == item.pk
    assert [d["title"] for d in Client().get(f"/api/v1/meetings/{meeting.pk}/documents", **s).json()] == [
        "Budget paper"
    ]
    assert Client().get(f"/api/v1/meetings/{meeting.pk}/documents", **auth(official_b)).json() == []
    bad = Client().post(
        f"/api/v1/meetings/{meeting.pk}/documents",
        {"title": "x", "file": SimpleUploadedFile("x.pdf", b"MZ not a pdf")},
        **s,
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "file"
    meeting_update(viewer=SYSTEM, meeting=meeting, data=MeetingInput(status="held"))
    minutes_save(viewer=SYSTEM, meeting=meeting, text="Minutes", circulate=True)
    r = post(
        f"/api/v1/meetings/{meeting.pk}/minutes/comments", {"member": "alphaland", "text": "Fine"}, auth(official_a)
    )
    assert r.status_code == 201
    r = post(f"/api/v1/meetings/{meeting.pk}/minutes/comments", {"member": "alphaland", "text": "x"}, auth(official_b))
    assert r.status_code == 404
