"""Load every registered reference table (reference/*.csv), in INSTALLED_APPS order (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser

from hub.core import registry
from hub.core.errors import ValidationFailed


class Command(BaseCommand):
    help = "Load the reference tables (members, commitments, ...) with their sources. Safe to run twice."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Validate and report; write nothing.")

    def handle(self, *args: Any, dry_run: bool, **options: Any) -> None:
        prefix = "[dry run] " if dry_run else ""
        for table in registry.reference_tables():
            try:
                report = table.load(dry_run=dry_run)
            except ValidationFailed as exc:
                for problem in exc.problems:
                    self.stderr.write(f"{table.name}.csv {problem.location()}: {problem.message}")
                raise CommandError(exc.message) from exc
            self.stdout.write(
                f"{prefix}{table.name}: {report.created} created, {report.updated} updated, "
                f"{report.unchanged} unchanged"
            )
