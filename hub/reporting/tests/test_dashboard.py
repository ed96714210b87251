"""The reporting panel of "Needs your attention": a member's reports due, and the secretariat's review queue."""

from __future__ import annotations

import re

import pytest

from conftest import as_viewer
from conftest import client_for
from hub.commitments.services import reference_commitments_load
from hub.core.viewer import SYSTEM
from hub.reporting.models import QuestionnaireVersion
from hub.reporting.selectors import reports_awaiting_review
from hub.reporting.selectors import reports_to_do
from hub.reporting.services import cycle_transition
from hub.reporting.services import report_return
from hub.reporting.tests.helpers import TODAY
from hub.reporting.tests.helpers import D
from hub.reporting.tests.helpers import focal_viewer
from hub.reporting.tests.helpers import import_version
from hub.reporting.tests.helpers import new_cycle
from hub.reporting.tests.helpers import report_of
from hub.reporting.tests.helpers import submitted


@pytest.fixture(autouse=True)
def _commitments(db):
    reference_commitments_load()


def version() -> QuestionnaireVersion:
    import_version("v1")
    return QuestionnaireVersion.objects.get(code="v1")


def test_an_official_sees_their_members_open_report_with_its_due_date(member_a, member_b, official_a):
    cycle = new_cycle(version(), closes_on=TODAY + 25 * D)
    [todo] = reports_to_do(viewer=as_viewer(official_a))
    assert todo.report == report_of(cycle, member_a)
    assert todo.days_left == 25
    assert todo.comments == 0
    page = client_for(official_a).get("/dashboard/").content.decode()
    assert f'href="/reporting/reports/{todo.report.pk}/"' in page
    assert "Due in 25 days" in page
    assert "Betaland" not in page


def test_another_members_report_is_never_listed_or_counted(member_a, member_b, official_b, secretariat):
    cycle = new_cycle(version())
    hidden = report_of(cycle, member_a)
    todo = reports_to_do(viewer=as_viewer(official_b))
    assert [t.report for t in todo] == [report_of(cycle, member_b)]
    assert f"/reporting/reports/{hidden.pk}/" not in client_for(official_b).get("/dashboard/").content.decode()


def test_a_returned_report_shows_how_many_comments_it_has(member_a, focal_point_a):
    cycle = new_cycle(version())
    report = submitted(report_of(cycle, member_a), focal_viewer(member_a))
    report_return(viewer=SYSTEM, report_id=report.pk, comments={"c1-legal": "Date?", "c2-resources": "Budget?"})
    [todo] = reports_to_do(viewer=as_viewer(focal_point_a))
    assert todo.comments == 2
    assert (
        "Returned with 2 comments from the secretariat" in client_for(focal_point_a).get("/dashboard/").content.decode()
    )


def test_an_overdue_report_says_so(member_a, official_a):
    new_cycle(version(), closes_on=TODAY - 3 * D)
    [todo] = reports_to_do(viewer=as_viewer(official_a))
    assert todo.days_left == -3
    assert "Overdue by 3 days" in client_for(official_a).get("/dashboard/").content.decode()


def test_a_closed_cycle_lists_only_reports_still_to_submit(member_a, member_b, official_a, official_b):
    cycle = new_cycle(version(), closes_on=TODAY - 3 * D)
    submitted(report_of(cycle, member_b), focal_viewer(member_b))
    cycle_transition(viewer=SYSTEM, cycle_id=cycle.pk, action="close")
    assert [t.report.member for t in reports_to_do(viewer=as_viewer(official_a))] == [member_a]
    assert reports_to_do(viewer=as_viewer(official_b)) == []
    cycle_transition(viewer=SYSTEM, cycle_id=cycle.pk, action="lock")
    assert reports_to_do(viewer=as_viewer(official_a)) == []


def test_the_secretariat_sees_submitted_reports_oldest_first(member_a, member_b, secretariat):
    cycle = new_cycle(version())
    first = submitted(report_of(cycle, member_b), focal_viewer(member_b))
    second = submitted(report_of(cycle, member_a), focal_viewer(member_a))
    queue = reports_awaiting_review(viewer=as_viewer(secretariat))
    assert queue is not None
    assert queue.total == 2
    assert queue.reports == [first, second]
    page = client_for(secretariat).get("/dashboard/").content.decode()
    assert "2 reports are awaiting review" in page
    links = re.findall(r'href="/reporting/reports/(\d+)/"', page)
    assert links == [str(first.pk), str(second.pk)]
    assert reports_to_do(viewer=as_viewer(secretariat)) == []


def test_members_have_no_review_queue(member_a, focal_point_a):
    new_cycle(version())
    assert reports_awaiting_review(viewer=as_viewer(focal_point_a)) is None
    assert "awaiting review" not in client_for(focal_point_a).get("/dashboard/").content.decode()
