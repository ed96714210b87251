"""Import members from a CSV or XLSX file: all rows or none."""

from __future__ import annotations

from hub.core.management.importing import ImportCommand
from hub.core.viewer import SYSTEM
from hub.members.services.importing import COLUMNS
from hub.members.services.importing import ImportReport
from hub.members.services.importing import members_import


class Command(ImportCommand[ImportReport]):
    help = "Import members from CSV or XLSX (columns: " + ", ".join(COLUMNS) + "). One bad row writes nothing."
    dry_run_help = "Validate and report; write nothing."

    def run_import(self, *, name: str, content: bytes, dry_run: bool) -> ImportReport:
        return members_import(viewer=SYSTEM, name=name, content=content, dry_run=dry_run)

    def write_report(self, report: ImportReport, prefix: str) -> None:
        self.stdout.write(
            f"{prefix}{len(report.created)} created, {len(report.updated)} updated, {report.unchanged} unchanged"
        )
        for name in report.created:
            self.stdout.write(f"  created: {name}")
        for name in report.updated:
            self.stdout.write(f"  updated: {name}")
