"""Export a reporting cycle's answers as CSV, XLSX or JSON (the columns of the web export)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser

from hub.core.errors import HubError
from hub.core.tabular import EXPORT_FORMATS
from hub.core.tabular import export_body
from hub.core.viewer import SYSTEM
from hub.reporting.selectors import EXPORT_HEADERS
from hub.reporting.selectors import answer_rows
from hub.reporting.selectors import cycle_get


class Command(BaseCommand):
    help = "Export one answer per row of every report in a cycle (the secretariat's view of it)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("cycle_id", metavar="ID", type=int)
        parser.add_argument("--format", choices=EXPORT_FORMATS, default="csv")
        parser.add_argument("--output", type=Path, help="File to write (default: standard output; not for xlsx)")

    def handle(self, *args: Any, cycle_id: int, format: str, output: Path | None, **options: Any) -> None:
        if format == "xlsx" and output is None:
            raise CommandError("Give --output FILE for xlsx: a workbook is not written to the terminal.")
        try:
            cycle = cycle_get(viewer=SYSTEM, pk=cycle_id)
        except HubError as exc:
            raise CommandError(f"No reporting cycle {cycle_id}.") from exc
        rows = answer_rows(viewer=SYSTEM, cycle=cycle)
        body = export_body(headers=EXPORT_HEADERS, rows=rows, fmt=format)
        if output is not None:
            if isinstance(body, bytes):
                output.write_bytes(body)
            else:
                output.write_text(body, encoding="utf-8")
            self.stdout.write(f"{len(rows)} answer(s) of {cycle.name} written to {output}")
        elif isinstance(body, bytes):
            sys.stdout.buffer.write(body)
        else:
            self.stdout.write(body)
