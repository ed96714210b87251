"""Load a new version of the MNR capability framework from a CSV or XLSX file, as a draft: all rows or none."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from hub.assessments.services.framework import FILE_COLUMNS
from hub.assessments.services.framework import FrameworkLoadReport
from hub.assessments.services.framework import framework_load
from hub.core.management.importing import ImportCommand
from hub.core.viewer import SYSTEM


class Command(ImportCommand[FrameworkLoadReport]):
    help = (
        "Load an MNR framework version from CSV or XLSX (columns: "
        + ", ".join(FILE_COLUMNS)
        + ") as a draft mapped to the current published version. One bad row loads nothing; "
        "the same file again changes nothing. Publish it with publish_mnr_framework."
    )
    dry_run_help = "Check the file and report what would be loaded; write nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--code", required=True, help="The version's code, such as mnr-2026.")
        parser.add_argument("--source", required=True, help="Where this version comes from.")
        parser.add_argument("--title", default="", help="The version's title.")
        parser.add_argument(
            "--previous", default="", help="The version it maps to (the current published one; checked when given)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self._options = options
        super().handle(*args, file=options["file"], dry_run=options["dry_run"])

    def run_import(self, *, name: str, content: bytes, dry_run: bool) -> FrameworkLoadReport:
        return framework_load(
            viewer=SYSTEM,
            code=self._options["code"],
            title=self._options["title"],
            source=self._options["source"],
            previous=self._options["previous"],
            name=name,
            content=content,
            dry_run=dry_run,
            via="command",
        )

    def write_report(self, report: FrameworkLoadReport, prefix: str) -> None:
        what = "created" if report.framework_created else "updated" if report.changed else "unchanged"
        mapped = f", mapped to {report.previous}" if report.previous else ""
        self.stdout.write(f"{prefix}version {report.code} (draft) {what}{mapped}")
        self.stdout.write(
            f"{prefix}{len(report.created)} capabilities created, {len(report.updated)} updated, "
            f"{len(report.removed)} removed, {report.unchanged} unchanged; {report.mappings} mappings"
        )
        for c in report.not_carried_over:
            self.stderr.write(f"warning: capability {c.number} ({c.name}) of {report.previous} is mapped to by none")
