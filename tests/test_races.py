"""Two conflicting steps at the same moment: each race runs in two threads released together (a
barrier), on a database that really commits (SQLite in a file, or PostgreSQL). One step wins, the
other is told what happened (409 naming the state), nothing ends half-done, and no e-mail goes out for
a step that did not happen. Stale edits (a version someone else has since changed) are refused."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.test import Client
from django.utils import timezone

from conftest import as_viewer
from conftest import client_for
from conftest import make_member
from conftest import make_person
from conftest import race
from hub.commitments.services import reference_commitments_load
from hub.core.concurrency import version_of
from hub.core.errors import Conflict
from hub.core.viewer import SYSTEM
from hub.meetings.models import ActionItemUpdate
from hub.meetings.models import AgendaItem
from hub.meetings.models import Decision
from hub.meetings.models import Meeting
from hub.meetings.models import Objection
from hub.meetings.models import WrittenProcedure
from hub.meetings.services import AgendaItemInput
from hub.meetings.services import MeetingInput
from hub.meetings.services import action_item_create
from hub.meetings.services import action_item_progress
from hub.meetings.services import agenda_item_add
from hub.meetings.services import agenda_item_move
from hub.meetings.services import meeting_update
from hub.meetings.services import objection_record
from hub.meetings.services import written_procedure_conclude
from hub.meetings.tests.helpers import held
from hub.meetings.tests.helpers import schedule
from hub.members.forms import MemberForm
from hub.members.models import Invitation
from hub.members.models import JoinRequest
from hub.members.models import Member
from hub.members.models import Role
from hub.members.services import invitation_accept
from hub.members.services import invitation_create
from hub.members.services import join_request_record_alliance_check
from hub.members.services import join_request_submit
from hub.members.services import join_request_token
from hub.members.services import join_request_verify
from hub.reporting.models import IndicatorValue
from hub.reporting.models import ProgressReport
from hub.reporting.models import ReportingCycle
from hub.reporting.services import cycle_transition
from hub.reporting.services import report_save
from hub.reporting.tests.helpers import full_answers
from hub.reporting.tests.helpers import import_version
from hub.reporting.tests.helpers import new_cycle
from hub.reporting.tests.helpers import report_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("race_db")]

JSON = "application/json"


def statuses(responses: list[Any]) -> list[int]:
    """The status of each answer, sorted; a step that raised (a server error) fails the test here."""
    for r in responses:
        assert not isinstance(r, BaseException), f"a step crashed: {r!r}"
    return sorted(r.status_code for r in responses)


def loser(responses: list[Any]) -> Any:
    return next(r for r in responses if r.status_code == 409)


@pytest.fixture
def reporting(db: Any) -> dict[str, Any]:
    """An open cycle with a draft report for Alphaland, its focal point, an official and the secretariat."""
    reference_commitments_load()
    import_version("v1")
    alpha = make_member("Alphaland", region="Europe")
    people = {
        "focal": make_person("fiona.focal@alphaland.example.org", Role.Kind.FOCAL_POINT, alpha),
        "official": make_person("olga.official@alphaland.example.org", Role.Kind.OFFICIAL, alpha),
        "secretariat": make_person("sam.secretariat@example.org", Role.Kind.SECRETARIAT),
    }
    from hub.reporting.models import QuestionnaireVersion

    cycle = new_cycle(QuestionnaireVersion.objects.get(code="v1"))
    report = report_of(cycle, alpha)
    mail.outbox.clear()
    return {"cycle": cycle, "report": report, "member": alpha, **people}


def filled(ctx: dict[str, Any]) -> ProgressReport:
    report: ProgressReport = ctx["report"]
    report_save(viewer=as_viewer(ctx["official"]), report_id=report.pk, answers=full_answers())
    return report


def submit(client: Client, report: ProgressReport) -> Any:
    return client.post(f"/api/v1/reports/{report.pk}/submit", {}, content_type=JSON)


def status_changes_to(report: ProgressReport, status: str) -> int:
    """How many audited changes set the report's status to `status` (each step that happened)."""
    entries = LogEntry.objects.get_for_object(report)
    return sum(1 for e in entries if (e.changes_dict or {}).get("status", [None, None])[1] == status)


