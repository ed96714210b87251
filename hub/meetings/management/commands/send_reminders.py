"""Send due and overdue reminders for action items, and reporting-cycle reminders (safe to run twice;
for cron)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hub.meetings.services import reminders_send
from hub.reporting.services import cycle_reminders_send


class Command(BaseCommand):
    help = (
        "E-mail owners 14 days and 1 day before an action item is due, and when it is overdue; and focal points "
        "whose report is not submitted 30 and 7 days before a reporting cycle closes (once each)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="Run as if today were this date (YYYY-MM-DD).")

    def handle(self, *args: Any, today: str | None, **options: Any) -> None:
        day = None
        if today:
            try:
                day = datetime.date.fromisoformat(today)
            except ValueError as exc:
                raise CommandError("--today must be a date written YYYY-MM-DD.") from exc
        sent = reminders_send(today=day)
        self.stdout.write(f"{sent} reminder(s) queued")
        reports = cycle_reminders_send(today=day)
        self.stdout.write(f"{reports} reporting reminder(s) queued")
