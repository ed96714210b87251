"""Progress reporting, end to end: the secretariat opens a cycle, Demoland's official drafts the report
(prefilled from the last accepted one), its focal point submits it, the secretariat returns it with a
comment and then accepts it, two answers are showcased on the public commitment pages, and another
member's focal point sees none of it.

An axe-core accessibility check runs on every HTML page visited.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest

from conftest import discouraged_term
from tests.e2e.conftest import FOCAL_POINT
from tests.e2e.conftest import OFFICIAL
from tests.e2e.conftest import SECRETARIAT
from tests.e2e.conftest import Server
from tests.e2e.conftest import check_axe
from tests.e2e.conftest import expect_path
from tests.e2e.conftest import form_with_button
from tests.e2e.conftest import labelled
from tests.e2e.conftest import main
from tests.e2e.conftest import path_of
from tests.e2e.conftest import sign_in
from tests.e2e.conftest import status_message
from tests.e2e.conftest import submit
from tests.e2e.conftest import tick

pytestmark = pytest.mark.browser

OTHER_FOCAL_POINT = "focal.examplestan@demo.taskforce.invalid"
CYCLE = "E2E cycle"
PREVIOUS = "Progress report 2025 (demo)"  # Demoland's report of that demo cycle was accepted
FIRST = re.compile(r"^What has your government done in the reporting period to make its legal framework")
SECOND = re.compile(r"^What resources and funding has your government dedicated")
LAWS = "Laws adopted or amended in the period (laws)"
# The discouraged term the terminology check must flag, taken from reference/terminology.csv.
DISCOURAGED = discouraged_term()
CP_NARRATIVE = f"E2E: a new law on {DISCOURAGED} was adopted in March."
NARRATIVE = "E2E: a new law on child sexual abuse material was adopted in March."
COMMENT = "E2E: please give the budget line of the national plan."
FUNDING = "E2E: the national plan has its own budget line (line 42) since January."
ITEMS = ("E2E: Demoland's new law", "E2E: Demoland's budget line")


def nav(page: Any, name: str, path: str) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True).click()
    expect_path(page, path)
    check_axe(page)


def report_fact(page: Any, term: str) -> str:
    """A value of the page's first facts list (a report's answers have facts lists of their own)."""
    return main(page).locator("dl.hub-facts").first.locator(f"dt:text-is('{term}') + dd").inner_text().strip()


def answer(page: Any, prompt: re.Pattern[str]) -> Any:
    """The fieldset (editing) or block (reading) of one answer, found by its question."""
    return main(page).locator(".hub-answer", has=page.get_by_text(prompt))


def save_section(page: Any, number: int, notice: str = "Answers saved.", button: str = "") -> None:
    """Save one commitment's section: htmx swaps the section in with its notice (no page load)."""
    section = main(page).locator(f"#section-{number}")
    section.get_by_role("button", name=button or f"Save commitment {number}", exact=True).click()
    main(page).locator(f"#section-{number} [role=status]", has_text=notice).wait_for()
    check_axe(page)


def confirmed(page: Any, form: Any, button: str, path: str, message: str, confirm: str = "") -> None:
    """A step that asks once more: its page says what will happen, then the step is confirmed."""
    with page.expect_navigation():
        form.get_by_role("button", name=button, exact=True).click()
    check_axe(page)
    assert main(page).locator("ul, ol").first.inner_text().strip()  # what will happen
    submit(page, form_with_button(page, confirm or button), confirm or button, path, message)


def focal_submits(page: Any, path: str) -> None:
    assert report_fact(page, "Status") in ("Draft", "Returned with comments"), report_fact(page, "Status")
    main(page).get_by_role("link", name="Check your answers and submit").click()
    expect_path(page, f"{path}check/")
    check_axe(page)
    assert "Every required question is answered." in main(page).inner_text()
    form = form_with_button(page, "Submit the report")
    confirmed(page, form, "Submit the report", path, "Report submitted to the secretariat.")
    assert report_fact(page, "Status") == "Submitted"


