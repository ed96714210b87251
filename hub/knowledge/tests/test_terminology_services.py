"""The terminology check, the reference load of the glossary and the secretariat's writes."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from conftest import as_viewer
from conftest import discouraged_term
from hub.core import registry
from hub.core.concurrency import version_of
from hub.core.errors import Conflict
from hub.core.errors import NotFound
from hub.core.errors import PermissionDenied
from hub.core.errors import ValidationFailed
from hub.core.viewer import ANONYMOUS
from hub.core.viewer import Viewer
from hub.knowledge.models.terminology import GlossaryTerm
from hub.knowledge.selectors.terminology import glossary_groups
from hub.knowledge.selectors.terminology import glossary_term_get
from hub.knowledge.selectors.terminology import terminology_check
from hub.knowledge.selectors.terminology import terminology_check_lines
from hub.knowledge.services.terminology import GlossaryTermInput
from hub.knowledge.services.terminology import glossary_term_add
from hub.knowledge.services.terminology import glossary_term_edit
from hub.knowledge.services.terminology import glossary_term_set_active
from hub.knowledge.services.terminology import pattern_problem
from hub.knowledge.services.terminology import reference_terminology_load

CSAM = discouraged_term("csam")  # "child pornography"
SEXTORTION = discouraged_term("extortion")


@pytest.fixture
def glossary(db: None) -> None:
    reference_terminology_load()


def french_term(viewer: Viewer, **extra: Any) -> GlossaryTerm:
    """A pattern in French the secretariat adds on the platform."""
    values: dict[str, Any] = {
        "language": "fr",
        "match": r"\bp[ée]dopornographi(e|que)s?\b",
        "discouraged_en": "pédopornographie (French)",
        "discouraged_fr": "pédopornographie",
        "preferred_en": "child sexual abuse material (CSAM)",
        "preferred_fr": "matériel d'abus sexuels sur enfants (CSAM)",
        "why_en": "the French word carries 'pornography' too",
        "why_fr": "le mot français contient lui aussi « pornographie »",
        "action": "warn",
        "source": "Luxembourg Terminology Guidelines (2016), French edition",
        **extra,
    }
    return glossary_term_add(viewer=viewer, data=GlossaryTermInput(**values))


# --- the check -----------------------------------------------------------------------------------


def test_the_check_points_out_a_discouraged_term_with_the_preferred_one(glossary):
    (warning,) = terminology_check(f"Sharing {CSAM} is a crime.")
    assert warning.found == CSAM
    assert "child sexual abuse material" in warning.preferred
    assert warning.term == "csam"
    assert warning.start == len("Sharing ")
    assert "seed 001" in warning.source


def test_the_check_ignores_text_in_quotation_marks(glossary):
    for quoted in (f'"{CSAM.title()} Act"', f"“{CSAM} Act”", f"„{CSAM} Act“", f"«{CSAM} Act»"):
        assert terminology_check(f"The {quoted} of 1990 was amended.") == []
    # Only what stands outside the quotation is flagged.
    assert [w.found for w in terminology_check(f'The "{CSAM} Act" punishes {CSAM}.')] == [CSAM]


def test_glossary_only_rows_are_never_flagged(glossary):
    assert terminology_check("Grooming is an offence; the victim and the survivor were heard.") == []
    assert terminology_check("A paedophile network; commercial sexual exploitation of children.") == []
    assert registry.text_warnings("grooming") == []


def test_each_found_term_is_named_once_in_the_order_the_text_uses_them(glossary):
    text = f"{SEXTORTION} rose. {CSAM} too, and {CSAM.upper()} again; more {SEXTORTION}."
    found = [w.found for w in terminology_check(text)]
    assert found == [SEXTORTION, CSAM]


def test_the_check_is_registered_as_the_text_check_every_module_uses(glossary):
    (warning,) = registry.text_warnings(f"About {CSAM}.")
    assert isinstance(warning, registry.TextWarning)
    assert warning.found == CSAM


def test_the_preferred_term_is_given_in_the_language_of_the_reader(glossary):
    with translation.override("fr"):
        (warning,) = terminology_check(f"About {CSAM}.")
    assert "matériel d'abus sexuels sur enfants" in warning.preferred
    with translation.override("es"):
        (warning,) = terminology_check(f"About {CSAM}.")
    assert "material de abuso sexual infantil" in warning.preferred


def test_a_pattern_the_secretariat_adds_is_used_at_once(glossary, secretariat):
    assert terminology_check("La pédopornographie en ligne.") == []
    term = french_term(as_viewer(secretariat))
    assert term.added_on_platform and term.key == "pedopornographie-french"
    (warning,) = terminology_check("La pédopornographie en ligne.")
    assert warning.found == "pédopornographie" and warning.term == term.key


def test_a_term_out_of_use_is_no_longer_checked_or_shown_but_kept(glossary, secretariat):
    s = as_viewer(secretariat)
    term = GlossaryTerm.objects.get(key="extortion")
    glossary_term_set_active(viewer=s, term=term, active=False)
    assert terminology_check(f"{SEXTORTION}.") == []
    with pytest.raises(NotFound):
        glossary_term_get(viewer=ANONYMOUS, key="extortion")
    assert glossary_term_get(viewer=s, key="extortion").is_active is False
    assert [g.action for g in glossary_groups(viewer=s)][-1] == "inactive"
    with pytest.raises(Conflict):
        glossary_term_set_active(viewer=s, term=term, active=False)
    glossary_term_set_active(viewer=s, term=term, active=True)
    assert [w.found for w in terminology_check(f"{SEXTORTION}.")] == [SEXTORTION]


def test_the_check_lines_number_each_warning(glossary):
    found = terminology_check_lines(f"First line.\nSecond: {CSAM}.\n\n{SEXTORTION} and {CSAM}.")
    assert [(n, w.found) for n, w in found] == [(2, CSAM), (4, SEXTORTION), (4, CSAM)]


def test_an_empty_text_and_a_text_without_rows_give_nothing(db):
    assert terminology_check("") == []
    assert terminology_check(f"{CSAM} and nothing loaded") == []


# --- the reference load --------------------------------------------------------------------------


def test_the_reference_load_holds_every_row_with_its_translations_and_is_idempotent(db):
    report = reference_terminology_load()
    assert report.created == 10
    assert GlossaryTerm.objects.count() == 10
    csam = GlossaryTerm.objects.get(key="csam")
    assert csam.confirmed and csam.action == "warn" and not csam.added_on_platform
    assert csam.preferred_fr.startswith("matériel d'abus sexuels sur enfants")
    assert csam.preferred_es.startswith("material de abuso sexual infantil")
    assert GlossaryTerm.objects.get(key="grooming").action == "glossary_only"
    assert GlossaryTerm.objects.get(key="webcam").confirmed is False
    again = reference_terminology_load()
    assert (again.created, again.updated, again.unchanged) == (0, 0, 10)


def test_reloading_the_reference_table_keeps_the_secretariats_rows_and_choices(glossary, secretariat):
    s = as_viewer(secretariat)
    added = french_term(s)
    webcam = GlossaryTerm.objects.get(key="webcam")
    glossary_term_edit(viewer=s, term=webcam, data=GlossaryTermInput(confirmed=True, preferred_en="changed"))
    glossary_term_set_active(viewer=s, term=GlossaryTerm.objects.get(key="juvenile"), active=False)
    report = reference_terminology_load()
    assert report.updated == 1  # the preferred term follows the file again
    assert GlossaryTerm.objects.filter(pk=added.pk).exists()
    webcam.refresh_from_db()
    assert webcam.confirmed is True and webcam.preferred_en == "live streaming of child sexual abuse"
    assert GlossaryTerm.objects.get(key="juvenile").is_active is False
    assert GlossaryTerm.objects.count() == 11


def test_a_dry_run_writes_nothing(db):
    report = reference_terminology_load(dry_run=True)
    assert report.created == 10
    assert not GlossaryTerm.objects.exists()


# --- patterns ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "pattern",
    [
        r"\bchild[- ]porn(ography|ographic)?\b",
        r"\bjuvenile sex offenders?\b",
        r"\bchild\s{1,3}sex\b",
        r"\bp[ée]dopornographie\b",
    ],
)
def test_ordinary_patterns_are_accepted(pattern):
    assert pattern_problem(pattern) is None


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        ("(unclosed", "not a valid regular expression"),
        ("x" * 301, "At most 300 characters"),
        ("a*", "Repeat at most"),
        (r"\bchild\s+porn", "Repeat at most"),
        ("(a{1,3}){1,5}", "nested"),
        (r"(a|a)?\b", "empty"),
        (r"\b", "empty"),
        (r"(?=child)", "empty"),
        (r"(child)\1", "Back-references"),
        ("(xa|yb|zc){20}", "too many alternatives"),
        ("child\x00porn", "control characters"),
    ],
)
def test_dangerous_or_empty_patterns_are_refused(pattern, why):
    problem = pattern_problem(pattern)
    assert problem is not None and why in problem, problem


def test_a_term_with_a_bad_pattern_is_refused_naming_the_field(glossary, secretariat):
    with pytest.raises(ValidationFailed) as exc:
        french_term(as_viewer(secretariat), match="a*")
    assert [p.field for p in exc.value.problems] == ["match"]
    with pytest.raises(ValidationFailed) as exc:
        french_term(as_viewer(secretariat), match="", language="not a tag")
    assert [p.field for p in exc.value.problems] == ["match", "language"]


# --- who writes ----------------------------------------------------------------------------------


def test_only_the_secretariat_adds_and_edits_terms(glossary, official_a):
    o = as_viewer(official_a)
    with pytest.raises(PermissionDenied):
        french_term(o)
    with pytest.raises(PermissionDenied):
        glossary_term_edit(viewer=o, term=GlossaryTerm.objects.get(key="csam"), data=GlossaryTermInput(source="x"))


def test_a_stale_edit_is_refused(glossary, secretariat):
    s = as_viewer(secretariat)
    term = GlossaryTerm.objects.get(key="webcam")
    stale = version_of(term)
    glossary_term_edit(viewer=s, term=term, data=GlossaryTermInput(confirmed=True), version=stale)
    with pytest.raises(Conflict):
        glossary_term_edit(viewer=s, term=term, data=GlossaryTermInput(source="Other"), version=stale)
    term.refresh_from_db()
    assert term.source.startswith("Luxembourg")
