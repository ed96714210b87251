"""Import a questionnaire version from CSV or XLSX: all rows or none; a frozen version is refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser

from hub.core.management.importing import refused_as_command_error
from hub.core.tabular import check_import_size
from hub.core.viewer import SYSTEM
from hub.reporting.services import QUESTIONNAIRE_COLUMNS
from hub.reporting.services import questionnaire_import


class Command(BaseCommand):
    help = (
        "Import a questionnaire version (columns: " + ", ".join(QUESTIONNAIRE_COLUMNS) + "). One bad row "
        "writes nothing; a version a cycle uses is frozen and cannot be imported again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--code", required=True, help="The version's code, e.g. 2026.")
        parser.add_argument("--title", required=True, help="The version's title.")
        parser.add_argument("--previous", default="", help="The code of the version this one follows.")
        parser.add_argument("--dry-run", action="store_true", help="Validate and report; write nothing.")

    def handle(
        self, *args: Any, file: Path, code: str, title: str, previous: str, dry_run: bool, **options: Any
    ) -> None:
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        with refused_as_command_error(self, file):
            check_import_size(name=file.name, size=file.stat().st_size)
            report = questionnaire_import(
                viewer=SYSTEM,
                code=code,
                title=title,
                name=file.name,
                content=file.read_bytes(),
                previous_code=previous,
                dry_run=dry_run,
                via="command",
            )
        prefix = "[dry run] nothing written; would have: " if dry_run else ""
        action = "created" if report.created else "updated"
        self.stdout.write(
            f"{prefix}version {report.version} {action}: {report.questions} question(s), "
            f"{report.indicators} indicator(s), {len(report.changed)} change(s)"
        )
        for name in report.changed:
            self.stdout.write(f"  changed: {name}")
        if not report.changed:
            self.stdout.write("  nothing changed")
