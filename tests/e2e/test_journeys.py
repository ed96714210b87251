"""User journeys in a real browser, with an axe-core accessibility check on every page visited."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.e2e.conftest import DEMO_PASSWORD
from tests.e2e.conftest import FOCAL_POINT
from tests.e2e.conftest import SECRETARIAT
from tests.e2e.conftest import Server
from tests.e2e.conftest import check_axe
from tests.e2e.conftest import demo_code
from tests.e2e.conftest import expect_path
from tests.e2e.conftest import mail_to
from tests.e2e.conftest import main
from tests.e2e.conftest import sign_in
from tests.e2e.conftest import totp_code
from tests.e2e.conftest import wait_for_fresh_window

pytestmark = pytest.mark.browser

NEW_OFFICIAL = "new.official@demoland.example.org"
NEW_PASSWORD = "a-long-and-unusual-passphrase-2026"


def test_secretariat_invites_an_official_who_joins(new_context: Any, server: Server) -> None:
    # The secretariat officer signs in with password and authenticator code.
    page = new_context().new_page()
    sign_in(page, server, SECRETARIAT)
    assert main(page).get_by_role("heading", level=1).inner_text() == "Dashboard"
    assert "Sam Secretariat" in main(page).inner_text()

    # They invite a new member official of Demoland.
    page.get_by_role("navigation", name="Main").get_by_role("button", name="Secretariat").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Invitations").click()
    expect_path(page, "/invitations/")
    check_axe(page)
    form = main(page).locator("form.usa-form").first
    form.get_by_label("E-mail address").fill(NEW_OFFICIAL)
    form.get_by_label("Role").select_option("official")
    form.get_by_label("Member", exact=True).select_option(label="Demoland")
    form.get_by_role("button", name="Send invitation").click()
    expect_path(page, "/invitations/")
    status = page.locator(".hub-messages[role=status]")
    assert f"Invitation sent to {NEW_OFFICIAL}." in status.inner_text()
    row = main(page).locator("tbody tr", has_text=NEW_OFFICIAL)
    assert "pending" in row.inner_text()
    check_axe(page)

    # They sign out through the confirmation form.
    page.get_by_role("navigation", name="Main").get_by_role("button", name="Account").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign out").click()
    expect_path(page, "/accounts/logout/")
    check_axe(page)
    main(page).locator("form").get_by_role("button").click()
    expect_path(page, "/")
    check_axe(page)
    assert page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign in").is_visible()

    # The invitation e-mail holds a one-time link to this server.
    message = mail_to(server.mail_dir, NEW_OFFICIAL)
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "Member official" in body and "Demoland" in body
    links = re.findall(r"https?://\S+/invitations/accept/[\w-]+/", body)
    assert len(links) == 1, body
    link = links[0]
    assert link.startswith(server.base_url + "/"), f"The link {link} does not point to {server.base_url}"

    # The new official opens it in their own browser.
    official = new_context().new_page()
    official.goto(link)
    check_axe(official)
    assert official.get_by_role("heading", level=1).inner_text() == "Accept your invitation"
    assert NEW_OFFICIAL in main(official).inner_text()
    form = main(official).locator("form")
    form.get_by_label("Full name").fill("Nora New-Official")
    form.get_by_label(re.compile(r"^Password\W*$")).fill(NEW_PASSWORD)
    form.get_by_label("Password again").fill(NEW_PASSWORD)
    form.get_by_role("button", name="Accept").click()

    # They are signed in and must set up an authenticator app first.
    expect_path(official, "/accounts/2fa/totp/activate/")
    check_axe(official)
    assert "set up your second factor" in official.locator(".hub-messages").inner_text()
    secret = main(official).locator("#authenticator_secret").input_value()
    assert re.fullmatch(r"[A-Z2-7]{16,}=*", secret), secret
    wait_for_fresh_window()
    form = main(official).locator("form")
    form.locator("input[name=code]").fill(totp_code(secret))
    form.get_by_role("button", name="Activate").click()
    # allauth then shows the new recovery codes.
    expect_path(official, "/accounts/2fa/recovery-codes/")
    check_axe(official)
    assert "Authenticator app activated." in official.locator(".hub-messages").inner_text()
    assert main(official).get_by_role("heading", level=1).inner_text() == "Recovery Codes"

    # Now a full member of the Taskforce: the directory and their dashboard show Demoland.
    official.goto("/members/")
    expect_path(official, "/members/")
    check_axe(official)
    assert main(official).get_by_role("link", name="Demoland").is_visible()

    official.goto("/dashboard/")
    expect_path(official, "/dashboard/")
    check_axe(official)
    assert "Nora New-Official" in main(official).inner_text()
    your_members = main(official).get_by_role("heading", name="Your members")
    assert your_members.is_visible()
    assert main(official).locator("h2:has-text('Your members') + ul").get_by_role("link", name="Demoland").is_visible()

    # The invitation is now spent.
    page.goto(link)
    check_axe(page)
    assert page.get_by_role("heading", level=1).inner_text() == "This invitation cannot be used"


def focused(page: Any) -> dict[str, Any]:
    """What has the keyboard focus, and whether it is visibly marked."""
    return page.evaluate(
        """() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        return {
            tag: el.tagName.toLowerCase(),
            id: el.id,
            text: (el.innerText || el.value || "").trim(),
            href: el.getAttribute("href"),
            outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
            inViewport: box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0
                && box.bottom <= window.innerHeight && box.right <= window.innerWidth,
        };
    }"""
    )


def visibly_focused(page: Any) -> dict[str, Any]:
    """The focused element, once it shows a focus outline inside the viewport (a skip link slides in)."""
    now = focused(page)
    for _ in range(20):
        if now["outline"] and now["inViewport"]:
            return now
        page.wait_for_timeout(50)
        now = focused(page)
    raise AssertionError(f"The focused element has no visible focus indicator: {now}")


def tab_to(page: Any, matches: Any, limit: int) -> dict[str, Any]:
    """Press Tab until the focused element matches; every stop on the way must show its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = visibly_focused(page)
        if matches(now):
            return now
    raise AssertionError(f"Not reached within {limit} Tab presses; focus is on {focused(page)}")


