"""The library through the API and the command line."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from conftest import as_viewer
from hub.accounts.services import api_token_create
from hub.core.concurrency import etag
from hub.knowledge.models.documents import Document
from hub.knowledge.tests.documents_files import PNG
from hub.knowledge.tests.documents_files import pdf_file
from hub.knowledge.tests.documents_files import txt_file
from hub.knowledge.tests.documents_files import upload


def auth(user) -> dict[str, str]:
    _t, raw = api_token_create(viewer=as_viewer(user), name="t", scope="read-write", days=1)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_the_list_pages_filters_and_counts_only_visible_documents(official_a, official_b, member_a):
    upload(title="Alphaland only", visibility="member", author_member=member_a)
    upload(title="Shared statute", visibility="taskforce", kind="statute", author_member=member_a)
    own = Client().get("/api/v1/documents", **auth(official_a)).json()
    assert own["count"] == 2
    other = Client().get("/api/v1/documents", **auth(official_b)).json()
    assert other["count"] == 1 and other["items"][0]["title"] == "Shared statute"
    assert other["items"][0]["author_member"] == member_a.slug
    assert other["items"][0]["kind_label"] == "Statute"
    assert Client().get("/api/v1/documents?kind=paper", **auth(official_b)).json()["count"] == 0
    assert Client().get("/api/v1/documents").json()["count"] == 0


def test_a_hidden_document_and_its_file_are_not_found(official_a, official_b, member_a):
    document = upload(title="Alphaland only", visibility="member", author_member=member_a, file=pdf_file())
    assert Client().get(f"/api/v1/documents/{document.pk}", **auth(official_b)).status_code == 404
    assert Client().get(f"/api/v1/documents/{document.pk}/file", **auth(official_b)).status_code == 404
    response = Client().get(f"/api/v1/documents/{document.pk}/file", **auth(official_a))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_upload_through_the_api(official_a, member_a, django_capture_on_commit_callbacks):
    body = {"title": "By script", "author_member": member_a.slug, "visibility": "member", "file": txt_file("Scripted")}
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post("/api/v1/documents", body, **auth(official_a))
    assert response.status_code == 201, response.content
    assert response.json()["sha256"] == Document.objects.get().sha256
    assert Document.objects.get().text == "Scripted"


def test_a_bad_upload_is_problem_json_naming_the_file(official_a, member_a):
    body = {"title": "Picture", "author_member": member_a.slug, "file": SimpleUploadedFile("p.pdf", PNG)}
    response = Client().post("/api/v1/documents", body, **auth(official_a))
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    assert "file" in response.content.decode()
    bad_date = Client().post("/api/v1/documents", {**body, "file": txt_file(), "dated": "2024-1-1"}, **auth(official_a))
    assert bad_date.status_code == 422 and "dated" in bad_date.content.decode()
    assert not Document.objects.exists()


def test_an_edit_carries_its_version_and_a_stale_one_is_409(official_a, official_b, member_a):
    document = upload(title="Old", author_member=member_a)
    stale = etag(document)
    url = f"/api/v1/documents/{document.pk}"
    headers = auth(official_a)
    ok = Client().patch(url, {"title": "New"}, content_type="application/json", HTTP_IF_MATCH=stale, **headers)
    assert ok.status_code == 200 and ok.json()["title"] == "New"
    late = Client().patch(url, {"title": "Lost"}, content_type="application/json", HTTP_IF_MATCH=stale, **headers)
    assert late.status_code == 409
    denied = Client().patch(url, {"title": "B's"}, content_type="application/json", **auth(official_b))
    assert denied.status_code == 403
    null = Client().patch(url, json.dumps({"title": None}), content_type="application/json", **headers)
    assert null.status_code == 422 and "title" in null.content.decode()


def test_replace_and_withdraw_through_the_api(official_a, official_b, member_a):
    document = upload(author_member=member_a, visibility="member")
    url = f"/api/v1/documents/{document.pk}"
    assert Client().post(f"{url}/file", {"file": pdf_file()}, **auth(official_b)).status_code == 404
    replaced = Client().post(f"{url}/file", {"file": pdf_file()}, **auth(official_a))
    assert replaced.status_code == 200 and replaced.json()["file_version"] == 2
    body = {"reason": "Superseded"}
    assert (
        Client().post(f"{url}/withdraw", body, content_type="application/json", **auth(official_b)).status_code == 404
    )
    assert (
        Client().post(f"{url}/withdraw", body, content_type="application/json", **auth(official_a)).status_code == 204
    )
    assert Document.objects.get().is_withdrawn


def test_extract_documents_reads_the_pending_ones_and_is_idempotent(db, capsys):
    upload(file=txt_file("first"))
    upload(file=SimpleUploadedFile("broken.pdf", b"%PDF-1.4 broken"))
    call_command("extract_documents")
    assert "1 document(s) read, 1 could not be read." in capsys.readouterr().out
    call_command("extract_documents", "--pending")
    assert "0 document(s) read, 0 could not be read." in capsys.readouterr().out
    call_command("extract_documents", "--all")
    assert "1 document(s) read, 1 could not be read." in capsys.readouterr().out
    call_command("extract_documents", "--failed")
    assert "0 document(s) read, 1 could not be read." in capsys.readouterr().out
    with pytest.raises(CommandError, match="No document with id 999999"):
        call_command("extract_documents", "--id", "999999")


def test_export_documents_writes_csv_json_and_xlsx(db, capsys, tmp_path):
    upload(title="Open", visibility="public")
    upload(title="Internal", visibility="secretariat")
    call_command("export_documents", "--format", "json", "--public")
    rows = json.loads(capsys.readouterr().out)
    assert [r["title"] for r in rows] == ["Open"]
    call_command("export_documents")
    out = capsys.readouterr().out
    assert "Internal" in out and "sha256" in out
    target = tmp_path / "library.xlsx"
    call_command("export_documents", "--format", "xlsx", "--output", str(target))
    assert target.read_bytes()[:2] == b"PK"
    with pytest.raises(CommandError, match="--output"):
        call_command("export_documents", "--format", "xlsx")


def test_the_demo_seed_is_quick_idempotent_and_searchable(db):
    import time

    from hub.core import registry
    from hub.core.management.commands.seed_demo import Command  # noqa: F401 - the command exists
    from hub.members.demo import seed_demo_lines

    seed_demo_lines()
    seed = next(s for s in registry.demo_seeds() if s.name == "knowledge.documents")
    started = time.monotonic()
    lines = seed.seed()
    assert time.monotonic() - started < 3
    assert "12 created" in lines[0]
    assert seed.seed() == [
        "summary: Library: 12 documents (4 public, 2 member level, 1 secretariat level; 1 whose text could not be read)"
    ]
    documents = Document.objects.all()
    assert all(d.is_synthetic for d in documents)
    assert {d.language for d in documents} >= {"en", "fr", "es"}
    assert documents.filter(extraction="done", text__icontains="bonnes pratiques").exists()
    assert documents.filter(extraction="failed").count() == 1
    assert {d.visibility for d in documents} == {"public", "taskforce", "member", "secretariat"}
