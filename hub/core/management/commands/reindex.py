"""Rebuild the search index from every registered search source (idempotent: safe to run twice)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser

from hub.core import registry


class Command(BaseCommand):
    help = "Rebuild the search index (every kind, or those named with --kind). Safe to run twice."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kind", action="append", default=None, help="Only this kind (repeatable).")

    def handle(self, *args: Any, kind: list[str] | None, **options: Any) -> None:
        known = [source.kind for source in registry.search_sources()]
        unknown = sorted(set(kind or ()) - set(known))
        if unknown:
            raise CommandError(f"Unknown kind {', '.join(unknown)}; known: {', '.join(known)}.")
        rows = registry.search_rebuild(kinds=kind)
        for name, count in rows:
            self.stdout.write(f"{name}: {count} entr{'y' if count == 1 else 'ies'}")
        self.stdout.write(f"Search index rebuilt: {sum(count for _, count in rows)} entries.")
