# Search speed on PostgreSQL (docs/decisions.md, "Knowledge hub: search"): a partial index holding
# what the document policy's visible queryset reads (level, author member, id; withdrawn documents
# are the secretariat's alone, so they are left out), so the search's visibility subquery is an
# index-only scan instead of a walk through every document's text. SQLite starts from the FTS5
# matches and does not need it.
from django.db import migrations

POSTGRES_FORWARD = (
    "CREATE INDEX IF NOT EXISTS knowledge_document_visible ON knowledge_document "
    "(visibility, author_member_id, id) WHERE withdrawn_at IS NULL"
)
POSTGRES_BACKWARD = "DROP INDEX IF EXISTS knowledge_document_visible"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0006_search"),
    ]

    operations = [
        migrations.RunPython(forward, backward, elidable=False),
    ]
