"""Uploaded files: their type recognised by their first bytes (never by their name alone), and their
SHA-256. Each service sets its own size limit and allowed types, and checks the size first.

Plain text has no first bytes of its own: a file named `.txt` is text when all of it is valid UTF-8
and holds no NUL byte (read once, in chunks; the caller has checked the size before)."""

from __future__ import annotations

import codecs
import hashlib

from django.core.files.uploadedfile import UploadedFile

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PNG = "image/png"
TEXT = "text/plain"
JPEG = "image/jpeg"

MAGIC = {b"%PDF-": PDF, b"\x89PNG\r\n\x1a\n": PNG, b"\xff\xd8\xff": JPEG}
ZIP_MAGIC = b"PK\x03\x04"
ZIP_TYPES = {".docx": DOCX, ".xlsx": XLSX}  # zip containers, told apart by their extension
TEXT_EXTENSIONS = (".txt",)


def content_type_of(upload: UploadedFile) -> str | None:
    """The file's type from its content, or None when it is none of the types we know."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(ZIP_MAGIC):
        name = (upload.name or "").lower()
        return next((kind for ext, kind in ZIP_TYPES.items() if name.endswith(ext)), None)
    found = next((kind for magic, kind in MAGIC.items() if head.startswith(magic)), None)
    if found is None and (upload.name or "").lower().endswith(TEXT_EXTENSIONS) and is_utf8_text(upload):
        return TEXT
    return found


def is_utf8_text(upload: UploadedFile) -> bool:
    """All of the file is valid UTF-8 (a byte-order mark allowed) without NUL bytes."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    upload.seek(0)
    try:
        for chunk in upload.chunks():
            if b"\x00" in chunk:
                return False
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        upload.seek(0)
    return True


def sha256_of(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()
