"""Import good practices from a CSV or XLSX file: all rows or none."""

from __future__ import annotations

from hub.core.management.importing import ImportCommand
from hub.core.viewer import SYSTEM
from hub.knowledge.services.practices import COLUMNS
from hub.knowledge.services.practices import ImportReport
from hub.knowledge.services.practices import practices_import


class Command(ImportCommand[ImportReport]):
    help = (
        "Import good practices from CSV or XLSX (columns: "
        + ", ".join(COLUMNS)
        + "), matched by member and title. One bad row writes nothing."
    )
    dry_run_help = "Validate and report; write nothing."

    def run_import(self, *, name: str, content: bytes, dry_run: bool) -> ImportReport:
        return practices_import(viewer=SYSTEM, name=name, content=content, dry_run=dry_run)

    def write_report(self, report: ImportReport, prefix: str) -> None:
        self.stdout.write(
            f"{prefix}{len(report.created)} created, {len(report.updated)} updated, {report.unchanged} unchanged"
        )
        for name in report.created:
            self.stdout.write(f"  created: {name}")
        for name in report.updated:
            self.stdout.write(f"  updated: {name}")