# --- progress reports ---------------------------------------------------------------------------


def test_two_submits_of_one_report_one_succeeds_the_other_is_told_it_was_submitted(reporting):
    report = filled(reporting)
    a, b = client_for(reporting["focal"]), client_for(reporting["focal"])
    responses = race(lambda: submit(a, report), lambda: submit(b, report))
    assert statuses(responses) == [200, 409]
    problem = loser(responses)
    assert problem["Content-Type"] == "application/problem+json"
    assert "already submitted (state: submitted)" in problem.json()["detail"]
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.SUBMITTED
    assert status_changes_to(report, "submitted") == 1
    assert mail.outbox == []  # a submission e-mails nobody; the loser did not either


def test_accept_and_return_at_once_leave_one_consistent_outcome_and_mail_only_a_return(reporting):
    report = filled(reporting)
    focal = as_viewer(reporting["focal"])
    from hub.reporting.services import report_submit

    report_submit(viewer=focal, report_id=report.pk)
    a, b = client_for(reporting["secretariat"]), client_for(reporting["secretariat"])
    responses = race(
        lambda: a.post(f"/api/v1/reports/{report.pk}/accept", {}, content_type=JSON),
        lambda: b.post(
            f"/api/v1/reports/{report.pk}/return", {"comments": {"c1-legal": "Say more."}}, content_type=JSON
        ),
    )
    assert statuses(responses) == [200, 409]
    report.refresh_from_db()
    accepted, returned = responses
    if accepted.status_code == 200:
        assert report.status == ProgressReport.Status.ACCEPTED
        assert "(state: accepted)" in returned.json()["detail"]
        assert mail.outbox == []
    else:
        assert report.status == ProgressReport.Status.RETURNED
        assert report.accepted_at is None
        assert "(state: returned)" in accepted.json()["detail"]
        assert [m.subject for m in mail.outbox] == [f"Report returned with comments: {reporting['cycle'].name}"]


def test_submit_and_return_at_once_are_taken_one_after_the_other(reporting):
    """A return only applies to a submitted report: whichever runs second sees the first's outcome."""
    report = filled(reporting)
    focal, secretariat = client_for(reporting["focal"]), client_for(reporting["secretariat"])
    responses = race(
        lambda: submit(focal, report),
        lambda: secretariat.post(
            f"/api/v1/reports/{report.pk}/return", {"comments": {"c1-legal": "Say more."}}, content_type=JSON
        ),
    )
    submitted, returned = responses
    assert submitted.status_code == 200
    report.refresh_from_db()
    if returned.status_code == 200:  # the return came second
        assert report.status == ProgressReport.Status.RETURNED
        assert len(mail.outbox) == 1
    else:
        assert returned.status_code == 409
        assert report.status == ProgressReport.Status.SUBMITTED
        assert mail.outbox == []


def test_two_saves_of_one_indicator_from_the_same_version_one_saves_the_other_is_409(reporting):
    report = reporting["report"]
    url = f"/api/v1/reports/{report.pk}/answers"
    a, b = client_for(reporting["official"]), client_for(reporting["official"])
    etag = a.get(f"/api/v1/reports/{report.pk}")["ETag"]

    def save(client: Client, number: int, narrative: str) -> Any:
        body = {"answers": {"c1-legal": {"narrative": narrative, "indicators": {"laws-amended": number}}}}
        return client.patch(url, body, content_type=JSON, HTTP_IF_MATCH=etag)

    responses = race(lambda: save(a, 3, "From tab A"), lambda: save(b, 4, "From tab B"))
    assert statuses(responses) == [200, 409]
    winner = next(r for r in responses if r.status_code == 200)
    assert "changed by someone else" in loser(responses).json()["detail"]
    values = IndicatorValue.objects.filter(answer__report=report, indicator__key="laws-amended")
    assert values.count() == 1
    answer = next(x for x in winner.json()["answers"] if x["question"] == "c1-legal")
    # The stored answer is the winner's whole edit; none of the loser's edits landed half-way.
    assert (answer["narrative"], str(values.get().value.normalize())) in {("From tab A", "3"), ("From tab B", "4")}
    assert winner["ETag"] != etag


