"""Operations that migrations moving a model between apps share (used from RunPython, with historical
models only)."""

from __future__ import annotations

from typing import Any


def content_type_move(apps: Any, schema_editor: Any, *, model: str, old_label: str, new_label: str) -> None:
    """Give the moved model's content type its new app label, keeping its id, so every audit row, grant
    and permission stays attached.

    If a content type with the new label exists already (new code asked for it before `migrate` ran),
    it is merged into the old one when nothing but permissions point at it; if audit rows do (they can
    be neither moved nor deleted), the migration stops and says so instead of splitting the history.
    """
    content_types = apps.get_model("contenttypes", "ContentType")
    old = content_types.objects.filter(app_label=old_label, model=model).first()
    if old is None:
        return
    new = content_types.objects.filter(app_label=new_label, model=model).first()
    if new is not None:
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM auditlog_logentry WHERE content_type_id = %s", [new.pk])
            (audited,) = cursor.fetchone()
        if audited:
            raise RuntimeError(
                f"Both content types {old_label}.{model} (id {old.pk}) and {new_label}.{model} (id {new.pk}) hold "
                f"audit rows; merge them by hand before migrating (docs/deploy.md)."
            )
        apps.get_model("auth", "Permission").objects.filter(content_type=new).delete()
        new.delete()
    old.app_label = new_label
    old.save(update_fields=["app_label"])
