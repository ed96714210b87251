"""Every write leaves an append-only audit record; the database refuses to change them."""

from __future__ import annotations

import csv
import datetime
import io
import re

import pytest
import time_machine
from auditlog.models import LogEntry
from django.db import DatabaseError
from django.db import connection
from django.db import transaction
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils import translation
from django.utils.text import capfirst

from conftest import as_viewer
from conftest import client_for
from conftest import make_person
from hub.core.audit import acting_as
from hub.core.audit import audit_bulk
from hub.core.models import Visibility
from hub.core.selectors import audit_entry_list
from hub.core.selectors import audit_page_rows
from hub.meetings.models import Meeting
from hub.meetings.models import ReminderSent
from hub.meetings.services import MeetingInput
from hub.meetings.services import meeting_schedule
from hub.meetings.services import meeting_update
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
    response = client_for(secretariat).get("/audit/", {"model": "members.membernote", "actor": "olga"})
    assert response.status_code == 200
    assert "Member note" in response.content.decode()
    assert "findme" in response.content.decode()


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
    page = client_for(secretariat).get("/audit/", {"model": "meetings.decision"})
    assert page.status_code == 200
    assert f"added: {Commitment.objects.get(number=1)}" in page.content.decode()
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


# --- The readable audit log (issue 12): words, links, before and after, filters, pages --------------


def audit_table(response) -> str:
    """The records' table of an audit page (the filters around it name kinds and people too)."""
    html = response.content.decode()
    start = html.index('<table class="usa-table usa-table--borderless hub-audit">')
    return html[start : html.rindex("</table>")]


def first_row(user):
    viewer = as_viewer(user)
    return audit_page_rows(viewer=viewer, entries=list(audit_entry_list(viewer=viewer)[:1]))[0]


def note(official, member, text="hello"):
    return member_note_create(viewer=as_viewer(official), member=member, text=text, visibility="member")


def a_meeting(title="Plenary"):
    from hub.core.viewer import SYSTEM

    start = timezone.now() + datetime.timedelta(days=3)
    return meeting_schedule(viewer=SYSTEM, data=MeetingInput(title=title, starts_at=start, ends_at=start))


def test_records_are_shown_by_their_kind_in_words_and_their_name(secretariat, official_a, member_a):
    note(official_a, member_a, text="the first note")
    table = audit_table(client_for(secretariat).get("/audit/"))
    assert "Member note" in table
    assert "the first note" in table
    assert "membernote" not in table
    assert "Olga" in table or official_a.email in table


def test_a_kind_without_a_translatable_name_is_shown_in_words(secretariat):
    from auditlog.models import LogEntry as Entry
    from django.contrib.contenttypes.models import ContentType

    Entry.objects.create(
        content_type=ContentType.objects.get_for_model(ReminderSent),
        object_pk="7",
        object_id=7,
        object_repr="A1 overdue",
        action=Entry.Action.CREATE,
        changes={"kind": ["None", "overdue"], "sent_at": ["None", "2026-12-01 06:00:00"]},
    )
    table = audit_table(client_for(secretariat).get("/audit/"))
    assert "Reminder sent" in table
    assert "Overdue" in table  # the choice's label, not its value
    assert "1 December 2026, 06:00" in table  # a stored time in the language's style
    assert "ReminderSent" not in table


def test_in_french_kinds_and_fields_go_through_the_models_verbose_names(secretariat, official_a, member_a):
    note(official_a, member_a)
    with translation.override("fr"):
        kind = capfirst(str(MemberNote._meta.verbose_name))
        field = capfirst(str(MemberNote._meta.get_field("text").verbose_name))
        row = first_row(secretariat)
        assert row.kind == kind
        assert field in [c.field for c in row.changes]
        assert row.action_label == translation.pgettext("audit action", "Created")
    client = client_for(secretariat)
    client.cookies["django_language"] = "fr"
    table = audit_table(client.get("/audit/"))
    assert kind in table
    assert kind == "Note sur le membre"  # the French catalogue holds this one
    assert field in table


def test_in_english_the_same_row_reads_in_english(secretariat, official_a, member_a):
    note(official_a, member_a)
    row = first_row(secretariat)
    assert (row.kind, row.action_label) == ("Member note", "Created")
    assert "Text" in [c.field for c in row.changes]


def test_an_update_shows_a_table_of_the_changed_fields_before_and_after(secretariat):
    from hub.core.viewer import SYSTEM

    meeting = a_meeting("Plenary")
    meeting_update(viewer=SYSTEM, meeting=meeting, data=MeetingInput(title="Plenary, second day"))
    table = audit_table(client_for(secretariat).get("/audit/", {"model": "meetings.meeting", "action": "1"}))
    assert '<table class="hub-audit-changes">' in table
    assert re.search(r"<th scope=\"row\">Title</th><td>Plenary</td><td>Plenary, second day</td>", table)


