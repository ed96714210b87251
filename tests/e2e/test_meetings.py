"""Meetings, decisions and action items, end to end: the secretariat runs a plenary, a member official
reports progress on the action item it owns, and a reminder e-mail reaches them.

An axe-core accessibility check runs on every HTML page visited (not on the PDF or the calendar feed).
"""

from __future__ import annotations

import datetime
import re
import time
import zoneinfo
from typing import Any

import pytest
from django.utils import formats
from django.utils import translation
from icalendar import Calendar

from tests.e2e.conftest import OFFICIAL
from tests.e2e.conftest import SECRETARIAT
from tests.e2e.conftest import Server
from tests.e2e.conftest import check_axe
from tests.e2e.conftest import expect_path
from tests.e2e.conftest import form_with_button
from tests.e2e.conftest import labelled
from tests.e2e.conftest import main
from tests.e2e.conftest import path_of
from tests.e2e.conftest import read_mails
from tests.e2e.conftest import sign_in
from tests.e2e.conftest import status_message
from tests.e2e.conftest import submit
from tests.e2e.conftest import tick

pytestmark = pytest.mark.browser

TITLE = "E2E plenary"
ACTION = "E2E: publish the national contact list"
PROGRESS = "Drafted the list; in clearance with the ministry."


def shown(day: datetime.date) -> str:
    """A date as the English pages show it (Django's date format for the language)."""
    with translation.override("en"):
        return formats.date_format(day, "DATE_FORMAT")


def fact(page: Any, term: str) -> str:
    """The value of a term in the page's facts list (dl.hub-facts)."""
    return main(page).locator(f"dl.hub-facts dt:text-is('{term}') + dd").inner_text().strip()


