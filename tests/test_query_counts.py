"""Queries per page stay bounded and do not grow with the data (SPEC 12: at most 25 per request)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import client_for
from conftest import make_member
from conftest import make_person
from hub.core.viewer import SYSTEM
from hub.meetings.services import AgendaItemInput
from hub.meetings.services import MeetingInput
from hub.meetings.services import action_item_create
from hub.meetings.services import agenda_item_add
from hub.meetings.services import decision_adopt
from hub.meetings.services import meeting_invite
from hub.meetings.services import meeting_schedule
from hub.meetings.services import meeting_update
from hub.members.models import MemberNote
from hub.members.models import Role

BUDGET = 25


def grow(n: int, secretariat) -> None:
    """n more members, each with a note, an official, a meeting invitation and an action item."""
    start = timezone.now() - datetime.timedelta(days=1)
    meeting = meeting_schedule(
        viewer=SYSTEM, data=MeetingInput(title=f"M{n}", starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    )
    meeting_update(viewer=SYSTEM, meeting=meeting, data=MeetingInput(status="held"))
    decision = decision_adopt(viewer=SYSTEM, meeting=meeting, text="D")
    members = []
    for i in range(n):
        member = make_member(f"Land{n}x{i}", region="Europe")
        make_person(f"o{n}x{i}@example.org", Role.Kind.OFFICIAL, member, mfa=False)
        MemberNote.objects.create(member=member, author=secretariat, visibility="taskforce", text="n")
        agenda_item_add(viewer=SYSTEM, meeting=meeting, data=AgendaItemInput(title=f"Item {i}"))
        action_item_create(
            viewer=SYSTEM,
            values={
                "title": f"A{i}",
                "decision": decision,
                "owner_member": member,
                "due_on": start.date() + datetime.timedelta(days=9),
            },
        )
        members.append(member)
    meeting_invite(viewer=SYSTEM, meeting=meeting, members=members)


PAGES = [
    "/",
    "/members/",
    "/members/export.csv",
    "/meetings/",
    "/actions/",
    "/decisions/",
    "/dashboard/",
    "/audit/",
    "/join-requests/",
    "/api/v1/members",
    "/api/v1/meetings",
    "/api/v1/action-items",
]


def count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", PAGES)
def test_queries_per_page_are_bounded_and_do_not_grow_with_the_data(url, secretariat):
    client = client_for(secretariat)
    grow(3, secretariat)
    small = count(client, url)
    grow(15, secretariat)
    large = count(client, url)
    assert large <= BUDGET, f"{url}: {large} queries"
    assert large == small, f"{url}: {small} queries with little data, {large} with more"


def test_a_meeting_page_does_not_grow_with_its_agenda(secretariat):
    from hub.meetings.models import Meeting

    client = client_for(secretariat)
    grow(3, secretariat)
    small_meeting = Meeting.objects.get(title="M3")
    small = count(client, f"/meetings/{small_meeting.pk}/")
    grow(15, secretariat)
    large_meeting = Meeting.objects.get(title="M15")
    large = count(client, f"/meetings/{large_meeting.pk}/")
    assert large <= BUDGET, large
    assert large == small, (small, large)


def grow_attention(n: int, member, contributor) -> None:
    """n more of everything "Needs your attention" lists: meetings to come with a paper and an agenda item
    open to input (and input on it), action items due, open cycles with a report, join requests."""
    from hub.core.viewer import viewer_for
    from hub.meetings.services import outside_input_submit
    from hub.meetings.tests.helpers import paper
    from hub.members.services import join_request_submit
    from hub.members.services import join_request_token
    from hub.members.services import join_request_verify
    from hub.reporting.models import QuestionnaireVersion
    from hub.reporting.tests.helpers import focal_viewer
    from hub.reporting.tests.helpers import import_version
    from hub.reporting.tests.helpers import new_cycle
    from hub.reporting.tests.helpers import report_of
    from hub.reporting.tests.helpers import submitted

    version = QuestionnaireVersion.objects.filter(code="v1").first()
    if version is None:
        import_version("v1")
        version = QuestionnaireVersion.objects.get(code="v1")
    start = timezone.now() + datetime.timedelta(days=5)
    for i in range(n):
        meeting = meeting_schedule(
            viewer=SYSTEM,
            data=MeetingInput(title=f"Coming {n}x{i}", starts_at=start, ends_at=start + datetime.timedelta(hours=2)),
        )
        meeting_invite(viewer=SYSTEM, meeting=meeting, members=[member])
        paper(meeting, f"Paper {i}")
        agenda = agenda_item_add(
            viewer=SYSTEM, meeting=meeting, data=AgendaItemInput(title="Open", open_for_input=True)
        )
        outside_input_submit(viewer=viewer_for(contributor), item_id=agenda.pk, organisation="NGO", text="Input")
        action_item_create(
            viewer=SYSTEM,
            values={"title": f"Due {i}", "meeting": meeting, "owner_member": member, "due_on": start.date()},
        )
        cycle = new_cycle(version, name=f"Cycle {n}x{i}")
        submitted(report_of(cycle, member), focal_viewer(member))
        r = join_request_submit(
            government=f"Land {n}x{i}",
            country="",
            contact_name="C",
            contact_email=f"c{n}x{i}@example.org",
            message="",
            letter=None,
        )
        join_request_verify(token=join_request_token(r))


@pytest.mark.parametrize("persona", ["secretariat", "focal_point_a", "contributor"])
def test_the_dashboard_of_each_persona_is_bounded(persona, request, member_a, secretariat, contributor):
    from hub.commitments.services import reference_commitments_load

    reference_commitments_load()
    user = request.getfixturevalue(persona)
    client = client_for(user)
    grow_attention(2, member_a, contributor)
    small = count(client, "/dashboard/")
    grow_attention(8, member_a, contributor)
    large = count(client, "/dashboard/")
    assert large <= BUDGET, f"{persona}: {large} queries"
    assert large == small, f"{persona}: {small} queries with little data, {large} with more"


# --- knowledge: search ---
SEARCHES = ["/search/?q=land", "/search/?q=item+m", "/api/v1/search?q=land", "/api/v1/search?q=a&type=action_item"]


@pytest.mark.parametrize("url", SEARCHES)
@pytest.mark.parametrize("persona", ["secretariat", "official_a", "anonymous"])
def test_a_search_is_bounded_and_does_not_grow_with_the_index(url, persona, request, secretariat):
    from hub.core import registry

    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    client = client_for(user)
    grow(3, secretariat)
    registry.search_rebuild()
    small = count(client, url)
    grow(15, secretariat)
    registry.search_rebuild()
    large = count(client, url)
    assert large <= BUDGET, f"{persona} {url}: {large} queries"
    assert large == small, f"{persona} {url}: {small} queries with little data, {large} with more"
