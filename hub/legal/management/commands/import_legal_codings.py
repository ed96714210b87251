"""Import codings of legal profiles from a CSV or XLSX file: all rows or none."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from hub.core.management.importing import ImportCommand
from hub.core.viewer import SYSTEM
from hub.legal.services.io import CODING_COLUMNS
from hub.legal.services.io import LegalImportReport
from hub.legal.services.io import codings_import


def write_report(command: BaseCommand, report: LegalImportReport, prefix: str) -> None:
    command.stdout.write(
        f"{prefix}{report.created} created, {report.updated} updated, {report.unchanged} unchanged "
        f"({report.rows} rows; {report.profiles_opened} legal profiles opened)"
    )


class Command(ImportCommand[LegalImportReport]):
    help = (
        "Import codings from CSV or XLSX (columns: "
        + ", ".join(CODING_COLUMNS)
        + "), matched by member, checklist version and provision. One bad row writes nothing; "
        "a row that says what is stored changes nothing."
    )
    dry_run_help = "Check every row and report; write nothing."

    def run_import(self, *, name: str, content: bytes, dry_run: bool) -> LegalImportReport:
        return codings_import(viewer=SYSTEM, name=name, content=content, dry_run=dry_run, via="cli")

    def write_report(self, report: LegalImportReport, prefix: str) -> None:
        write_report(self, report, prefix)
