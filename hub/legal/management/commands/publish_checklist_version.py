"""Publish a draft version of the model checklist: it becomes the current version."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser

from hub.core.errors import HubError
from hub.core.viewer import SYSTEM
from hub.legal.selectors.checklist import checklist_version_get
from hub.legal.services.checklist import checklist_version_publish


class Command(BaseCommand):
    help = "Publish a draft checklist version (loaded with load_checklist_version): it becomes the current one."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="The version's code, such as 2027-1.")

    def handle(self, *args: Any, code: str, **options: Any) -> None:
        try:
            version = checklist_version_get(viewer=SYSTEM, code=code)
            version = checklist_version_publish(viewer=SYSTEM, version_id=version.pk, via="command")
        except HubError as exc:
            for problem in exc.problems:
                self.stderr.write(f"{problem.location() or code}: {problem.message}")
            message = exc.message if exc.status != 404 else f"No checklist version {code}."
            raise CommandError(message) from exc
        self.stdout.write(f"Published version {version.code}: it is now the current version.")