def test_a_progress_report_from_cycle_to_public_showcase(new_context: Any, server: Server) -> None:
    today = datetime.date.today()

    # 1. The secretariat creates a demo cycle on questionnaire demo-2025 and opens it.
    secretariat = new_context().new_page()
    sign_in(secretariat, server, SECRETARIAT)
    nav(secretariat, "Reporting", "/reporting/")
    form = form_with_button(secretariat, "Create the cycle")
    labelled(form, "Name").fill(CYCLE)
    labelled(form, "Kind").select_option(label="Progress report")
    labelled(form, "Period from").fill(f"{today.year - 1}-07-01")
    labelled(form, "Period to").fill(f"{today.year}-06-30")
    labelled(form, "Opens on").fill(today.isoformat())
    labelled(form, "Closes on").fill((today + datetime.timedelta(days=20)).isoformat())
    version = labelled(form, "Questionnaire version")
    version.select_option(label=version.locator("option", has_text="demo-2025:").inner_text())
    tick(form, "Demo cycle: reports for fictional demo members only (synthetic data)")
    with secretariat.expect_navigation():
        form.get_by_role("button", name="Create the cycle").click()
    secretariat.wait_for_url(re.compile(r"/reporting/cycles/\d+/$"))
    cycle_path = path_of(secretariat)
    check_axe(secretariat)
    assert "Cycle created in draft." in status_message(secretariat)
    assert main(secretariat).get_by_role("heading", level=1).inner_text().startswith(CYCLE)
    assert report_fact(secretariat, "Status") == "Draft"
    form = form_with_button(secretariat, "Open the cycle")
    confirmed(secretariat, form, "Open the cycle", cycle_path, "Cycle opened; draft reports created")
    assert report_fact(secretariat, "Status") == "Open"
    per_member = main(secretariat).locator("table", has=secretariat.locator("caption", has_text="Reports per member"))
    assert "Draft" in per_member.locator("tbody tr", has_text="Demoland").inner_text()

    # 2. The Demoland official finds the report, prefilled from the accepted 2025 demo report.
    official = new_context().new_page()
    sign_in(official, server, OFFICIAL)
    nav(official, "Reporting", "/reporting/")
    mine = main(official).locator("table", has=official.locator("caption", has_text="Your member's progress reports"))
    mine.get_by_role("link", name=f"{CYCLE}: Demoland").click()
    official.wait_for_url(re.compile(r"/reporting/reports/\d+/$"))
    report_path = path_of(official)
    check_axe(official)
    assert report_fact(official, "Status") == "Draft"
    assert report_fact(official, "Prefilled from") == PREVIOUS
    first = answer(official, FIRST)
    narrative = labelled(first, "Narrative")
    assert narrative.input_value().endswith("(synthetic)."), narrative.input_value()
    assert labelled(first, "Status").input_value() != ""
    assert labelled(first, LAWS).input_value() != ""

    # An outdated term is saved with a warning naming the preferred one.
    narrative.fill(CP_NARRATIVE)
    save_section(official, 1)
    warning = answer(official, FIRST).locator(".hub-terminology")
    assert f'"{DISCOURAGED}": prefer "child sexual abuse material' in warning.inner_text(), warning.inner_text()
    assert labelled(answer(official, FIRST), "Narrative").input_value() == CP_NARRATIVE

    # A word in a number field is refused, naming the field, and nothing typed is lost.
    first = answer(official, FIRST)
    labelled(first, "Narrative").fill(NARRATIVE)
    labelled(first, LAWS).fill("lots")
    main(official).locator("#section-1").get_by_role("button", name="Save commitment 1").click()
    summary = main(official).locator("#section-1 .hub-error-summary[role=alert]")
    summary.wait_for()
    check_axe(official)
    assert f"{LAWS}: Give a number." in summary.inner_text(), summary.inner_text()
    first = answer(official, FIRST)
    assert labelled(first, "Narrative").input_value() == NARRATIVE
    assert labelled(first, LAWS).input_value() == "lots"
    summary.get_by_role("link", name=re.compile(re.escape(LAWS))).click()
    assert labelled(first, LAWS).evaluate("el => el === document.activeElement")
    labelled(first, LAWS).fill("3")
    # Evidence attached beside the answer: the text typed with it is saved with it, never lost.
    section = main(official).locator("#section-1")
    labelled(section, "Evidence title").fill("E2E: the new law")
    section.locator("input[type=file]").set_input_files(
        files=[{"name": "law.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}]
    )
    save_section(official, 1, "Evidence added and answers saved.", "Save and attach the evidence")
    first = answer(official, FIRST)
    assert "E2E: the new law" in first.inner_text()
    attached = first.locator("li", has_text="E2E: the new law")
    assert attached.locator("details.hub-checksum summary").inner_text() == "Checksum"
    assert labelled(first, "Narrative").input_value() == NARRATIVE
    assert labelled(first, LAWS).input_value() == "3"
    assert first.locator(".hub-terminology").count() == 0
    assert main(official).get_by_role("link", name="Check your answers and submit").count() == 0  # the focal point's

    # 3. The focal point submits it.
    # On a phone: one click from the dashboard's "Needs your attention" to the open report.
    focal = new_context().new_page()
    focal.set_viewport_size({"width": 390, "height": 844})
    sign_in(focal, server, FOCAL_POINT)
    todo = main(focal).locator("section[aria-labelledby=attention-reporting]")
    entry = todo.locator("li", has=focal.get_by_role("link", name=f"Demoland: {CYCLE}"))
    left = (today + datetime.timedelta(days=20) - datetime.date.today()).days  # the test may cross midnight
    assert "Draft" in entry.inner_text() and f"Due in {left} days" in entry.inner_text(), entry.inner_text()
    entry.get_by_role("link", name=f"Demoland: {CYCLE}").click()
    expect_path(focal, report_path)
    assert focal.evaluate("document.documentElement.scrollWidth") <= 390
    # The focal point fills a second commitment; the first one's text stays as the official saved it.
    second = main(focal).locator("#section-2")
    labelled(second, "Narrative").first.fill("E2E: a budget line for the national hotline.")
    save_section(focal, 2)
    assert labelled(main(focal).locator("#section-2"), "Narrative").first.input_value().startswith("E2E: a budget")
    assert labelled(answer(focal, FIRST), "Narrative").input_value() == NARRATIVE
    focal_submits(focal, report_path)

    # 4. The secretariat reviews it from "awaiting review" on its dashboard and returns it with a comment.
    secretariat.goto("/dashboard/")
    check_axe(secretariat)
    review = main(secretariat).locator("section[aria-labelledby=attention-reporting]")
    review.get_by_role("link", name=f"Review Demoland's report: {CYCLE}").click()
    expect_path(secretariat, report_path)
    check_axe(secretariat)
    changes = answer(secretariat, FIRST).locator("details.hub-diff")
    assert changes.locator("summary").inner_text() == f"Changes since {PREVIOUS}"
    assert changes.get_attribute("open") is not None  # open for the reviewer
    assert changes.locator("ins", has_text="E2E:").first.is_visible(), changes.inner_html()
    form = form_with_button(secretariat, "Return the report")
    labelled(form, "Comment on 2. Resources and funding").fill(COMMENT)
    confirmed(secretariat, form, "Return the report", report_path, "Report returned to the member with your comments.")
    assert report_fact(secretariat, "Status") == "Returned with comments"

    # 5. The official sees the comment, revises that answer; the focal point submits again.
    official.reload()
    check_axe(official)
    assert report_fact(official, "Status") == "Returned with comments"
    second = answer(official, SECOND)
    comments = second.locator(".hub-review-comments")
    assert "Comments of the secretariat" in comments.inner_text() and COMMENT in comments.inner_text()
    labelled(second, "Narrative").fill(FUNDING)
    save_section(official, 2)
    assert labelled(answer(official, SECOND), "Narrative").input_value() == FUNDING
    focal.reload()
    check_axe(focal)
    focal_submits(focal, report_path)

    # 6. The secretariat accepts it.
    secretariat.reload()
    check_axe(secretariat)
    assert FUNDING in answer(secretariat, SECOND).inner_text()
    form = form_with_button(secretariat, "Accept the report")
    confirmed(secretariat, form, "Accept the report", report_path, "Report accepted.")
    assert report_fact(secretariat, "Status") == "Accepted"

    # 7. The official proposes two showcase items; the focal point signs both off.
    official.reload()
    check_axe(official)
    assert report_fact(official, "Status") == "Accepted"
    assert form_with_button(official, "Save commitment 1").count() == 0  # no longer editable
    commitment_links = []
    for title, option in zip(ITEMS, (r"^1\. ", r"^2\. "), strict=True):
        form = form_with_button(official, "Propose for the public site")
        choice = labelled(form, "Answer to showcase")
        label = choice.locator("option").filter(has_text=re.compile(option)).inner_text()
        commitment_links.append(label.split(". ", 1)[1])
        choice.select_option(label=label)
        labelled(form, "Title").fill(title)
        labelled(form, "Text to publish").fill(f"{title}: what changed in the period (synthetic).")
        submit(official, form, "Propose for the public site", report_path, "Item proposed")
        showcase = main(official).locator("h2:text-is('Showcase') ~ ul").first
        assert f"{title}: Awaiting the focal point's sign-off" in showcase.inner_text(), showcase.inner_text()
    assert official.get_by_role("button", name=f'Sign off "{ITEMS[0]}"').count() == 0  # the focal point's call

    focal.reload()
    check_axe(focal)
    for title in ITEMS:
        form = form_with_button(focal, f'Sign off "{title}"')
        confirmed(
            focal,
            form,
            f'Sign off "{title}"',
            report_path,
            "Signed off: the item is now on the public",
            "Sign off and publish",
        )
    showcase = main(focal).locator("h2:text-is('Showcase') ~ ul").first
    for title in ITEMS:
        assert f"{title}: Published" in showcase.inner_text(), showcase.inner_text()

    # 8. An anonymous visitor finds both items on the public commitment pages.
    visitor = new_context().new_page()
    visitor.goto("/")
    check_axe(visitor)
    for title, link in zip(ITEMS, commitment_links, strict=True):
        visitor.get_by_role("navigation", name="Main").get_by_role("button", name="Knowledge").click()
        nav(visitor, "Commitments", "/commitments/")
        main(visitor).get_by_role("link", name=link, exact=True).click()
        visitor.wait_for_url(re.compile(r"/commitments/\d+/$"))
        check_axe(visitor)
        item = main(visitor).locator("article.hub-showcase", has=visitor.get_by_role("heading", name=title))
        assert f"Demoland · {CYCLE}" in item.inner_text(), item.inner_text()
        assert visitor.get_by_role("region", name="Synthetic data").is_visible()

    # 9. Another member's focal point gets a 404 for the report and sees no Demoland answer in the cycle.
    other = new_context().new_page()
    sign_in(other, server, OTHER_FOCAL_POINT)
    response = other.goto(report_path)
    assert response is not None and response.status == 404, response and response.status
    check_axe(other)
    assert NARRATIVE not in other.content()
    other.go_back()
    expect_path(other, "/dashboard/")
    nav(other, "Reporting", "/reporting/")
    main(other).get_by_role("link", name=CYCLE, exact=True).click()
    expect_path(other, cycle_path)
    check_axe(other)
    text = main(other).inner_text()
    assert NARRATIVE not in text and FUNDING not in text and "Reports per member" not in text, text
    assert main(other).get_by_role("link", name=re.compile("Demoland")).count() == 0
    own = main(other).locator('h2:text-is("Your member\'s report") + ul')
    assert own.inner_text().strip() == "Examplestan: Draft", own.inner_text()
    export = other.request.get(main(other).get_by_role("link", name="CSV", exact=True).get_attribute("href"))
    assert export.status == 200
    body = export.text().lower()  # members are named by their slug
    assert ",examplestan," in body and "demoland" not in body and "e2e:" not in body, body[:500]
