"""Close the open consultations whose deadline has passed (idempotent; run it daily beside send_reminders)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError

from hub.core.errors import HubError
from hub.core.viewer import SYSTEM
from hub.knowledge.services.consultations import consultations_close_past_deadline


class Command(BaseCommand):
    help = "Close every open consultation whose deadline has passed. Consultations closed already are skipped."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            closed = consultations_close_past_deadline(viewer=SYSTEM, via="command")
        except HubError as exc:
            raise CommandError(exc.message) from exc
        for consultation in closed:
            self.stdout.write(f"Consultation {consultation.pk} ({consultation.title}): closed")
        self.stdout.write(f"{len(closed)} consultation(s) closed.")
