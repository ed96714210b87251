"""Legal frameworks: io — what this part registers with the core registries (its policy module, loaded
with the app's policies, registers the navigation check `nav.legal_import`)."""

from __future__ import annotations


def register() -> None:
    pass
