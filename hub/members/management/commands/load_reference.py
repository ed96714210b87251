"""Load the reference tables shipped in reference/ (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hub.core.errors import ValidationFailed
from hub.members.services import reference_members_load


class Command(BaseCommand):
    help = "Load the reference tables (members with their sources). Safe to run twice."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Validate and report; write nothing.")

    def handle(self, *args: Any, dry_run: bool, **options: Any) -> None:
        try:
            report = reference_members_load(dry_run=dry_run)
        except ValidationFailed as exc:
            for problem in exc.problems:
                self.stderr.write(f"members.csv {problem.location()}: {problem.message}")
            raise CommandError(exc.message) from exc
        prefix = "[dry run] " if dry_run else ""
        self.stdout.write(
            f"{prefix}members: {report.created} created, {report.updated} updated, {report.unchanged} unchanged"
        )
        from hub.reporting.services import reference_commitments_load

        created, updated = reference_commitments_load(dry_run=dry_run)
        self.stdout.write(f"{prefix}commitments: {created} created, {updated} updated")
