"""Legal frameworks in a real browser, as the issue's "done means" reads: the secretariat imports codings
for three fictional members from an XLSX (and sees a file with one bad row refused with its row number),
compares them side by side and reads the safe-haven view; a member official contests a coding, the
secretariat accepts it, and the profile as of the day before still shows the coding it replaced.
Every page passes axe; the phone width has no sideways scroll."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from tests.e2e.conftest import OFFICIAL
from tests.e2e.conftest import SECRETARIAT
from tests.e2e.conftest import Server
from tests.e2e.conftest import check_axe
from tests.e2e.conftest import expect_path
from tests.e2e.conftest import form_with_button
from tests.e2e.conftest import main
from tests.e2e.conftest import path_of
from tests.e2e.conftest import sign_in
from tests.e2e.conftest import tick

pytestmark = pytest.mark.browser

MEMBERS = ["examplestan", "illustria", "mockovia"]
COLUMNS = ["member", "version", "provision", "status", "statute", "pinpoint", "rationale", "review", "reason"]


def workbook(path: Path, rows: list[list[str]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def coding_rows(status: str = "met") -> list[list[str]]:
    return [
        [slug, "2026-1", code, status, "", f"s. {n}", "Synthetic demo coding, imported.", "verified", "Imported"]
        for slug in MEMBERS
        for n, code in enumerate(["O5", "O6", "G1"], start=1)
    ]


def no_sideways_scroll(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url}: {width} px wide"


def coding_now(page: Any) -> str:
    """The coding shown on a coding page (the term "Coding" of its description list)."""
    return main(page).locator('dt:text-is("Coding") + dd').first.inner_text().strip()


def import_file(page: Any, path: Path) -> None:
    page.goto("/legal/import/")
    form = form_with_button(page, "Import")
    form.get_by_label("File (CSV or XLSX)").set_input_files(str(path))
    with page.expect_navigation():
        form.get_by_role("button", name="Import", exact=True).click()
    check_axe(page)


def test_codings_are_imported_compared_and_a_correction_keeps_the_earlier_coding(
    new_context: Any, server: Server, tmp_path: Path
) -> None:
    secretariat = new_context().new_page()
    secretariat.set_viewport_size({"width": 1280, "height": 900})
    sign_in(secretariat, server, SECRETARIAT)

    # A file with one bad row in the middle is refused, naming the row; nothing is imported.
    bad = coding_rows()
    bad[4][3] = "maybe"
    import_file(secretariat, workbook(tmp_path / "bad.xlsx", bad))
    alert = secretariat.get_by_role("alert")
    assert "Row 6" in alert.inner_text(), alert.inner_text()  # the header is row 1
    # The good file goes in.
    import_file(secretariat, workbook(tmp_path / "codings.xlsx", coding_rows()))
    assert "Imported" in main(secretariat).locator(".usa-alert--success").inner_text()

    # The three members side by side: the imported provisions agree.
    secretariat.goto("/legal/compare/?" + "&".join(f"members={m}" for m in MEMBERS))
    check_axe(secretariat)
    table = main(secretariat).get_by_role("table", name="Codings side by side")
    o5 = table.get_by_role("row", name=re.compile(r"^O5 Simple possession"))
    assert o5.inner_text().count("Met") == 3 and "same" in o5.inner_text()

    secretariat.goto("/legal/safe-havens/")
    check_axe(secretariat)
    assert main(secretariat).get_by_role("heading", level=1).inner_text() == "Possible safe havens"
    assert "G5" not in main(secretariat).locator("h3").all_inner_texts()

    # A member official contests Demoland's coding of O5, at phone width.
    official = new_context().new_page()
    official.set_viewport_size({"width": 390, "height": 900})
    sign_in(official, server, OFFICIAL)
    coding = "/legal/profiles/demoland/2026-1/O5/"
    official.goto(coding)
    check_axe(official)
    no_sideways_scroll(official)
    before = coding_now(official)
    main(official).get_by_role("link", name="Contest this coding").click()
    expect_path(official, coding + "contest/")
    check_axe(official)
    form = form_with_button(official, "Send the correction request")
    proposed = "Partly met" if before == "Met" else "Met"
    tick(form, proposed)
    form.get_by_label(re.compile("^Citation")).fill("Fictional Act No. 10 of 2005, s. 11(2)")
    form.get_by_label(re.compile("^Why the coding should change")).fill("The 2026 amendment covers possession.")
    with official.expect_navigation():
        form.get_by_role("button", name="Send the correction request", exact=True).click()
    assert re.fullmatch(r"/legal/corrections/\d+/", path_of(official)), official.url
    assert "Your correction request was sent to the secretariat." in official.locator(".hub-messages").inner_text()
    check_axe(official)
    no_sideways_scroll(official)

    # The secretariat accepts it, confirming once more.
    secretariat.goto("/legal/corrections/")
    check_axe(secretariat)
    main(secretariat).get_by_role("link", name="Provision O5").first.click()
    check_axe(secretariat)
    with secretariat.expect_navigation():
        form_with_button(secretariat, "Accept…").get_by_role("button", name="Accept…").click()
    check_axe(secretariat)
    confirm = form_with_button(secretariat, "Accept the correction")
    with secretariat.expect_navigation():
        confirm.get_by_role("button", name="Accept the correction").click()
    assert "The correction was accepted" in secretariat.locator(".hub-messages").inner_text()

    # Today the coding is the proposed one; as of yesterday the profile shows the coding it replaced.
    secretariat.goto(coding)
    assert coding_now(secretariat) == proposed
    yesterday = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()
    secretariat.goto(f"/legal/profiles/demoland/?as_of={yesterday}")
    check_axe(secretariat)
    row = main(secretariat).get_by_role("row", name=re.compile(r"^O5 Simple possession"))
    assert before in row.inner_text(), row.inner_text()
