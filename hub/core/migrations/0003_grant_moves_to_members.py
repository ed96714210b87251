"""core forgets Grant (state only: members.0004 renamed its table, with every row)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_audit_rows_append_only"),
        ("members", "0004_grant_moves_from_core"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Grant")],
            database_operations=[],
        ),
    ]
