"""MNR self-assessment: loading the capability framework and the maturity phases from the reference
tables (reference/mnr_capabilities.csv, version mnr-2016; reference/maturity_phases.csv)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from hub.assessments.models import Capability
from hub.assessments.models import Framework
from hub.assessments.models import Phase
from hub.core.errors import Problem
from hub.core.reference import LoadReport
from hub.core.reference import Outcome
from hub.core.reference import reference_load
from hub.core.reference import reference_rows
from hub.core.reference import upsert_by

FRAMEWORK_TITLES = {"mnr-2016": "WeProtect Model National Response (2016)"}
SAME_AS_ABOVE = "same"


def _validate_capability() -> Any:
    last_source: dict[str, str] = {}

    def validate(number: int, row: dict[str, str], problems: list[Problem]) -> dict[str, Any] | None:
        for column in ("framework", "id", "domain", "name", "source"):
            if not (row.get(column) or "").strip():
                problems.append(Problem(_("This field is required."), field=column, row=number))
                return None
        code = row["framework"].strip()
        if not row["id"].strip().isdigit() or not 1 <= int(row["id"]) <= 999:
            problems.append(Problem(_("Use a whole number from 1 to 999."), field="id", row=number))
            return None
        source = row["source"].strip()
        if source == SAME_AS_ABOVE:
            if code not in last_source:
                problems.append(Problem(_("No row above to take the source from."), field="source", row=number))
                return None
            source = last_source[code]
        last_source[code] = source
        values = {"domain": row["domain"].strip(), "name": row["name"].strip(), "source": source}
        return {"framework": code, "number": int(row["id"]), "values": values}

    return validate


def _upsert_capability(planned: dict[str, Any]) -> Outcome:
    code = planned["framework"]
    framework, _created = Framework.objects.get_or_create(
        code=code,
        defaults={
            "title": FRAMEWORK_TITLES.get(code, ""),
            "source": planned["values"]["source"],
            "status": Framework.Status.PUBLISHED,
            "published_at": timezone.now(),
        },
    )
    return upsert_by(Capability, lookup={"framework": framework, "number": planned["number"]}, values=planned["values"])


def reference_capabilities_load(*, dry_run: bool = False) -> LoadReport:
    """Create or update the frameworks of reference/mnr_capabilities.csv (idempotent; all-or-nothing)."""
    return reference_load(
        table="MNR capabilities",
        rows=reference_rows("mnr_capabilities.csv"),
        validate=_validate_capability(),
        upsert=_upsert_capability,
        dry_run=dry_run,
    )


def _validate_phase(number: int, row: dict[str, str], problems: list[Problem]) -> dict[str, Any] | None:
    for column in ("phase", "label", "confirmed", "source"):
        if not (row.get(column) or "").strip():
            problems.append(Problem(_("This field is required."), field=column, row=number))
            return None
    if row["phase"].strip() not in ("1", "2", "3", "4"):
        problems.append(Problem(_("Use a phase from 1 to 4."), field="phase", row=number))
        return None
    if row["confirmed"].strip() not in ("yes", "no"):
        problems.append(Problem(_("Use yes or no."), field="confirmed", row=number))
        return None
    source = row["source"].strip()
    return {
        "number": int(row["phase"]),
        "values": {"source": source},
        # The label and whether it is confirmed are the secretariat's once loaded: a reload keeps them.
        "on_create": {"label": row["label"].strip(), "confirmed": row["confirmed"].strip() == "yes"},
    }


def _upsert_phase(planned: dict[str, Any]) -> Outcome:
    return upsert_by(
        Phase, lookup={"number": planned["number"]}, values=planned["values"], on_create=planned["on_create"]
    )


def reference_phases_load(*, dry_run: bool = False) -> LoadReport:
    """Create the four phases of reference/maturity_phases.csv; a reload keeps the secretariat's labels."""
    return reference_load(
        table="maturity phases",
        rows=reference_rows("maturity_phases.csv"),
        validate=_validate_phase,
        upsert=_upsert_phase,
        dry_run=dry_run,
    )
