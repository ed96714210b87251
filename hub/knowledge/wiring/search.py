"""Knowledge: search — what this part registers with the core registries, and the receivers that keep
the index current.

The receivers are the one exception to "no signals for the domain flow": indexing is infrastructure,
like the audit log. After a save or delete of a registered model (or of a model a source names in
`related`), the one entry is re-indexed once the transaction commits. The receivers listen to every
model and look the sender up in the registry at the time, so a source registered by a later app
(legal) is kept current too."""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from django.db import DatabaseError
from django.db import transaction
from django.db.models.signals import m2m_changed
from django.db.models.signals import post_delete
from django.db.models.signals import post_save

from hub.core import registry
from hub.knowledge.services.search import search_entry_refresh
from hub.knowledge.services.search import search_rebuild

logger = logging.getLogger(__name__)


def _targets(sender: type[Any]) -> list[tuple[str, str]]:
    """(kind, attribute holding the record's id) for every source a row of `sender` feeds."""
    found = []
    for source in registry.search_sources():
        if source.model is sender:
            found.append((source.kind, "pk"))
        found.extend((source.kind, attr) for model, attr in source.related if model is sender)
    return found


def _refresh(kind: str, object_id: int) -> None:
    try:
        search_entry_refresh(kind=kind, object_id=object_id)
    except DatabaseError:  # the index is repaired by `manage.py reindex`; a write never fails for it
        logger.exception("Search index: could not refresh %s %s", kind, object_id)


def _schedule(instance: Any, sender: type[Any]) -> None:
    for kind, attr in _targets(sender):
        object_id = getattr(instance, attr, None)
        if object_id is not None:
            transaction.on_commit(partial(_refresh, kind, object_id))


def _saved(sender: type[Any], instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        _schedule(instance, sender)


def _deleted(sender: type[Any], instance: Any, **kwargs: Any) -> None:
    _schedule(instance, sender)


def _m2m_changed(sender: type[Any], instance: Any, action: str, **kwargs: Any) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        _schedule(instance, type(instance))


def register() -> None:
    registry.search_indexer(rebuild=search_rebuild)
    post_save.connect(_saved, dispatch_uid="knowledge.search.saved")
    post_delete.connect(_deleted, dispatch_uid="knowledge.search.deleted")
    m2m_changed.connect(_m2m_changed, dispatch_uid="knowledge.search.m2m")
