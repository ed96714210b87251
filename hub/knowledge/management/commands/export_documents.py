"""Export the library's documents (their details, not the files) as CSV, XLSX or JSON, through the
policy layer."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser

from hub.core.tabular import export_body
from hub.core.viewer import ANONYMOUS
from hub.core.viewer import SYSTEM
from hub.knowledge.selectors.documents import EXPORT_HEADERS
from hub.knowledge.selectors.documents import document_export_rows
from hub.knowledge.selectors.documents import document_list


class Command(BaseCommand):
    help = "Export the library's document details. --public exports only what the public sees."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["csv", "xlsx", "json"], default="csv")
        parser.add_argument("--output", type=Path, help="File to write (default: standard output; not for xlsx)")
        parser.add_argument("--public", action="store_true", help="Only public documents, as an anonymous visitor.")

    def handle(self, *args: Any, format: str, output: Path | None, public: bool, **options: Any) -> None:
        viewer = ANONYMOUS if public else SYSTEM
        if format == "xlsx" and output is None:
            raise CommandError("XLSX is written to a file: give --output.")
        rows = document_export_rows(viewer=viewer, documents=list(document_list(viewer=viewer)))
        body = export_body(headers=EXPORT_HEADERS, rows=rows, fmt=format)
        if output is not None:
            mode = "wb" if isinstance(body, bytes) else "w"
            try:
                with output.open(mode) as fh:
                    fh.write(body)
            except OSError as exc:
                raise CommandError(f"Cannot write {output}: {exc.strerror}") from exc
            self.stdout.write(f"{len(rows)} documents written to {output}")
        elif isinstance(body, bytes):
            sys.stdout.buffer.write(body)
        else:
            self.stdout.write(body)
