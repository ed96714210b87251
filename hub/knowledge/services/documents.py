"""Writes to the document library: upload, edit the details, replace the file, withdraw.

An upload is checked before anything is written: not empty, at most `DOCUMENT_MAX_BYTES`, a PDF, DOCX
or plain-text file by its content, with the extension its content has (a PNG named `.pdf` is
refused, naming the field `file`). Its SHA-256 is recorded; the same file may be uploaded twice (a
report filed by two members), and the pages point the second uploader to the first. The file goes to
the default storage (MEDIA_ROOT, outside the web root) and is read only through the policy layer.
Once the write commits, the background worker extracts the text (`documents_extract`).

A withdrawn document keeps its row, file and history; only the secretariat sees it afterwards.
"""

from __future__ import annotations

import datetime
import os
import zipfile
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.core.audit import acting_as
from hub.core.concurrency import check_version
from hub.core.concurrency import locked
from hub.core.errors import Conflict
from hub.core.errors import PermissionDenied
from hub.core.errors import Problem
from hub.core.errors import ValidationFailed
from hub.core.errors import raise_problems
from hub.core.errors import require_text
from hub.core.fields import CONTROL_CHARACTERS
from hub.core.inputs import UNSET
from hub.core.inputs import Unset
from hub.core.inputs import given
from hub.core.models import Visibility
from hub.core.policies import policy_for
from hub.core.uploads import content_type_of
from hub.core.uploads import sha256_of
from hub.core.validation import full_clean
from hub.core.viewer import Viewer
from hub.knowledge.models.documents import DOCUMENT_LANGUAGES
from hub.knowledge.models.documents import EXTENSIONS
from hub.knowledge.models.documents import Document
from hub.knowledge.services.documents_extract import extract_document_text_task
from hub.members.models import Member

DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
# A DOCX is a zip archive: refuse one that unpacks to more than this (a "zip bomb") before reading it.
DOCX_MAX_UNPACKED_BYTES = 200 * 1024 * 1024

TYPE_NAMES = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "image/png": "PNG",
    "image/jpeg": "JPEG",
    "text/plain": "TXT",
}


@dataclass(frozen=True, kw_only=True)
class DocumentInput:
    """A document's details. On upload the fields not given keep the model's defaults; on edit only the
    fields given change."""

    title: str | Unset = UNSET
    kind: str | Unset = UNSET
    language: str | Unset = UNSET
    dated: datetime.date | None | Unset = UNSET
    author_member: Member | None | Unset = UNSET
    summary: str | Unset = UNSET
    visibility: str | Unset = UNSET
    is_synthetic: bool | Unset = UNSET


@dataclass(frozen=True)
class CheckedFile:
    upload: UploadedFile
    content_type: str
    sha256: str
    size: int
    original_name: str


def _file_problem(message: str) -> ValidationFailed:
    return ValidationFailed(_("The document was not saved."), problems=[Problem(message, field="file")])


def check_document_file(upload: UploadedFile | None) -> CheckedFile:
    """The upload's type, checksum and size, or ValidationFailed naming `file`: empty, too large, not a
    PDF, DOCX or plain-text file by its content, or named with another type's extension."""
    if upload is None:
        raise _file_problem(_("Choose a file to upload."))
    size = upload.size or 0
    if size == 0:
        raise _file_problem(_("The file is empty."))
    if size > DOCUMENT_MAX_BYTES:
        raise _file_problem(_("The file must be at most 20 MB."))
    name = _clean_name(upload.name or "")
    extension = os.path.splitext(name)[1].lower()
    kind = content_type_of(upload)
    expected = next((k for k, ext in EXTENSIONS.items() if ext == extension), None)
    if kind not in EXTENSIONS:
        found = TYPE_NAMES.get(kind or "")
        if found:
            raise _file_problem(
                _("This file is a %(found)s file: the library takes PDF, DOCX and plain-text (.txt) files.")
                % {"found": found}
            )
        raise _file_problem(
            _("The library takes PDF, DOCX and plain-text (.txt, UTF-8) files, checked by their content.")
        )
    if expected != kind:
        raise _file_problem(
            _("The file's content is %(found)s but its name ends in “%(extension)s”: rename it to “%(right)s”.")
            % {"found": TYPE_NAMES[kind], "extension": extension or "—", "right": EXTENSIONS[kind]}
        )
    if extension == ".docx":
        _check_docx(upload)
    return CheckedFile(upload=upload, content_type=kind, sha256=sha256_of(upload), size=size, original_name=name)


def _check_docx(upload: UploadedFile) -> None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
            unpacked = sum(entry.file_size for entry in entries)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _file_problem(_("This DOCX file is damaged: it cannot be opened.")) from exc
    finally:
        upload.seek(0)
    if "word/document.xml" not in names:
        raise _file_problem(_("This file is not a Word document (DOCX), although its name says so."))
    if unpacked > DOCX_MAX_UNPACKED_BYTES:
        raise _file_problem(_("This DOCX file unpacks to more than 200 MB: it is refused."))


def _clean_name(name: str) -> str:
    base = os.path.basename(name.replace("\\", "/"))
    base = CONTROL_CHARACTERS.sub("", base).replace('"', "'").strip()
    if len(base) > 255:
        stem, ext = os.path.splitext(base)
        base = stem[: 255 - len(ext)] + ext
    return base


