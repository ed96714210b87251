"""The Commitment model moves from the reporting app to its own app, below meetings and reporting.

The state is moved with SeparateDatabaseAndState and the table renamed (reporting_commitment to
commitments_commitment): no row is copied or lost. The content type keeps its id (its app label is
changed), so the audit history of each commitment stays attached to it.
"""

from django.db import migrations
from django.db import models

from hub.core.migration_ops import content_type_move


def content_type_forwards(apps, schema_editor):
    content_type_move(apps, schema_editor, model="commitment", old_label="reporting", new_label="commitments")


def content_type_backwards(apps, schema_editor):
    content_type_move(apps, schema_editor, model="commitment", old_label="commitments", new_label="reporting")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("auditlog", "0017_add_actor_email"),
        ("reporting", "0002_progress_reporting"),
        # Every table that points at reporting_commitment exists before the rename (a fresh database
        # otherwise creates the meetings' link tables after it, pointing at the old name).
        ("meetings", "0002_minutes_comments"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Commitment",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("number", models.PositiveSmallIntegerField(unique=True, verbose_name="number")),
                        ("key", models.SlugField(max_length=40, unique=True, verbose_name="key")),
                        ("short_title", models.CharField(max_length=120, verbose_name="short title")),
                        ("short_title_en", models.CharField(max_length=120, null=True, verbose_name="short title")),
                        ("short_title_fr", models.CharField(max_length=120, null=True, verbose_name="short title")),
                        ("short_title_es", models.CharField(max_length=120, null=True, verbose_name="short title")),
                        ("text", models.TextField(verbose_name="text")),
                        ("text_en", models.TextField(null=True, verbose_name="text")),
                        ("text_fr", models.TextField(null=True, verbose_name="text")),
                        ("text_es", models.TextField(null=True, verbose_name="text")),
                        ("source", models.CharField(max_length=200, verbose_name="source")),
                    ],
                    options={
                        "verbose_name": "commitment",
                        "verbose_name_plural": "commitments",
                        "ordering": ["number"],
                        "db_table": "reporting_commitment",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="commitment", table=None),
        migrations.RunPython(content_type_forwards, content_type_backwards),
    ]
