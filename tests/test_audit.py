"""Every write leaves an append-only audit record; the database refuses to change them."""

from __future__ import annotations

import csv
import io

import pytest
from auditlog.models import LogEntry
from django.db import DatabaseError
from django.db import connection
from django.db import transaction

from conftest import as_viewer
from conftest import client_for
from hub.core.audit import audit_bulk
from hub.core.models import Visibility
from hub.members.models import MemberNote
from hub.members.services import member_note_create


def test_a_service_write_is_audited_with_its_actor_and_the_values(official_a, member_a):
    note = member_note_create(viewer=as_viewer(official_a), member=member_a, text="hello", visibility="member")
    entry = LogEntry.objects.get_for_object(note).get()
    assert entry.actor == official_a
    assert entry.action == LogEntry.Action.CREATE
    assert entry.changes["text"] == ["None", "hello"]
    assert entry.additional_data["via"] == "web"


def test_the_database_refuses_to_update_an_audit_row(official_a, member_a):
    member_note_create(viewer=as_viewer(official_a), member=member_a, text="hello", visibility="member")
    entry = LogEntry.objects.latest("pk")
    with pytest.raises(DatabaseError), transaction.atomic():
        LogEntry.objects.filter(pk=entry.pk).update(object_repr="tampered")
    entry.refresh_from_db()
    assert entry.object_repr != "tampered"


def test_the_database_refuses_to_delete_an_audit_row(official_a, member_a):
    member_note_create(viewer=as_viewer(official_a), member=member_a, text="hello", visibility="member")
    count = LogEntry.objects.count()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM auditlog_logentry")
    assert LogEntry.objects.count() == count


def test_bulk_writes_are_logged_one_row_per_record(official_a, member_a, secretariat):
    notes = MemberNote.objects.bulk_create(
        [MemberNote(member=member_a, author=official_a, text=f"n{i}", visibility=Visibility.MEMBER) for i in range(3)]
    )
    before = LogEntry.objects.count()
    written = audit_bulk(actor=secretariat, created=notes, updated=[(notes[0], {"text": ("n0", "m0")})], via="import")
    assert written == 4
    assert LogEntry.objects.count() == before + 4
    assert LogEntry.objects.filter(additional_data__bulk=True, actor=secretariat).count() == 4


def test_secretariat_browses_and_filters_the_audit_log(secretariat, official_a, member_a):
    member_note_create(viewer=as_viewer(official_a), member=member_a, text="findme", visibility="member")
    response = client_for(secretariat).get("/audit/", {"model": "membernote", "actor": "olga"})
    assert response.status_code == 200
    assert "membernote" in response.content.decode()


def test_secretariat_exports_the_audit_log_as_csv(secretariat, official_a, member_a):
    member_note_create(viewer=as_viewer(official_a), member=member_a, text="exported", visibility="member")
    response = client_for(secretariat).get("/audit/export.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["timestamp", "actor", "action"]
    assert any("exported" in row[6] for row in rows[1:])


def test_administrator_sees_who_did_what_but_not_the_values_of_member_data(administrator, official_a, member_a):
    member_note_create(viewer=as_viewer(official_a), member=member_a, text="confidential", visibility="member")
    export = client_for(administrator).get("/audit/export.csv").content.decode()
    page = client_for(administrator).get("/audit/").content.decode()
    assert "membernote" in export
    assert "confidential" not in export
    assert "confidential" not in page
    assert "values withheld" in page


def test_exports_neutralise_spreadsheet_formulas(secretariat, official_a, member_a):
    member_note_create(viewer=as_viewer(official_a), member=member_a, text="x", visibility="member")
    from hub.core.tabular import export_cell as _cell

    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _cell("plain") == "plain"
    assert _cell(None) == ""


def test_member_official_gets_not_found_for_the_audit_log(official_a):
    assert client_for(official_a).get("/audit/").status_code == 404
    assert client_for(official_a).get("/audit/export.csv").status_code == 404


def test_anonymous_is_sent_to_sign_in_for_the_audit_log(db):
    response = client_for(None).get("/audit/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_many_to_many_changes_show_in_the_audit_log(secretariat):
    import datetime

    from django.utils import timezone

    from hub.commitments.services import reference_commitments_load
    from hub.core.viewer import SYSTEM
    from hub.meetings.services import MeetingInput
    from hub.meetings.services import decision_adopt
    from hub.meetings.services import meeting_schedule
    from hub.meetings.services import meeting_update

    reference_commitments_load()
    start = timezone.now() - datetime.timedelta(days=1)
    meeting = meeting_schedule(viewer=SYSTEM, data=MeetingInput(title="M", starts_at=start, ends_at=start))
    meeting_update(viewer=SYSTEM, meeting=meeting, data=MeetingInput(status="held"))
    from hub.commitments.models import Commitment

    decision_adopt(viewer=SYSTEM, meeting=meeting, text="D", commitments=list(Commitment.objects.filter(number=1)))
    page = client_for(secretariat).get("/audit/", {"model": "decision"})
    assert page.status_code == 200
    assert "commitments: add" in page.content.decode()
    assert client_for(secretariat).get("/audit/export.csv").status_code == 200


@pytest.mark.parametrize(
    ("signal_name", "event"),
    [
        ("password_changed", "password_changed"),
        ("password_reset", "password_changed"),
        ("email_changed", "email_changed"),
    ],
)
def test_account_events_are_audited_with_their_person(official_a, signal_name, event):
    from allauth.account import signals

    getattr(signals, signal_name).send(sender=type(official_a), request=None, user=official_a)
    entry = LogEntry.objects.filter(object_pk=str(official_a.pk), additional_data__event=event).get()
    assert entry.actor == official_a
