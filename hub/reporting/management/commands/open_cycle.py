"""Create a reporting cycle and open it, or open a cycle in draft: one draft report per active member."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser
from django.db import transaction

from hub.core.errors import HubError
from hub.core.errors import Problem
from hub.core.fields import strict_date
from hub.core.viewer import SYSTEM
from hub.reporting.models import QuestionnaireVersion
from hub.reporting.models import ReportingCycle
from hub.reporting.services import CycleInput
from hub.reporting.services import cycle_create
from hub.reporting.services import cycle_open

DATES = ("period_start", "period_end", "opens_on", "closes_on")


class Command(BaseCommand):
    help = (
        "Open a reporting cycle: --id N opens a cycle in draft; otherwise --name, the four dates and --version "
        "create it first. Opening freezes the questionnaire version and creates the draft reports."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        # --version names the questionnaire version here, in place of Django's --version.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--id", dest="cycle_id", metavar="N", type=int, help="Open this cycle (in draft) instead of creating one."
        )
        parser.add_argument("--name")
        for name in DATES:
            parser.add_argument("--" + name.replace("_", "-"), dest=name, help="YYYY-MM-DD")
        parser.add_argument("--version", dest="version_code", metavar="CODE", help="The questionnaire version's code.")
        parser.add_argument("--kind", default=ReportingCycle.Kind.PROGRESS, choices=ReportingCycle.Kind.values)
        parser.add_argument(
            "--synthetic", action="store_true", help="A demo cycle: fictional demo members only, and only them."
        )

    def fail(self, exc: HubError) -> CommandError:
        for problem in exc.problems:
            self.stderr.write(f"{problem.location() or 'cycle'}: {problem.message}")
        return CommandError(f"{exc.message} ({len(exc.problems)} problem(s))")

    def handle(self, *args: Any, cycle_id: int | None, **options: Any) -> None:
        if cycle_id is not None and any(options.get(k) for k in ("name", *DATES, "version_code", "synthetic")):
            raise CommandError("--id opens an existing cycle in draft; give no other option with it.")
        try:
            with transaction.atomic():  # a cycle that cannot open is not left behind in draft
                if cycle_id is None:
                    created = self.create(options)
                    self.stdout.write(f"Cycle {created.pk} created: {created.name}")
                    cycle_id = created.pk
                cycle = cycle_open(viewer=SYSTEM, cycle_id=cycle_id, via="command")
        except HubError as exc:
            raise self.fail(exc) from exc
        reports = cycle.reports.count()
        version = cycle.version.code if cycle.version else ""
        self.stdout.write(
            f"Cycle {cycle.pk} open until {cycle.closes_on.isoformat()} with version {version} (now frozen): "
            f"{reports} report(s) created"
        )

    def create(self, options: dict[str, Any]) -> ReportingCycle:
        problems = []
        values: dict[str, Any] = {"name": options.get("name") or "", "kind": options["kind"]}
        for name in DATES:
            raw = options.get(name) or ""
            try:
                values[name] = strict_date(raw)
            except ValueError:
                problems.append(Problem("Give the date as YYYY-MM-DD.", field=name))
        code = (options.get("version_code") or "").strip().lower()
        values["version"] = QuestionnaireVersion.objects.filter(code=code).first() if code else None
        if not code:
            problems.append(Problem("Give the questionnaire version's code (--version).", field="version"))
        elif values["version"] is None:
            problems.append(Problem(f"No questionnaire version {code}.", field="version"))
        if not values["name"].strip():
            problems.append(Problem("Give the cycle a name (--name).", field="name"))
        if problems:
            raise self.fail(HubError("The cycle was not created.", problems=problems))
        values["is_synthetic"] = options["synthetic"]
        return cycle_create(viewer=SYSTEM, data=CycleInput(**values), via="command")
