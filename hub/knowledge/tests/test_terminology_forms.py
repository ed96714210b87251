"""Every narrative form warns after a save that uses a discouraged term (and never blocks it): meetings'
decisions, minutes, outside input and action item progress; members' notes and join requests."""

from __future__ import annotations

import html

import pytest

from conftest import client_for
from conftest import discouraged_term
from hub.core.viewer import SYSTEM
from hub.knowledge.services.terminology import reference_terminology_load
from hub.meetings.models import Decision
from hub.meetings.services import action_item_create
from hub.meetings.services import decision_adopt
from hub.meetings.tests.helpers import held
from hub.members.models import MemberNote

CSAM = discouraged_term("csam")
WARNING = f"Terminology: instead of “{CSAM}”, prefer “child sexual abuse material (CSAM)"


@pytest.fixture
def glossary(db: None) -> None:
    reference_terminology_load()


def shown(response) -> str:
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


def test_recording_a_decision_warns_of_a_discouraged_term(glossary, secretariat):
    meeting = held()
    client = client_for(secretariat)
    response = client.post(f"/meetings/{meeting.pk}/decisions/", {"decision-text": f"We fight {CSAM}."}, follow=True)
    page = shown(response)
    assert "Decision recorded." in page and WARNING in page
    decision = Decision.objects.get()
    assert decision.text == f"We fight {CSAM}."  # saved as written: a warning, never a block
    # The decision's page shows the warning to whoever may still correct it.
    detail = shown(client.get(f"/decisions/{decision.pk}/"))
    assert f"Instead of “{CSAM}”" in detail


def test_a_quoted_statute_title_in_the_minutes_is_not_flagged(glossary, secretariat):
    meeting = held()
    client = client_for(secretariat)
    quoted = client.post(
        f"/meetings/{meeting.pk}/minutes/", {"minutes-minutes": f'The "{CSAM} Act" was discussed.'}, follow=True
    )
    assert "Minutes saved." in shown(quoted) and "Terminology:" not in shown(quoted)
    plain = client.post(f"/meetings/{meeting.pk}/minutes/", {"minutes-minutes": f"On {CSAM}."}, follow=True)
    assert WARNING in shown(plain)


def test_action_item_progress_warns(glossary, secretariat, member_a, focal_point_a):
    meeting = held()
    decision = decision_adopt(viewer=SYSTEM, meeting=meeting, text="D")
    item = action_item_create(
        viewer=SYSTEM,
        values={"title": "Report", "decision": decision, "owner_member": member_a, "due_on": meeting.starts_at.date()},
    )
    response = client_for(focal_point_a).post(
        f"/actions/{item.pk}/",
        {"status": "in_progress", "text": f"Draft law on {CSAM}.", "drop_reason": ""},
        follow=True,
    )
    assert "Progress saved." in shown(response) and WARNING in shown(response)


def test_a_member_note_warns(glossary, member_a, official_a):
    response = client_for(official_a).post(
        "/members/alphaland/notes/", {"text": f"Our unit on {CSAM}.", "visibility": "member"}, follow=True
    )
    assert "Note saved." in shown(response) and WARNING in shown(response)
    assert MemberNote.objects.get().text == f"Our unit on {CSAM}."


def test_a_text_without_discouraged_terms_shows_no_warning(glossary, member_a, official_a):
    response = client_for(official_a).post(
        "/members/alphaland/notes/",
        {"text": "Grooming cases and victims' support.", "visibility": "member"},
        follow=True,
    )
    assert "Note saved." in shown(response) and "Terminology:" not in shown(response)
