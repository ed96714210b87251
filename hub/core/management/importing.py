"""The shape of every file-import command: one CSV or XLSX file, imported by the system, all rows or none."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from typing import Generic
from typing import TypeVar

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser

from hub.core.errors import HubError
from hub.core.tabular import check_import_size

R = TypeVar("R")


@contextmanager
def refused_as_command_error(command: BaseCommand, file: Path) -> Iterator[None]:
    """A refused import as a command's failure: each problem on standard error, then a non-zero exit."""
    try:
        yield
    except HubError as exc:
        for problem in exc.problems:
            location = problem.location()
            command.stderr.write(f"{file.name}{' ' + location if location else ''}: {problem.message}")
        raise CommandError(f"{exc.message} ({len(exc.problems)} problem(s))") from exc


class ImportCommand(BaseCommand, Generic[R]):
    """Subclasses say how to import (`run_import`) and what to print of the report (`write_report`)."""

    dry_run_help: str | None = None

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help=self.dry_run_help)

    def run_import(self, *, name: str, content: bytes, dry_run: bool) -> R:
        raise NotImplementedError

    def write_report(self, report: R, prefix: str) -> None:
        raise NotImplementedError

    def handle(self, *args: Any, file: Path, dry_run: bool, **options: Any) -> None:
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        with refused_as_command_error(self, file):
            check_import_size(name=file.name, size=file.stat().st_size)
            report = self.run_import(name=file.name, content=file.read_bytes(), dry_run=dry_run)
        self.write_report(report, "[dry run] nothing written; would have: " if dry_run else "")
