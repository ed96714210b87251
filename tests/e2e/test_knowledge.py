"""The knowledge hub in a real browser: a newcomer finds a good practice by searching in French and
opens its document; the secretariat's knowledge pages at phone and desktop widths, each with axe."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.e2e.conftest import SECRETARIAT
from tests.e2e.conftest import Server
from tests.e2e.conftest import check_axe
from tests.e2e.conftest import expect_path
from tests.e2e.conftest import main
from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.browser

PRACTICE = "Bonnes pratiques : le signalement en ligne à la ligne nationale de signalement"
DOCUMENT = "Fictonia : bonnes pratiques de protection des enfants en ligne (synthétique)"


def no_sideways_scroll(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url}: {width} px wide"


def test_a_visitor_finds_a_good_practice_by_searching_in_french_and_opens_its_document(
    page: Any, server: Server
) -> None:
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto("/")
    # French first, with the language switch of the phone menu.
    page.get_by_role("button", name="Menu").click()
    page.get_by_label("Language").select_option(label="français")
    page.get_by_role("button", name="Change").click()
    page.wait_for_function("document.documentElement.lang === 'fr'")

    # The header's search box, inside the phone menu; words of the practice, without their accents.
    page.get_by_role("button", name="Menu").click()
    search = page.get_by_role("search")
    search.get_by_role("searchbox").fill("signalements en ligne")
    search.get_by_role("button").click()
    page.wait_for_url(re.compile(r"/search/\?"))
    check_axe(page)
    no_sideways_scroll(page)
    results = main(page)
    assert results.locator("mark").count() > 0  # the words found are highlighted

    results.get_by_role("link", name=PRACTICE).click()
    page.wait_for_url(re.compile(r"/good-practices/\d+/$"))
    check_axe(page)
    no_sideways_scroll(page)
    assert main(page).get_by_role("heading", level=1).inner_text().startswith(PRACTICE)
    assert page.get_by_role("region", name=re.compile("synthétiques|Synthetic", re.I)).is_visible()

    main(page).get_by_role("link", name=DOCUMENT).click()
    page.wait_for_url(re.compile(r"/library/\d+/$"))
    check_axe(page)
    no_sideways_scroll(page)
    assert main(page).get_by_role("heading", level=1).inner_text().startswith(DOCUMENT)
    with page.expect_download() as download:
        main(page).get_by_role("link", name=re.compile("Télécharger", re.I)).first.click()
    assert download.value.suggested_filename.endswith(".pdf") or "." in download.value.suggested_filename


@pytest.mark.parametrize("width", [390, 1280])
def test_the_secretariats_knowledge_pages_fit_and_pass_axe(new_context: Any, server: Server, width: int) -> None:
    page = new_context().new_page()
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, server, SECRETARIAT)
    for path in ("/good-practices/", "/library/", "/consultations/", "/glossary/", "/search/?q=plan"):
        page.goto(path)
        check_axe(page)
        no_sideways_scroll(page)
        # The first record of each list, where the list links to records.
        hrefs = main(page).locator("a[href]").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        hrefs = [h for h in hrefs if re.fullmatch(r"/(good-practices|library|consultations)/\d+/|/glossary/[\w-]+/", h)]
        if hrefs:
            page.goto(hrefs[0])
            check_axe(page)
            no_sideways_scroll(page)
    page.goto("/glossary/check/")
    main(page).get_by_role("textbox").first.fill("A report on child pornography and sextortion.")
    main(page).get_by_role("button", name=re.compile("Check", re.I)).click()
    check_axe(page)
    assert "child sexual abuse material" in main(page).inner_text()
    expect_path(page, "/glossary/check/")
