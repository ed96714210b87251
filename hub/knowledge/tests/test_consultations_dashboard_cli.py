"""The consultations' dashboard panel, reminders, commands, search source and demo data."""

from __future__ import annotations

import datetime
import json
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from conftest import as_viewer
from conftest import client_for
from conftest import make_person
from hub.commitments.services import reference_commitments_load
from hub.core import registry
from hub.core.models import Notification
from hub.knowledge.models.consultations import Consultation
from hub.knowledge.models.consultations import ConsultationInput
from hub.knowledge.models.consultations import ConsultationReminderSent
from hub.knowledge.services.consultations import reminders_send
from hub.knowledge.tests.test_consultations_helpers import answer
from hub.knowledge.tests.test_consultations_helpers import draft
from hub.knowledge.tests.test_consultations_helpers import opened
from hub.knowledge.wiring.consultations import attention_panel
from hub.knowledge.wiring.consultations import consultation_document
from hub.members.demo import seed_demo_lines
from hub.members.models import Role

pytestmark = pytest.mark.django_db


def test_contributors_see_the_open_consultations_they_may_answer_on_the_dashboard(secretariat, contributor):
    c = opened(secretariat, title="Open to groups")
    opened(secretariat, title="Members only", for_contributors=False, for_members=True)
    draft(secretariat, title="Still a draft")
    panel = attention_panel(as_viewer(contributor))
    assert panel is not None and panel["attention"]
    assert [x.pk for x in panel["to_answer"]] == [c.pk]
    page = client_for(contributor).get("/dashboard/").content.decode()
    assert "Consultations open to your input" in page
    assert "Open to groups" in page
    assert "Members only" not in page


def test_member_officials_see_consultations_asking_members(secretariat, official_a, focal_point_suspended):
    c = opened(secretariat, for_contributors=False, for_members=True)
    panel = attention_panel(as_viewer(official_a))
    assert panel is not None
    assert [x.pk for x in panel["to_answer"]] == [c.pk]
    assert attention_panel(as_viewer(focal_point_suspended)) is None


def test_the_secretariat_sees_input_awaiting_a_response_oldest_first_and_consultations_past_deadline(
    secretariat, contributor, official_a
):
    c = opened(secretariat, days=2)
    first = answer(contributor, c, text="First.")
    second = answer(contributor, c, text="Second.")
    assert attention_panel(as_viewer(official_a)) is None  # asked nothing: the consultation is for groups
    panel = attention_panel(as_viewer(secretariat))
    assert panel is not None
    assert [i.pk for i in panel["awaiting"]] == [first.pk, second.pk]
    assert panel["awaiting_total"] == 2
    assert panel["past_deadline"] == []
    with time_machine.travel(timezone.now() + datetime.timedelta(days=3)):
        later = attention_panel(as_viewer(secretariat))
        assert later is not None
        assert [x.pk for x in later["past_deadline"]] == [c.pk]
        page = client_for(secretariat).get("/dashboard/").content.decode()
        assert "Consultations past their deadline, still open" in page
        assert "2 inputs on consultations or commitments await a response" in page


def test_nothing_to_show_is_no_panel(secretariat, official_b):
    assert attention_panel(as_viewer(official_b)) is None
    assert attention_panel(as_viewer(secretariat)) is None


def test_reminders_go_once_to_those_who_have_not_answered(secretariat, contributor):
    quiet = make_person("quinn.contributor@example.org", Role.Kind.CONTRIBUTOR)
    c = opened(secretariat, days=2)
    answer(contributor, c)
    far = opened(secretariat, days=30)
    assert reminders_send() == 1
    assert reminders_send() == 0
    assert ConsultationReminderSent.objects.get().user == quiet
    assert Notification.objects.filter(user=quiet, subject__startswith="Reminder").count() == 1
    assert not ConsultationReminderSent.objects.filter(consultation=far).exists()
    assert any(job.name == "knowledge.consultations" for job in registry.reminder_jobs())


def test_close_consultations_closes_those_past_deadline_and_is_idempotent(secretariat):
    due = opened(secretariat, days=1)
    later = opened(secretariat, days=10)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        out = StringIO()
        call_command("close_consultations", stdout=out)
        assert "1 consultation(s) closed." in out.getvalue()
        again = StringIO()
        call_command("close_consultations", stdout=again)
        assert "0 consultation(s) closed." in again.getvalue()
    due.refresh_from_db()
    later.refresh_from_db()
    assert due.status == Consultation.Status.CLOSED
    assert later.status == Consultation.Status.OPEN


def test_export_consultation_input_as_json_csv_and_xlsx(secretariat, contributor, tmp_path):
    c = opened(secretariat)
    other = opened(secretariat, title="Other")
    answer(contributor, c, text="Exported input.")
    answer(contributor, other, text="Other input.")
    out = StringIO()
    call_command("export_consultation_input", "--consultation", str(c.pk), "--format", "json", stdout=out)
    rows = json.loads(out.getvalue())
    assert len(rows) == 1
    assert "Exported input." in json.dumps(rows)
    csv = StringIO()
    call_command("export_consultation_input", "--format", "csv", stdout=csv)
    assert "Other input." in csv.getvalue()
    target = tmp_path / "input.xlsx"
    call_command("export_consultation_input", "--format", "xlsx", "--output", str(target), stderr=StringIO())
    assert target.read_bytes()[:2] == b"PK"
    with pytest.raises(CommandError, match="needs --output"):
        call_command("export_consultation_input", "--format", "xlsx")
    with pytest.raises(CommandError, match="not found"):
        call_command("export_consultation_input", "--consultation", "999", "--format", "csv")


def test_search_finds_consultations_by_title_and_question_but_not_drafts(secretariat, official_a, contributor):
    d = draft(secretariat)
    assert consultation_document(d) is None
    o = opened(secretariat, title="Hotlines", question="What hinders referrals?")
    document = consultation_document(o)
    assert document is not None and document.title == "Hotlines" and "referrals" in document.body
    source = next(s for s in registry.search_sources() if s.kind == "consultation")
    assert set(source.visible(as_viewer(official_a)).values_list("pk", flat=True)) == {o.pk}
    assert source.rows().count() == 2


def test_the_demo_seeds_three_synthetic_consultations_once(db):
    reference_commitments_load()
    seed_demo_lines()
    lines = registry._demo["knowledge.consultations"].seed()
    assert lines[0].startswith("Demo consultations: 3 created")
    assert registry._demo["knowledge.consultations"].seed()[0].startswith("summary:")
    demo = Consultation.objects.filter(is_synthetic=True)
    assert demo.count() == 3
    assert set(demo.values_list("status", flat=True)) == {"draft", "open", "closed"}
    assert not ConsultationInput.objects.filter(is_synthetic=False).exists()
    assert ConsultationInput.objects.exclude(response="").count() == 2
    opened_one = demo.get(status="open")
    assert 20 <= (opened_one.deadline - timezone.now()).days <= 21
    assert demo.get(status="closed").deadline < timezone.now()
