"""Uploaded files: their type recognised by their first bytes (never by their name alone), and their
SHA-256. Each service sets its own size limit and allowed types, and checks the size first."""

from __future__ import annotations

import hashlib

from django.core.files.uploadedfile import UploadedFile

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PNG = "image/png"
JPEG = "image/jpeg"

MAGIC = {b"%PDF-": PDF, b"\x89PNG\r\n\x1a\n": PNG, b"\xff\xd8\xff": JPEG}
ZIP_MAGIC = b"PK\x03\x04"
ZIP_TYPES = {".docx": DOCX, ".xlsx": XLSX}  # zip containers, told apart by their extension


def content_type_of(upload: UploadedFile) -> str | None:
    """The file's type from its content, or None when it is none of the types we know."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(ZIP_MAGIC):
        name = (upload.name or "").lower()
        return next((kind for ext, kind in ZIP_TYPES.items() if name.endswith(ext)), None)
    return next((kind for magic, kind in MAGIC.items() if head.startswith(magic)), None)


def sha256_of(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()
