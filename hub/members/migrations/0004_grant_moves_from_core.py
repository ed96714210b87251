"""Grant moves from core to members, which knows the members a grant names (core keeps only the hook
that asks for granted records). The state is moved with SeparateDatabaseAndState and the table renamed
(core_grant to members_grant): no row is copied or lost; the content type keeps its id."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations
from django.db import models

from hub.core.migration_ops import content_type_move


def content_type_forwards(apps, schema_editor):
    content_type_move(apps, schema_editor, model="grant", old_label="core", new_label="members")


def content_type_backwards(apps, schema_editor):
    content_type_move(apps, schema_editor, model="grant", old_label="members", new_label="core")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("auditlog", "0017_add_actor_email"),
        ("core", "0002_audit_rows_append_only"),
        ("members", "0003_role_and_invitation_move_from_accounts"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Grant",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("object_id", models.PositiveBigIntegerField(verbose_name="record id")),
                        ("reason", models.CharField(max_length=300, verbose_name="reason")),
                        ("granted_at", models.DateTimeField(auto_now_add=True, verbose_name="granted at")),
                        (
                            "content_type",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                to="contenttypes.contenttype",
                                verbose_name="record type",
                            ),
                        ),
                        (
                            "granted_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="granted by",
                            ),
                        ),
                        (
                            "grantee_member",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="grants",
                                to="members.member",
                                verbose_name="member",
                            ),
                        ),
                        (
                            "grantee_user",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="grants",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="person",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "grant",
                        "verbose_name_plural": "grants",
                        "db_table": "core_grant",
                        "indexes": [
                            models.Index(fields=["content_type", "object_id"], name="core_grant_content_b3834c_idx")
                        ],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(("grantee_member__isnull", True), ("grantee_user__isnull", False)),
                                    models.Q(("grantee_member__isnull", False), ("grantee_user__isnull", True)),
                                    _connector="OR",
                                ),
                                name="grant_has_exactly_one_grantee",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="grant", table=None),
        migrations.RunPython(content_type_forwards, content_type_backwards),
    ]
