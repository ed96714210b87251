"""Seed synthetic demo data: every app's registered demo seed, in INSTALLED_APPS order (idempotent)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser

from hub.core import registry


class Command(BaseCommand):
    help = "Seed synthetic demo data involving fictional members only. Safe to run twice."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", choices=["small"], default="small")

    def handle(self, *args: Any, size: str, **options: Any) -> None:
        if not (settings.DEBUG or settings.TESTING):
            raise CommandError("seed_demo runs only with DEBUG on: demo accounts have a published password.")
        for seed in registry.demo_seeds():
            for line in seed.seed():
                self.stdout.write(line)
