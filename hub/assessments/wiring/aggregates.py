"""MNR self-assessment: aggregates — what this part registers with the core registries."""

from __future__ import annotations


def register() -> None:
    return None