def test_keyboard_only_sign_in(page: Any, server: Server) -> None:
    page.goto("/")
    check_axe(page)

    # The first Tab stop is the skip link, shown with a focus indicator.
    page.keyboard.press("Tab")
    first = visibly_focused(page)
    assert first["href"] == "#main-content" and first["text"] == "Skip to main content", first

    # Tab along the header to "Sign in" and follow it.
    tab_to(page, lambda f: f["text"] == "Sign in", limit=12)
    page.keyboard.press("Enter")
    expect_path(page, "/accounts/login/")
    check_axe(page)

    # The e-mail field has the focus on arrival; type the address, Tab to the password, Enter submits.
    assert focused(page)["id"] == "id_login"
    page.keyboard.type(FOCAL_POINT)
    tab_to(page, lambda f: f["id"] == "id_password", limit=1)  # "Forgot your password?" comes after it
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    expect_path(page, "/accounts/2fa/authenticate/")
    check_axe(page)

    # The code field: reached by Tab, the code typed, Enter.
    code = demo_code(server, FOCAL_POINT)
    if focused(page)["tag"] != "input":
        tab_to(page, lambda f: f["tag"] == "input" and f["id"] == "id_code", limit=15)
    page.keyboard.type(code)
    page.keyboard.press("Enter")
    expect_path(page, "/dashboard/")
    check_axe(page)
    assert "Dana Focal (Demoland)" in main(page).inner_text()


def test_anonymous_visitor_reads_the_directory_in_french(page: Any, server: Server) -> None:
    page.goto("/")
    check_axe(page)
    assert page.locator("html").get_attribute("lang") == "en"

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Members").click()
    expect_path(page, "/members/")
    check_axe(page)
    assert main(page).get_by_role("heading", level=1).inner_text() == "Members of the Taskforce"

    # The language switch: choose "français", submit, stay on the directory.
    page.get_by_label("Language").select_option(label="français")
    page.get_by_role("button", name="Change").click()
    page.wait_for_function("document.documentElement.lang === 'fr'")
    expect_path(page, "/members/")
    check_axe(page)
    assert main(page).get_by_role("heading", level=1).inner_text() == "Membres du Groupe de travail"
    assert page.get_by_label("Langue").input_value() == "fr"

    # A member's profile, still in French.
    main(page).get_by_role("link", name="Demoland").click()
    expect_path(page, "/members/demoland/")
    check_axe(page)
    assert page.locator("html").get_attribute("lang") == "fr"
    assert main(page).get_by_role("heading", level=1).inner_text().startswith("Demoland")
    assert "membre fictif" in main(page).inner_text()


def test_the_axe_check_reports_violations(page: Any) -> None:
    """The harness itself: a page with known faults must fail check_axe, with a readable report."""
    page.set_content(
        "<html><body><input type='text'><img src='data:image/gif;base64,R0lGODlhAQABAAAAACw='></body></html>"
    )
    with pytest.raises(pytest.fail.Exception) as failure:
        check_axe(page)
    report = str(failure.value)
    for rule in ("html-has-lang", "label", "image-alt"):
        assert f"- {rule} (" in report, report
