"""Questions now point at the commitments app's Commitment, and reporting forgets its own (state only:
the table itself was renamed by commitments.0001, with every row)."""

import django.db.models.deletion
from django.db import migrations
from django.db import models


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0002_progress_reporting"),
        ("commitments", "0001_commitment_moves_from_reporting"),
        # The meetings' links are moved first, so nothing points at the old model when it goes.
        ("meetings", "0003_commitments_app"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="question",
                    name="commitment",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="questions",
                        to="commitments.commitment",
                    ),
                ),
                migrations.DeleteModel(name="Commitment"),
            ],
            database_operations=[],
        ),
    ]
