"""Two API schemas of one name would be one in the OpenAPI document (django-ninja keys components by
the class name): the later silently replaces the other's shape, and the API then breaks its contract."""

from __future__ import annotations

from collections import defaultdict

from ninja import Schema

from hub.api.api import api  # noqa: F401  (imports every router, so every schema class exists)


def _subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    for sub in list(found):
        found |= _subclasses(sub)
    return found


def test_every_api_schema_has_a_name_of_its_own():
    by_name: dict[str, set[str]] = defaultdict(set)
    for cls in _subclasses(Schema):
        if cls.__module__.startswith("hub."):
            by_name[cls.__name__].add(cls.__module__)
    clashes = {name: sorted(modules) for name, modules in by_name.items() if len(modules) > 1}
    assert clashes == {}
    assert len(by_name) > 50  # not vacuous: the schemas were found
