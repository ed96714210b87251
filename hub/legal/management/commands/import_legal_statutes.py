"""Import statutes of legal profiles from a CSV or XLSX file: all rows or none."""

from __future__ import annotations

from hub.core.management.importing import ImportCommand
from hub.core.viewer import SYSTEM
from hub.legal.management.commands.import_legal_codings import write_report
from hub.legal.services.io import STATUTE_COLUMNS
from hub.legal.services.io import LegalImportReport
from hub.legal.services.io import statutes_import


class Command(ImportCommand[LegalImportReport]):
    help = (
        "Import statutes from CSV or XLSX (columns: "
        + ", ".join(STATUTE_COLUMNS)
        + "), matched by member and citation. One bad row writes nothing."
    )
    dry_run_help = "Check every row and report; write nothing."

    def run_import(self, *, name: str, content: bytes, dry_run: bool) -> LegalImportReport:
        return statutes_import(viewer=SYSTEM, name=name, content=content, dry_run=dry_run, via="cli")

    def write_report(self, report: LegalImportReport, prefix: str) -> None:
        write_report(self, report, prefix)
