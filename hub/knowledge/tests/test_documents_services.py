"""Uploading, checking, reading the text of, editing, replacing and withdrawing library documents."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import as_viewer
from hub.core.concurrency import version_of
from hub.core.errors import Conflict
from hub.core.errors import NotFound
from hub.core.errors import PermissionDenied
from hub.core.errors import ValidationFailed
from hub.core.uploads import DOCX
from hub.core.viewer import SYSTEM
from hub.knowledge.models.documents import Document
from hub.knowledge.selectors.documents import document_list
from hub.knowledge.services import documents_extract
from hub.knowledge.services.documents import DocumentInput
from hub.knowledge.services.documents import document_edit
from hub.knowledge.services.documents import document_replace_file
from hub.knowledge.services.documents import document_upload
from hub.knowledge.services.documents import document_withdraw
from hub.knowledge.services.documents_extract import clean_text
from hub.knowledge.services.documents_extract import document_extract
from hub.knowledge.services.documents_extract import extract_text
from hub.knowledge.tests.documents_files import PNG
from hub.knowledge.tests.documents_files import docx_file
from hub.knowledge.tests.documents_files import encrypted_pdf
from hub.knowledge.tests.documents_files import pdf_file
from hub.knowledge.tests.documents_files import txt_file
from hub.knowledge.tests.documents_files import upload


def fields_of(exc: pytest.ExceptionInfo[ValidationFailed]) -> set[str | None]:
    return {p.field for p in exc.value.problems}


@pytest.mark.parametrize(
    ("make", "words", "content_type"),
    [
        (lambda: pdf_file("Hotline capacity grew in Demoland"), "Hotline capacity grew", "application/pdf"),
        (
            lambda: docx_file("Safety by design for platforms"),
            "Safety by design",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (lambda: txt_file("Age assurance, in plain words"), "Age assurance", "text/plain"),
    ],
)
def test_an_upload_is_stored_with_its_checksum_and_its_text_is_read(
    db, django_capture_on_commit_callbacks, make, words, content_type
):
    with django_capture_on_commit_callbacks(execute=True):
        document = upload(file=make(), title="Paper")
    document.refresh_from_db()
    assert document.content_type == content_type
    assert len(document.sha256) == 64
    assert document.size > 0
    assert document.extraction == Document.Extraction.DONE
    assert words in document.text
    assert document.file.name.startswith("library/")


def test_the_text_of_a_docx_includes_its_tables(db):
    document = upload(file=docx_file())
    assert document_extract(document_id=document.pk) == "done"
    document.refresh_from_db()
    assert "Demo data" in document.text


def test_a_png_named_pdf_is_refused_naming_the_file(db):
    with pytest.raises(ValidationFailed) as exc:
        upload(file=SimpleUploadedFile("paper.pdf", PNG))
    assert fields_of(exc) == {"file"}
    assert "PNG" in exc.value.problems[0].message
    assert not Document.objects.exists()


def test_a_pdf_named_txt_is_refused(db):
    with pytest.raises(ValidationFailed) as exc:
        upload(file=pdf_file(name="paper.txt"))
    assert fields_of(exc) == {"file"}
    assert ".pdf" in exc.value.problems[0].message


def test_text_that_is_not_utf8_or_holds_nul_bytes_is_refused(db):
    for body in (b"caf\xe9 latin-1", b"text\x00with a nul"):
        with pytest.raises(ValidationFailed) as exc:
            upload(file=SimpleUploadedFile("note.txt", body))
        assert fields_of(exc) == {"file"}


def test_a_zip_named_docx_that_is_no_word_document_is_refused(db):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(ValidationFailed) as exc:
        upload(file=SimpleUploadedFile("paper.docx", out.getvalue()))
    assert fields_of(exc) == {"file"}


def test_an_empty_file_or_none_is_refused(db):
    with pytest.raises(ValidationFailed) as exc:
        upload(file=SimpleUploadedFile("empty.pdf", b""))
    assert "empty" in exc.value.problems[0].message
    with pytest.raises(ValidationFailed) as exc:
        document_upload(viewer=SYSTEM, data=DocumentInput(title="No file"), upload=None)
    assert fields_of(exc) == {"file"}


def test_an_oversized_file_is_refused_before_it_is_read(db, monkeypatch):
    monkeypatch.setattr("hub.knowledge.services.documents.DOCUMENT_MAX_BYTES", 10)
    with pytest.raises(ValidationFailed) as exc:
        upload(file=txt_file("more than ten bytes of text"))
    assert fields_of(exc) == {"file"}
    assert "20 MB" in exc.value.problems[0].message
    assert not Document.objects.exists()


def test_every_problem_of_the_details_and_the_file_is_named_at_once(db):
    with pytest.raises(ValidationFailed) as exc:
        upload(file=SimpleUploadedFile("x.pdf", PNG), title=" ", language="xx", kind="poem")
    assert fields_of(exc) == {"title", "language", "kind", "file"}


def test_a_member_official_shares_with_their_member_or_the_taskforce_only(official_a, member_a, member_b):
    v = as_viewer(official_a)
    own = upload(v, author_member=member_a, visibility="member")
    assert own.uploaded_by == official_a
    with pytest.raises(ValidationFailed) as exc:
        upload(v, author_member=member_a, visibility="public")
    assert fields_of(exc) == {"visibility"}
    with pytest.raises(ValidationFailed) as exc:
        upload(v, author_member=member_b)
    assert fields_of(exc) == {"author_member"}


def test_a_member_only_document_needs_its_author_member(db):
    with pytest.raises(ValidationFailed) as exc:
        upload(visibility="member")
    assert fields_of(exc) == {"author_member"}


def test_a_contributor_may_not_upload(contributor):
    with pytest.raises(PermissionDenied):
        upload(as_viewer(contributor))


def test_the_same_file_twice_is_allowed_and_both_are_kept(db):
    first = upload(file=txt_file("same"), title="One")
    second = upload(file=txt_file("same"), title="Two")
    assert first.sha256 == second.sha256
    assert Document.objects.count() == 2


def test_a_broken_pdf_is_stored_failed_and_still_listed_by_its_title(db):
    document = upload(file=SimpleUploadedFile("broken.pdf", b"%PDF-1.4 this is not really a pdf"), title="Broken")
    assert document_extract(document_id=document.pk) == "failed"
    document.refresh_from_db()
    assert document.extraction == Document.Extraction.FAILED
    assert document.extraction_note
    assert list(document_list(viewer=SYSTEM).values_list("title", flat=True)) == ["Broken"]


def test_an_encrypted_pdf_fails_with_a_note_that_says_so(db):
    document = upload(file=encrypted_pdf())
    assert document_extract(document_id=document.pk) == "failed"
    document.refresh_from_db()
    assert "encrypted" in document.extraction_note


def test_a_long_text_is_cut_and_the_note_says_so(db, monkeypatch):
    monkeypatch.setattr(documents_extract, "MAX_CHARS", 10)
    document = upload(file=txt_file("a" * 50))
    assert document_extract(document_id=document.pk) == "done"
    document.refresh_from_db()
    assert document.text == "a" * 10
    assert "first" in document.extraction_note


def test_a_pdf_over_the_page_cap_keeps_the_first_pages(db, monkeypatch):
    monkeypatch.setattr(documents_extract, "MAX_PAGES", 0)
    result = extract_text(pdf_file().read(), "application/pdf")
    assert result.state == "done"
    assert "pages" in result.note


def test_reading_stops_when_the_time_budget_is_spent(db):
    result = extract_text(docx_file().read(), DOCX, budget=-1)
    assert result.state == "done"
    assert "too long" in result.note


def test_stored_text_never_holds_control_characters():
    assert clean_text("a\x00b\x0cc\r\nd\x1b") == "a b c\nd"


def test_an_unknown_type_or_missing_file_or_document_never_raises(db):
    assert extract_text(b"x", "image/png").state == "failed"
    assert document_extract(document_id=999_999) == "missing"
    document = upload()
    document.file.storage.delete(document.file.name)
    assert document_extract(document_id=document.pk) == "failed"


def test_extraction_is_idempotent(db):
    document = upload(file=txt_file("Twice the same"))
    assert document_extract(document_id=document.pk) == "done"
    before = Document.objects.get(pk=document.pk)
    assert document_extract(document_id=document.pk) == "done"
    after = Document.objects.get(pk=document.pk)
    assert (before.text, before.updated_at) == (after.text, after.updated_at)


def test_an_edit_changes_the_details_and_a_stale_one_is_a_conflict(db):
    document = upload(title="Old")
    version = version_of(document)
    edited = document_edit(viewer=SYSTEM, document_id=document.pk, data=DocumentInput(title="New"), version=version)
    assert edited.title == "New"
    with pytest.raises(Conflict) as exc:
        document_edit(viewer=SYSTEM, document_id=document.pk, data=DocumentInput(title="Lost"), version=version)
    assert exc.value.status == 409
    assert Document.objects.get(pk=document.pk).title == "New"


def test_reading_the_text_does_not_make_an_open_edit_stale(db):
    document = upload(title="Old")
    version = version_of(document)
    document_extract(document_id=document.pk)
    edited = document_edit(viewer=SYSTEM, document_id=document.pk, data=DocumentInput(title="New"), version=version)
    assert edited.title == "New"


def test_another_members_official_may_not_edit_and_a_hidden_one_is_not_found(official_b, member_a):
    visible = upload(author_member=member_a, visibility="taskforce")
    hidden = upload(author_member=member_a, visibility="member")
    v = as_viewer(official_b)
    with pytest.raises(PermissionDenied):
        document_edit(viewer=v, document_id=visible.pk, data=DocumentInput(title="x"), version=None)
    with pytest.raises(NotFound):
        document_edit(viewer=v, document_id=hidden.pk, data=DocumentInput(title="x"), version=None)
    with pytest.raises(NotFound):
        document_withdraw(viewer=v, document_id=hidden.pk, reason="x")
    with pytest.raises(NotFound):
        document_replace_file(viewer=v, document_id=hidden.pk, upload=None)


def test_replacing_the_file_reads_the_text_again_and_counts_the_version(db, django_capture_on_commit_callbacks):
    document = upload(file=txt_file("first words"))
    document_extract(document_id=document.pk)
    with django_capture_on_commit_callbacks(execute=True):
        replaced = document_replace_file(viewer=SYSTEM, document_id=document.pk, upload=pdf_file("second words"))
    replaced.refresh_from_db()
    assert replaced.version == 2
    assert replaced.content_type == "application/pdf"
    assert "second words" in replaced.text


def test_a_reading_of_a_replaced_file_is_thrown_away(db, monkeypatch):
    document = upload(file=txt_file("old"))
    real = documents_extract.extract_text

    def replace_meanwhile(data, content_type, **kw):
        Document.objects.filter(pk=document.pk).update(sha256="f" * 64)
        return real(data, content_type, **kw)

    monkeypatch.setattr(documents_extract, "extract_text", replace_meanwhile)
    assert document_extract(document_id=document.pk) == "replaced"
    assert Document.objects.get(pk=document.pk).extraction == "pending"


def test_a_withdrawn_document_is_kept_for_the_secretariat_only(official_a, member_a):
    document = upload(author_member=member_a, visibility="public")
    with pytest.raises(ValidationFailed) as exc:
        document_withdraw(viewer=as_viewer(official_a), document_id=document.pk, reason=" ")
    assert fields_of(exc) == {"reason"}
    document_withdraw(viewer=as_viewer(official_a), document_id=document.pk, reason="Superseded")
    assert not document_list(viewer=as_viewer(official_a)).exists()
    kept = document_list(viewer=SYSTEM).get()
    assert kept.is_withdrawn and kept.withdrawal_reason == "Superseded"
    with pytest.raises(Conflict):
        document_edit(viewer=SYSTEM, document_id=document.pk, data=DocumentInput(title="x"), version=None)


def test_every_write_leaves_an_audit_record_without_the_text(db):
    from auditlog.models import LogEntry

    document = upload(file=txt_file("Words"))
    document_extract(document_id=document.pk)
    entries = LogEntry.objects.get_for_object(document)
    assert entries.count() >= 2
    assert all("text" not in (e.changes_dict or {}) for e in entries)


def test_an_official_corrects_their_members_public_document_without_publishing_another(official_a, member_a):
    document = upload(author_member=member_a, visibility="public", title="Tpyo")
    v = as_viewer(official_a)
    same_level = DocumentInput(title="Typo", visibility="public", author_member=member_a)
    assert document_edit(viewer=v, document_id=document.pk, data=same_level, version=None).title == "Typo"
    other = upload(author_member=member_a, visibility="taskforce")
    with pytest.raises(ValidationFailed) as exc:
        document_edit(viewer=v, document_id=other.pk, data=DocumentInput(visibility="public"), version=None)
    assert fields_of(exc) == {"visibility"}
