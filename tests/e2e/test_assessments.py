"""MNR self-assessment in a real browser, as the issue's "done means" reads: Demoland's focal point follows
the dashboard's job to the 2026 draft, changes a phase, saves and submits it (confirming), reads the gap
view with its good practices and downloads it as XLSX; the secretariat reads the safe aggregate of 2025
with its suppressed cells; another member's focal point gets a 404 for Demoland's assessment and finds no
Demoland answer in the aggregates. Every page passes axe; the phone width has no sideways scroll."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.e2e.conftest import FOCAL_POINT
from tests.e2e.conftest import SECRETARIAT
from tests.e2e.conftest import Server
from tests.e2e.conftest import check_axe
from tests.e2e.conftest import expect_path
from tests.e2e.conftest import form_with_button
from tests.e2e.conftest import main
from tests.e2e.conftest import path_of
from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.browser

OTHER_FOCAL_POINT = "focal.examplestan@demo.taskforce.invalid"  # member B: Examplestan
PAST = "2025 self-assessment"
CURRENT = "2026 self-assessment"
JOB = re.compile(rf"self-assessment of Demoland for {CURRENT}")
SUPPRESSED = "Not enough responses to protect confidentiality"
EVIDENCE = "Synthetic demo: Demoland"  # how every demo answer of Demoland's begins


def no_sideways_scroll(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url}: {width} px wide"


def at_phone_width(page: Any) -> None:
    """The page as it is, at 390 px: axe and no sideways scroll; then back to the desktop width."""
    page.set_viewport_size({"width": 390, "height": 900})
    check_axe(page)
    no_sideways_scroll(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def fact(page: Any, term: str) -> str:
    """A term's description in the page's first description list of facts."""
    return main(page).locator(f'dl.hub-facts dt:text-is("{term}") + dd').first.inner_text().strip()


def text_beside_the_banner(page: Any) -> str:
    """The main content's text without the synthetic-data banner (which names Demoland as an example)."""
    text = main(page).inner_text()
    banner = main(page).get_by_role("region", name="Synthetic data").first
    return text.replace(banner.inner_text(), "") if banner.count() else text


def change_one_phase(page: Any) -> str:
    """Choose another phase for the first capability, clicking the tile's label as a person does; return
    the capability's heading."""
    section = main(page).locator("section.hub-capability").first
    radios = section.get_by_role("radio")
    checked = [i for i in range(radios.count()) if radios.nth(i).is_checked()]
    other = next(i for i in range(radios.count()) if i not in checked)
    radio = radios.nth(other)
    section.locator(f"label[for='{radio.get_attribute('id')}']").click()
    assert radio.is_checked()
    return section.get_by_role("heading", level=3).inner_text()


def test_a_member_submits_its_self_assessment_and_nobody_else_sees_its_answers(
    new_context: Any, server: Server
) -> None:
    # Member A: Demoland's focal point follows the dashboard's job to the 2026 draft.
    member = new_context().new_page()
    sign_in(member, server, FOCAL_POINT)
    main(member).get_by_role("link", name=JOB).click()
    member.wait_for_url(re.compile(r"/assessments/\d+/$"))
    assessment_path = path_of(member)
    check_axe(member)
    at_phone_width(member)
    heading = main(member).get_by_role("heading", level=1).inner_text()
    assert heading.startswith(f"Self-assessment of Demoland: {CURRENT}"), heading
    assert fact(member, "Status") == "Draft"
    assert fact(member, "Prefilled from") == PAST

    # One phase changed and saved.
    capability = change_one_phase(member)
    with member.expect_navigation():
        form_with_button(member, "Save the answers").get_by_role("button", name="Save the answers").click()
    expect_path(member, assessment_path)
    assert "Your answers are saved." in member.locator(".hub-messages").inner_text()
    check_axe(member)

    # Submitted, confirming once more.
    with member.expect_navigation():
        form_with_button(member, "Submit the self-assessment").get_by_role("button").click()
    check_axe(member)
    assert "Submit Demoland's self-assessment to the secretariat?" in main(member).inner_text()
    with member.expect_navigation():
        form_with_button(member, "Submit the self-assessment").get_by_role(
            "button", name="Submit the self-assessment"
        ).click()
    expect_path(member, assessment_path)
    assert "The self-assessment was submitted to the secretariat." in member.locator(".hub-messages").inner_text()
    check_axe(member)
    assert fact(member, "Status") == "Submitted"
    assert main(member).get_by_role("button", name="Save the answers").count() == 0  # no longer editable
    assert main(member).get_by_role("heading", name=capability).is_visible()

    # The gap view: capabilities below target, each with the good practices tagged with it.
    main(member).get_by_role("link", name="Capability gaps, with good practices").click()
    expect_path(member, assessment_path + "gaps/")
    check_axe(member)
    table = main(member).get_by_role("table", name="Capabilities below their target phase")
    practices = table.locator("td a[href^='/good-practices/']")
    assert practices.count() > 0, table.inner_text()

    # The gap view as a spreadsheet.
    with member.expect_download() as download:
        main(member).get_by_role("link", name="Download as a spreadsheet (XLSX)").click()
    assert download.value.suggested_filename.endswith(".xlsx"), download.value.suggested_filename
    with open(download.value.path(), "rb") as f:
        assert f.read(2) == b"PK"

    # A good practice of the gap view opens.
    practices.first.click()
    member.wait_for_url(re.compile(r"/good-practices/\d+/$"))
    check_axe(member)

    # The secretariat: the safe aggregate of 2025, with counts and suppressed cells.
    secretariat = new_context().new_page()
    sign_in(secretariat, server, SECRETARIAT)
    secretariat.goto("/assessments/aggregates/")
    check_axe(secretariat)
    form = form_with_button(secretariat, "Show")
    form.get_by_label("Cycle", exact=True).select_option(label=PAST)
    with secretariat.expect_navigation():
        form.get_by_role("button", name="Show").click()
    check_axe(secretariat)
    at_phone_width(secretariat)
    phases = main(secretariat).get_by_role("table", name=re.compile(rf"^{PAST}: answers per phase, all regions"))
    respondents = [int(n) for n in phases.locator("tbody td:nth-child(2)").all_inner_texts() if n.strip().isdigit()]
    assert respondents and min(respondents) >= 5, phases.inner_text()
    regions = main(secretariat).get_by_role("table", name=f"{PAST}: respondents and answers per phase, by region")
    assert SUPPRESSED in regions.inner_text(), regions.inner_text()
    assert re.search(r"\b\d+ respondents\b", regions.inner_text()), regions.inner_text()
    assert "Demoland" not in text_beside_the_banner(secretariat)

    # Member B: Examplestan's focal point gets a 404 for Demoland's assessment, and no trace in the aggregates.
    other = new_context().new_page()
    sign_in(other, server, OTHER_FOCAL_POINT)
    response = other.goto(assessment_path)
    assert response is not None and response.status == 404, response and response.status
    check_axe(other)
    # The not-found page (the server runs with DEBUG on: Django's own, without the site's layout).
    assert other.locator("h1").first.inner_text().startswith("Page not found")
    assert EVIDENCE not in other.content() and "Demoland" not in other.content()
    response = other.goto(assessment_path + "gaps/")
    assert response is not None and response.status == 404, response and response.status
    other.goto("/assessments/aggregates/")
    check_axe(other)
    at_phone_width(other)
    assert EVIDENCE not in other.content() and "Demoland" not in text_beside_the_banner(other)