def test_two_saves_of_one_indicator_without_if_match_never_answer_500(reporting):
    report = reporting["report"]
    url = f"/api/v1/reports/{report.pk}/answers"
    a, b = client_for(reporting["official"]), client_for(reporting["official"])
    body = {"answers": {"c1-legal": {"indicators": {"laws-amended": 5}}}}
    responses = race(lambda: a.patch(url, body, content_type=JSON), lambda: b.patch(url, body, content_type=JSON))
    assert statuses(responses) == [200, 200]
    assert IndicatorValue.objects.filter(answer__report=report, indicator__key="laws-amended").count() == 1


def test_a_stale_report_edit_is_409_on_the_api_and_on_the_page(reporting):
    report = reporting["report"]
    client = client_for(reporting["official"])
    stale = client.get(f"/api/v1/reports/{report.pk}")["ETag"]

    def save(narrative: str) -> Any:
        body = {"answers": {"c1-legal": {"narrative": narrative}}}
        return client.patch(f"/api/v1/reports/{report.pk}/answers", body, content_type=JSON, HTTP_IF_MATCH=stale)

    fresh = save("First")
    assert fresh.status_code == 200
    again = save("Over it")
    assert again.status_code == 409
    assert again["Content-Type"] == "application/problem+json"
    assert [e["field"] for e in again.json()["errors"]] == ["row_version"]
    # The page: each section carries the version of its answers; a section opened before the first
    # save carries the stale one.
    from django.urls import reverse

    answer = report.answers.get(question__key="c1-legal")
    stale_answer = version_of(answer)
    url = reverse("report_detail", args=[report.pk])
    assert f'name="c1-c1-legal-version" value="{stale_answer}"' in client.get(url).content.decode()
    assert save("Second").status_code == 409  # the API's ETag is still stale: nothing changed
    assert (
        client.patch(
            f"/api/v1/reports/{report.pk}/answers",
            {"answers": {"c1-legal": {"narrative": "Second"}}},
            content_type=JSON,
        ).status_code
        == 200
    )
    section = reverse("report_section", args=[report.pk, 1])
    posted = client.post(section, {"c1-c1-legal-version": stale_answer, "c1-c1-legal-narrative": "From page"})
    assert posted.status_code == 422
    assert "changed by someone else" in posted.content.decode()
    answer.refresh_from_db()
    assert answer.narrative == "Second"


# --- reporting cycles ---------------------------------------------------------------------------


def test_two_locks_of_one_cycle_one_locks_the_other_is_told(reporting):
    cycle = reporting["cycle"]
    responses = race(
        lambda: cycle_transition(viewer=SYSTEM, cycle_id=cycle.pk, action="lock"),
        lambda: cycle_transition(viewer=SYSTEM, cycle_id=cycle.pk, action="lock"),
    )
    conflicts = [r for r in responses if isinstance(r, Conflict)]
    assert len(conflicts) == 1, responses
    assert "locked" in conflicts[0].message  # the loser met the lock before or inside its transaction
    cycle.refresh_from_db()
    assert cycle.status == ReportingCycle.Status.LOCKED


# --- join requests ------------------------------------------------------------------------------


def checked_request() -> JoinRequest:
    request = join_request_submit(
        government="Deltaland",
        country="DE",
        contact_name="Dora Delta",
        contact_email="dora@deltaland.example.org",
        message="We wish to join.",
        letter=None,
    )
    request = join_request_verify(token=join_request_token(request))
    join_request_record_alliance_check(
        viewer=SYSTEM, request_id=request.pk, is_alliance_member=True, source="Alliance list"
    )
    return request


def test_two_approvals_of_one_join_request_one_approves_the_other_is_409_never_500(db):
    secretariat = make_person("sam.secretariat@example.org", Role.Kind.SECRETARIAT)
    request = checked_request()
    mail.outbox.clear()
    a, b = client_for(secretariat), client_for(secretariat)
    url = f"/api/v1/join-requests/{request.pk}/approve"
    responses = race(lambda: a.post(url, {}, content_type=JSON), lambda: b.post(url, {}, content_type=JSON))
    assert statuses(responses) == [200, 409]
    assert "approved" in loser(responses).json()["detail"].lower()
    assert Member.objects.filter(name="Deltaland").count() == 1
    assert Invitation.objects.filter(email="dora@deltaland.example.org").count() == 1
    assert sorted(m.subject for m in mail.outbox) == ["Invitation to Taskforce Hub", "Welcome to the Global Taskforce"]


