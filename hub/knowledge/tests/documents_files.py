"""Small real files of every library type, and a document uploaded through the service, for the
library's tests."""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from hub.core.viewer import SYSTEM
from hub.core.viewer import Viewer
from hub.knowledge.demo.documents import _docx
from hub.knowledge.models.documents import Document
from hub.knowledge.services.documents import DocumentInput
from hub.knowledge.services.documents import document_upload
from hub.members.demo import demo_pdf

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def pdf_file(text: str = "Hotline capacity grew", name: str = "paper.pdf") -> SimpleUploadedFile:
    return demo_pdf(name, "A paper", [text])


def docx_file(text: str = "Safety by design", name: str = "paper.docx") -> SimpleUploadedFile:
    return _docx(name, "A paper", (text,))


def txt_file(text: str = "Plain words about age assurance", name: str = "note.txt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")


def encrypted_pdf(name: str = "locked.pdf") -> SimpleUploadedFile:
    from pypdf import PdfReader
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=PdfReader(pdf_file()))
    writer.encrypt(user_password="secret", owner_password="owner")  # noqa: S106 - a test file
    out = io.BytesIO()
    writer.write(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/pdf")


def upload(
    viewer: Viewer = SYSTEM, *, file: Any = None, title: str = "Paper", visibility: str = "taskforce", **details: Any
) -> Document:
    data = DocumentInput(title=title, visibility=visibility, **details)
    return document_upload(viewer=viewer, data=data, upload=file if file is not None else txt_file())
