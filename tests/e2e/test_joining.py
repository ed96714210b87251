"""Members and joining, end to end: a government asks to join, the secretariat reviews and approves.

An axe-core accessibility check runs on every page visited.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import SECRETARIAT
from tests.e2e.conftest import Server
from tests.e2e.conftest import check_axe
from tests.e2e.conftest import expect_path
from tests.e2e.conftest import mail_to
from tests.e2e.conftest import main
from tests.e2e.conftest import path_of
from tests.e2e.conftest import read_mails
from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.browser

GOVERNMENT = "Republic of Testaria"
SLUG = "republic-of-testaria"
CONTACT = "liaison@testaria.example.org"
QUESTION = "Which ministry leads?"
ANSWER = "The Ministry of Justice of Testaria leads, with the Ministry of the Interior."


def plain_text(message: Any) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None, f"No plain-text part in {message['Subject']!r}"
    return str(part.get_content())


def requester_link(server: Server, message: Any) -> str:
    """The requester's link in a join-request e-mail: <SITE_URL>/join/<token>/."""
    body = plain_text(message)
    links = re.findall(r"https?://[^\s/]+/join/[^\s/]+/", body)
    assert len(links) == 1, body
    assert links[0].startswith(server.base_url + "/join/"), f"The link {links[0]} does not point to {server.base_url}"
    return links[0]


def status_message(page: Any) -> str:
    return page.locator(".hub-messages[role=status]").inner_text()


def steps(page: Any) -> str:
    return main(page).locator("ol.usa-process-list").inner_text()


def check_axe_at_both_widths(page: Any) -> None:
    """axe on the page as a phone (390 px) and a laptop (1280 px) show it."""
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        check_axe(page)


APPROVE = "Approve: make the member active and invite its focal point"


