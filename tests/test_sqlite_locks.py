"""SQLite as an embedded default: a long write does not make token-authenticated reads fail.

The suite's own SQLite database lives in memory, where locks behave otherwise; this test runs the hub
in a process of its own on a SQLite file (the settings an operator gets: WAL, a busy timeout,
immediate transactions), holds that file's write lock from a second connection, and makes
token-authenticated API reads meanwhile.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = r"""
import json
import sqlite3
import sys
import threading
import time

import django

django.setup()
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import setup_test_environment

from conftest import make_member
from conftest import make_person
from hub.accounts.models import ApiToken
from hub.accounts.services import api_token_create
from hub.core.viewer import viewer_for
from hub.members.models import Role

setup_test_environment()
call_command("migrate", verbosity=0)
member = make_member("Alphaland", region="Europe")
user = make_person("olga.official@alphaland.example.org", Role.Kind.OFFICIAL, member)
token, raw = api_token_create(viewer=viewer_for(user), name="script", scope="read", days=1)
mode = connection.cursor().execute("PRAGMA journal_mode").fetchone()[0]
connection.close()

locked, release = threading.Event(), threading.Event()


def hold_the_write_lock():
    other = sqlite3.connect(sys.argv[1], isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE members_member SET name_fr = 'Alphalande'")
    locked.set()
    release.wait(30)
    other.execute("COMMIT")
    other.close()


holder = threading.Thread(target=hold_the_write_lock)
holder.start()
locked.wait(10)
client = Client(HTTP_AUTHORIZATION="Bearer " + raw)
answers = []
started = time.monotonic()
while time.monotonic() - started < float(sys.argv[2]):
    for url in ("/api/v1/me", "/api/v1/members", "/api/v1/members/alphaland"):
        t0 = time.monotonic()
        response = client.get(url)
        answers.append({"url": url, "status": response.status_code, "seconds": time.monotonic() - t0})
during = ApiToken.objects.get(pk=token.pk).last_used_at
release.set()
holder.join()
client.get("/api/v1/me")
after = ApiToken.objects.get(pk=token.pk).last_used_at
print("RESULT" + json.dumps({"mode": mode, "answers": answers, "during": str(during), "after": str(after)}))
"""


def test_token_reads_go_on_while_another_connection_holds_the_write_lock(tmp_path):
    database = tmp_path / "locks.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{database}",
            "SQLITE_TIMEOUT": "2",  # shorter than the lock is held: a read that waited for it would fail
            "DEBUG": "false",
            "TESTING": "true",
            "DJANGO_SETTINGS_MODULE": "taskforce.settings",
            "PYTHONPATH": str(ROOT),
        }
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", SCRIPT, str(database), "4"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    out = json.loads(done.stdout[done.stdout.index("RESULT") + len("RESULT") :])
    assert out["mode"] == "wal"
    answers = out["answers"]
    assert len(answers) >= 3
    assert [a for a in answers if a["status"] != 200] == []
    assert max(a["seconds"] for a in answers) < 1.5  # none waited out the busy timeout
    assert out["during"] == "None"  # the write was skipped while the lock was held
    assert out["after"] != "None"  # and made on the next request once it was free
