"""Migrations never lose data: a database at the schema that had landed before the re-layering (Role
and Invitation in accounts, Grant in core, Commitment in reporting), with records in every table of the hub, migrates
to the current schema with every row and every value still there.

The database is a separate one made for this test (a SQLite file, or a new PostgreSQL database when the
suite runs on PostgreSQL), driven by `manage.py` in a subprocess as an operator would drive it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dj_database_url
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent

# The migrations of each app that had landed before the re-layering: going back to these leaves the
# database exactly at that schema.
LANDED = [
    ("commitments", "zero"),
    ("members", "0002_member_history_alliance_and_join_requests"),
]
LANDED_APPLIED = {
    "accounts": "0003_role_ends_on_is_the_first_day_without",
    "members": "0002_member_history_alliance_and_join_requests",
    "reporting": "0002_progress_reporting",
    "meetings": "0002_minutes_comments",
    "core": "0002_audit_rows_append_only",
}
# Where each moved table went.
RENAMED = {
    "accounts_role": "members_role",
    "accounts_invitation": "members_invitation",
    "reporting_commitment": "commitments_commitment",
    "core_grant": "members_grant",
}
MOVED_CONTENT_TYPES = {("accounts", "role"): "members", ("accounts", "invitation"): "members"}
MOVED_CONTENT_TYPES[("reporting", "commitment")] = "commitments"
MOVED_CONTENT_TYPES[("core", "grant")] = "members"

SNAPSHOT = """
import json
from django.db import connection
out = {}
with connection.cursor() as cursor:
    for table in sorted(connection.introspection.table_names(cursor)):
        columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
        cursor.execute("SELECT * FROM " + connection.ops.quote_name(table))
        rows = [dict(zip(columns, [None if v is None else str(v) for v in row])) for row in cursor.fetchall()]
        out[table] = sorted(rows, key=lambda r: json.dumps(r, sort_keys=True))
print("SNAPSHOT" + json.dumps(out))
"""


STRAY_CONTENT_TYPE = """
from django.contrib.contenttypes.models import ContentType
ContentType.objects.create(app_label="members", model="role")
"""


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    """A database of its own for this test, on the same engine as the suite."""
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        yield f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
        return
    import psycopg

    base = dj_database_url.parse(os.environ["DATABASE_URL"])
    name = f"hub_migrations_{uuid.uuid4().hex[:12]}"
    admin = f"postgres://{base['USER']}@{base['HOST'] or '127.0.0.1'}:{base['PORT'] or 5432}/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(url: str, *args: str, stdin: str | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(
        {"DATABASE_URL": url, "DEBUG": "true", "TESTING": "true", "DJANGO_SETTINGS_MODULE": "taskforce.settings"}
    )
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def snapshot(url: str) -> dict[str, list[dict[str, Any]]]:
    out = manage(url, "shell", stdin=SNAPSHOT)
    return json.loads(out[out.index("SNAPSHOT") + len("SNAPSHOT") :])


def applied(url: str) -> dict[str, str]:
    """The last applied migration of each hub app."""
    rows = snapshot(url)["django_migrations"]
    last: dict[str, str] = {}
    for row in sorted(rows, key=lambda r: r["name"]):
        if row["app"] in {"core", "accounts", "members", "commitments", "meetings", "reporting"}:
            last[row["app"]] = row["name"]
    return last


def test_every_row_and_value_survives_the_move_of_roles_invitations_grants_and_commitments(database_url: str) -> None:
    url = database_url
    # Records in every table of the hub: reference tables, the demo, then one row in each table still empty.
    manage(url, "migrate", "--no-input")
    manage(url, "load_reference")
    manage(url, "seed_demo")
    filled = manage(url, "shell", stdin=(ROOT / "tests" / "support" / "fill_every_table.py").read_text())
    assert "UNFILLED []" in filled, filled

    # Back to the schema that had landed; the tables are where that code expects them.
    for app, target in LANDED:
        manage(url, "migrate", app, target, "--no-input")
    assert applied(url) == LANDED_APPLIED
    before = snapshot(url)
    assert {"accounts_role", "accounts_invitation", "reporting_commitment", "core_grant"} <= before.keys()
    assert not {"members_role", "members_invitation", "commitments_commitment", "members_grant"} & before.keys()
    hub_tables = [t for t in before if t.split("_")[0] in {"core", "accounts", "members", "meetings", "reporting"}]
    empty = [
        t for t in hub_tables if not before[t] and t not in {"accounts_user_groups", "accounts_user_user_permissions"}
    ]
    assert empty == [], f"tables without records at the landed schema: {empty}"

    # New code may have asked for a moved model's content type before `migrate` ran: it is merged into
    # the old one, which keeps its id and so its audit rows.
    manage(url, "shell", stdin=STRAY_CONTENT_TYPE)

    # Forward to the current schema.
    manage(url, "migrate", "--no-input")
    after = snapshot(url)

    for table, rows in before.items():
        if table == "django_migrations":
            continue
        now = after[RENAMED.get(table, table)]
        if table == "django_content_type":
            moved = []
            for row in rows:
                app = MOVED_CONTENT_TYPES.get((row["app_label"], row["model"]))
                moved.append({**row, "app_label": app} if app else row)
            rows = sorted(moved, key=lambda r: json.dumps(r, sort_keys=True))
        assert now == rows, f"{table}: rows or values changed"
    assert len(after["members_role"]) >= 6
    assert len(after["commitments_commitment"]) == 9
    assert after["auditlog_logentry"] == before["auditlog_logentry"]


def test_a_moved_model_whose_new_content_type_holds_audit_rows_stops_the_migration_and_says_why(
    database_url: str,
) -> None:
    url = database_url
    manage(url, "migrate", "--no-input")
    for app, target in LANDED:
        manage(url, "migrate", app, target, "--no-input")
    manage(
        url,
        "shell",
        stdin=STRAY_CONTENT_TYPE.replace("ContentType.objects.create(", "ct = ContentType.objects.create(")
        + "from auditlog.models import LogEntry\n"
        + "LogEntry.objects.create(content_type=ct, object_pk='1', object_repr='stray', action=0)\n",
    )
    with pytest.raises(AssertionError) as failed:
        manage(url, "migrate", "--no-input")
    assert "Both content types accounts.role" in str(failed.value)
    assert "members.role" in str(failed.value)
    assert applied(url)["members"] == LANDED_APPLIED["members"]