def test_a_government_asks_to_join_and_is_approved(new_context: Any, server: Server, tmp_path: Path) -> None:
    # An anonymous visitor follows "Ask to join the Taskforce" from the home page.
    requester = new_context().new_page()
    requester.goto("/")
    check_axe(requester)
    main(requester).get_by_role("link", name="Ask to join the Taskforce").click()
    expect_path(requester, "/join/")
    check_axe(requester)
    assert main(requester).get_by_role("heading", level=1).inner_text() == "Ask to join the Taskforce"

    # They fill the public form, with the government's letter as a PDF.
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(b"%PDF-1.4\n% Letter of the Republic of Testaria\n%%EOF\n")
    form = main(requester).locator("form")
    form.get_by_label("Government").fill(GOVERNMENT)
    form.get_by_label("ISO 3166 country code").fill("PT")
    form.get_by_label("Contact person").fill("Tessa Liaison")
    form.get_by_label("Official e-mail address").fill(CONTACT)
    form.get_by_label("Message").fill("Testaria asks to join the Global Taskforce.")
    form.get_by_label("Letter (PDF, at most 10 MB)").set_input_files(str(letter))
    form.get_by_role("button", name="Send request").click()
    expect_path(requester, "/join/sent/")
    check_axe(requester)
    assert main(requester).get_by_role("heading", level=1).inner_text() == "Check your e-mail"

    # The e-mail holds the requester's link; opening it confirms the address and files the request.
    link = requester_link(server, mail_to(server.mail_dir, CONTACT))
    requester.goto(link)
    check_axe(requester)
    assert main(requester).get_by_role("heading", level=1).inner_text() == "Your request to join"
    assert GOVERNMENT in main(requester).inner_text()
    assert "Request received; waiting for the e-mail to be confirmed" in steps(requester)
    assert "E-mail confirmed; request submitted" in steps(requester)
    assert main(requester).get_by_role("link", name="Download the letter (PDF)").is_visible()

    # The secretariat signs in and opens the request from "Join requests".
    secretariat = new_context().new_page()
    sign_in(secretariat, server, SECRETARIAT)
    secretariat.get_by_role("navigation", name="Main").get_by_role("button", name="Secretariat").click()
    secretariat.get_by_role("navigation", name="Main").get_by_role("link", name="Join requests").click()
    expect_path(secretariat, "/join-requests/")
    check_axe(secretariat)
    row = main(secretariat).locator("tbody tr", has_text=GOVERNMENT)
    assert "Submitted" in row.inner_text() and "not checked" in row.inner_text(), row.inner_text()
    row.get_by_role("link", name=GOVERNMENT).click()
    secretariat.wait_for_url(re.compile(r"/join-requests/\d+/$"))
    detail = path_of(secretariat)
    check_axe(secretariat)
    assert main(secretariat).get_by_role("heading", level=1).inner_text() == f"Join request: {GOVERNMENT}"
    assert "Portugal" in main(secretariat).inner_text()

    # Approval is not offered before the Alliance check.
    check_axe_at_both_widths(secretariat)
    assert main(secretariat).get_by_role("button", name=APPROVE).count() == 0
    assert "Approval is offered once the check above records" in main(secretariat).inner_text()

    # The Alliance check is recorded, with its source.
    form = main(secretariat).locator("form", has=secretariat.get_by_role("button", name="Record the check"))
    form.get_by_label("Is the government a member of WeProtect Global Alliance?").select_option(label="Yes")
    form.get_by_label("Source of the check").fill("Alliance register, checked today")
    form.get_by_role("button", name="Record the check").click()
    expect_path(secretariat, detail)
    check_axe_at_both_widths(secretariat)
    assert "Alliance membership check recorded." in status_message(secretariat)
    assert "Alliance register, checked today" in main(secretariat).locator("dl.hub-facts").inner_text()
    assert main(secretariat).get_by_role("button", name=APPROVE).is_visible()

    # The secretariat asks for more information.
    form = main(secretariat).locator("form", has=secretariat.get_by_role("button", name="Send question"))
    form.get_by_label("Question to the requester").fill(QUESTION)
    form.get_by_role("button", name="Send question").click()
    expect_path(secretariat, detail)
    check_axe(secretariat)
    assert "Question sent to the requester." in status_message(secretariat)
    assert "More information requested" in main(secretariat).locator("dl.hub-facts").inner_text()

    # The requester gets the question by e-mail, opens their link and answers.
    question_mail = mail_to(server.mail_dir, CONTACT)
    assert question_mail["Subject"] == "The secretariat asks for more information", question_mail["Subject"]
    assert QUESTION in plain_text(question_mail)
    requester.goto(requester_link(server, question_mail))
    check_axe(requester)
    assert QUESTION in steps(requester)
    form = main(requester).locator("form")
    form.get_by_label("Your answer").fill(ANSWER)
    form.get_by_role("button", name="Send answer").click()
    expect_path(requester, path_of(requester))
    requester.wait_for_selector(".hub-messages[role=status]")
    check_axe(requester)
    assert "Your answer was sent to the secretariat." in status_message(requester)
    assert "The requester answered" in steps(requester) and ANSWER in steps(requester)
    assert main(requester).locator("form").count() == 0

    # The secretariat sees the answer and approves; the page asks once more, saying what will happen.
    secretariat.goto(detail)
    check_axe(secretariat)
    assert ANSWER in steps(secretariat)
    main(secretariat).get_by_role("button", name=APPROVE).click()
    expect_path(secretariat, f"{detail}approve/")
    check_axe_at_both_widths(secretariat)
    assert main(secretariat).get_by_role("heading", level=1).inner_text() == f"Approve the request of {GOVERNMENT}?"
    consequences = main(secretariat).locator(".usa-alert").inner_text()
    assert f"{GOVERNMENT} becomes an active member of the Taskforce" in consequences
    assert f"Tessa Liaison ({CONTACT}), is invited by e-mail to Taskforce Hub as its focal point" in consequences
    # Going back changes nothing; confirming approves.
    main(secretariat).get_by_role("link", name="Go back").click()
    expect_path(secretariat, detail)
    assert "More information requested" not in main(secretariat).locator("dl.hub-facts").inner_text()
    assert "Submitted" in main(secretariat).locator("dl.hub-facts").inner_text()
    main(secretariat).get_by_role("button", name=APPROVE).click()
    expect_path(secretariat, f"{detail}approve/")
    main(secretariat).get_by_role("button", name="Approve the request").click()
    expect_path(secretariat, detail)
    check_axe_at_both_widths(secretariat)
    assert "Request approved: the member is active and its focal point is invited." in status_message(secretariat)
    assert "Approved" in main(secretariat).locator("dl.hub-facts").inner_text()
    assert main(secretariat).get_by_role("link", name=GOVERNMENT).get_attribute("href") == f"/members/{SLUG}/"

    # The contact person is invited as the new member's focal point.
    to_contact = [m for m in read_mails(server.mail_dir) if CONTACT in str(m["To"])]
    invitations = [m for m in to_contact if "/invitations/accept/" in plain_text(m)]
    assert len(invitations) == 1, [m["Subject"] for m in to_contact]
    body = plain_text(invitations[0])
    assert GOVERNMENT in body and re.search(re.escape(server.base_url) + r"/invitations/accept/[\w-]+/", body), body

    # The new member is in the directory, in Europe.
    secretariat.get_by_role("navigation", name="Main").get_by_role("link", name="Members").click()
    expect_path(secretariat, "/members/")
    check_axe(secretariat)
    row = main(secretariat).locator("tbody tr", has=secretariat.get_by_role("link", name=GOVERNMENT, exact=True))
    assert row.locator("td[data-label=Region]").inner_text() == "Europe"

    # The member directory's map is an SVG image of its own, at an address that names the language.
    assert main(secretariat).locator("figure.hub-map img").get_attribute("src") == "/members/map.svg?lang=en"
    response = secretariat.request.get("/members/map.svg?lang=en")
    assert response.status == 200
    assert response.headers["content-type"].startswith("image/svg+xml"), response.headers["content-type"]
    assert response.body().lstrip().startswith((b"<?xml", b"<svg")), response.body()[:100]

    # Its profile and its status page.
    row.get_by_role("link", name=GOVERNMENT).click()
    expect_path(secretariat, f"/members/{SLUG}/")
    check_axe(secretariat)
    assert main(secretariat).get_by_role("heading", level=1).inner_text() == GOVERNMENT
    facts = main(secretariat).locator("dl.hub-facts").inner_text()
    assert "Portugal (PT)" in facts and "Europe (Southern Europe)" in facts
    assert "Alliance register, checked today" in facts
    main(secretariat).get_by_role("link", name="Change status").click()
    expect_path(secretariat, f"/members/{SLUG}/status/")
    check_axe(secretariat)
    assert "Join request approved" in main(secretariat).inner_text()

    # A founding government is an Alliance member by the rule of the launch press release, cited by title.
    secretariat.goto("/members/australia/")
    check_axe(secretariat)
    alliance = main(secretariat).locator("dl.hub-facts dd").nth(5).inner_text()
    assert alliance.startswith("yes"), alliance
    assert "“Global Taskforce on Child Sexual Abuse Online”, press release of WeProtect Global Alliance" in alliance
    assert "seed 000" not in main(secretariat).inner_text()

    # The directory in French, then in Spanish.
    secretariat.goto("/members/")
    for code, label, heading in (
        ("fr", "français", "Membres du Groupe de travail"),
        ("es", "español", "Miembros del Grupo de Trabajo"),
    ):
        secretariat.locator("#language-select").select_option(label=label)
        secretariat.locator("form.hub-language button[type=submit]").click()
        secretariat.wait_for_function(f"document.documentElement.lang === '{code}'")
        expect_path(secretariat, "/members/")
        check_axe(secretariat)
        assert main(secretariat).get_by_role("heading", level=1).inner_text() == heading
        assert main(secretariat).get_by_role("link", name=GOVERNMENT).is_visible()
        assert main(secretariat).locator("figure.hub-map img").get_attribute("src") == f"/members/map.svg?lang={code}"
