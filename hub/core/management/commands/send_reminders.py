"""Send every registered reminder that is due, once each (safe to run twice; for cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser

from hub.core import registry
from hub.core.fields import strict_date


class Command(BaseCommand):
    help = (
        "Send every reminder that is due, once each: action items 14 days and 1 day before they are due and "
        "when overdue; focal points whose report is not submitted 30 and 7 days before a reporting cycle closes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="Run as if today were this date (YYYY-MM-DD).")

    def handle(self, *args: Any, today: str | None, **options: Any) -> None:
        day = None
        if today:
            try:
                day = strict_date(today)
            except ValueError as exc:
                raise CommandError("--today must be a date written YYYY-MM-DD.") from exc
        for job, count in registry.reminders_send_all(today=day):
            self.stdout.write(job.message.format(count=count))
