"""Decisions and action items now link to the commitments app's Commitment (state only: the link tables
and their rows stay as they are)."""

from django.db import migrations
from django.db import models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_minutes_comments"),
        ("commitments", "0001_commitment_moves_from_reporting"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="actionitem",
                    name="commitments",
                    field=models.ManyToManyField(blank=True, related_name="action_items", to="commitments.commitment"),
                ),
                migrations.AlterField(
                    model_name="decision",
                    name="commitments",
                    field=models.ManyToManyField(blank=True, related_name="decisions", to="commitments.commitment"),
                ),
            ],
            database_operations=[],
        ),
    ]
