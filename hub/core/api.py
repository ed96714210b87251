"""Helpers shared by the apps' API packages (they depend on nothing but hub.core)."""

from __future__ import annotations

from typing import Any


class WithAttributes:
    """An object seen with some attributes added, for a response schema that reads both: a model
    instance's fields and the values a selector computed next to it (its page, its reminders)."""

    def __init__(self, obj: object, **extra: Any) -> None:
        self._obj = obj
        self.__dict__.update(extra)

    def __getattr__(self, name: str) -> Any:
        if name == "_obj":
            raise AttributeError(name)
        return getattr(self._obj, name)


def with_attributes(obj: object, **extra: Any) -> Any:
    """`obj` with `extra` as further attributes (the extra ones win), for a schema to read."""
    return WithAttributes(obj, **extra)
