"""Check a text file's terminology against the glossary: each discouraged term with its line and the
preferred term. Warnings never block: the exit code is 0 unless --strict is given and a term was found."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hub.knowledge.selectors.terminology import terminology_check_lines

# The largest file read (a narrative, a report's text): about forty times the check's own bound per text.
FILE_MAX_BYTES = 4 * 1024 * 1024


class Command(BaseCommand):
    help = "Point out discouraged terms in a text file (or standard input), with their line numbers."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", nargs="?", default="-", help="A UTF-8 text file; - (the default) reads standard input."
        )
        parser.add_argument(
            "--strict", action="store_true", help="Exit with status 1 when a discouraged term is found."
        )

    def handle(self, *args: Any, file: str, strict: bool, **options: Any) -> None:
        text = self._read(file)
        found = terminology_check_lines(text)
        for number, warning in found:
            self.stdout.write(
                _("line %(line)s: “%(found)s”: prefer “%(preferred)s” (%(why)s)")
                % {"line": number, "found": warning.found, "preferred": warning.preferred, "why": warning.why}
            )
        if not found:
            self.stdout.write(_("No discouraged term found."))
        elif strict:
            message = ngettext("%(n)s discouraged term found.", "%(n)s discouraged terms found.", len(found))
            raise CommandError(message % {"n": len(found)}, returncode=1)

    def _read(self, file: str) -> str:
        try:
            if file == "-":
                raw = sys.stdin.buffer.read(FILE_MAX_BYTES + 1)
            else:
                path = Path(file)
                if path.stat().st_size > FILE_MAX_BYTES:
                    raise CommandError(_("The file is larger than %(n)s MB.") % {"n": FILE_MAX_BYTES // (1024 * 1024)})
                raw = path.read_bytes()
        except OSError as exc:
            raise CommandError(_("The file cannot be read: %(error)s") % {"error": exc.strerror or str(exc)}) from exc
        if len(raw) > FILE_MAX_BYTES:
            raise CommandError(_("The text is larger than %(n)s MB.") % {"n": FILE_MAX_BYTES // (1024 * 1024)})
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CommandError(_("The file is not UTF-8 text.")) from exc
