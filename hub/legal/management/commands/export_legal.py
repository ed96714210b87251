"""Export a view across members (comparison, matrix, safe havens, gaps, coverage) as CSV or XLSX,
through the same selectors as the pages: as the secretariat sees it, or as the public does (--public)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser

from hub.core.errors import HubError
from hub.core.tabular import export_body
from hub.core.viewer import ANONYMOUS
from hub.core.viewer import SYSTEM
from hub.core.viewer import Viewer
from hub.legal.selectors.codings import as_of_parse
from hub.legal.selectors.compare import comparison_build
from hub.legal.selectors.compare import comparison_table
from hub.legal.selectors.compare import coverage_build
from hub.legal.selectors.compare import coverage_table
from hub.legal.selectors.compare import gap_list_build
from hub.legal.selectors.compare import gaps_table
from hub.legal.selectors.compare import matrix_build
from hub.legal.selectors.compare import matrix_table
from hub.legal.selectors.compare import safe_havens_build
from hub.legal.selectors.compare import safe_havens_table
from hub.legal.selectors.compare import version_resolve

VIEWS = ("comparison", "matrix", "safe-havens", "gaps", "coverage")


def _table(view: str, viewer: Viewer, options: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    as_of = as_of_parse(options["as_of"])
    members = [m for m in (options["members"] or "").split(",") if m.strip()]
    version = version_resolve(viewer=viewer, code=options["checklist"]) if options["checklist"] else None
    if view == "comparison":
        return comparison_table(comparison_build(viewer=viewer, member_slugs=members, version=version, as_of=as_of))
    if view == "matrix":
        return matrix_table(matrix_build(viewer=viewer, version=version, as_of=as_of))
    if view == "safe-havens":
        return safe_havens_table(safe_havens_build(viewer=viewer, version=version, as_of=as_of))
    if view == "gaps":
        if len(members) != 1:
            raise CommandError("gaps: name one member with --members SLUG.")
        return gaps_table(gap_list_build(viewer=viewer, slug=members[0].strip(), version=version, as_of=as_of))
    return coverage_table(
        coverage_build(
            viewer=viewer, version_code=options["checklist"], provision_code=options["provision"], as_of=as_of
        )
    )


class Command(BaseCommand):
    help = (
        "Export a legal frameworks view: comparison (--members a,b,...: two to five), matrix, safe-havens, "
        "gaps (--members SLUG) or coverage (--provision O5), as CSV or XLSX, as of a past day (--as-of), "
        "as the secretariat sees it or, with --public, as the public site does."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("view", choices=VIEWS)
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--members", default="", help="Members' short names, separated by commas")
        parser.add_argument("--as-of", dest="as_of", default="", help="A past day, YYYY-MM-DD")
        parser.add_argument("--checklist", default="", help="Checklist version, such as 2026-1 (default: current)")
        parser.add_argument("--provision", default="", help="For coverage: a provision's code")
        parser.add_argument("--output", type=Path, help="File to write (default: standard output)")
        parser.add_argument("--public", action="store_true", help="Only what the public sees (published profiles).")

    def handle(self, *args: Any, view: str, format: str, output: Path | None, public: bool, **options: Any) -> None:
        viewer = ANONYMOUS if public else SYSTEM
        try:
            headers, rows = _table(view, viewer, options)
        except HubError as exc:
            details = "; ".join(f"{p.field}: {p.message}" if p.field else p.message for p in exc.problems)
            raise CommandError(f"{exc.message} {details}".strip()) from exc
        body = export_body(headers=headers, rows=rows, fmt=format)
        if output is not None:
            mode = "wb" if isinstance(body, bytes) else "w"
            with output.open(mode) as fh:
                fh.write(body)
            self.stdout.write(f"{view}: {len(rows)} rows written to {output}")
        elif isinstance(body, bytes):
            sys.stdout.buffer.write(body)
        else:
            self.stdout.write(body)
