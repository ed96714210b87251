"""Publish a draft version of the MNR capability framework: it becomes the current version."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser

from hub.assessments.selectors.framework import framework_get
from hub.assessments.services.framework import framework_publish
from hub.core.errors import HubError
from hub.core.viewer import SYSTEM


class Command(BaseCommand):
    help = "Publish a draft MNR framework version (loaded with load_mnr_framework): it becomes the current one."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="The version's code, such as mnr-2026.")

    def handle(self, *args: Any, code: str, **options: Any) -> None:
        try:
            found = framework_get(viewer=SYSTEM, code=code)
            found = framework_publish(viewer=SYSTEM, framework_id=found.pk, via="command")
        except HubError as exc:
            for problem in exc.problems:
                self.stderr.write(f"{problem.location() or code}: {problem.message}")
            message = exc.message if exc.status != 404 else f"No framework version {code}."
            raise CommandError(message) from exc
        self.stdout.write(f"Published version {found.code}: it is now the current version.")
