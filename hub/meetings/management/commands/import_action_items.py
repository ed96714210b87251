"""Import action items from CSV or XLSX: all rows or none."""

from __future__ import annotations

from hub.core.management.importing import ImportCommand
from hub.core.viewer import SYSTEM
from hub.meetings.services import IMPORT_COLUMNS
from hub.meetings.services import action_items_import
from hub.meetings.services.actions import ImportReport


class Command(ImportCommand[ImportReport]):
    help = "Import action items (columns: " + ", ".join(IMPORT_COLUMNS) + "). One bad row writes nothing."

    def run_import(self, *, name: str, content: bytes, dry_run: bool) -> ImportReport:
        return action_items_import(viewer=SYSTEM, name=name, content=content, dry_run=dry_run)

    def write_report(self, report: ImportReport, prefix: str) -> None:
        self.stdout.write(f"{prefix}{len(report.created)} created, {report.unchanged} unchanged")
