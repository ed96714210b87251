"""Who sees and does what with cycles, questionnaires, reports and showcase items: an allowed and a denied
persona each, with the report state each offer depends on."""

from __future__ import annotations

import pytest

from hub.core.policies import navigation_for
from hub.core.policies import policy_for
from hub.reporting.models import Answer
from hub.reporting.models import Commitment
from hub.reporting.models import CycleReminder
from hub.reporting.models import Evidence
from hub.reporting.models import ProgressReport
from hub.reporting.models import QuestionnaireVersion
from hub.reporting.models import ReportingCycle
from hub.reporting.models import ShowcaseItem

DRAFT, SUBMITTED, RETURNED, ACCEPTED = (
    ProgressReport.Status.DRAFT,
    ProgressReport.Status.SUBMITTED,
    ProgressReport.Status.RETURNED,
    ProgressReport.Status.ACCEPTED,
)


def report(member, status: str = DRAFT, cycle_status: str = ReportingCycle.Status.OPEN) -> ProgressReport:
    return ProgressReport(member=member, status=status, cycle=ReportingCycle(status=cycle_status))


@pytest.mark.parametrize(
    "model",
    [Commitment, QuestionnaireVersion, ReportingCycle, ProgressReport, ShowcaseItem, Evidence, CycleReminder],
    ids=lambda m: m.__name__,
)
def test_every_reporting_filter_builds_for_every_persona(model, personas):
    for viewer in personas.values():
        list(policy_for(model).visible(viewer))
    assert not policy_for(CycleReminder).visible(personas["official_a"]).exists()


def test_questionnaires_are_the_taskforces_and_managed_by_the_secretariat(personas):
    policy = policy_for(QuestionnaireVersion)
    assert str(policy.visible_q(personas["official_b"])) == "(AND: )"
    assert str(policy.visible_q(personas["contributor"])) != "(AND: )"
    assert policy.can(personas["secretariat"], "manage")
    assert not policy.can(personas["official_a"], "manage")


def test_cycles_are_run_by_the_secretariat_and_browsed_by_the_taskforce(personas):
    policy = policy_for(ReportingCycle)
    assert policy.can(personas["secretariat"], "manage")
    assert not policy.can(personas["focal_point_a"], "manage")
    assert policy.can(personas["official_b"], "browse")
    assert not policy.can(personas["contributor"], "browse")
    assert navigation_for(personas["official_a"])["reporting"]
    assert not navigation_for(personas["anonymous"])["reporting"]


def test_officials_edit_their_members_report_while_it_may_write(personas, member_a, member_suspended):
    policy = policy_for(ProgressReport)
    assert policy.can(personas["official_a"], "edit", report(member_a))
    assert not policy.can(personas["official_b"], "edit", report(member_a))
    assert not policy.can(personas["focal_point_suspended"], "edit", report(member_suspended))
    assert not policy.can(personas["official_a"], "edit")


def test_a_report_is_offered_for_editing_only_while_it_is_editable(personas, member_a):
    policy = policy_for(ProgressReport)
    assert policy.can(personas["official_a"], "edit_now", report(member_a, RETURNED))
    assert not policy.can(personas["official_a"], "edit_now", report(member_a, SUBMITTED))
    assert not policy.can(personas["official_a"], "edit_now", report(member_a, cycle_status="locked"))
    assert not policy.can(personas["official_b"], "edit_now", report(member_a))


def test_the_focal_point_submits_an_editable_report(personas, member_a, member_suspended):
    policy = policy_for(ProgressReport)
    assert policy.can(personas["focal_point_a"], "submit", report(member_a))
    assert not policy.can(personas["official_a"], "submit", report(member_a))
    assert not policy.can(personas["focal_point_suspended"], "submit", report(member_suspended))
    assert policy.can(personas["focal_point_a"], "submit_now", report(member_a))
    assert not policy.can(personas["focal_point_a"], "submit_now", report(member_a, SUBMITTED))
    assert not policy.can(personas["official_a"], "submit_now", report(member_a))


def test_the_secretariat_reviews_returns_and_extends(personas, member_a):
    policy = policy_for(ProgressReport)
    sec, focal = personas["secretariat"], personas["focal_point_a"]
    assert policy.can(sec, "review", report(member_a))
    assert not policy.can(focal, "review", report(member_a))
    assert policy.can(sec, "return", report(member_a, SUBMITTED))
    assert not policy.can(sec, "return", report(member_a, DRAFT))
    assert not policy.can(focal, "return", report(member_a, SUBMITTED))
    assert policy.can(sec, "extend", report(member_a, RETURNED))
    assert not policy.can(sec, "extend", report(member_a, ACCEPTED))
    assert not policy.can(focal, "extend", report(member_a, DRAFT))


