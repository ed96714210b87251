"""Export the input on consultations and commitments, with the responses, through the policy layer
(as the secretariat)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser

from hub.core.errors import HubError
from hub.core.tabular import export_body
from hub.core.viewer import SYSTEM
from hub.knowledge.selectors.consultations import EXPORT_HEADERS
from hub.knowledge.selectors.consultations import consultation_get
from hub.knowledge.selectors.consultations import input_export_rows


class Command(BaseCommand):
    help = "Export input and responses (all, or one consultation's) as CSV, XLSX or JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--consultation", type=int, metavar="ID", help="Only this consultation's input.")
        parser.add_argument("--format", choices=["csv", "xlsx", "json"], default="csv")
        parser.add_argument("--output", type=Path, help="File to write (default: standard output; not for xlsx)")

    def handle(self, *args: Any, consultation: int | None, format: str, output: Path | None, **options: Any) -> None:
        if format == "xlsx" and output is None:
            raise CommandError("An XLSX export needs --output FILE.")
        try:
            if consultation is not None:
                consultation_get(viewer=SYSTEM, pk=consultation)
        except HubError as exc:
            raise CommandError(f"Consultation {consultation}: not found.") from exc
        rows = input_export_rows(viewer=SYSTEM, consultation_id=consultation)
        body = export_body(headers=EXPORT_HEADERS, rows=rows, fmt=format)
        if output is not None:
            mode = "wb" if isinstance(body, bytes) else "w"
            with output.open(mode) as fh:
                fh.write(body)
            self.stderr.write(f"{len(rows)} input written to {output}")
        elif isinstance(body, bytes):
            sys.stdout.buffer.write(body)
        else:
            self.stdout.write(body)
