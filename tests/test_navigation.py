"""The main navigation: at most seven top-level items for every role, the rest in groups; the current
section marked with aria-current; what each viewer is offered decided by the policies (`nav.*`).

The layout (one row, no overlap with the logo, the Menu button, no-script list) is checked in the
browser by tests/e2e/test_header.py."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from html.parser import HTMLParser

import pytest

from conftest import client_for

MAX_TOP_LEVEL = 7


@dataclass
class Item:
    label: str = ""
    href: str | None = None  # None: a group's button
    current: bool = False
    children: list[Item] = field(default_factory=list)


class NavParser(HTMLParser):
    """The items of <nav aria-label="Main">'s primary list: links, and groups with their links."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[Item] = []
        self.depth = 0  # <ul> nesting inside the primary list (1: top level, 2: a group's submenu)
        self.in_nav = False
        self.text_of: Item | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "nav" and a.get("aria-label") == "Main":
            self.in_nav = True
        if not self.in_nav:
            return
        if tag == "ul" and (self.depth or "usa-nav__primary" in (a.get("class") or "")):
            self.depth += 1
        elif self.depth and tag in {"a", "button"}:
            item = Item(href=a.get("href") if tag == "a" else None, current=a.get("aria-current") == "page")
            if tag == "button" or self.depth == 1:
                self.items.append(item)
            else:
                self.items[-1].children.append(item)
            if tag == "button":
                item.current = "usa-current" in (a.get("class") or "")
            self.text_of = item

    def handle_endtag(self, tag: str) -> None:
        if tag == "ul" and self.depth:
            self.depth -= 1
        elif tag in {"a", "button"}:
            self.text_of = None
        elif tag == "nav":
            self.in_nav = False

    def handle_data(self, data: str) -> None:
        if self.text_of is not None:
            self.text_of.label = (self.text_of.label + data).strip()


def nav_items(client, path: str = "/members/") -> list[Item]:
    response = client.get(path)
    assert response.status_code == 200, path
    parser = NavParser()
    parser.feed(response.content.decode())
    assert parser.items, "no navigation found"
    return parser.items


def labels(items: list[Item]) -> list[str]:
    return [i.label for i in items]


def group(items: list[Item], label: str) -> list[str]:
    return labels(next(i for i in items if i.label == label).children)


@pytest.mark.parametrize(
    "persona", ["anonymous", "secretariat", "administrator", "official_a", "focal_point_a", "contributor"]
)
def test_no_role_is_offered_more_than_seven_top_level_items(request, db, persona):
    user = request.getfixturevalue(persona)
    items = nav_items(client_for(user))
    assert len(items) <= MAX_TOP_LEVEL, labels(items)


def test_a_visitor_sees_the_public_sections_the_api_and_sign_in(anonymous, db):
    items = nav_items(client_for(None))
    assert labels(items) == ["Members", "Meetings", "Knowledge", "API", "Sign in"]
    assert group(items, "Knowledge") == ["Commitments", "Good practices", "Library", "Legal frameworks", "Glossary"]
    assert all(i.href for i in items if i.label != "Knowledge")


def test_the_secretariat_finds_its_tools_and_its_account_in_two_groups(secretariat):
    items = nav_items(client_for(secretariat))
    assert labels(items) == [
        "Members",
        "Meetings",
        "Reporting",
        "Knowledge",
        "Dashboard",
        "Secretariat",
        "Account",
    ]
    assert group(items, "Secretariat") == ["Invitations", "Join requests", "Audit log"]
    assert group(items, "Knowledge") == [
        "Commitments",
        "Good practices",
        "Library",
        "Consultations",
        "Legal frameworks",
        "Self-assessment",
        "Glossary",
    ]
    assert group(items, "Account") == ["Profile", "Notifications", "API", "Sign out"]


def test_an_official_is_not_offered_the_secretariat_group(official_a):
    items = nav_items(client_for(official_a))
    assert "Secretariat" not in labels(items)
    assert group(items, "Account") == ["Profile", "Notifications", "API", "Sign out"]


def test_the_link_of_the_current_section_is_marked_and_no_other(secretariat):
    client = client_for(secretariat)
    items = nav_items(client, "/members/")
    assert [i.label for i in items if i.current] == ["Members"]
    assert all(not c.current for i in items for c in i.children)


def test_a_page_below_a_section_marks_that_section(secretariat, member_a):
    items = nav_items(client_for(secretariat), f"/members/{member_a.slug}/")
    assert [i.label for i in items if i.current] == ["Members"]


def test_a_link_inside_a_group_is_marked_and_so_is_its_group(secretariat):
    items = nav_items(client_for(secretariat), "/join-requests/")
    assert [i.label for i in items if i.current] == ["Secretariat"]
    marked = [c.label for i in items for c in i.children if c.current]
    assert marked == ["Join requests"]


def test_the_home_page_marks_no_section(secretariat):
    items = nav_items(client_for(secretariat), "/")
    assert not any(i.current for i in items)
    assert not any(c.current for i in items for c in i.children)


def test_the_language_switch_is_inside_the_navigation_so_the_phone_menu_holds_it(db):
    page = client_for(None).get("/").content.decode()
    nav = page[page.index('<nav aria-label="Main"') : page.index("</nav>")]
    assert 'name="language"' in nav


def test_the_menu_script_is_loaded_from_our_own_copy_deferred(db):
    page = client_for(None).get("/").content.decode()
    assert '<script src="/static/vendor/uswds-3.14.0/js/uswds.min.js" defer></script>' in page
    assert '<script src="/static/js/hub-init.js"></script>' in page
    assert "<script>" not in page  # no inline script: the Content-Security-Policy allows none
