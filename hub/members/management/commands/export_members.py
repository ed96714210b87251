"""Export members as CSV, XLSX or JSON, through the policy layer."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandParser

from hub.core.tabular import export_body
from hub.core.viewer import ANONYMOUS
from hub.core.viewer import SYSTEM
from hub.members.selectors import member_list
from hub.members.services.importing import COLUMNS


class Command(BaseCommand):
    help = "Export members (the columns import_members reads). --public exports only what the public sees."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["csv", "xlsx", "json"], default="csv")
        parser.add_argument("--output", type=Path, help="File to write (default: standard output; not for xlsx)")
        parser.add_argument("--public", action="store_true", help="Only public records, as an anonymous visitor.")

    def handle(self, *args: Any, format: str, output: Path | None, public: bool, **options: Any) -> None:
        viewer = ANONYMOUS if public else SYSTEM
        rows = []
        for m in member_list(viewer=viewer):
            rows.append(
                [
                    m.name_en or m.name,
                    m.kind,
                    getattr(m.country, "code", "") or "",
                    m.region,
                    "yes" if m.founding_member else "no",
                    m.mission_statement,
                    m.joined_on.isoformat() if m.joined_on else "",
                    "" if m.alliance_member is None else ("yes" if m.alliance_member else "no"),
                    m.alliance_source,
                    m.source,
                    m.visibility,
                    m.status,
                    "yes" if m.is_synthetic else "no",
                ]
            )
        body = export_body(headers=[*COLUMNS, "status", "synthetic"], rows=rows, fmt=format)
        if output is not None:
            mode = "wb" if isinstance(body, bytes) else "w"
            with output.open(mode) as fh:
                fh.write(body)
            self.stdout.write(f"{len(rows)} members written to {output}")
        elif isinstance(body, bytes):
            sys.stdout.buffer.write(body)
        else:
            self.stdout.write(body)
