""" "Needs your attention": the focal point reaches the open report from the dashboard in one click; the
secretariat sees the reports awaiting review and the count of members without a focal point, and follows
it to the filtered directory. Notifications and the development mail page are checked too.

axe-core runs on every page, at 1280 px and at 390 px.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.e2e.conftest import FOCAL_POINT
from tests.e2e.conftest import SECRETARIAT
from tests.e2e.conftest import Server
from tests.e2e.conftest import check_axe
from tests.e2e.conftest import expect_path
from tests.e2e.conftest import main
from tests.e2e.conftest import path_of
from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.browser

OPEN_CYCLE = "Progress report 2026 (demo)"
# A demo member no other journey uses: its open report is submitted for the secretariat to review.
SUBMIT = """
from hub.core.viewer import focal_point_of
from hub.reporting.models import ProgressReport
from hub.reporting.services import report_submit
report = ProgressReport.objects.get(cycle__name="{cycle}", member__slug="{member}")
if report.status in ProgressReport.EDITABLE:
    report_submit(viewer=focal_point_of(report.member_id), report_id=report.pk)
print("REPORT", report.pk)
"""


def both_widths(page: Any) -> None:
    """axe at 1280 px (the context's width), then at 390 px, then back."""
    check_axe(page)
    page.set_viewport_size({"width": 390, "height": 900})
    check_axe(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def attention(page: Any) -> Any:
    return main(page).locator("section", has=page.get_by_role("heading", name="Needs your attention"))


def test_the_focal_point_reaches_the_open_report_in_one_click(page: Any, server: Server) -> None:
    sign_in(page, server, FOCAL_POINT)
    both_widths(page)
    area = attention(page)
    name = f"Demoland: {OPEN_CYCLE}"
    item = area.locator("li", has=page.get_by_role("link", name=name))
    link = item.get_by_role("link", name=name)
    assert re.search(r"Due in \d+ days", item.inner_text())
    link.click()
    page.wait_for_url(re.compile(r"/reporting/reports/\d+/$"))
    assert re.fullmatch(r"/reporting/reports/\d+/", path_of(page))
    assert OPEN_CYCLE in main(page).inner_text()
    both_widths(page)

    # What was e-mailed to the focal point (the cycle's opening) is on the notifications page.
    page.goto("/dashboard/")
    main(page).get_by_role("link", name=re.compile(r"unread notification|Your notifications")).click()
    expect_path(page, "/notifications/")
    assert main(page).locator(".hub-notification").count() >= 1
    both_widths(page)


def test_the_secretariat_sees_what_awaits_review_and_members_without_a_focal_point(page: Any, server: Server) -> None:
    out = server.manage("shell", "-c", SUBMIT.format(cycle=OPEN_CYCLE, member="fictonia"))
    report_id = re.search(r"REPORT (\d+)", out).group(1)  # type: ignore[union-attr]
    sign_in(page, server, SECRETARIAT)
    both_widths(page)
    area = attention(page)
    assert re.search(r"\d+ reports? (is|are) awaiting review", area.inner_text())
    review = area.get_by_role("link", name=f"Review Fictonia's report: {OPEN_CYCLE}")
    assert review.get_attribute("href") == f"/reporting/reports/{report_id}/"
    count = area.get_by_role("link", name=re.compile(r"^\d+ active members? ha(s|ve) no focal point$"))
    shown = int(count.inner_text().split()[0])
    count.click()
    expect_path(page, "/members/")
    assert "focal_point=missing" in page.url
    assert main(page).get_by_text(re.compile(rf"^{shown} members? shown\.$")).is_visible()
    both_widths(page)

    # The development mail page (DEBUG is on for the browser tests' server) lists what was sent.
    page.goto("/dev/mail/")
    assert main(page).get_by_role("heading", name="Sent mail (development)").is_visible()
    both_widths(page)
    main(page).locator("tbody th a").first.click()  # seeding the demo opened a cycle: its mail is there
    page.wait_for_url(re.compile(r"/dev/mail/.+/\d+/$"))
    both_widths(page)