def _check_rules(
    viewer: Viewer, document: Document, problems: list[Problem], *, changed: set[str] | None = None
) -> None:
    """The details' own rules and what this viewer may give them. On an edit (`changed` names the fields
    given with another value), the level and the author member are checked only when they change: an
    official may correct the title of their member's public document without being able to publish one."""
    policy = policy_for(Document)
    require_text(problems, document.title, _("Give the document a title."), field="title")
    if document.language not in DOCUMENT_LANGUAGES:
        problems.append(Problem(_("Choose a language from the list."), field="language"))
    if document.kind not in Document.Kind.values:
        problems.append(Problem(_("Choose a type from the list."), field="kind"))
    if document.visibility not in Visibility.values:
        problems.append(Problem(_("Choose who may see the document."), field="visibility"))
    elif (changed is None or "visibility" in changed) and not policy.can(viewer, "file_at_level", document):
        problems.append(
            Problem(
                _("Members share documents with their member or the taskforce; the secretariat publishes."),
                "visibility",
            )
        )
    if document.visibility == Visibility.MEMBER and document.author_member_id is None:
        problems.append(Problem(_("A member-only document needs its author member."), field="author_member"))
    if (changed is None or "author_member" in changed) and not policy.can(viewer, "file_for_member", document):
        problems.append(Problem(_("Choose a member you act for."), field="author_member"))


def _enqueue_extraction(document: Document) -> None:
    pk = document.pk
    transaction.on_commit(lambda: extract_document_text_task.enqueue(document_id=pk))


def _store_file(document: Document, checked: CheckedFile) -> None:
    document.content_type = checked.content_type
    document.sha256 = checked.sha256
    document.size = checked.size
    document.original_name = checked.original_name
    document.text = ""
    document.extraction = Document.Extraction.PENDING
    document.extraction_note = ""
    checked.upload.seek(0)
    name = f"{checked.sha256[:16]}{EXTENSIONS[checked.content_type]}"
    document.file.save(name, checked.upload, save=False)


def document_upload(*, viewer: Viewer, data: DocumentInput, upload: UploadedFile | None, via: str = "web") -> Document:
    """Add a document to the library; its text is read in the background once this commits."""
    policy_for(Document).require(viewer, "upload", message=_("You may not add documents to the library."))
    document = Document(**given(data))
    document.title = (document.title or "").strip()
    document.summary = (document.summary or "").strip()
    problems: list[Problem] = []
    _check_rules(viewer, document, problems)
    try:
        checked = check_document_file(upload)
    except ValidationFailed as exc:
        problems += exc.problems
    raise_problems(problems, _("The document was not saved."))
    document.uploaded_by = viewer.user
    full_clean(document, exclude=["file", "content_type", "sha256"])
    with transaction.atomic(), acting_as(viewer.user, via=via):
        _store_file(document, checked)
        document.save()
        _enqueue_extraction(document)
    return document


def _editable(viewer: Viewer, document_id: int, action: str) -> Document:
    """The document, locked, once the viewer may see it (else NotFound) and do `action` (else 403/409)."""
    policy = policy_for(Document)
    document = locked(policy.get(viewer, document_id))
    if document.is_withdrawn:
        raise Conflict(_("This document was withdrawn: it can no longer change."))
    if not policy.can(viewer, action, document):
        raise PermissionDenied(_("You may not change this document."))
    return document


def document_edit(
    *, viewer: Viewer, document_id: int, data: DocumentInput, version: str | None, via: str = "web"
) -> Document:
    """Change a document's details (not its file). `version` is the one the edit was based on: a stale
    one is a Conflict (409)."""
    changes = given(data)
    with transaction.atomic(), acting_as(viewer.user, via=via):
        document = _editable(viewer, document_id, "edit")
        check_version(document, version)
        changed = {name for name, value in changes.items() if getattr(document, name) != value}
        for name, value in changes.items():
            setattr(document, name, value.strip() if isinstance(value, str) and name in ("title", "summary") else value)
        problems: list[Problem] = []
        _check_rules(viewer, document, problems, changed=changed)
        raise_problems(problems, _("The document was not saved."))
        full_clean(document, exclude=["file", "content_type", "sha256"])
        document.save(update_fields=[*changes, "updated_at"])
    return document


def document_replace_file(
    *, viewer: Viewer, document_id: int, upload: UploadedFile | None, version: str | None = None, via: str = "web"
) -> Document:
    """Put a new file in place of the document's file (the old one stays in storage, named in the audit
    log); its text is read again."""
    with transaction.atomic(), acting_as(viewer.user, via=via):
        document = _editable(viewer, document_id, "replace_file")
        check_version(document, version)
        checked = check_document_file(upload)
        _store_file(document, checked)
        document.version += 1
        document.save(
            update_fields=[
                "file",
                "content_type",
                "sha256",
                "size",
                "original_name",
                "text",
                "extraction",
                "extraction_note",
                "version",
                "updated_at",
            ]
        )
        _enqueue_extraction(document)
    return document


def document_withdraw(*, viewer: Viewer, document_id: int, reason: str, via: str = "web") -> Document:
    """Take a document out of the library: it stays, with its file and history, for the secretariat."""
    reason = (reason or "").strip()
    problems: list[Problem] = []
    require_text(problems, reason, _("Say why the document is withdrawn."), field="reason")
    if CONTROL_CHARACTERS.search(reason):
        problems.append(
            Problem(_("Remove the control characters (such as those pasted from a word processor)."), "reason")
        )
    if len(reason) > 500:
        problems.append(Problem(_("At most %(n)s characters.") % {"n": 500}, field="reason"))
    with transaction.atomic(), acting_as(viewer.user, via=via):
        document = _editable(viewer, document_id, "withdraw")
        raise_problems(problems, _("The document was not withdrawn."))
        document.withdrawn_at = timezone.now()
        document.withdrawal_reason = reason
        document.save(update_fields=["withdrawn_at", "withdrawal_reason", "updated_at"])
    return document
