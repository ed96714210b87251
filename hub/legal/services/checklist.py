"""Legal frameworks: loading the model checklist (reference/model_checklist.csv, version 2026-1, with
the project's unofficial fr and es in reference/model_checklist_translations.csv when present)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from hub.core.errors import Problem
from hub.core.reference import REFERENCE_DIR
from hub.core.reference import LoadReport
from hub.core.reference import Outcome
from hub.core.reference import reference_load
from hub.core.reference import reference_rows
from hub.core.reference import upsert_by
from hub.legal.models import GROUPS
from hub.legal.models import ChecklistVersion
from hub.legal.models import Provision

LANGUAGES = ("fr", "es")
REFERENCE_SOURCE = "Model legal checklist of the Taskforce Hub project (reference/model_checklist.csv)"
TRANSLATIONS = "model_checklist_translations.csv"

# The safe-haven view reads these roles. Conduct: the offences group, and grooming and extortion but
# for the protection of children from prosecution for their own images (G5). J1: active nationality.
CONDUCT_GROUPS = ("offences", "grooming and extortion")
PROTECTIONS = frozenset({"G5"})
ACTIVE_NATIONALITY = frozenset({"J1"})


def provision_role(group: str, code: str) -> str:
    if code in ACTIVE_NATIONALITY:
        return Provision.Role.ACTIVE_NATIONALITY
    if group in CONDUCT_GROUPS and code not in PROTECTIONS:
        return Provision.Role.CONDUCT
    return Provision.Role.OTHER


def _translations() -> dict[tuple[str, str], dict[str, str]]:
    if not (Path(REFERENCE_DIR) / TRANSLATIONS).exists():
        return {}
    return {(r["version"], r["id"]): r for r in reference_rows(TRANSLATIONS)}


def _validate(translations: dict[tuple[str, str], dict[str, str]]) -> Any:
    positions: dict[str, int] = {}

    def validate(number: int, row: dict[str, str], problems: list[Problem]) -> dict[str, Any] | None:
        for column in ("version", "id", "group", "provision", "met_means", "scoring", "instruments"):
            if not (row.get(column) or "").strip():
                problems.append(Problem(_("This field is required."), field=column, row=number))
                return None
        if row["group"] not in GROUPS:
            problems.append(Problem(_("Unknown group."), field="group", row=number))
            return None
        if row["scoring"] not in ("graded", "binary"):
            problems.append(Problem(_("Use graded or binary."), field="scoring", row=number))
            return None
        version = row["version"].strip()
        positions[version] = positions.get(version, 0) + 1
        t = translations.get((version, row["id"]), {})
        values: dict[str, Any] = {
            "group": row["group"],
            "position": positions[version],
            "text_en": row["provision"],
            "met_means_en": row["met_means"],
            "scoring": row["scoring"],
            "instruments": row["instruments"],
            "role": provision_role(row["group"], row["id"]),
        }
        for lang in LANGUAGES:
            values[f"text_{lang}"] = t.get(f"provision_{lang}", "")
            values[f"met_means_{lang}"] = t.get(f"met_means_{lang}", "")
        return {"version": version, "code": row["id"].strip(), "values": values}

    return validate


def _upsert(planned: dict[str, Any]) -> Outcome:
    version, _created = ChecklistVersion.objects.get_or_create(
        code=planned["version"],
        defaults={
            "source": REFERENCE_SOURCE,
            "status": ChecklistVersion.Status.PUBLISHED,
            "published_at": timezone.now(),
        },
    )
    values = planned["values"]
    on_create = {"text": values["text_en"], "met_means": values["met_means_en"]}
    return upsert_by(
        Provision, lookup={"version": version, "code": planned["code"]}, values=values, on_create=on_create
    )


def reference_checklist_load(*, dry_run: bool = False) -> LoadReport:
    """Create or update the checklist versions of reference/model_checklist.csv (idempotent; all-or-nothing)."""
    return reference_load(
        table="model checklist",
        rows=reference_rows("model_checklist.csv"),
        validate=_validate(_translations()),
        upsert=_upsert,
        dry_run=dry_run,
    )
