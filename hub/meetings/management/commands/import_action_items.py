"""Import action items from CSV or XLSX: all rows or none."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hub.core.errors import HubError
from hub.core.viewer import SYSTEM
from hub.meetings.services import IMPORT_COLUMNS, action_items_import


class Command(BaseCommand):
    help = "Import action items (columns: " + ", ".join(IMPORT_COLUMNS) + "). One bad row writes nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args: Any, file: Path, dry_run: bool, **options: Any) -> None:
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            report = action_items_import(viewer=SYSTEM, name=file.name, content=file.read_bytes(), dry_run=dry_run)
        except HubError as exc:
            for problem in exc.problems:
                self.stderr.write(f"{file.name} {problem.location()}: {problem.message}")
            raise CommandError(f"{exc.message} ({len(exc.problems)} problem(s))") from exc
        prefix = "[dry run] nothing written; would have: " if dry_run else ""
        self.stdout.write(f"{prefix}{len(report.created)} created, {report.unchanged} unchanged")