def test_secretariat_runs_a_plenary_and_an_official_reports_progress(new_context: Any, server: Server) -> None:
    now = datetime.datetime.now(datetime.UTC)
    yesterday = (now - datetime.timedelta(days=1)).date()
    due = now.date() + datetime.timedelta(days=10)

    # The secretariat signs in and opens "Meetings", then "Schedule a meeting".
    page = new_context().new_page()
    sign_in(page, server, SECRETARIAT)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Meetings").click()
    expect_path(page, "/meetings/")
    check_axe(page)
    main(page).get_by_role("link", name="Schedule a meeting").click()
    expect_path(page, "/meetings/new/")
    check_axe(page)
    assert main(page).get_by_role("heading", level=1).inner_text() == "Schedule a meeting"

    # A formal plenary that started yesterday.
    form = main(page).locator("form")
    form.get_by_label("Kind").select_option(label="Formal plenary")
    form.get_by_label("Title").fill(TITLE)
    form.get_by_label("Time zone of the meeting").select_option("Europe/Brussels")
    labelled(form, "Starts").fill(f"{yesterday:%Y-%m-%d}T09:00")
    labelled(form, "Ends").fill(f"{yesterday:%Y-%m-%d}T17:00")
    form.get_by_label("Place").fill("Brussels, Conference Room 2")
    form.get_by_label("Online link (invitees only)").fill("https://meet.example.org/e2e-plenary")
    form.get_by_label("Visibility").select_option(label="Taskforce")
    form.get_by_role("button", name="Schedule").click()
    page.wait_for_url(re.compile(r"/meetings/\d+/$"))
    detail = path_of(page)
    check_axe(page)
    assert "Meeting scheduled." in status_message(page)
    assert main(page).get_by_role("heading", level=1).inner_text() == TITLE
    code = fact(page, "Reference")
    assert re.fullmatch(rf"GTF-{yesterday.year}-\d+", code), code
    assert fact(page, "Kind") == "Formal plenary"
    assert fact(page, "Status") == "Planned"
    assert main(page).get_by_role("link", name="https://meet.example.org/e2e-plenary").is_visible()

    # An agenda item.
    form = form_with_button(page, "Add item")
    form.get_by_label("Agenda item").fill("Opening")
    form.get_by_label("Starts at").fill(f"{yesterday:%Y-%m-%d}T09:00")
    form.get_by_label("Time (minutes)").fill("15")
    submit(page, form, "Add item", detail, "Agenda item added.")
    agenda = main(page).locator("h2:text-is('Agenda') + ol")
    assert "Opening" in agenda.inner_text()

    # An item starting after the meeting ends is refused, with the reason, and not added.
    form = form_with_button(page, "Add item")
    form.get_by_label("Agenda item").fill("Too late")
    form.get_by_label("Starts at").fill(f"{yesterday:%Y-%m-%d}T18:00")
    with page.expect_navigation():
        form.get_by_role("button", name="Add item", exact=True).click()
    expect_path(page, f"{detail}agenda/")
    check_axe(page)
    alert = main(page).locator(".usa-alert--error[role=alert]")
    assert "The item must start during the meeting." in alert.inner_text()
    assert "The item must start during the meeting." in form_with_button(page, "Add item").inner_text()
    assert "Too late" not in main(page).locator("h2:text-is('Agenda') + ol").inner_text()

    # Demoland and Examplestan are invited.
    form = form_with_button(page, "Invite")
    tick(form, "Demoland")
    tick(form, "Examplestan")
    submit(page, form, "Invite", detail, "Members invited.")
    invited = main(page).locator("table", has=page.locator("caption", has_text="Invited members"))
    assert "Demoland" in invited.inner_text() and "Examplestan" in invited.inner_text()

    # The meeting is marked held.
    form = form_with_button(page, "Change status")
    form.get_by_label("Status").select_option(label="Held")
    with page.expect_navigation():
        form.get_by_role("button", name="Change status", exact=True).click()
    check_axe(page)
    assert main(page).get_by_role("heading", level=1).inner_text() == "Mark the meeting held?"
    submit(page, main(page).locator("form.hub-confirm"), "Mark held", detail, "Status changed.")
    assert fact(page, "Status") == "Held"

    # Attendance: Demoland present, Examplestan sent apologies.
    form = form_with_button(page, "Save attendance")
    labelled(form, "Demoland").select_option(label="Present")
    labelled(form, "Examplestan").select_option(label="Apologies")
    submit(page, form, "Save attendance", detail, "Attendance recorded.")
    rows = invited.locator("tbody tr")
    assert rows.filter(has_text="Demoland").locator("td").first.inner_text() == "Present"
    assert rows.filter(has_text="Examplestan").locator("td").first.inner_text() == "Apologies"

    # Minutes, saved and circulated for comments.
    form = form_with_button(page, "Save minutes")
    labelled(form, "Minutes").fill("The plenary opened at 09:00 and agreed on the contact list.")
    tick(form, "Circulate to members for comments")
    submit(page, form, "Save minutes", detail, "Minutes saved.")
    assert "Circulated for comments" in main(page).locator("h2:text-is('Minutes') + p").inner_text()
    assert main(page).get_by_role("link", name="Minutes (PDF)").is_visible()

    # A decision serving commitment 1.
    form = form_with_button(page, "Record decision")
    labelled(form, "Decision").fill("Members publish their national contact lists.")
    tick(form, re.compile(r"^1\. "))
    submit(page, form, "Record decision", detail, "Decision recorded.")
    decision = main(page).locator("h2:text-is('Decisions') + ul li", has_text="Members publish their national")
    decision_code = decision.locator("strong").inner_text()
    assert "Commitments: 1" in decision.inner_text(), decision.inner_text()

    # An action item from that decision, owned by Demoland, due in ten days.
    form = form_with_button(page, "Create action item")
    # Each form on the meeting page has its own prefix, so the label "Action" names this field alone.
    labelled(form, "Action").fill(ACTION)
    assert main(page).locator("[id=id_title]").count() == 0
    form.get_by_label("Owner").select_option(label="Demoland")
    form.get_by_label("Due on").fill(due.isoformat())
    form.get_by_label("From the decision").select_option(
        label=f"{decision_code}: Members publish their national contact lists."
    )
    submit(page, form, "Create action item", detail, "Action item created.")
    item = main(page).locator("h2:text-is('Action items') + ul li", has_text=ACTION)
    text = item.inner_text()
    assert "Demoland" in text and shown(due) in text and decision_code in text, text

    # The agenda as a PDF, with the page's cookies.
    href = main(page).get_by_role("link", name="Agenda (PDF)").get_attribute("href")
    assert href == f"{detail}agenda.pdf", href
    response = page.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf", response.headers["content-type"]
    assert response.body().startswith(b"%PDF-"), response.body()[:20]

    # The secretariat creates its calendar feed; the address is shown once and lists the meeting.
    page.goto("/meetings/")
    check_axe(page)
    main(page).get_by_role("link", name="Calendar feed").click()
    expect_path(page, "/calendar/")
    check_axe(page)
    with page.expect_navigation():
        main(page).get_by_role("button", name="Create a new address (revokes the old one)").click()
    page.wait_for_selector(".hub-token")
    check_axe(page)
    feed_url = main(page).locator(".hub-token").inner_text().strip()
    assert re.fullmatch(re.escape(server.base_url) + r"/calendar/[^/\s]+\.ics", feed_url), feed_url
    feed = page.request.get(feed_url)
    assert feed.status == 200
    assert feed.headers["content-type"].startswith("text/calendar"), feed.headers["content-type"]
    calendar = Calendar.from_ical(feed.body())
    summaries = [str(event.get("summary")) for event in calendar.walk("VEVENT")]
    assert any(code in s for s in summaries), summaries
    # The secretariat's feed holds the secretariat's own action items, not those members own.
    assert f"Due: {ACTION}" not in summaries, summaries
    assert any(s.startswith("Due: Secretariat") for s in summaries), summaries
    # Shown only once: the page, loaded again, no longer shows it.
    page.goto("/calendar/")
    check_axe(page)
    assert main(page).locator(".hub-token").count() == 0

    # A member official of Demoland finds the action item on their dashboard.
    official = new_context().new_page()
    sign_in(official, server, OFFICIAL)
    official.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard").click()
    expect_path(official, "/dashboard/")
    check_axe(official)
    mine = main(official).locator("section[aria-labelledby=attention-actions]")
    entry = mine.locator("li", has=official.get_by_role("link", name=ACTION))
    assert f"Due in 10 days ({due.day} {due:%B} {due.year})" in entry.inner_text(), entry.inner_text()
    entry.get_by_role("link", name=ACTION).click()
    official.wait_for_url(re.compile(r"/actions/\d+/$"))
    action_path = path_of(official)
    check_axe(official)
    assert main(official).get_by_role("heading", level=1).inner_text() == ACTION
    assert fact(official, "Owner") == "Demoland"
    assert fact(official, "Due on") == shown(due)
    assert fact(official, "Status") == "Open"
    assert decision_code in fact(official, "From") and code in fact(official, "From")

    # They report progress.
    form = main(official).locator("form")
    form.get_by_label("Status").select_option(label="In progress")
    form.get_by_label("Progress").fill(PROGRESS)
    submit(official, form, "Save progress", action_path, "Progress saved.")
    assert fact(official, "Status") == "In progress"
    updates = main(official).locator("h2:text-is('Progress') + ol").inner_text()
    assert PROGRESS in updates and "In progress" in updates and "Omar Official (Demoland)" in updates, updates

    # All action items, and the decisions, as the official sees them.
    official.goto("/actions/")
    check_axe(official)
    row = main(official).locator("tbody tr", has=official.get_by_role("link", name=ACTION))
    assert "In progress" in row.inner_text() and decision_code in row.inner_text(), row.inner_text()
    official.goto("/decisions/")
    check_axe(official)
    row = main(official).locator("tbody tr", has_text=decision_code)
    assert "Members publish their national contact lists." in row.inner_text(), row.inner_text()

    # The day before it is due, the reminder run e-mails Demoland's people.
    before = (due - datetime.timedelta(days=1)).isoformat()
    output = server.manage("send_reminders", "--today", before)
    assert re.search(r"[1-9]\d* reminder\(s\) queued", output), output
    reminders = [m for m in read_mails(server.mail_dir) if OFFICIAL in str(m["To"]) and ACTION in str(m["Subject"])]
    assert len(reminders) == 1, [(m["To"], m["Subject"]) for m in read_mails(server.mail_dir)]
    assert reminders[0]["Subject"] == f"Action item: Due tomorrow: {ACTION}", reminders[0]["Subject"]
    body = reminders[0].get_body(preferencelist=("plain",)).get_content()
    assert f"{due.day} {due:%B} {due.year}" in body and "In progress" in body, body


