"""Reading a library document's text for search, in the background worker.

PDF through pypdf, DOCX through python-docx (paragraphs, then tables), plain text decoded as UTF-8.
Bounded: at most `MAX_PAGES` pages, `MAX_CHARS` characters and `TIME_BUDGET_SECONDS` of wall-clock
time (checked between pages and paragraphs); what was read before a bound is kept, and the note says
the text was cut. Control characters are removed, so the stored text can always be shown and exported.

The task never raises: a file that cannot be read (encrypted, damaged) is marked FAILED with a note,
and the document stays findable by its title. It is idempotent, and a result read from a file that
has since been replaced is thrown away (the replacement queued its own reading).
"""

from __future__ import annotations

import io
import logging
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass

import docx
from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task
from pypdf import PdfReader

from hub.core.audit import acting_as
from hub.core.concurrency import locked
from hub.knowledge.models.documents import Document

log = logging.getLogger(__name__)

MAX_PAGES = 200
MAX_CHARS = 1_000_000
TIME_BUDGET_SECONDS = 20.0

# Control characters but tab and line feed, and the non-characters XML refuses; carriage returns go too.
UNSHOWABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class Extracted:
    text: str
    state: str
    note: str = ""


class _Cut(Exception):
    """A bound was reached: keep what was read."""

    def __init__(self, note: str) -> None:
        super().__init__(note)
        self.note = note


def clean_text(text: str) -> str:
    """Text that can always be stored, shown and exported: no control characters, tidy blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = UNSHOWABLE.sub(" ", text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


class _Collector:
    def __init__(self, *, started: float, budget: float) -> None:
        self.parts: list[str] = []
        self.chars = 0
        self.deadline = started + budget

    def add(self, text: str) -> None:
        if self.chars + len(text) > MAX_CHARS:
            self.parts.append(text[: MAX_CHARS - self.chars])
            self.chars = MAX_CHARS
            raise _Cut(_("Only the first %(n)s characters were read.") % {"n": f"{MAX_CHARS:,}"})
        self.parts.append(text)
        self.chars += len(text)

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise _Cut(_("Reading took too long: only the beginning was read."))

    def result(self, note: str = "") -> Extracted:
        return Extracted(clean_text("\n".join(self.parts)), Document.Extraction.DONE, note)


def _pdf(data: bytes, collector: _Collector) -> Extracted:
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        try:
            opened = bool(reader.decrypt(""))
        except Exception:  # noqa: BLE001 - any failure to open is "encrypted"
            opened = False
        if not opened:
            return Extracted("", Document.Extraction.FAILED, _("The PDF is encrypted: its text cannot be read."))
    pages = len(reader.pages)
    note = ""
    try:
        for number, page in enumerate(reader.pages):
            if number >= MAX_PAGES:
                raise _Cut(_("Only the first %(n)s pages of %(total)s were read.") % {"n": MAX_PAGES, "total": pages})
            collector.check_time()
            collector.add(page.extract_text() or "")
    except _Cut as cut:
        note = cut.note
    result = collector.result(note)
    if not result.text and not note:
        return Extracted(
            "", Document.Extraction.FAILED, _("The PDF holds no text (a scan?): it is found by its title.")
        )
    return result


def _docx_blocks(data: bytes) -> Iterator[str]:
    document = docx.Document(io.BytesIO(data))
    for paragraph in document.paragraphs:
        yield paragraph.text
    for table in document.tables:
        for row in table.rows:
            yield "\t".join(cell.text for cell in row.cells)


def _docx(data: bytes, collector: _Collector) -> Extracted:
    note = ""
    try:
        for block in _docx_blocks(data):
            collector.check_time()
            collector.add(block)
    except _Cut as cut:
        note = cut.note
    return collector.result(note)


def _plain(data: bytes, collector: _Collector) -> Extracted:
    note = ""
    try:
        collector.add(data.decode("utf-8-sig", errors="replace"))
    except _Cut as cut:
        note = cut.note
    return collector.result(note)


READERS = {
    "application/pdf": _pdf,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": _docx,
    "text/plain": _plain,
}


def extract_text(data: bytes, content_type: str, *, budget: float = TIME_BUDGET_SECONDS) -> Extracted:
    """The text of a file of a library type, within the bounds. Never raises."""
    reader = READERS.get(content_type)
    if reader is None:
        return Extracted("", Document.Extraction.FAILED, _("Text is read from PDF, DOCX and plain-text files only."))
    try:
        return reader(data, _Collector(started=time.monotonic(), budget=budget))
    except Exception as exc:  # noqa: BLE001 - a damaged file must never break the worker
        log.info("document text extraction failed: %s", type(exc).__name__)
        return Extracted("", Document.Extraction.FAILED, _("The file is damaged: its text could not be read."))


def document_extract(*, document_id: int, budget: float = TIME_BUDGET_SECONDS) -> str:
    """Read a stored document's text and record it (state DONE or FAILED with a note). Returns the
    state, or "missing" when there is no such document. Never raises."""
    try:
        document = Document.objects.filter(pk=document_id).first()
        if document is None:
            return "missing"
        sha256 = document.sha256
        try:
            with document.file.open("rb") as fh:
                data = fh.read()
        except OSError:
            result = Extracted("", Document.Extraction.FAILED, _("The stored file is missing."))
        else:
            result = extract_text(data, document.content_type, budget=budget)
        with transaction.atomic(), acting_as(None, via="task"):
            current = locked(document)
            if current.sha256 != sha256:
                return "replaced"  # the new file queued its own reading
            current.text = result.text
            current.extraction = result.state
            current.extraction_note = result.note[:300]
            # Not `updated_at`: reading the text is no edit, so an edit form opened meanwhile stays current.
            current.save(update_fields=["text", "extraction", "extraction_note"])
        return result.state
    except Exception:  # noqa: BLE001 - the task never raises; the operator re-runs extract_documents
        log.exception("document text extraction could not be recorded for document %s", document_id)
        return "error"


@task()
def extract_document_text_task(*, document_id: int) -> str:
    return document_extract(document_id=document_id)
