"""Read the text of library documents again (for search): those still pending, or all of them."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser

from hub.core.viewer import SYSTEM
from hub.knowledge.models.documents import Document
from hub.knowledge.selectors.documents import documents_visible
from hub.knowledge.services.documents_extract import document_extract


class Command(BaseCommand):
    help = (
        "Read the text of library documents for search, here and now (not through the worker). "
        "--pending (the default): those not read yet; --failed: those that could not be read; --all: every one. "
        "Running it twice changes nothing more."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--pending", action="store_true", help="Documents whose text is not read yet (default).")
        which.add_argument("--failed", action="store_true", help="Documents whose text could not be read.")
        which.add_argument("--all", action="store_true", help="Every document.")
        parser.add_argument(
            "--id", type=int, action="append", default=[], help="Only this document, whatever its state (repeatable)."
        )

    def handle(self, *args: Any, pending: bool, failed: bool, all: bool, id: list[int], **options: Any) -> None:
        qs = documents_visible(SYSTEM)
        if id:  # the documents named, whatever their state
            qs = qs.filter(pk__in=id)
            missing = sorted(set(id) - set(qs.values_list("pk", flat=True)))
            if missing:
                raise CommandError(f"No document with id {', '.join(map(str, missing))}.")
        elif failed:
            qs = qs.filter(extraction=Document.Extraction.FAILED)
        elif not all:
            qs = qs.filter(extraction=Document.Extraction.PENDING)
        states: Counter[str] = Counter()
        for pk in qs.order_by("pk").values_list("pk", flat=True):
            states[document_extract(document_id=pk)] += 1
        if "error" in states:
            raise CommandError(f"{states['error']} document(s) could not be recorded; see the log.")
        done, failed_count = states.get(Document.Extraction.DONE, 0), states.get(Document.Extraction.FAILED, 0)
        self.stdout.write(f"{done} document(s) read, {failed_count} could not be read.")
