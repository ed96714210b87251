"""Typed input for services: frozen dataclasses whose fields default to UNSET, so that an update
changes only the fields given and a create leaves the model's defaults for the others."""

from __future__ import annotations

import dataclasses
import enum
from typing import Any
from typing import Final


class Unset(enum.Enum):
    UNSET = "unset"

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Final = Unset.UNSET


def given(data: Any) -> dict[str, Any]:
    """The fields of an input dataclass that were given (not UNSET), by name, in field order."""
    values = {f.name: getattr(data, f.name) for f in dataclasses.fields(data)}
    return {name: value for name, value in values.items() if value is not UNSET}
