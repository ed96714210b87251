"""The audit log as the secretariat reads it: it fits a 1280 px screen without a sideways cut, stacks its
records at 390 px, filters with the browser's date inputs, in English and in French; axe on each page."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import SECRETARIAT
from tests.e2e.conftest import Server
from tests.e2e.conftest import check_axe
from tests.e2e.conftest import main
from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.browser

MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
FRENCH_MOMENT = re.compile(rf"\b\d{{1,2}} ({MONTHS}) \d{{4}}, \d{{2}}:\d{{2}}\b")


def no_sideways_scroll(page) -> None:
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth,"
        " document.querySelector('table.hub-audit').getBoundingClientRect().right]"
    )
    scroll_width, window_width, table_right = widths
    assert scroll_width <= window_width, widths
    assert table_right <= window_width, widths


@pytest.mark.parametrize("width", [1280, 390])
def test_the_audit_log_fits_the_screen_and_filters_by_kind_and_date(page, server: Server, width: int):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, server, SECRETARIAT)
    page.goto("/audit/")
    check_axe(page)
    no_sideways_scroll(page)
    form = main(page).get_by_role("search")
    form.get_by_label("Kind of record").select_option(label="Progress report")
    assert form.get_by_label("From").get_attribute("type") == "date"
    form.get_by_label("From").fill("2020-01-01")
    form.get_by_role("button", name="Filter").click()
    page.wait_for_url("**/audit/?*")
    check_axe(page)
    no_sideways_scroll(page)
    table = main(page).locator("table.hub-audit")
    assert "Progress report" in table.inner_text()
    assert "progressreport" not in table.inner_text()
    assert "None" not in table.inner_text()
    if width == 390:  # each record is a block of labelled lines
        display = page.evaluate("getComputedStyle(document.querySelector('table.hub-audit > tbody > tr > td')).display")
        assert display == "block"


def test_the_audit_log_reads_in_french(page, server: Server):
    sign_in(page, server, SECRETARIAT)
    page.context.add_cookies([{"name": "django_language", "value": "fr", "url": server.base_url}])
    page.goto("/audit/")
    check_axe(page)
    no_sideways_scroll(page)
    table = main(page).locator("table.hub-audit").inner_text()
    assert "Utilisateur" in table  # the sign-in just made, under the User model's French name
    assert FRENCH_MOMENT.search(table), table[:300]  # "1 décembre 2026, 12:19"
