"""Every import (service, API, page, command) refuses a hostile spreadsheet with a message naming the
file, and writes nothing: a bomb, too many rows or columns, an over-long cell, a damaged or fake XLSX,
a CSV that is not UTF-8."""

from __future__ import annotations

from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from conftest import as_viewer
from conftest import client_for
from hub.accounts.services import api_token_create
from hub.core.errors import ValidationFailed
from hub.core.tests.hostile_files import hostile_files
from hub.core.viewer import SYSTEM
from hub.meetings.models import ActionItem
from hub.meetings.services import action_items_import
from hub.members.models import Member
from hub.members.services.importing import members_import
from hub.reporting.models import Question
from hub.reporting.models import QuestionnaireVersion
from hub.reporting.services import questionnaire_import

MEMBERS = ("name", "kind", "source")
ACTIONS = ("title", "owner", "due_on")
QUESTIONS = ("question", "commitment", "prompt_en")


def written() -> tuple[int, ...]:
    return (
        Member.objects.count(),
        ActionItem.objects.count(),
        QuestionnaireVersion.objects.count(),
        Question.objects.count(),
        LogEntry.objects.count(),
    )


def says(texts: list[str], hostile) -> None:
    assert any(hostile.name in t and hostile.says in t for t in texts), texts


IMPORTS = {
    "members": (MEMBERS, lambda name, content: members_import(viewer=SYSTEM, name=name, content=content)),
    "action items": (ACTIONS, lambda name, content: action_items_import(viewer=SYSTEM, name=name, content=content)),
    "questionnaire": (
        QUESTIONS,
        lambda name, content: questionnaire_import(viewer=SYSTEM, code="v9", title="V9", name=name, content=content),
    ),
}


@pytest.mark.parametrize(
    ("kind", "hostile"),
    [(kind, h) for kind, (header, _run) in IMPORTS.items() for h in hostile_files(header)],
    ids=lambda value: value if isinstance(value, str) else value.name,
)
def test_every_import_refuses_a_hostile_file_and_writes_nothing(db, kind, hostile):
    before = written()
    with pytest.raises(ValidationFailed) as caught:
        IMPORTS[kind][1](hostile.name, hostile.content)
    says([caught.value.message, *(p.message for p in caught.value.problems)], hostile)
    assert written() == before


@pytest.mark.parametrize(
    ("command", "header", "extra"),
    [
        ("import_members", MEMBERS, []),
        ("import_action_items", ACTIONS, []),
        ("import_questionnaire", QUESTIONS, ["--code", "v9", "--title", "V9"]),
    ],
)
def test_each_import_command_prints_the_refusal_and_exits_non_zero(db, tmp_path, capsys, command, header, extra):
    for hostile in hostile_files(header):
        path = tmp_path / hostile.name
        path.write_bytes(hostile.content)
        before = written()
        with pytest.raises(CommandError) as caught:
            call_command(command, str(path), *extra)
        err = capsys.readouterr().err
        says([err], hostile)
        assert "Traceback" not in err
        assert str(caught.value)
        assert written() == before


def test_an_import_command_refuses_an_oversized_file_before_reading_it(db, tmp_path, capsys, monkeypatch):
    path = tmp_path / "big.csv"
    with path.open("wb") as fh:
        fh.truncate(21 * 1024 * 1024)  # sparse: nothing is written to the disk

    def no_reading(self: Path) -> bytes:
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    with pytest.raises(CommandError):
        call_command("import_members", str(path))
    assert "big.csv is too large: at most 20 MB." in capsys.readouterr().err


def test_the_questionnaire_api_answers_422_naming_the_file_and_writes_nothing(secretariat, official_a):
    _token, raw = api_token_create(viewer=as_viewer(secretariat), name="t", scope="read-write", days=1)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    for hostile in hostile_files(QUESTIONS):
        before = written()
        response = Client().post(
            "/api/v1/questionnaires",
            {"code": "v9", "title": "V9", "file": SimpleUploadedFile(hostile.name, hostile.content)},
            **headers,
        )
        assert response.status_code == 422, (hostile.name, response.content)
        assert response["Content-Type"] == "application/problem+json"
        body = response.json()
        says([body.get("detail", ""), *(e["message"] for e in body.get("errors", []))], hostile)
        assert written() == before
    # A member official may not import at all, whatever the file.
    _token, raw = api_token_create(viewer=as_viewer(official_a), name="t", scope="read-write", days=1)
    hostile = hostile_files(QUESTIONS)[0]
    response = Client().post(
        "/api/v1/questionnaires",
        {"code": "v9", "title": "V9", "file": SimpleUploadedFile(hostile.name, hostile.content)},
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 403


def test_the_questionnaire_page_shows_the_refusal_on_the_file_field(secretariat, official_a):
    client = client_for(secretariat)
    for hostile in hostile_files(QUESTIONS):
        before = written()
        response = client.post(
            "/reporting/questionnaires/",
            {"code": "v9", "title": "V9", "file": SimpleUploadedFile(hostile.name, hostile.content)},
        )
        assert response.status_code == 422, hostile.name
        says(response.context["form"].errors.get("file", []) + response.context["form"].non_field_errors(), hostile)
        assert written() == before
    response = client_for(official_a).post(
        "/reporting/questionnaires/", {"code": "v9", "title": "V9", "file": SimpleUploadedFile("q.csv", b"x")}
    )
    assert response.status_code == 403
