"""Run with `manage.py shell`: after load_reference and seed_demo, put at least one row in every table
of the hub apps that is still empty, so that a migration test sees every table with data in it.

Values are generic (first choice, "x", 1, today, the first row of a foreign key's target); each row is
saved through the ORM, so it passes the model's own constraints. Prints the tables it could not fill.
"""

import datetime
import itertools

from django.apps import apps
from django.db import IntegrityError
from django.db import models
from django.db import transaction
from django.utils import timezone

counter = itertools.count(1)


def value_for(field):
    if field.choices:
        return field.choices[0][0]
    if isinstance(field, models.ForeignKey):
        return field.related_model._default_manager.order_by("pk").first()
    if isinstance(field, models.DateTimeField):
        return timezone.now()
    if isinstance(field, models.DateField):
        return datetime.date.today()
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.DecimalField):
        return 1
    if isinstance(field, models.IntegerField | models.FloatField):
        return 1
    if isinstance(field, models.EmailField):
        return f"fill{next(counter)}@example.org"
    if isinstance(field, models.URLField):
        return "https://example.org/"
    if isinstance(field, models.JSONField):
        return {}
    if isinstance(field, models.FileField):
        return "fill/x.txt"
    if isinstance(field, models.BinaryField):
        return b"x"
    if isinstance(field, models.CharField | models.TextField | models.SlugField):
        return f"fill{next(counter)}"[: field.max_length or 100]
    return None


# Rows whose check constraints need one of two nullable fields set.
EXTRA = {
    "members_grant": lambda: {"grantee_user_id": apps.get_model("accounts", "User")._default_manager.first().pk},
    "reporting_evidence": lambda: {"url": "https://example.org/evidence", "file": ""},
}

# Django's own links of the user model (to auth groups and permissions), which the hub never uses.
DJANGO_LINKS = {"accounts_user_groups", "accounts_user_user_permissions"}


def fill(model):
    """One row in `model`'s table if it is empty; the reason it could not be, or None."""
    if model._default_manager.exists():
        return None
    values = {}
    for field in model._meta.concrete_fields:
        if field.primary_key or field.null or field.has_default() or getattr(field, "auto_now", False):
            continue
        if getattr(field, "auto_now_add", False):
            continue
        values[field.attname if isinstance(field, models.ForeignKey) else field.name] = value_for(field)
    fixed = {k: (v.pk if isinstance(v, models.Model) else v) for k, v in values.items()}
    fixed.update(EXTRA.get(model._meta.db_table, dict)())
    try:
        with transaction.atomic():
            model._default_manager.create(**fixed)
    except (IntegrityError, ValueError, TypeError) as exc:
        return f"{model._meta.db_table}: {exc}"
    return None


hub_models = [
    model
    for model in apps.get_models(include_auto_created=True)
    if model._meta.app_config.name.startswith("hub.") and model._meta.db_table not in DJANGO_LINKS
]
# A second pass fills the tables that point to one filled after them (a link table listed before its target).
failed = [m for m in hub_models if fill(m)]
unfilled = [reason for m in failed if (reason := fill(m))]
print("UNFILLED", unfilled)  # noqa: T201 - read by tests/test_migrations.py
