"""Import members from a CSV or XLSX file: all rows or none."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hub.core.errors import HubError
from hub.core.viewer import SYSTEM
from hub.members.services.importing import COLUMNS, members_import


class Command(BaseCommand):
    help = "Import members from CSV or XLSX (columns: " + ", ".join(COLUMNS) + "). One bad row writes nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Validate and report; write nothing.")

    def handle(self, *args: Any, file: Path, dry_run: bool, **options: Any) -> None:
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            report = members_import(viewer=SYSTEM, name=file.name, content=file.read_bytes(), dry_run=dry_run)
        except HubError as exc:
            for problem in exc.problems:
                self.stderr.write(f"{file.name} {problem.location()}: {problem.message}")
            raise CommandError(f"{exc.message} ({len(exc.problems)} problem(s))") from exc
        prefix = "[dry run] nothing written; would have: " if dry_run else ""
        self.stdout.write(
            f"{prefix}{len(report.created)} created, {len(report.updated)} updated, {report.unchanged} unchanged"
        )
        for name in report.created:
            self.stdout.write(f"  created: {name}")
        for name in report.updated:
            self.stdout.write(f"  updated: {name}")
