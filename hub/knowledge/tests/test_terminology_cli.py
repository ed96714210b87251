"""`manage.py check_terminology`: each warning with its line; warnings never fail, unless --strict."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError
from django.core.management import call_command

from conftest import discouraged_term
from hub.knowledge.services.terminology import reference_terminology_load

CSAM = discouraged_term("csam")


@pytest.fixture
def glossary(db: None) -> None:
    reference_terminology_load()


def test_it_prints_each_warning_with_its_line_and_exits_zero(glossary, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(f'First line.\nThe "{CSAM} Act" bans {CSAM}.\n', encoding="utf-8")
    out = io.StringIO()
    call_command("check_terminology", str(path), stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"line 2: “{CSAM}”: prefer “child sexual abuse material (CSAM)")


def test_it_reads_standard_input_and_says_when_nothing_is_found(glossary, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"Grooming and victims.\n")))
    out = io.StringIO()
    call_command("check_terminology", "-", stdout=out)
    assert out.getvalue().strip() == "No discouraged term found."


def test_strict_fails_when_a_term_is_found(glossary, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(f"{CSAM}\n", encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        call_command("check_terminology", str(path), "--strict", stdout=io.StringIO())
    assert exc.value.returncode == 1


def test_a_missing_or_binary_file_is_a_clear_error(glossary, tmp_path):
    with pytest.raises(CommandError, match="cannot be read"):
        call_command("check_terminology", str(tmp_path / "missing.txt"))
    binary = tmp_path / "x.bin"
    binary.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("check_terminology", str(binary))
