"""Every page the secretariat uses most fits a 320 px wide screen: no sideways scrolling (WCAG 1.4.10)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import SECRETARIAT
from tests.e2e.conftest import Server
from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.browser

PAGES = [
    "/dashboard/",
    "/members/",
    "/members/demoland/",
    "/meetings/",
    "/actions/",
    "/reporting/",
    "/audit/",
    "/invitations/",
    "/join-requests/",
    "/notifications/",
]


def test_the_secretariats_pages_fit_320_px(page: Any, server: Server) -> None:
    sign_in(page, server, SECRETARIAT)
    page.set_viewport_size({"width": 320, "height": 800})
    too_wide = {}
    for path in PAGES:
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            too_wide[path] = width
    assert not too_wide, f"pages wider than 320 px: {too_wide}"