def test_a_creation_shows_the_values_given_and_a_deletion_the_values_it_had(secretariat, official_a, member_a):
    kept = note(official_a, member_a, text="kept note")
    gone = note(official_a, member_a, text="removed note")
    with acting_as(secretariat):
        MemberNote.objects.filter(pk=gone.pk).delete()  # no service deletes notes: a background write
    table = audit_table(client_for(secretariat).get("/audit/", {"model": "members.membernote"}))
    assert "Values when created" in table
    assert "Values when deleted" in table
    assert table.count("removed note") >= 2  # the record's name, and its text when deleted
    assert "since deleted" in table  # the creation of the record deleted later says so
    assert kept.text in table


def test_long_values_fold_into_a_details_element(secretariat, official_a, member_a):
    note(official_a, member_a, text="word " * 100)
    table = audit_table(client_for(secretariat).get("/audit/"))
    assert '<details class="hub-audit-long"><summary>' in table


def test_no_row_says_none_where_a_record_has_no_number_or_name(secretariat):
    from auditlog.models import LogEntry as Entry
    from django.contrib.contenttypes.models import ContentType

    Entry.objects.create(
        content_type=ContentType.objects.get_for_model(ReminderSent),
        object_pk="None",
        object_repr="None",
        action=Entry.Action.CREATE,
        changes={"kind": ["None", "None"], "action_item_id": ["None", "12"]},
    )
    table = audit_table(client_for(secretariat).get("/audit/"))
    assert "None" not in table
    assert "record without a name" in table
    assert "no. None" not in table


def test_a_record_is_linked_to_its_page_through_the_audit_log(secretariat, official_a, member_a, monkeypatch):
    monkeypatch.setattr(MemberNote, "get_absolute_url", lambda self: f"/members/{self.member.slug}/", raising=False)
    kept = note(official_a, member_a, text="kept note")
    client = client_for(secretariat)
    table = audit_table(client.get("/audit/"))
    link = f"/audit/records/members.membernote/{kept.pk}/"
    assert f'<a href="{link}">kept note</a>' in table
    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"] == f"/members/{member_a.slug}/"


def test_a_deleted_record_has_no_link(secretariat, official_a, member_a, monkeypatch):
    monkeypatch.setattr(MemberNote, "get_absolute_url", lambda self: f"/members/{self.member.slug}/", raising=False)
    gone = note(official_a, member_a, text="removed note")
    with acting_as(secretariat):
        MemberNote.objects.filter(pk=gone.pk).delete()
    client = client_for(secretariat)
    table = audit_table(client.get("/audit/"))
    assert f"/audit/records/members.membernote/{gone.pk}/" not in table
    assert client.get(f"/audit/records/members.membernote/{gone.pk}/").status_code == 404


def test_a_kind_without_a_page_has_no_link(secretariat, official_a, member_a):
    kept = note(official_a, member_a)
    table = audit_table(client_for(secretariat).get("/audit/"))
    assert "/audit/records/members.membernote/" not in table
    assert client_for(secretariat).get(f"/audit/records/members.membernote/{kept.pk}/").status_code == 404
    assert client_for(secretariat).get("/audit/records/nothing.here/1/").status_code == 404


def test_a_member_is_linked_to_its_profile(secretariat, member_a):
    table = audit_table(client_for(secretariat).get("/audit/"))
    assert f'href="/audit/records/members.member/{member_a.pk}/"' in table
    response = client_for(secretariat).get(f"/audit/records/members.member/{member_a.pk}/")
    assert response.status_code == 302 and response["Location"] == f"/members/{member_a.slug}/"


def test_the_administrator_gets_no_link_to_member_data(administrator, official_a, member_a, monkeypatch):
    monkeypatch.setattr(MemberNote, "get_absolute_url", lambda self: f"/members/{self.member.slug}/", raising=False)
    kept = note(official_a, member_a, text="confidential")
    table = audit_table(client_for(administrator).get("/audit/"))
    assert "/audit/records/" not in table
    assert "name withheld" in table
    assert client_for(official_a).get(f"/audit/records/members.membernote/{kept.pk}/").status_code == 404


