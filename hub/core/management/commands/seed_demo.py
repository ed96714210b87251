"""Seed synthetic demo data: every app's registered demo seed, in INSTALLED_APPS order (idempotent).

A seed returns the lines to print; those starting with "summary: " say what the demo now holds and are
printed together at the end, whatever the run created."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser

from hub.core import registry

SUMMARY = "summary: "


class Command(BaseCommand):
    help = "Seed synthetic demo data involving fictional members only. Safe to run twice."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", choices=["small"], default="small")

    def handle(self, *args: Any, size: str, **options: Any) -> None:
        if not (settings.DEBUG or settings.TESTING):
            raise CommandError("seed_demo runs only with DEBUG on: demo accounts have a published password.")
        summary = []
        for seed in registry.demo_seeds():
            for line in seed.seed():
                if line.startswith(SUMMARY):
                    summary.append(line.removeprefix(SUMMARY))
                else:
                    self.stdout.write(line)
        # The search index is rebuilt after every seed ran, so the demo finds what it holds.
        for kind, count in registry.search_rebuild():
            self.stdout.write(f"search index: {count} {kind} entr{'y' if count == 1 else 'ies'}")
        if summary:
            self.stdout.write("The demo data holds (synthetic, fictional members only):")
            for line in summary:
                self.stdout.write(f"  {line}")
