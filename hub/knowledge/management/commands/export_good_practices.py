"""Export good practices as CSV, XLSX or JSON, through the policy layer."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandParser

from hub.core.tabular import export_body
from hub.core.viewer import ANONYMOUS
from hub.core.viewer import SYSTEM
from hub.knowledge.selectors.practices import EXPORT_HEADERS
from hub.knowledge.selectors.practices import export_rows
from hub.knowledge.selectors.practices import practice_list


class Command(BaseCommand):
    help = (
        "Export good practices (the columns import_good_practices reads, and more), as the secretariat sees "
        "them; --public exports only what the public sees (published public practices)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["csv", "xlsx", "json"], default="csv")
        parser.add_argument("--output", type=Path, help="File to write (default: standard output; not for xlsx)")
        parser.add_argument("--public", action="store_true", help="Only public records, as an anonymous visitor.")

    def handle(self, *args: Any, format: str, output: Path | None, public: bool, **options: Any) -> None:
        viewer = ANONYMOUS if public else SYSTEM
        rows = export_rows(practice_list(viewer=viewer))
        body = export_body(headers=EXPORT_HEADERS, rows=rows, fmt=format)
        if output is not None:
            mode = "wb" if isinstance(body, bytes) else "w"
            with output.open(mode) as fh:
                fh.write(body)
            self.stdout.write(f"{len(rows)} good practices written to {output}")
        elif isinstance(body, bytes):
            sys.stdout.buffer.write(body)
        else:
            self.stdout.write(body)
