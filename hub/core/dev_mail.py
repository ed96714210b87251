"""Development only: the e-mails the file-based backend wrote (settings: DEBUG uses it, in var/mail),
listed and shown with their links clickable, so a newcomer can follow a journey's e-mail.

Never routed unless DEBUG is on (taskforce/urls.py), and every view answers 404 without DEBUG.
"""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_safe

from hub.core.web import public_page

FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
SEPARATOR = re.compile(r"^-{79}$", flags=re.MULTILINE)
FILE_NAME = re.compile(r"^[\w.-]+\.log$")


@dataclass(frozen=True)
class Mail:
    file: str
    index: int
    to: str
    subject: str
    date: Any
    body: str


def _folder() -> Path:
    return Path(getattr(settings, "EMAIL_FILE_PATH", "") or Path(settings.BASE_DIR) / "var" / "mail")


def _parse(file: Path) -> list[Mail]:
    out = []
    chunks = [c for c in SEPARATOR.split(file.read_text(encoding="utf-8", errors="replace")) if c.strip()]
    for index, chunk in enumerate(chunks):
        message: Any = email.message_from_string(chunk.lstrip("\n"), policy=email.policy.default)
        part = message.get_body(preferencelist=("plain", "html"))
        body = part.get_content() if part is not None else ""  # type: ignore[attr-defined]
        try:
            date = parsedate_to_datetime(str(message["Date"])) if message["Date"] else None
        except (TypeError, ValueError):
            date = None
        out.append(Mail(file.name, index, str(message["To"] or ""), str(message["Subject"] or ""), date, body))
    return out


def mails() -> list[Mail]:
    """Every mail written to the folder, newest first."""
    folder = _folder()
    if not folder.is_dir():
        return []
    files = sorted(
        (f for f in folder.iterdir() if f.is_file() and FILE_NAME.match(f.name)),
        key=lambda f: (f.stat().st_mtime, f.name),
        reverse=True,
    )
    return [m for f in files for m in reversed(_parse(f))]


def _require_debug() -> None:
    if not settings.DEBUG:
        raise Http404()


@require_safe
@public_page
def mail_list(request: HttpRequest) -> HttpResponse:
    _require_debug()
    return render(
        request,
        "core/dev_mail.html",
        {"mails": mails(), "folder": _folder(), "file_backend": settings.EMAIL_BACKEND == FILE_BACKEND},
    )


@require_safe
@public_page
def mail_detail(request: HttpRequest, file: str, index: int) -> HttpResponse:
    _require_debug()
    target = _folder() / file
    if not FILE_NAME.match(file) or not target.is_file():
        raise Http404()
    found = _parse(target)
    if index >= len(found):
        raise Http404()
    return render(request, "core/dev_mail_message.html", {"mail": found[index]})


urlpatterns = [
    path("dev/mail/", mail_list, name="dev_mail"),
    path("dev/mail/<str:file>/<int:index>/", mail_detail, name="dev_mail_message"),
]
