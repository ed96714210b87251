"""Re-queue background tasks left running by a dead worker."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.core.management.base import CommandParser
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult


class Command(BaseCommand):
    help = "Re-queue tasks that have been RUNNING longer than --minutes (their worker died)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--minutes", type=int, default=settings.TASK_STALE_MINUTES)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args: Any, minutes: int, dry_run: bool, **options: Any) -> None:
        cutoff = timezone.now() - timedelta(minutes=minutes)
        stale = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff)
        count = stale.count()
        if not dry_run:
            stale.update(status=TaskResultStatus.READY, started_at=None)
        verb = "would re-queue" if dry_run else "re-queued"
        self.stdout.write(f"{verb} {count} task(s) running since before {cutoff.isoformat()}")
