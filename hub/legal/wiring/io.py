"""Legal frameworks: io — what this part registers with the core registries."""

from __future__ import annotations


def register() -> None:
    # The import and export policy registers its navigation check (`nav.legal_import`) when loaded.
    from hub.legal.policies import io  # noqa: F401
