"""Who imports and exports codings and statutes (hub/legal/policies/io.py)."""

from __future__ import annotations

import pytest

from conftest import as_viewer
from hub.core.viewer import ANONYMOUS
from hub.legal.policies.io import legal_io


def test_only_the_secretariat_imports(secretariat, official_a, focal_point_a, contributor):
    assert legal_io.can(as_viewer(secretariat), "import")
    for user in (official_a, focal_point_a, contributor):
        assert not legal_io.can(as_viewer(user), "import")
    assert not legal_io.can(ANONYMOUS, "import")


def test_everyone_exports_what_they_see(secretariat, official_b):
    assert legal_io.can(as_viewer(secretariat), "export")
    assert legal_io.can(as_viewer(official_b), "export")
    assert legal_io.can(ANONYMOUS, "export")


def test_an_unknown_action_is_a_mistake_in_the_code():
    with pytest.raises(ValueError, match="knows no action 'delete'"):
        legal_io.can(ANONYMOUS, "delete")


def test_the_navigation_offers_the_import_page_to_the_secretariat_only(secretariat, official_a):
    from hub.core.policies import navigation_for

    assert navigation_for(as_viewer(secretariat))["legal_import"] is True
    assert navigation_for(as_viewer(official_a))["legal_import"] is False
