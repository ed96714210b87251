"""Project-level checks: the API schema snapshot, production settings, commands, background work."""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from conftest import run_manage
from hub.core.tasks import email_after_commit

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "docs" / "openapi.json"


def test_the_openapi_schema_matches_its_snapshot(db):
    schema = Client().get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    text = json.dumps(schema, indent=2, sort_keys=True) + "\n"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(text, encoding="utf-8")
    assert SNAPSHOT.read_text(encoding="utf-8") == text, "API changed: review, then UPDATE_SNAPSHOTS=1"


def test_interactive_api_docs_load_their_assets_locally(db):
    page = Client().get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()


def test_production_settings_pass_the_deploy_check():
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DEBUG": "false",
        "TESTING": "false",
        "SECRET_KEY": "x" * 64 + "-production-like-secret-key-for-the-check",
        "ALLOWED_HOSTS": "taskforce.example.org",
        "DJANGO_SETTINGS_MODULE": "taskforce.settings",
    }
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_fail_loudly_without_a_secret_key():
    env = {"PATH": os.environ.get("PATH", ""), "DEBUG": "false", "TESTING": "false"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_settings_helpers_refuse_bad_values(monkeypatch):
    from taskforce import settings as s

    monkeypatch.setenv("HUB_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="true or false"):
        s.env_bool("HUB_FLAG", False)
    monkeypatch.setenv("HUB_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        s.env_int("HUB_NUMBER", 1)


def test_a_secret_may_come_from_a_file(monkeypatch, tmp_path):
    from taskforce import settings as s

    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("HUB_SECRET_FILE", str(secret))
    assert s.env("HUB_SECRET") == "from-a-file"


def test_demo_code_refuses_to_run_without_debug(settings, official_a):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_code", official_a.email)


def test_demo_code_prints_a_six_digit_code(settings, official_a, capsys):
    settings.DEBUG = True
    call_command("demo_code", official_a.email)
    assert capsys.readouterr().out.strip().isdigit()


def test_e_mail_waits_for_the_commit_and_goes_through_the_task_backend(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email_after_commit(to=["x@example.org"], subject="Hello", body="Body")
        assert mail.outbox == []
    assert [m.subject for m in mail.outbox] == ["Hello"]


def test_recover_tasks_requeues_tasks_left_running_by_a_dead_worker(db, capsys):
    now = timezone.now()
    stale = DBTaskResult.objects.create(
        task_path="hub.core.tasks.send_email_task",
        args_kwargs={"args": [], "kwargs": {"to": ["x@example.org"], "subject": "s", "sealed_body": "b"}},
        status=TaskResultStatus.RUNNING,
        started_at=now - datetime.timedelta(hours=2),
        run_after=now,
        queue_name="default",
        backend_name="default",
        priority=0,
    )
    fresh = DBTaskResult.objects.create(
        task_path="hub.core.tasks.send_email_task",
        args_kwargs={"args": [], "kwargs": {}},
        status=TaskResultStatus.RUNNING,
        started_at=now,
        run_after=now,
        queue_name="default",
        backend_name="default",
        priority=0,
    )
    call_command("recover_tasks", "--minutes", "30")
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.status == TaskResultStatus.READY
    assert fresh.status == TaskResultStatus.RUNNING
    assert "re-queued 1 task" in capsys.readouterr().out


def test_load_reference_and_seed_demo_are_idempotent(db, capsys):
    call_command("load_reference")
    call_command("seed_demo")
    call_command("load_reference")
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "23 unchanged" in out
    from hub.members.models import Member

    assert Member.objects.filter(is_synthetic=True).count() == 12
    assert not Member.objects.filter(is_synthetic=False, notes__isnull=False).exists()


def test_a_queued_e_mail_holds_its_body_encrypted(db, settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        email_after_commit(to=["x@example.org"], subject="s", body="secret-link-123")
    stored = DBTaskResult.objects.get()
    assert "secret-link-123" not in json.dumps(stored.args_kwargs)
    assert mail.outbox == []
