"""accounts forgets Role and Invitation (state only: members.0003 renamed their tables, with every row)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_role_ends_on_is_the_first_day_without"),
        ("members", "0003_role_and_invitation_move_from_accounts"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Invitation"),
                migrations.DeleteModel(name="Role"),
            ],
            database_operations=[],
        ),
    ]