def test_filters_by_person_kind_and_action(secretariat, official_a, official_b, member_a, member_b):
    from hub.core.viewer import SYSTEM

    note(official_a, member_a, text="by olga")
    note(official_b, member_b, text="by the other official")
    meeting = a_meeting("Scheduled by the system")
    meeting_update(viewer=SYSTEM, meeting=meeting, data=MeetingInput(title="Renamed by the system"))
    client = client_for(secretariat)
    page = client.get("/audit/")
    assert f'<option value="{official_a.pk}">' in page.content.decode()  # the people who wrote are offered
    by_person = audit_table(client.get("/audit/", {"person": official_a.pk}))
    assert "by olga" in by_person
    assert "by the other official" not in by_person
    by_system = audit_table(client.get("/audit/", {"person": "system"}))
    assert "Renamed by the system" in by_system
    assert "by olga" not in by_system
    by_email = audit_table(client.get("/audit/", {"actor": official_b.email[:5]}))
    assert "by the other official" in by_email
    by_kind = audit_table(client.get("/audit/", {"model": "meetings.meeting", "action": "1"}))
    assert "Renamed by the system" in by_kind
    assert "Changed" in by_kind
    assert "by olga" not in by_kind
    kinds = client.get("/audit/").content.decode()
    assert '<option value="members.membernote">Member note</option>' in kinds


def test_filters_by_a_period_of_dates_with_the_browsers_date_inputs(secretariat, official_a, member_a):
    with time_machine.travel(datetime.datetime(2027, 3, 2, 12, tzinfo=datetime.UTC), tick=False):
        note(official_a, member_a, text="in march")
    with time_machine.travel(datetime.datetime(2027, 5, 2, 12, tzinfo=datetime.UTC), tick=False):
        note(official_a, member_a, text="in may")
    client = client_for(secretariat)
    page = client.get("/audit/").content.decode()
    assert re.search(r'<input type="date" name="since"', page)
    assert re.search(r'<input type="date" name="until"', page)
    assert "YYYY-MM-DD" not in page
    march = audit_table(client.get("/audit/", {"since": "2027-03-01", "until": "2027-03-31"}))
    assert "in march" in march
    assert "in may" not in march
    assert "2 March 2027, 12:00" in march
    refused = client.get("/audit/", {"since": "2026-04-01", "until": "2026-03-01"})
    assert refused.status_code == 400
    assert "cannot come before its start" in refused.content.decode()
    assert client.get("/audit/", {"since": "01/03/2026"}).status_code == 400  # ISO dates only


def test_pages_of_fifty_keep_the_filters(secretariat, official_a, member_a):
    for i in range(55):
        note(official_a, member_a, text=f"note {i}")
    client = client_for(secretariat)
    first = client.get("/audit/", {"model": "members.membernote"}).content.decode()
    assert "Page 1 of 2" in first
    assert "?model=members.membernote&amp;page=2" in first
    second = audit_table(client.get("/audit/", {"model": "members.membernote", "page": 2}))
    assert "note 4<" in second or "note 4\n" in second or ">note 4" in second
    assert "55 records match these filters." in first


def test_the_export_keeps_the_pages_filters(secretariat, official_a, member_a):
    from hub.core.viewer import SYSTEM

    note(official_a, member_a, text="exported note")
    meeting_update(viewer=SYSTEM, meeting=a_meeting(), data=MeetingInput(title="Not exported"))
    page = client_for(secretariat).get("/audit/", {"model": "members.membernote"}).content.decode()
    assert 'href="/audit/export.csv?model=members.membernote"' in page
    response = client_for(secretariat).get("/audit/export.csv", {"model": "members.membernote"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][-1] == "record_kind"
    assert {row[3] for row in rows[1:]} == {"membernote"}
    assert {row[-1] for row in rows[1:]} == {"Member note"}


def test_the_page_does_not_query_per_row_or_per_kind(secretariat, official_a, member_a, monkeypatch):
    """Two pages of fifty, one of a single kind and one of many kinds with links and related records,
    take the same number of queries."""
    from django.db import connection as db

    monkeypatch.setattr(MemberNote, "get_absolute_url", lambda self: f"/members/{self.member.slug}/", raising=False)
    monkeypatch.setattr(Meeting, "get_absolute_url", lambda self: f"/meetings/{self.pk}/", raising=False)
    for i in range(60):
        note(official_a, member_a, text=f"note {i}")
    client = client_for(secretariat)
    client.get("/audit/")
    with CaptureQueriesContext(db) as one_kind:
        client.get("/audit/", {"model": "members.membernote"})
    for i in range(20):
        make_person(f"p{i}@example.org")
        meeting_update(viewer=as_viewer(secretariat), meeting=a_meeting(f"M{i}"), data=MeetingInput(title=f"N{i}"))
    with CaptureQueriesContext(db) as many_kinds:
        response = client.get("/audit/")
    assert "/audit/records/meetings.meeting/" in audit_table(response)
    assert len(many_kinds.captured_queries) == len(one_kind.captured_queries)
    assert len(many_kinds.captured_queries) <= 25
    assert not LogEntry.objects.filter(~Q(pk__in=[]), object_pk="").exists()