def test_showcase_items_come_from_accepted_reports_and_are_signed_off_by_the_focal_point(personas, member_a):
    policy = policy_for(ProgressReport)
    official, focal, other = personas["official_a"], personas["focal_point_a"], personas["official_b"]
    assert policy.can(official, "showcase", report(member_a, ACCEPTED))
    assert policy.can(official, "showcase_now", report(member_a, ACCEPTED))
    assert not policy.can(official, "showcase_now", report(member_a, SUBMITTED))
    assert not policy.can(other, "showcase_now", report(member_a, ACCEPTED))
    assert policy.can(focal, "sign_off", report(member_a, ACCEPTED))
    assert not policy.can(official, "sign_off", report(member_a, ACCEPTED))
    assert policy.can(focal, "sign_off_now", report(member_a, ACCEPTED))
    assert not policy.can(focal, "sign_off_now", report(member_a, DRAFT))
    assert not policy.can(official, "sign_off_now", report(member_a, ACCEPTED))


def test_the_member_or_the_secretariat_withdraws_a_showcase_item(personas, member_a):
    policy = policy_for(ProgressReport)
    assert policy.can(personas["secretariat"], "withdraw_showcase", report(member_a, ACCEPTED))
    assert policy.can(personas["official_a"], "withdraw_showcase", report(member_a, ACCEPTED))
    assert not policy.can(personas["official_b"], "withdraw_showcase", report(member_a, ACCEPTED))


@pytest.mark.parametrize(
    "action",
    ["edit", "edit_now", "submit", "submit_now", "return", "extend", "showcase_now", "sign_off_now"],
)
def test_without_a_report_nothing_is_offered(personas, action):
    assert not policy_for(ProgressReport).can(personas["secretariat"], action)
    assert not policy_for(ProgressReport).can(personas["focal_point_a"], action)


@pytest.mark.parametrize(
    ("step", "allowed_in", "refused_in"),
    [
        ("open", "draft", "open"),
        ("close", "open", "closed"),
        ("lock", "closed", "locked"),
        ("publish", "locked", "open"),
    ],
)
def test_the_cycle_page_offers_each_step_to_the_secretariat_in_its_state(personas, step, allowed_in, refused_in):
    policy = policy_for(ReportingCycle)
    assert policy.can(personas["secretariat"], step, ReportingCycle(status=allowed_in))
    assert not policy.can(personas["secretariat"], step, ReportingCycle(status=refused_in))
    assert not policy.can(personas["focal_point_a"], step, ReportingCycle(status=allowed_in))
    assert not policy.can(personas["secretariat"], step)


def item(member, status: str) -> ShowcaseItem:
    return ShowcaseItem(status=status, answer=Answer(report=report(member, ACCEPTED)))


def test_a_proposed_item_is_signed_off_by_the_focal_point(personas, member_a):
    policy = policy_for(ShowcaseItem)
    assert policy.can(personas["focal_point_a"], "sign_off", item(member_a, ShowcaseItem.Status.PROPOSED))
    assert not policy.can(personas["focal_point_a"], "sign_off", item(member_a, ShowcaseItem.Status.PUBLISHED))
    assert not policy.can(personas["official_a"], "sign_off", item(member_a, ShowcaseItem.Status.PROPOSED))
    assert not policy.can(personas["focal_point_a"], "sign_off")


def test_an_item_not_yet_withdrawn_is_withdrawn_by_the_member_or_the_secretariat(personas, member_a):
    policy = policy_for(ShowcaseItem)
    assert policy.can(personas["official_a"], "withdraw", item(member_a, ShowcaseItem.Status.PUBLISHED))
    assert policy.can(personas["secretariat"], "withdraw", item(member_a, ShowcaseItem.Status.PROPOSED))
    assert not policy.can(personas["official_a"], "withdraw", item(member_a, ShowcaseItem.Status.WITHDRAWN))
    assert not policy.can(personas["official_b"], "withdraw", item(member_a, ShowcaseItem.Status.PUBLISHED))
    assert not policy.can(personas["secretariat"], "withdraw")
