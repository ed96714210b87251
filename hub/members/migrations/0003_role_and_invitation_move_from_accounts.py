"""Role and Invitation move from accounts (identity only) to members, which holds people's roles for a member.

The state is moved with SeparateDatabaseAndState and the tables renamed (accounts_role to members_role,
accounts_invitation to members_invitation): no row is copied or lost. The content types keep their ids
(their app label is changed), so the audit history of each role and invitation stays attached to it.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations
from django.db import models

from hub.core.migration_ops import content_type_move


def content_types_forwards(apps, schema_editor):
    content_type_move(apps, schema_editor, model="role", old_label="accounts", new_label="members")
    content_type_move(apps, schema_editor, model="invitation", old_label="accounts", new_label="members")


def content_types_backwards(apps, schema_editor):
    content_type_move(apps, schema_editor, model="role", old_label="members", new_label="accounts")
    content_type_move(apps, schema_editor, model="invitation", old_label="members", new_label="accounts")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("auditlog", "0017_add_actor_email"),
        ("members", "0002_member_history_alliance_and_join_requests"),
        ("accounts", "0003_role_ends_on_is_the_first_day_without"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Invitation",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                        ("email", models.EmailField(max_length=254, verbose_name="e-mail address")),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("administrator", "Administrator"),
                                    ("secretariat", "Secretariat officer"),
                                    ("official", "Member official"),
                                    ("focal_point", "Focal point"),
                                    ("deputy_focal_point", "Deputy focal point"),
                                    ("contributor", "Reference-group contributor"),
                                ],
                                max_length=32,
                                verbose_name="role",
                            ),
                        ),
                        ("organisation", models.CharField(blank=True, max_length=200, verbose_name="organisation")),
                        ("token_hash", models.CharField(editable=False, max_length=64, unique=True)),
                        ("expires_at", models.DateTimeField(verbose_name="expires at")),
                        ("accepted_at", models.DateTimeField(blank=True, null=True, verbose_name="accepted at")),
                        ("revoked_at", models.DateTimeField(blank=True, null=True, verbose_name="revoked at")),
                        (
                            "accepted_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="accepted by",
                            ),
                        ),
                        (
                            "invited_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="invited by",
                            ),
                        ),
                        (
                            "member",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="invitations",
                                to="members.member",
                                verbose_name="member",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "invitation",
                        "verbose_name_plural": "invitations",
                        "ordering": ["-created_at"],
                        "db_table": "accounts_invitation",
                    },
                ),
                migrations.CreateModel(
                    name="Role",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("administrator", "Administrator"),
                                    ("secretariat", "Secretariat officer"),
                                    ("official", "Member official"),
                                    ("focal_point", "Focal point"),
                                    ("deputy_focal_point", "Deputy focal point"),
                                    ("contributor", "Reference-group contributor"),
                                ],
                                max_length=32,
                                verbose_name="role",
                            ),
                        ),
                        (
                            "organisation",
                            models.CharField(
                                blank=True,
                                help_text="For a contributor: the reference group or initiative they speak for.",
                                max_length=200,
                                verbose_name="organisation",
                            ),
                        ),
                        (
                            "starts_on",
                            models.DateField(default=django.utils.timezone.localdate, verbose_name="starts on"),
                        ),
                        (
                            "ends_on",
                            models.DateField(
                                blank=True,
                                help_text="The first day without the role; empty while it lasts.",
                                null=True,
                                verbose_name="ended on",
                            ),
                        ),
                        (
                            "member",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="roles",
                                to="members.member",
                                verbose_name="member",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="roles",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="person",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "role",
                        "verbose_name_plural": "roles",
                        "ordering": ["member_id", "kind", "starts_on"],
                        "db_table": "accounts_role",
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(
                                        ("kind__in", ["official", "focal_point", "deputy_focal_point"]),
                                        ("member__isnull", False),
                                    ),
                                    models.Q(
                                        models.Q(
                                            ("kind__in", ["official", "focal_point", "deputy_focal_point"]),
                                            _negated=True,
                                        ),
                                        ("member__isnull", True),
                                    ),
                                    _connector="OR",
                                ),
                                name="role_member_iff_member_kind",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("ends_on__isnull", True), ("ends_on__gte", models.F("starts_on")), _connector="OR"
                                ),
                                name="role_ends_after_it_starts",
                            ),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="role", table=None),
        migrations.AlterModelTable(name="invitation", table=None),
        migrations.RunPython(content_types_forwards, content_types_backwards),
    ]
