"""Export the codings of legal profiles (the columns import_legal_codings reads), as the secretariat sees them."""

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
from hub.legal.selectors.codings import as_of_parse
from hub.legal.selectors.io import CODING_EXPORT_HEADERS
from hub.legal.selectors.io import codings_export_rows


class Command(BaseCommand):
    help = (
        "Export every coding (of one member with --member), now or --as-of a past day (YYYY-MM-DD), in the "
        "columns import_legal_codings reads, plus a last column marking synthetic demo data."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--member", help="The member's short name (slug).")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--as-of", dest="as_of", help="The codings as they were at the end of this day.")
        parser.add_argument("--output", type=Path, help="File to write (default: standard output; not for xlsx)")

    def handle(
        self, *args: Any, member: str | None, format: str, as_of: str | None, output: Path | None, **options: Any
    ) -> None:
        if format == "xlsx" and output is None:
            raise CommandError("An XLSX export needs --output.")
        try:
            rows = codings_export_rows(viewer=SYSTEM, member_slug=member, as_of=as_of_parse(as_of))
        except HubError as exc:
            raise CommandError(" ".join([exc.message, *(p.message for p in exc.problems[1:])])) from exc
        body = export_body(headers=CODING_EXPORT_HEADERS, rows=rows, fmt=format)
        if output is not None:
            mode = "wb" if isinstance(body, bytes) else "w"
            with output.open(mode) as fh:
                fh.write(body)
            self.stdout.write(f"{len(rows)} codings written to {output}")
        elif isinstance(body, bytes):
            sys.stdout.buffer.write(body)
        else:
            self.stdout.write(body, ending="")
