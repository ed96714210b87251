"""The header at 390, 1024, 1280 and 1920 px, for a visitor and for the secretariat, with and without
JavaScript: the navigation on one row clear of the logo on the desktop, the Menu button opening it on a
phone (with the language switch), the current section marked, the links reachable without scripts.

Each width leaves a screenshot of the header in test-artifacts/e2e/ (header-<who>-<width>.png) to look at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.conftest import SECRETARIAT
from tests.e2e.conftest import BrowserErrors
from tests.e2e.conftest import Server
from tests.e2e.conftest import check_axe
from tests.e2e.conftest import expect_path
from tests.e2e.conftest import main
from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.browser

WIDTHS = (390, 1024, 1280, 1920)
DESKTOP = 1024  # USWDS's desktop breakpoint (64em): from here the navigation is a row, not a menu
TOP_LEVEL = ".usa-nav__primary > .usa-nav__primary-item > :is(a, button)"
GROUP_LINKS = ".usa-nav__submenu a"


@contextmanager
def browser_context(browser: Any, server: Server, **options: Any) -> Iterator[Any]:
    """A fresh context watched for script and console errors; closed at the end."""
    errors = BrowserErrors()
    context = browser.new_context(
        base_url=server.base_url, locale="en-GB", viewport={"width": 1280, "height": 900}, **options
    )
    context.set_default_timeout(10_000)
    context.on("page", errors.watch)
    try:
        yield context
    finally:
        context.close()
    assert not errors.messages, "The browser reported errors:\n" + "\n".join(errors.messages)


def nav(page: Any) -> Any:
    return page.get_by_role("navigation", name="Main")


def box(locator: Any) -> dict[str, float]:
    found = locator.bounding_box()
    assert found is not None, f"{locator} is not drawn"
    return found


def overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def screenshot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def no_sideways_scroll(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"the page is {width} px wide at {page.viewport_size['width']} px"


def check_desktop_row(page: Any) -> None:
    """Every top-level item on one row, none wrapped, none over the logo or its neighbour, inside the window."""
    logo = box(page.locator(".usa-logo"))
    items = page.locator(TOP_LEVEL)
    boxes = [box(items.nth(i)) for i in range(items.count())]
    assert len(boxes) <= 7
    tops = {round(b["y"]) for b in boxes}
    heights = {round(b["height"]) for b in boxes}
    assert max(tops) - min(tops) <= 1, f"the items are on more than one row: {boxes}"
    assert max(heights) - min(heights) <= 1, f"an item wraps onto two lines: {boxes}"
    for b in boxes:
        assert not overlap(b, logo), f"an item overlaps the logo: {b} and {logo}"
        assert b["x"] + b["width"] <= page.viewport_size["width"]
    for left, right in zip(boxes, boxes[1:], strict=False):
        assert left["x"] + left["width"] <= right["x"] + 0.5, f"items overlap: {left} and {right}"
    switch = box(page.get_by_label("Language"))
    assert not overlap(switch, logo)
    assert all(not overlap(switch, b) for b in boxes)


def open_phone_menu(page: Any) -> None:
    """Below the desktop width the navigation waits behind the Menu button; it opens the links and the language."""
    assert not nav(page).get_by_role("link", name="Members").is_visible()
    page.get_by_role("button", name="Menu").click()
    nav(page).get_by_role("link", name="Members").wait_for(state="visible")
    assert nav(page).get_by_label("Language").is_visible()
    assert nav(page).get_by_role("button", name="Change").is_visible()


def close_phone_menu(page: Any) -> None:
    nav(page).get_by_role("button", name="Close").click()
    nav(page).get_by_role("link", name="Members").wait_for(state="hidden")


def check_current(page: Any, path: str, name: str) -> None:
    """On `path`, the link `name` (and no other) carries aria-current="page"."""
    page.goto(path)
    current = nav(page).locator("[aria-current=page]")
    assert current.count() == 1, current.all_inner_texts()
    assert current.inner_text().strip() == name


def test_the_visitors_header_at_every_width(browser: Any, server: Server) -> None:
    with browser_context(browser, server) as context:
        page = context.new_page()
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.goto("/members/")
            check_axe(page)
            no_sideways_scroll(page)
            screenshot(page, f"header-visitor-{width}")
            if width >= DESKTOP:
                check_desktop_row(page)
                assert not page.get_by_role("button", name="Menu").is_visible()
            else:
                open_phone_menu(page)
                check_axe(page)
                screenshot(page, f"header-visitor-{width}-menu")
                assert nav(page).get_by_role("link", name="Sign in").is_visible()
                close_phone_menu(page)
        page.set_viewport_size({"width": 1280, "height": 900})
        check_current(page, "/members/", "Members")
        check_current(page, "/commitments/", "Commitments")
        check_current(page, "/accounts/login/", "Sign in")


def test_the_secretariats_header_at_every_width_with_and_without_scripts(browser: Any, server: Server) -> None:
    with browser_context(browser, server) as context:
        page = context.new_page()
        sign_in(page, server, SECRETARIAT)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.goto("/members/")
            no_sideways_scroll(page)
            screenshot(page, f"header-secretariat-{width}")
            if width >= DESKTOP:
                check_desktop_row(page)
                # A group opens under its button; its links are shown, inside the window.
                nav(page).get_by_role("button", name="Account").click()
                sign_out = nav(page).get_by_role("link", name="Sign out")
                sign_out.wait_for(state="visible")
                assert box(sign_out)["x"] + box(sign_out)["width"] <= width
                check_axe(page)
                screenshot(page, f"header-secretariat-{width}-account")
            else:
                open_phone_menu(page)
                nav(page).get_by_role("button", name="Secretariat").click()
                nav(page).get_by_role("link", name="Join requests").wait_for(state="visible")
                check_axe(page)
                screenshot(page, f"header-secretariat-{width}-menu")
                close_phone_menu(page)
        page.set_viewport_size({"width": 1280, "height": 900})
        check_current(page, "/dashboard/", "Dashboard")
        check_current(page, "/join-requests/", "Join requests")
        group = nav(page).get_by_role("button", name="Secretariat")
        assert "usa-current" in (group.get_attribute("class") or "")  # the group holding the current page
        signed_in = context.storage_state()

    # The same session without JavaScript: every link can still be reached.
    with browser_context(browser, server, java_script_enabled=False, storage_state=signed_in) as context:
        page = context.new_page()
        page.set_viewport_size({"width": 390, "height": 900})
        page.goto("/members/")
        screenshot(page, "header-secretariat-390-no-script")
        assert not page.get_by_role("button", name="Menu").is_visible()
        for name in ("Members", "Reporting", "Dashboard", "Invitations", "Join requests", "Audit log", "Sign out"):
            assert nav(page).get_by_role("link", name=name, exact=True).is_visible(), name
        assert nav(page).get_by_label("Language").is_visible()
        no_sideways_scroll(page)

        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto("/members/")
        check_desktop_row(page)
        join_requests = nav(page).get_by_role("link", name="Join requests")
        assert not join_requests.is_visible()
        # By keyboard: Tab onto the group's button, its links appear and take the next Tab.
        nav(page).get_by_role("button", name="Secretariat").focus()
        join_requests.wait_for(state="visible")
        screenshot(page, "header-secretariat-1280-no-script")
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent").strip() == "Join requests"
        page.keyboard.press("Enter")
        expect_path(page, "/join-requests/")


def test_a_visitor_without_scripts_reaches_every_link(browser: Any, server: Server) -> None:
    with browser_context(browser, server, java_script_enabled=False) as context:
        page = context.new_page()
        for width in (320, 390, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto("/")
            screenshot(page, f"header-visitor-{width}-no-script")
            no_sideways_scroll(page)
            assert not page.get_by_role("button", name="Menu").is_visible()
            for name in ("Members", "Meetings", "API", "Sign in"):
                assert nav(page).get_by_role("link", name=name, exact=True).is_visible(), (width, name)
            if width >= DESKTOP:  # a group's links show while the keyboard focus is in it
                nav(page).get_by_role("button", name="Knowledge").focus()
            for name in ("Commitments", "Good practices", "Library", "Legal frameworks", "Glossary"):
                assert nav(page).get_by_role("link", name=name, exact=True).is_visible(), (width, name)
            assert nav(page).get_by_label("Language").is_visible()
        nav(page).get_by_role("link", name="Members").click()
        expect_path(page, "/members/")


def test_the_skip_link_shows_inside_the_window_when_focused(page: Any) -> None:
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/")
        page.keyboard.press("Tab")
        skip = page.get_by_role("link", name="Skip to main content")
        assert page.evaluate("document.activeElement.getAttribute('href')") == "#main-content"
        drawn = box(skip)
        outline = page.evaluate("parseFloat(getComputedStyle(document.activeElement).outlineWidth)")
        assert outline >= 2
        assert drawn["x"] - outline >= 0 and drawn["y"] - outline >= 0, drawn  # the focus ring too
        assert not overlap(drawn, box(page.locator(".usa-logo")))
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main-content"


def test_the_sign_in_form_takes_the_keyboard_at_once(page: Any) -> None:
    page.goto("/accounts/login/")
    check_axe(page)
    for _ in range(3):  # at most two Tabs to the e-mail field: here it has the focus on arrival
        if page.evaluate("document.activeElement.id") == "id_login":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_login"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_password"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Forgot your password?"


def test_a_visitor_on_a_phone_uses_the_menu_in_spanish(new_context: Any) -> None:
    context = new_context()
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")
    check_axe(page)

    # Open the menu, choose Español, change.
    open_phone_menu(page)
    nav(page).get_by_label("Language").select_option("es")
    with page.expect_navigation():
        nav(page).get_by_role("button", name="Change").click()
    assert page.locator("html").get_attribute("lang") == "es"
    check_axe(page)

    # In Spanish, the menu opens again and leads to the members.
    page.get_by_role("button", name="Menú").click()
    menu = page.get_by_role("navigation", name="Principal")
    members = menu.get_by_role("link", name="Miembros")
    members.wait_for(state="visible")
    assert menu.get_by_label("Idioma").is_visible()
    check_axe(page)
    screenshot(page, "header-visitor-390-menu-es")
    members.click()
    expect_path(page, "/members/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert (page.locator("#main-nav [aria-current=page]").text_content() or "").strip() == "Miembros"
    check_axe(page)
    assert re.search(r"Miembros", main(page).get_by_role("heading", level=1).inner_text())
