"""Demo seeding: the demo meetings and reporting cycles link to the nine commitments, so load them."""

from __future__ import annotations

from hub.commitments.services import reference_commitments_load


def seed_commitments() -> list[str]:
    reference_commitments_load()
    return []
