"""The audit log's words for record kinds and fields: the models' verbose names, in the active language."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import capfirst

from hub.core.audit import field_label
from hub.core.audit import kind_label
from hub.core.audit import model_field
from hub.core.audit import words
from hub.core.selectors import audit_page_rows
from hub.core.viewer import SYSTEM


def test_class_and_field_names_read_as_words():
    assert words("ReminderSent") == "reminder sent"
    assert words("action_item") == "action item"
    assert kind_label(None, "ReminderSent") == "Reminder sent"
    assert kind_label(None, "") == "Unknown record"


def test_a_kind_is_named_by_its_models_verbose_name_in_each_language():
    with translation.override("en"):
        assert kind_label(ContentType) == "Content type"
    with translation.override("fr"):
        assert kind_label(ContentType) == capfirst(str(ContentType._meta.verbose_name))
        assert kind_label(ContentType) == "Type de contenu"
    with translation.override("es"):
        assert kind_label(ContentType) == "Tipo de contenido"


def test_a_field_is_named_by_its_verbose_name_and_found_by_its_column_too():
    assert model_field(LogEntry, "actor_id") is LogEntry._meta.get_field("actor")
    assert model_field(LogEntry, "nothing") is None
    with translation.override("fr"):
        assert field_label(LogEntry, "content_type") == "Type de contenu"
    assert field_label(None, "answer_id") == "Answer"
    assert field_label(LogEntry, "gone_field") == "Gone field"


def test_a_relation_that_declares_no_name_takes_its_targets_translated_name():
    user_model = get_user_model()
    assert not isinstance(Authenticator._meta.get_field("user").verbose_name, Promise)  # allauth names it plainly
    with translation.override("fr"):
        assert field_label(Authenticator, "user") == capfirst(str(user_model._meta.verbose_name))
        assert field_label(Authenticator, "user") == "Utilisateur"


def test_values_read_as_words_yes_no_dates_and_related_records(db):
    user_model = get_user_model()
    person = user_model.objects.create_user("words@example.org", full_name="Wanda Words")
    user_type = ContentType.objects.get_for_model(user_model)
    update = LogEntry.objects.create(
        content_type=user_type,
        object_pk=str(person.pk),
        object_id=person.pk,
        object_repr="Wanda Words",
        action=LogEntry.Action.UPDATE,
        changes={"is_active": ["True", "False"], "date_joined": ["2026-01-02 09:30:00", "None"]},
    )
    authenticator_type = ContentType.objects.get_for_model(Authenticator)
    create = LogEntry.objects.create(
        content_type=authenticator_type,
        object_pk="5",
        object_id=5,
        object_repr="TOTP",
        action=LogEntry.Action.CREATE,
        changes={"user": ["None", str(person.pk)], "type": ["None", "totp"]},
    )
    entries = list(LogEntry.objects.filter(pk__in=[update.pk, create.pk]).order_by("-pk"))
    with translation.override("en"):
        created, updated = audit_page_rows(viewer=SYSTEM, entries=entries)
    assert [(c.field, c.before, c.after) for c in updated.changes] == [
        ("Active", "yes", "no"),
        (capfirst(str(user_model._meta.get_field("date_joined").verbose_name)), "2 January 2026, 09:30", ""),
    ]
    assert ("User", "", "Wanda Words") in [(c.field, c.before, c.after) for c in created.changes]
    assert created.kind == "Authenticator"
    assert not created.deleted
