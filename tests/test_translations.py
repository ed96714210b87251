"""French and Spanish are complete: no untranslated or fuzzy entry, placeholders kept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import run_manage

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def entries(po: Path) -> list[dict[str, object]]:
    """A small .po reader: enough to find empty, fuzzy and placeholder-mismatched entries."""
    out: list[dict[str, object]] = []
    current: dict[str, object] = {}
    key = None
    for line in po.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                out.append(current)
            current, key = {}, None
            continue
        if line.startswith("#,"):
            current["flags"] = line
        elif line.startswith("#"):
            continue
        elif line.startswith(("msgid ", "msgid_plural ", "msgstr")):
            key, _, rest = line.partition(" ")
            current[key] = rest.strip()[1:-1]
        elif line.startswith('"') and key:
            current[key] = str(current[key]) + line.strip()[1:-1]
    if current:
        out.append(current)
    return [e for e in out if e.get("msgid")]


@pytest.mark.parametrize("language", ["fr", "es"])
def test_every_string_is_translated_and_none_is_fuzzy(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    problems = []
    for e in entries(po):
        if "fuzzy" in str(e.get("flags", "")):
            problems.append(f"fuzzy: {e['msgid']}")
        translations = [v for k, v in e.items() if k.startswith("msgstr")]
        if not translations or any(not t for t in translations):
            problems.append(f"untranslated: {e['msgid']}")
        wanted = set(re.findall(r"%\(\w+\)s", str(e["msgid"])))
        for t in translations:
            if set(re.findall(r"%\(\w+\)s", str(t))) != wanted:
                problems.append(f"placeholders differ: {e['msgid']}")
    assert len(entries(po)) > 100
    assert not problems, "\n".join(problems)


def test_the_catalogue_is_current_with_the_code(tmp_path):
    """Every translatable string in the code is in the catalogue: makemessages adds nothing."""
    import shutil

    root = Path(__file__).resolve().parent.parent
    for name in ("hub", "templates", "taskforce", "locale", "reference"):
        shutil.copytree(root / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.copy(root / "manage.py", tmp_path / "manage.py")
    env = {"DEBUG": "true", "PATH": "/usr/bin:/bin:/usr/local/bin", "HOME": str(tmp_path)}
    result = run_manage("makemessages", "-l", "fr", "--no-obsolete", env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    old = {e["msgid"] for e in entries(LOCALE / "fr" / "LC_MESSAGES" / "django.po")}
    new = {e["msgid"] for e in entries(tmp_path / "locale" / "fr" / "LC_MESSAGES" / "django.po")}
    assert len(new) > 100
    assert new - old == set(), f"strings missing from the catalogue (run make messages): {sorted(new - old)}"


# French typography: a non-breaking space (U+00A0, or the narrow U+202F) before ; : ! ?
# Not a colon of a URL ("https://") or of a time ("09:00"), nor the ";" that ends an HTML entity.
FRENCH_SPACE = ("\u00a0", "\u202f")


def french_spacing_faults(text: str) -> list[int]:
    faults = []
    for match in re.finditer(r"[;:!?]", text):
        i, mark = match.start(), match.group()
        before, after = text[i - 1 : i], text[i + 1 : i + 3]
        if i == 0 or before in FRENCH_SPACE or (mark in "!?" and before in "!?"):
            continue
        if mark == ":" and (after.startswith("//") or (before.isdigit() and after[:1].isdigit())):
            continue
        if mark == ";" and re.search(r"&#?\w+$", text[:i]):
            continue
        if mark == "?" and not before.isspace() and re.match(r"[\w%]", after[:1] or " "):
            continue  # a URL's query string
        faults.append(i)
    return faults


def test_french_puts_a_non_breaking_space_before_double_punctuation():
    faults = []
    for e in entries(LOCALE / "fr" / "LC_MESSAGES" / "django.po"):
        for key, text in e.items():
            if key.startswith("msgstr") and french_spacing_faults(str(text)):
                faults.append(str(text))
    assert not faults, "French needs a non-breaking space before ; : ! ?:\n" + "\n".join(faults)


@pytest.mark.parametrize(
    ("text", "faults"),
    [("Statut : ouvert", 1), ("Statut\u00a0: ouvert", 0), ("Voir https://example.org", 0), ("à 09:00", 0), ("Oui!", 1)],
)
def test_the_french_spacing_check_finds_what_it_should(text, faults):
    assert len(french_spacing_faults(text)) == faults