RESCHEDULED = "E2E working group"


@pytest.mark.parametrize("width", [1280, 390])
def test_secretariat_reschedules_a_meeting_reorders_its_agenda_and_links_an_action_item(
    new_context: Any, server: Server, width: int
) -> None:
    """The secretariat's journey of issue 12, on a desktop and on a phone: a meeting scheduled and then
    rescheduled with the browser's own date-and-time inputs (Demoland's people are told by e-mail), its
    agenda reordered with the Move buttons, the meeting marked held after a confirmation, a decision,
    and an action item made on the meeting page from that decision."""
    brussels = zoneinfo.ZoneInfo("Europe/Brussels")
    now = datetime.datetime.now(brussels)
    title = f"{RESCHEDULED} {width}"
    page = new_context().new_page()
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, server, SECRETARIAT)
    page.goto("/meetings/new/")
    check_axe(page)

    # Scheduled for tomorrow, with the native inputs, in Brussels time.
    tomorrow = now + datetime.timedelta(days=1)
    form = main(page).locator("form")
    form.get_by_label("Kind").select_option(label="Working group")
    form.get_by_label("Title").fill(title)
    form.get_by_label("Time zone of the meeting").select_option("Europe/Brussels")
    assert labelled(form, "Starts").get_attribute("type") == "datetime-local"
    labelled(form, "Starts").fill(f"{tomorrow:%Y-%m-%d}T10:00")
    labelled(form, "Ends").fill(f"{tomorrow:%Y-%m-%d}T12:00")
    form.get_by_label("Place").fill("Brussels")
    form.get_by_role("button", name="Schedule").click()
    page.wait_for_url(re.compile(r"/meetings/\d+/$"))
    detail = path_of(page)
    check_axe(page)
    assert "10:00–12:00 Brussels time" in fact(page, "When"), fact(page, "When")
    assert "your time" in fact(page, "When") or "UTC" in fact(page, "When"), fact(page, "When")

    # Three agenda items and Demoland invited (not offered again once invited).
    for item in ("Opening", "Country reports", "Any other business"):
        form = form_with_button(page, "Add item")
        form.get_by_label("Agenda item").fill(item)
        submit(page, form, "Add item", detail, "Agenda item added.")
    form = form_with_button(page, "Invite")
    tick(form, "Demoland")
    submit(page, form, "Invite", detail, "Members invited.")
    assert form_with_button(page, "Invite").get_by_label("Demoland", exact=True).count() == 0

    # Rescheduled: it started an hour ago (Brussels time) and ends in two hours.
    main(page).get_by_role("link", name="Edit or reschedule").click()
    expect_path(page, f"{detail}edit/")
    check_axe(page)
    form = main(page).locator("form")
    assert labelled(form, "Starts").input_value() == f"{tomorrow:%Y-%m-%d}T10:00"
    start, end = now - datetime.timedelta(hours=1), now + datetime.timedelta(hours=2)
    labelled(form, "Starts").fill(f"{start:%Y-%m-%dT%H:%M}")
    labelled(form, "Ends").fill(f"{end:%Y-%m-%dT%H:%M}")
    form.get_by_label("Place").fill("Brussels, Room 3")
    submit(page, form, "Save changes", detail, "Meeting changed.")
    # Late in the evening the meeting ends the next day, and the page then names both days.
    when = fact(page, "When")
    assert f"{start:%H:%M}–" in when and f"{end:%H:%M} Brussels time" in when, when
    assert fact(page, "Place") == "Brussels, Room 3"
    deadline = time.time() + 10
    told = []
    while not told and time.time() < deadline:
        told = [m for m in read_mails(server.mail_dir) if OFFICIAL in str(m["To"]) and title in str(m["Subject"])]
        time.sleep(0.2)
    assert told and str(told[0]["Subject"]) == f"Meeting changed: {title}", [m["Subject"] for m in told]

    # The agenda reordered: "Any other business" moves up, then "Opening" back to the top stays first.
    agenda = main(page).locator("ol.hub-agenda > li")
    assert [agenda.nth(i).locator("strong").inner_text() for i in range(3)] == [
        "Opening",
        "Country reports",
        "Any other business",
    ]
    with page.expect_navigation():
        agenda.nth(2).locator("form", has_text="Move up").get_by_role("button").click()
    page.locator(".hub-messages[role=status]", has_text="Moved up").wait_for()
    check_axe(page)
    agenda = main(page).locator("ol.hub-agenda > li")
    assert [agenda.nth(i).locator("strong").inner_text() for i in range(3)] == [
        "Opening",
        "Any other business",
        "Country reports",
    ]

    # Marked held, after a confirmation; the agenda can no longer be reordered.
    form = form_with_button(page, "Change status")
    form.get_by_label("Status").select_option(label="Held")
    with page.expect_navigation():
        form.get_by_role("button", name="Change status", exact=True).click()
    check_axe(page)
    assert main(page).get_by_role("heading", level=1).inner_text() == "Mark the meeting held?"
    submit(page, main(page).locator("form.hub-confirm"), "Mark held", detail, "Status changed.")
    assert fact(page, "Status") == "Held"
    assert main(page).get_by_role("button", name=re.compile("^Move up")).count() == 0

    # A decision, then an action item from it, chosen by its number and text.
    form = form_with_button(page, "Record decision")
    labelled(form, "Decision").fill("The working group drafts a referral guide.")
    submit(page, form, "Record decision", detail, "Decision recorded.")
    code = main(page).locator("h2:text-is('Decisions') + ul li", has_text="referral guide").locator("a").first
    decision_code = code.inner_text()
    form = form_with_button(page, "Create action item")
    labelled(form, "Action").fill(f"Draft the referral guide ({width})")
    form.get_by_label("Owner").select_option(label="The secretariat")
    form.get_by_label("Due on").fill((now.date() + datetime.timedelta(days=30)).isoformat())
    form.get_by_label("From the decision").select_option(
        label=f"{decision_code}: The working group drafts a referral guide."
    )
    submit(page, form, "Create action item", detail, "Action item created.")
    item = main(page).locator("h2:text-is('Action items') + ul li", has_text="Draft the referral guide")
    assert f"from decision {decision_code}" in item.inner_text(), item.inner_text()

    # The decision's page lists the action item and offers a correction until the minutes are approved.
    main(page).get_by_role("link", name=decision_code).first.click()
    page.wait_for_url(re.compile(r"/decisions/\d+/$"))
    check_axe(page)
    assert main(page).get_by_role("link", name=f"Draft the referral guide ({width})").is_visible()
    assert main(page).get_by_role("heading", name="Correct the decision").is_visible()