# --- action items, procedures, invitations ------------------------------------------------------


def test_two_progress_updates_at_once_leave_the_status_of_the_latest(db):
    alpha = make_member("Alphaland", region="Europe")
    official = as_viewer(make_person("olga.official@alphaland.example.org", Role.Kind.OFFICIAL, alpha))
    item = action_item_create(
        viewer=SYSTEM,
        values={"title": "Draft the law", "meeting": held(), "owner_member": alpha, "due_on": timezone.localdate()},
    )
    for _ in range(3):  # a race has a random winner: each round must end consistent
        responses = race(
            lambda: action_item_progress(viewer=official, item_id=item.pk, text="Going", status="in_progress"),
            lambda: action_item_progress(viewer=official, item_id=item.pk, text="Done", status="done"),
        )
        assert all(isinstance(r, ActionItemUpdate) for r in responses), responses
        item.refresh_from_db()
        latest = ActionItemUpdate.objects.filter(action_item=item).order_by("-created_at", "-pk").first()
        assert latest is not None
        assert item.status == latest.status


def test_two_conclusions_of_one_written_procedure_give_one_decision(db):
    procedure = WrittenProcedure.objects.create(
        code="GTF-2025-WP1",
        title="Adopt the plan",
        proposal="The Taskforce adopts the plan.",
        deadline=timezone.now() - datetime.timedelta(hours=1),
        visibility="taskforce",
    )
    responses = race(
        lambda: written_procedure_conclude(viewer=SYSTEM, procedure_id=procedure.pk),
        lambda: written_procedure_conclude(viewer=SYSTEM, procedure_id=procedure.pk),
    )
    conflicts = [r for r in responses if isinstance(r, Conflict)]
    assert len(conflicts) == 1, responses
    assert "(state: adopted)" in conflicts[0].message
    assert Decision.objects.filter(procedure=procedure).count() == 1


def test_two_objections_of_one_member_at_once_record_one(db):
    alpha = make_member("Alphaland", region="Europe")
    focal = as_viewer(make_person("fiona.focal@alphaland.example.org", Role.Kind.FOCAL_POINT, alpha))
    procedure = WrittenProcedure.objects.create(
        code="GTF-2025-WP2",
        title="Adopt the plan",
        proposal="The Taskforce adopts the plan.",
        deadline=timezone.now() + datetime.timedelta(days=1),
        visibility="taskforce",
    )
    responses = race(
        lambda: objection_record(viewer=focal, procedure_id=procedure.pk, member=alpha, reason="No"),
        lambda: objection_record(viewer=focal, procedure_id=procedure.pk, member=alpha, reason="No"),
    )
    assert sorted(type(r).__name__ for r in responses) == ["Conflict", "Objection"], responses
    assert Objection.objects.filter(procedure=procedure).count() == 1


def test_one_invitation_accepted_twice_at_once_makes_one_account(db):
    secretariat = as_viewer(make_person("sam.secretariat@example.org", Role.Kind.SECRETARIAT))
    _invitation, token = invitation_create(
        viewer=secretariat, email="new.person@example.org", kind=Role.Kind.CONTRIBUTOR
    )
    password = "a-long-enough-password-42"
    responses = race(
        lambda: invitation_accept(token=token, full_name="New Person", password=password),
        lambda: invitation_accept(token=token, full_name="New Person", password=password),
    )
    assert sorted(type(r).__name__ for r in responses) == ["Conflict", "User"], responses
    assert Role.objects.filter(user__email="new.person@example.org").count() == 1


# --- members ------------------------------------------------------------------------------------


