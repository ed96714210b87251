"""Who sees and does what with the glossary: an allowed and a denied persona each."""

from __future__ import annotations

import pytest

from hub.core.policies import navigation_for
from hub.core.policies import policy_for
from hub.core.viewer import SYSTEM
from hub.knowledge.models.terminology import GlossaryTerm
from hub.knowledge.services.terminology import glossary_term_set_active
from hub.knowledge.services.terminology import reference_terminology_load

POLICY = policy_for(GlossaryTerm)


@pytest.fixture
def terms(db: None) -> dict[str, GlossaryTerm]:
    reference_terminology_load()
    in_use = GlossaryTerm.objects.get(key="csam")
    out_of_use = GlossaryTerm.objects.get(key="juvenile")
    glossary_term_set_active(viewer=SYSTEM, term=out_of_use, active=False)
    out_of_use.refresh_from_db()
    return {"in_use": in_use, "out_of_use": out_of_use}


def test_everyone_sees_the_terms_in_use_and_only_the_secretariat_those_out_of_use(terms, personas):
    for name, viewer in personas.items():
        visible = set(POLICY.visible(viewer).values_list("key", flat=True))
        assert "csam" in visible, name
        assert ("juvenile" in visible) is (name == "secretariat"), name


def test_anyone_may_check_a_text(terms, personas):
    assert POLICY.can(personas["anonymous"], "check")
    assert POLICY.can(personas["secretariat"], "check")


def test_only_the_secretariat_adds_and_edits_terms(terms, personas):
    for name, viewer in personas.items():
        assert POLICY.can(viewer, "add") is (name == "secretariat"), name
        assert POLICY.can(viewer, "edit", terms["in_use"]) is (name == "secretariat"), name
        assert navigation_for(viewer)["glossary_manage"] is (name == "secretariat"), name


def test_the_secretariat_takes_a_term_in_use_out_of_use_and_puts_it_back(terms, personas):
    s, o = personas["secretariat"], personas["official_a"]
    assert POLICY.can(s, "deactivate", terms["in_use"])
    assert not POLICY.can(s, "deactivate", terms["out_of_use"])
    assert not POLICY.can(o, "deactivate", terms["in_use"])
    assert not POLICY.can(s, "deactivate", None)
    assert POLICY.can(s, "activate", terms["out_of_use"])
    assert not POLICY.can(s, "activate", terms["in_use"])
    assert not POLICY.can(o, "activate", terms["out_of_use"])
    assert not POLICY.can(s, "activate", None)
