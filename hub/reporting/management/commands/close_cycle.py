"""Close a reporting cycle (late submissions still accepted); with --lock lock it, with --publish publish it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser

from hub.core.errors import HubError
from hub.core.viewer import SYSTEM
from hub.reporting.models import ReportingCycle
from hub.reporting.services import cycle_transition


class Command(BaseCommand):
    help = (
        "Close a reporting cycle. --lock then locks it (no more submissions); --publish (with --lock) "
        "publishes it. Steps already taken are skipped."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("cycle_id", metavar="ID", type=int)
        parser.add_argument("--lock", action="store_true", help="Lock after closing: no more submissions.")
        parser.add_argument("--publish", action="store_true", help="Publish after locking (needs --lock).")

    def handle(self, *args: Any, cycle_id: int, lock: bool, publish: bool, **options: Any) -> None:
        if publish and not lock:
            raise CommandError("--publish needs --lock: a cycle is published only once locked.")
        steps = ["close", *(["lock"] if lock else []), *(["publish"] if publish else [])]
        done = {
            "close": (ReportingCycle.Status.CLOSED, ReportingCycle.Status.LOCKED, ReportingCycle.Status.PUBLISHED),
            "lock": (ReportingCycle.Status.LOCKED, ReportingCycle.Status.PUBLISHED),
            "publish": (ReportingCycle.Status.PUBLISHED,),
        }
        try:
            for step in steps:
                current = ReportingCycle.objects.filter(pk=cycle_id).values_list("status", flat=True).first()
                if current in done[step]:
                    self.stdout.write(f"Cycle {cycle_id}: already past {step}, skipped")
                    continue
                cycle = cycle_transition(viewer=SYSTEM, cycle_id=cycle_id, action=step, via="command")
                self.stdout.write(f"Cycle {cycle.pk} ({cycle.name}): {cycle.get_status_display().lower()}")
        except HubError as exc:
            for problem in exc.problems:
                self.stderr.write(f"{problem.location() or 'cycle'}: {problem.message}")
            raise CommandError(f"Cycle {cycle_id}: {exc.message}") from exc
