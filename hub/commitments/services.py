"""Loading the nine commitments (reference/commitments.csv, with the project's unofficial fr and es)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from hub.commitments.models import Commitment
from hub.core.errors import Problem
from hub.core.reference import LoadReport
from hub.core.reference import Outcome
from hub.core.reference import reference_load
from hub.core.reference import reference_rows
from hub.core.reference import upsert_by

LANGUAGES = ("fr", "es")


def _validate(translations: dict[str, dict[str, str]]) -> Any:
    def validate(number: int, row: dict[str, str], problems: list[Problem]) -> dict[str, Any] | None:
        raw = (row.get("number") or "").strip()
        if not raw.isdigit() or not 1 <= int(raw) <= 9:
            problems.append(Problem(_("Use numbers 1 to 9."), field="number", row=number))
            return None
        for column in ("key", "short_title", "text", "source"):
            if not (row.get(column) or "").strip():
                problems.append(Problem(_("This field is required."), field=column, row=number))
                return None
        t = translations.get(raw, {})
        values: dict[str, Any] = {
            "key": row["key"],
            "short_title_en": row["short_title"],
            "text_en": row["text"],
            "source": row["source"],
        }
        for lang in LANGUAGES:
            values[f"short_title_{lang}"] = t.get(f"short_title_{lang}", "")
            values[f"text_{lang}"] = t.get(f"text_{lang}", "")
        return {"number": int(raw), "values": values}

    return validate


def _upsert(planned: dict[str, Any]) -> Outcome:
    values = planned["values"]
    # A new commitment's untranslated fields take the English text; afterwards only the translations change.
    on_create = {"short_title": values["short_title_en"], "text": values["text_en"]}
    return upsert_by(Commitment, lookup={"number": planned["number"]}, values=values, on_create=on_create)


def reference_commitments_load(*, dry_run: bool = False) -> LoadReport:
    """Create or update the nine commitments (idempotent; all-or-nothing)."""
    translations = {row["number"]: row for row in reference_rows("commitments_translations.csv")}
    return reference_load(
        table="commitments",
        rows=reference_rows("commitments.csv"),
        validate=_validate(translations),
        upsert=_upsert,
        dry_run=dry_run,
    )
