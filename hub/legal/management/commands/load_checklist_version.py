"""Load a new version of the model checklist from a CSV or XLSX file, as a draft: all rows or none."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from hub.core.management.importing import ImportCommand
from hub.core.viewer import SYSTEM
from hub.legal.services.checklist import FILE_COLUMNS
from hub.legal.services.checklist import ChecklistLoadReport
from hub.legal.services.checklist import checklist_version_load


class Command(ImportCommand[ChecklistLoadReport]):
    help = (
        "Load a checklist version from CSV or XLSX (columns: "
        + ", ".join(FILE_COLUMNS)
        + ") as a draft mapped to the current published version. One bad row loads nothing; "
        "the same file again changes nothing. Publish it with publish_checklist_version."
    )
    dry_run_help = "Check the file and report what would be loaded; write nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--code", required=True, help="The version's code, such as 2027-1.")
        parser.add_argument("--source", required=True, help="Where this version comes from.")
        parser.add_argument("--title", default="", help="The version's title.")

    def handle(self, *args: Any, **options: Any) -> None:
        self._options = options
        super().handle(*args, file=options["file"], dry_run=options["dry_run"])

    def run_import(self, *, name: str, content: bytes, dry_run: bool) -> ChecklistLoadReport:
        return checklist_version_load(
            viewer=SYSTEM,
            code=self._options["code"],
            title=self._options["title"],
            source=self._options["source"],
            name=name,
            content=content,
            dry_run=dry_run,
            via="command",
        )

    def write_report(self, report: ChecklistLoadReport, prefix: str) -> None:
        what = "created" if report.version_created else "updated" if report.changed else "unchanged"
        mapped = f", mapped to {report.previous}" if report.previous else ""
        self.stdout.write(f"{prefix}version {report.version} (draft) {what}{mapped}")
        self.stdout.write(
            f"{prefix}{len(report.created)} provisions created, {len(report.updated)} updated, "
            f"{len(report.removed)} removed, {report.unchanged} unchanged; {report.mappings} mappings"
        )