def test_a_stale_member_edit_is_409_on_the_api_and_on_the_page(db):
    secretariat = make_person("sam.secretariat@example.org", Role.Kind.SECRETARIAT)
    alpha = make_member("Alphaland", region="Europe")
    client = client_for(secretariat)
    shown = client.get(f"/api/v1/members/{alpha.slug}")
    stale = shown["ETag"]
    body = {**shown.json(), "region": "Africa"}
    body = {k: v for k, v in body.items() if k in {"name_en", "kind", "region", "country"}}
    first = client.patch(f"/api/v1/members/{alpha.slug}", body, content_type=JSON, HTTP_IF_MATCH=stale)
    assert first.status_code == 200, first.content
    assert first["ETag"] != stale
    second = client.patch(
        f"/api/v1/members/{alpha.slug}", {**body, "region": "Asia"}, content_type=JSON, HTTP_IF_MATCH=stale
    )
    assert second.status_code == 409
    alpha.refresh_from_db()
    assert alpha.region == "Africa"
    # Two edits from the same version at once: one saves, the other is 409.
    current = client.get(f"/api/v1/members/{alpha.slug}")["ETag"]
    a, b = client_for(secretariat), client_for(secretariat)
    responses = race(
        lambda: a.patch(
            f"/api/v1/members/{alpha.slug}", {**body, "region": "Europe"}, content_type=JSON, HTTP_IF_MATCH=current
        ),
        lambda: b.patch(
            f"/api/v1/members/{alpha.slug}", {**body, "region": "Oceania"}, content_type=JSON, HTTP_IF_MATCH=current
        ),
    )
    assert statuses(responses) == [200, 409]
    # The page: the edit form carries the version; posting a stale one changes nothing.
    from django.urls import reverse

    url = reverse("member_edit", args=[alpha.slug])
    assert 'name="row_version"' in client.get(url).content.decode()
    alpha.refresh_from_db()
    region = alpha.region
    form = {k: v for k, v in MemberForm.initial_for(alpha).items() if v is not None}
    posted = client.post(url, {**form, "region": "Antarctica", "row_version": stale.strip('"')})
    assert posted.status_code == 422
    assert "changed by someone else" in posted.content.decode()
    alpha.refresh_from_db()
    assert alpha.region == region


def test_two_reorders_of_one_agenda_at_once_keep_one_order_and_refuse_the_stale_one(db):
    meeting = schedule(start=timezone.now() + datetime.timedelta(days=5))
    items = [
        agenda_item_add(viewer=SYSTEM, meeting=meeting, data=AgendaItemInput(title=t))
        for t in ("Opening", "Reports", "Close")
    ]
    # Two people, each on the page that shows "Close" third, move it up at the same moment.
    responses = race(
        lambda: agenda_item_move(viewer=SYSTEM, item_id=items[2].pk, direction="up", from_order=3),
        lambda: agenda_item_move(viewer=SYSTEM, item_id=items[2].pk, direction="up", from_order=3),
    )
    conflicts = [r for r in responses if isinstance(r, Conflict)]
    assert len(conflicts) == 1, responses
    assert "reordered by someone else" in conflicts[0].message
    rows = list(AgendaItem.objects.filter(meeting=meeting).order_by("order").values_list("order", "title"))
    assert rows == [(1, "Opening"), (2, "Close"), (3, "Reports")]


def test_a_reschedule_and_an_edit_from_the_same_version_at_once_one_saves_the_other_is_409(db):
    start = timezone.now() + datetime.timedelta(days=5)
    meeting = schedule(start=start)
    version = version_of(meeting)
    later = start + datetime.timedelta(days=7)
    responses = race(
        lambda: meeting_update(
            viewer=SYSTEM,
            meeting=Meeting.objects.get(pk=meeting.pk),
            data=MeetingInput(starts_at=later, ends_at=later + datetime.timedelta(hours=2)),
            version=version,
        ),
        lambda: meeting_update(
            viewer=SYSTEM,
            meeting=Meeting.objects.get(pk=meeting.pk),
            data=MeetingInput(title="Renamed"),
            version=version,
        ),
    )
    conflicts = [r for r in responses if isinstance(r, Conflict)]
    assert len(conflicts) == 1, responses
    meeting.refresh_from_db()
    assert (meeting.starts_at == later) != (meeting.title == "Renamed")
