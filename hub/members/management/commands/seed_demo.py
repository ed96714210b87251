"""Seed synthetic demo data: fictional members and demo accounts (idempotent)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hub.members.demo import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Seed synthetic demo data involving fictional members only. Safe to run twice."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", choices=["small"], default="small")

    def handle(self, *args: Any, size: str, **options: Any) -> None:
        if not (settings.DEBUG or settings.TESTING):
            raise CommandError("seed_demo runs only with DEBUG on: demo accounts have a published password.")
        report = seed_demo()
        self.stdout.write(f"Demo data: {report.members} fictional members (flagged synthetic).")
        from hub.meetings.demo import seed_meetings
        from hub.reporting.services import reference_commitments_load

        reference_commitments_load()
        self.stdout.write(f"Demo meetings: {seed_meetings()} created (synthetic, fictional members only).")
        from hub.reporting.demo import seed_reporting

        self.stdout.write(f"Demo reporting cycles: {seed_reporting()} created (synthetic, fictional members only).")
        self.stdout.write("Demo accounts (password for all: " + DEMO_PASSWORD + "):")
        for email, role in report.people:
            self.stdout.write(f"  {email:45} {role}")
        self.stdout.write("Second factor: run `.venv/bin/python manage.py demo_code <e-mail>` for the current code.")
