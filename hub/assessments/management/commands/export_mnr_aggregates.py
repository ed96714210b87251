"""Export the safe aggregate of self-assessments as CSV or XLSX, through the same selector as the pages:
as the secretariat sees it, or as the public site does (--public: published cycles only)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser

from hub.assessments.selectors.aggregates import aggregate_export
from hub.assessments.selectors.aggregates import safe_aggregate
from hub.core.errors import HubError
from hub.core.errors import NotFound
from hub.core.tabular import export_body
from hub.core.viewer import ANONYMOUS
from hub.core.viewer import SYSTEM


class Command(BaseCommand):
    help = (
        "Export the safe aggregate of self-assessments (every cycle, or one with --cycle ID) as CSV or XLSX: "
        "cells that the disclosure control does not show read 'Not enough responses to protect "
        "confidentiality'. As the secretariat sees it or, with --public, as the public site does."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cycle", type=int, help="One cycle's id (default: every cycle)")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", type=Path, help="File to write (default: standard output)")
        parser.add_argument("--public", action="store_true", help="Only what the public sees (published cycles).")

    def handle(self, *args: Any, cycle: int | None, format: str, output: Path | None, public: bool, **_: Any) -> None:
        viewer = ANONYMOUS if public else SYSTEM
        try:
            table = safe_aggregate(viewer, cycles=[cycle] if cycle is not None else None)
        except NotFound as exc:
            raise CommandError(f"No cycle {cycle} with an aggregate you may export.") from exc
        except HubError as exc:
            raise CommandError(exc.message) from exc
        headers, rows = aggregate_export(table)
        body = export_body(headers=headers, rows=rows, fmt=format)
        if output is not None:
            mode = "wb" if isinstance(body, bytes) else "w"
            with output.open(mode) as fh:
                fh.write(body)
            self.stdout.write(f"Safe aggregate: {len(rows)} cells written to {output}")
        elif isinstance(body, bytes):
            sys.stdout.buffer.write(body)
        else:
            self.stdout.write(body)
