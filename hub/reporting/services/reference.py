"""Loading the nine commitments (reference/commitments.csv, with the project's unofficial fr and es)."""

from __future__ import annotations

import csv
from pathlib import Path

from django.conf import settings
from django.db import transaction

from hub.core.audit import acting_as
from hub.reporting.models import Commitment

REFERENCE_DIR = Path(settings.BASE_DIR) / "reference"


def reference_commitments_load(*, dry_run: bool = False) -> tuple[int, int]:
    """Create or update the nine commitments. Returns (created, updated)."""
    with (REFERENCE_DIR / "commitments.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    with (REFERENCE_DIR / "commitments_translations.csv").open(encoding="utf-8") as fh:
        translations = {row["number"]: row for row in csv.DictReader(fh)}
    created = updated = 0
    with transaction.atomic(), acting_as(None, via="reference"):
        for row in rows:
            t = translations.get(row["number"], {})
            values = {
                "key": row["key"],
                "short_title_en": row["short_title"],
                "text_en": row["text"],
                "short_title_fr": t.get("short_title_fr", ""),
                "text_fr": t.get("text_fr", ""),
                "short_title_es": t.get("short_title_es", ""),
                "text_es": t.get("text_es", ""),
                "source": row["source"],
            }
            commitment = Commitment.objects.filter(number=int(row["number"])).first()
            if commitment is None:
                Commitment.objects.create(
                    number=int(row["number"]), short_title=values["short_title_en"], text=values["text_en"], **values
                )
                created += 1
                continue
            changed = [k for k, v in values.items() if getattr(commitment, k) != v]
            if changed:
                for k in changed:
                    setattr(commitment, k, values[k])
                commitment.save(update_fields=changed)
                updated += 1
        if dry_run:
            transaction.set_rollback(True)
    return created, updated
