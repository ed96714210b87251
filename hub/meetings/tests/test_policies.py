"""Who sees and does what with meetings, procedures, decisions, action items and input: an allowed and a
denied persona each."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from conftest import as_viewer
from hub.core.models import Visibility
from hub.core.policies import navigation_for
from hub.core.policies import policy_for
from hub.core.viewer import SYSTEM
from hub.meetings.models import ActionItem
from hub.meetings.models import CalendarFeed
from hub.meetings.models import Decision
from hub.meetings.models import Meeting
from hub.meetings.models import MeetingDelegate
from hub.meetings.models import MeetingDocument
from hub.meetings.models import MeetingInvitation
from hub.meetings.models import MinutesComment
from hub.meetings.models import Objection
from hub.meetings.models import OutsideInput
from hub.meetings.models import ReminderSent
from hub.meetings.models import WrittenProcedure
from hub.meetings.selectors import ActionFilters
from hub.meetings.selectors import action_item_list
from hub.meetings.selectors import cadence_warnings
from hub.meetings.services import AgendaItemInput
from hub.meetings.services import MeetingInput
from hub.meetings.services import agenda_item_add
from hub.meetings.services import meeting_invite
from hub.meetings.services import meeting_schedule

NOW = timezone.now()
DAY = datetime.timedelta(days=1)


def schedule(visibility: str, title: str = "Plenary") -> Meeting:
    start = NOW - 2 * DAY
    return meeting_schedule(
        viewer=SYSTEM,
        data=MeetingInput(
            kind="plenary",
            title=title,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=3),
            visibility=visibility,
        ),
    )


MODELS = [
    Meeting,
    MeetingDocument,
    MeetingInvitation,
    WrittenProcedure,
    Objection,
    Decision,
    ActionItem,
    OutsideInput,
    MinutesComment,
    CalendarFeed,
    ReminderSent,
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_meetings_record_is_shown_to_the_secretariat_and_none_to_the_public_when_taskforce_level(
    model, personas, member_a
):
    meeting = schedule(Visibility.TASKFORCE)
    meeting_invite(viewer=SYSTEM, meeting=meeting, members=[member_a])
    for viewer in personas.values():
        list(policy_for(model).visible(viewer))  # every viewer's filter builds and runs
    assert not policy_for(Meeting).visible(personas["anonymous"]).exists()
    assert policy_for(Meeting).visible(personas["secretariat"]).exists()


def test_a_member_level_meeting_is_seen_by_invited_members_only(personas, member_a):
    meeting = schedule(Visibility.MEMBER)
    meeting_invite(viewer=SYSTEM, meeting=meeting, members=[member_a])
    policy = policy_for(Meeting)
    assert policy.can_view(personas["official_a"], meeting)
    assert not policy.can_view(personas["official_b"], meeting)
    assert policy.can(personas["official_a"], "view_online_link", meeting)
    assert not policy.can(personas["official_b"], "view_online_link", meeting)
    assert not policy.can(personas["official_b"], "view_online_link")
    assert policy.can(personas["secretariat"], "view_online_link", meeting)
    invitations = policy_for(MeetingInvitation)
    assert invitations.visible(personas["official_a"]).filter(meeting=meeting).exists()
    assert not invitations.visible(personas["official_b"]).filter(meeting=meeting).exists()


def test_contributors_see_taskforce_meetings_with_an_item_open_for_their_input(personas):
    meeting = schedule(Visibility.TASKFORCE)
    policy = policy_for(Meeting)
    assert not policy.can_view(personas["contributor"], meeting)
    agenda_item_add(viewer=SYSTEM, meeting=meeting, data=AgendaItemInput(title="Consultation", open_for_input=True))
    assert policy.can_view(personas["contributor"], meeting)
    assert not policy.can_view(personas["anonymous"], meeting)


def test_meetings_and_procedures_are_managed_by_the_secretariat(personas):
    for model in (Meeting, WrittenProcedure):
        assert policy_for(model).can(personas["secretariat"], "manage")
        assert not policy_for(model).can(personas["official_a"], "manage")
    assert cadence_warnings(viewer=personas["secretariat"], today=NOW.date())
    assert cadence_warnings(viewer=personas["official_a"], today=NOW.date()) == []


@pytest.mark.parametrize(
    ("minutes_status", "visibility", "persona", "allowed"),
    [
        ("none", "taskforce", "secretariat", False),
        ("draft", "taskforce", "secretariat", True),
        ("draft", "taskforce", "official_a", False),
        ("circulated", "taskforce", "official_a", True),
        ("approved", "taskforce", "contributor", False),
        ("approved", "public", "anonymous", True),
    ],
)
def test_minutes_drafts_are_the_secretariats_and_circulated_minutes_the_taskforces(
    personas, minutes_status, visibility, persona, allowed
):
    meeting = Meeting(minutes_status=minutes_status, visibility=visibility)
    assert policy_for(Meeting).can(personas[persona], "view_minutes", meeting) is allowed


def test_without_a_meeting_nobody_reads_minutes(personas):
    assert not policy_for(Meeting).can(personas["secretariat"], "view_minutes")
    assert not policy_for(Meeting).can(personas["official_a"], "view_minutes")


def test_officials_object_and_comment_while_their_member_may_write(personas, focal_point_suspended):
    suspended = as_viewer(focal_point_suspended)
    assert policy_for(WrittenProcedure).can(personas["official_a"], "object")
    assert not policy_for(WrittenProcedure).can(suspended, "object")
    assert policy_for(MinutesComment).can(personas["official_a"], "comment")
    assert not policy_for(MinutesComment).can(suspended, "comment")


def test_action_items_are_created_by_the_secretariat_and_updated_by_their_owner(personas, member_a, member_b):
    policy = policy_for(ActionItem)
    assert policy.can(personas["secretariat"], "create")
    assert not policy.can(personas["official_a"], "create")
    owned_by_a = ActionItem(owner_member=member_a)
    assert policy.can(personas["official_a"], "update", owned_by_a)
    assert not policy.can(personas["official_b"], "update", owned_by_a)
    assert not policy.can(personas["official_a"], "update", ActionItem(owner_secretariat=True))
    assert not policy.can(personas["official_a"], "update")
    assert policy.can(personas["secretariat"], "update", ActionItem(owner_secretariat=True))


def test_the_secretariats_own_action_items_are_its_own(personas, member_a):
    meeting = schedule(Visibility.TASKFORCE)
    due = NOW.date() + 10 * DAY
    ours = ActionItem.objects.create(meeting=meeting, title="Ours", owner_secretariat=True, due_on=due)
    theirs = ActionItem.objects.create(meeting=meeting, title="Theirs", owner_member=member_a, due_on=due)
    mine = ActionFilters(mine=True)
    assert list(action_item_list(viewer=personas["secretariat"], filters=mine)) == [ours]
    assert list(action_item_list(viewer=personas["official_a"], filters=mine)) == [theirs]


def test_outside_input_is_sent_by_contributors_and_answered_by_the_secretariat(personas):
    policy = policy_for(OutsideInput)
    assert policy.can(personas["contributor"], "submit")
    assert policy.can(personas["secretariat"], "submit")
    assert not policy.can(personas["official_a"], "submit")
    assert policy.can(personas["secretariat"], "respond")
    assert not policy.can(personas["contributor"], "respond")
    assert policy.can(personas["contributor"], "send_from_agenda")
    assert not policy.can(personas["secretariat"], "send_from_agenda")


def test_the_outside_contributor_note_is_for_contributors_outside_the_taskforce(personas):
    assert navigation_for(personas["contributor"])["outside_contributor"]
    assert not navigation_for(personas["official_a"])["outside_contributor"]
    assert not navigation_for(personas["anonymous"])["outside_contributor"]


@pytest.mark.parametrize(
    ("action", "persona", "minutes_status", "allowed"),
    [
        ("write_minutes", "secretariat", "circulated", True),
        ("write_minutes", "secretariat", "approved", False),
        ("write_minutes", "official_a", "draft", False),
        ("approve_minutes", "secretariat", "circulated", True),
        ("approve_minutes", "secretariat", "draft", False),
        ("approve_minutes", "official_a", "circulated", False),
        ("comment_minutes", "official_a", "circulated", True),
        ("comment_minutes", "official_a", "draft", False),
        ("comment_minutes", "secretariat", "circulated", False),
        ("comment_minutes", "contributor", "circulated", False),
    ],
)
def test_the_minutes_section_offers_each_step_in_its_state(personas, action, persona, minutes_status, allowed):
    meeting = Meeting(minutes_status=minutes_status, visibility=Visibility.TASKFORCE)
    assert policy_for(Meeting).can(personas[persona], action, meeting) is allowed


@pytest.mark.parametrize(
    ("model", "action"),
    [
        (Meeting, "write_minutes"),
        (Meeting, "approve_minutes"),
        (Meeting, "comment_minutes"),
        (WrittenProcedure, "conclude"),
        (WrittenProcedure, "object_now"),
    ],
)
def test_without_a_record_no_step_is_offered(personas, model, action):
    assert not policy_for(model).can(personas["secretariat"], action)
    assert not policy_for(model).can(personas["official_a"], action)


def test_an_open_procedure_is_concluded_by_the_secretariat_and_objected_to_by_members(personas):
    policy = policy_for(WrittenProcedure)
    past = NOW - DAY
    open_, adopted = WrittenProcedure(status="open", deadline=past), WrittenProcedure(status="adopted", deadline=past)
    running = WrittenProcedure(status="open", deadline=timezone.now() + DAY)
    assert policy.can(personas["secretariat"], "conclude", open_)
    assert not policy.can(personas["secretariat"], "conclude", running)
    assert not policy.can(personas["secretariat"], "conclude", adopted)
    assert not policy.can(personas["official_a"], "conclude", open_)
    assert policy.can(personas["official_a"], "object_now", open_)
    assert not policy.can(personas["official_a"], "object_now", adopted)
    assert not policy.can(personas["secretariat"], "object_now", open_)


# --- changes before a meeting is held (issue 12) -----------------------------------------------------


@pytest.mark.parametrize(
    ("status", "allowed"),
    [("planned", True), ("convened", True), ("held", False), ("minutes_approved", False)],
)
def test_a_meeting_is_edited_and_its_agenda_changed_only_before_it_is_held(personas, status, allowed):
    meeting = Meeting(status=status, starts_at=NOW - DAY)
    policy = policy_for(Meeting)
    assert policy.can(personas["secretariat"], "edit", meeting) is allowed
    assert policy.can(personas["secretariat"], "edit_agenda", meeting) is allowed
    assert policy.can(personas["secretariat"], "mark_held", meeting) is allowed
    assert not policy.can(personas["official_a"], "edit", meeting)
    assert not policy.can(personas["official_a"], "edit_agenda", meeting)


def test_a_meeting_is_marked_held_only_once_it_has_started(personas):
    policy = policy_for(Meeting)
    assert not policy.can(personas["secretariat"], "mark_held", Meeting(status="planned", starts_at=NOW + DAY))
    assert policy.can(personas["secretariat"], "mark_held", Meeting(status="convened", starts_at=NOW - DAY))
    assert not policy.can(personas["official_a"], "mark_held", Meeting(status="convened", starts_at=NOW - DAY))


def test_invitations_go_out_until_the_minutes_are_approved(personas):
    policy = policy_for(Meeting)
    assert policy.can(personas["secretariat"], "invite", Meeting(status="held"))
    assert not policy.can(personas["secretariat"], "invite", Meeting(status="minutes_approved"))
    assert not policy.can(personas["official_a"], "invite", Meeting(status="planned"))


@pytest.mark.parametrize("action", ["edit", "edit_agenda", "mark_held", "invite"])
def test_without_a_meeting_no_change_is_offered(personas, action):
    assert not policy_for(Meeting).can(personas["secretariat"], action)


def test_delegates_are_named_by_the_members_officials_or_the_secretariat_before_the_meeting(
    personas, member_a, member_b
):
    policy = policy_for(MeetingDelegate)

    def delegate(member, status="planned"):
        return MeetingDelegate(invitation=MeetingInvitation(meeting=Meeting(status=status), member=member))

    assert policy.can(personas["official_a"], "name", delegate(member_a))
    assert policy.can(personas["secretariat"], "name", delegate(member_b))
    assert not policy.can(personas["official_b"], "name", delegate(member_a))
    assert not policy.can(personas["contributor"], "name", delegate(member_a))
    assert not policy.can(personas["official_a"], "name", delegate(member_a, status="held"))
    assert not policy.can(personas["secretariat"], "name", delegate(member_a, status="held"))
    assert not policy.can(personas["secretariat"], "name", None)


def test_a_meetings_decision_is_corrected_by_the_secretariat_until_the_minutes_are_approved(personas):
    policy = policy_for(Decision)
    open_ = Decision(meeting=Meeting(minutes_status="circulated"))
    approved = Decision(meeting=Meeting(minutes_status="approved"))
    by_procedure = Decision(procedure=WrittenProcedure(status="adopted"))
    assert policy.can(personas["secretariat"], "edit", open_)
    assert not policy.can(personas["secretariat"], "edit", approved)
    assert not policy.can(personas["secretariat"], "edit", by_procedure)
    assert not policy.can(personas["official_a"], "edit", open_)
    assert not policy.can(personas["secretariat"], "edit", None)


def test_the_meetings_whose_minutes_a_viewer_may_read_are_exactly_those_can_view_minutes_allows(personas):
    """`minutes_visible` (the search's minutes) is `can_view_minutes` as a queryset, for every persona."""
    meetings = []
    for visibility in ("public", "taskforce", "secretariat"):
        for status in ("none", "draft", "circulated", "approved"):
            meeting = schedule(visibility, f"{visibility} {status}")
            Meeting.objects.filter(pk=meeting.pk).update(minutes_status=status)
            meetings.append(meeting)
    agenda_item_add(viewer=SYSTEM, meeting=meetings[6], data=AgendaItemInput(title="Input", open_for_input=True))
    policy = policy_for(Meeting)
    for name, viewer in personas.items():
        readable = set(policy.minutes_visible(viewer).values_list("pk", flat=True))
        expected = {m.pk for m in policy.visible(viewer) if policy.can(viewer, "view_minutes", m)}
        assert readable == expected, name
    assert set(policy.minutes_visible(personas["contributor"])) == {meetings[2], meetings[3]}
