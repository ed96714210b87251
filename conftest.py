"""Shared test fixtures: personas built through our own services, the network blocked."""

from __future__ import annotations

import io
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from allauth.mfa.totp.internal.auth import generate_totp_secret
from django.test import Client
from pypdf import PdfReader

from hub.accounts.models import User
from hub.core.viewer import ANONYMOUS
from hub.core.viewer import SECOND_FACTOR_SESSION_KEY
from hub.core.viewer import SYSTEM
from hub.core.viewer import Viewer
from hub.core.viewer import viewer_for
from hub.members.models import Member
from hub.members.models import Role
from hub.members.services import role_grant

PASSWORD = "correct-horse-battery-staple-42"
ROOT = Path(__file__).resolve().parent


@pytest.fixture(autouse=True)
def _block_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never reach the network; loopback and the local database stay allowed."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> Any:
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and host not in {"127.0.0.1", "localhost", "::1"} and not host.startswith("/"):
            raise RuntimeError(f"Network access in tests is blocked: {address!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(autouse=True)
def _english(settings: Any) -> None:
    settings.LANGUAGE_CODE = "en"


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "uploads"


def discouraged_term(term_id: str = "csam") -> str:
    """The first discouraged wording of a row of reference/terminology.csv. Tests of the terminology
    check take the term from the reference table rather than writing it out themselves."""
    import csv
    from pathlib import Path

    with (Path(__file__).parent / "reference" / "terminology.csv").open(encoding="utf-8") as fh:
        row = next(r for r in csv.DictReader(fh) if r["id"] == term_id)
    return row["discouraged"].split(";")[0].strip()


def run_manage(*args: str, env: dict[str, str], cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """manage.py in a process of its own that sees only this environment."""
    command = [sys.executable, "manage.py", *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)  # noqa: S603


def pdf_text(response: Any) -> str:
    """The text of a PDF answer, once it is certain the answer is a PDF (an error page is not)."""
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(response.content)).pages)


def make_member(name: str, **extra: Any) -> Member:
    from django.utils.text import slugify

    member = Member(
        name=name, name_en=name, slug=slugify(name), kind=Member.Kind.GOVERNMENT, is_synthetic=True, **extra
    )
    member.full_clean()
    member.save()
    return member


def make_person(email: str, kind: str | None = None, member: Member | None = None, *, mfa: bool = True) -> User:
    user = User.objects.create_user(email, PASSWORD, full_name=email.split("@")[0].replace(".", " ").title())
    if kind is not None:
        role_grant(viewer=SYSTEM, user=user, kind=kind, member=member)
    if mfa:
        authenticator = TOTP.activate(user, generate_totp_secret())
        user.totp_secret = authenticator.instance.data["secret"]  # type: ignore[attr-defined]
        RecoveryCodes.activate(user)
    return user


def client_for(user: User | None, *, second_factor: bool = True) -> Client:
    """A client signed in as `user`; its session passed the second factor unless told otherwise."""
    client = Client()
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        if second_factor:
            session = client.session
            session[SECOND_FACTOR_SESSION_KEY] = True
            session.save()
    return client


@pytest.fixture
def member_a(db: Any) -> Member:
    return make_member("Alphaland", region="Europe")


@pytest.fixture
def member_b(db: Any) -> Member:
    return make_member("Betaland", region="Africa")


@pytest.fixture
def secretariat(db: Any) -> User:
    return make_person("sam.secretariat@example.org", Role.Kind.SECRETARIAT)


@pytest.fixture
def administrator(db: Any) -> User:
    return make_person("ada.admin@example.org", Role.Kind.ADMINISTRATOR)


@pytest.fixture
def official_a(member_a: Member) -> User:
    return make_person("olga.official@alphaland.example.org", Role.Kind.OFFICIAL, member_a)


@pytest.fixture
def focal_point_a(member_a: Member) -> User:
    return make_person("fiona.focal@alphaland.example.org", Role.Kind.FOCAL_POINT, member_a)


@pytest.fixture
def official_b(member_b: Member) -> User:
    return make_person("otto.official@betaland.example.org", Role.Kind.OFFICIAL, member_b)


@pytest.fixture
def member_suspended(db: Any) -> Member:
    return make_member("Gammaland", region="Asia", status=Member.Status.SUSPENDED)


@pytest.fixture
def focal_point_suspended(member_suspended: Member) -> User:
    """The focal point of a suspended member: reads the member's records, may not write or submit."""
    return make_person("gus.focal@gammaland.example.org", Role.Kind.FOCAL_POINT, member_suspended)


@pytest.fixture
def contributor(db: Any) -> User:
    return make_person("cora.contributor@example.org", Role.Kind.CONTRIBUTOR)


@pytest.fixture
def anonymous() -> None:
    return None


def as_viewer(user: User | None) -> Viewer:
    return viewer_for(user)


@pytest.fixture
def personas(
    secretariat: User,
    official_a: User,
    official_b: User,
    focal_point_a: User,
    focal_point_suspended: User,
    contributor: User,
) -> dict[str, Viewer]:
    """The viewers policy tests reason about, by name."""
    return {
        "anonymous": ANONYMOUS,
        "secretariat": as_viewer(secretariat),
        "official_a": as_viewer(official_a),
        "official_b": as_viewer(official_b),
        "focal_point_a": as_viewer(focal_point_a),
        "focal_point_suspended": as_viewer(focal_point_suspended),
        "contributor": as_viewer(contributor),
    }


AUDIT_TRIGGERS = "hub.core.migrations.0002_audit_rows_append_only"


def _audit_triggers_present(connection: Any) -> bool:
    if connection.vendor == "postgresql":
        sql = "SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'auditlog_logentry_%'"
    else:
        sql = "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'auditlog_logentry_%'"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return bool(cursor.fetchone()[0])


@pytest.fixture
def race_db(transactional_db: None) -> Any:
    """A database that really commits, shared by the threads of a race test (mark the test
    `django_db(transaction=True)`).

    Such a test empties every table when it ends (Django's flush: DELETE on SQLite, TRUNCATE on
    PostgreSQL), which the audit log's append-only triggers (core migration 0002) refuse. The flush of
    this test alone runs with the triggers lifted: they are dropped just before it and created again
    right after it, with the migration's own statements, and checked to be back, so every later test
    meets an append-only audit log."""
    import importlib

    from django.db import connection

    migration = importlib.import_module(AUDIT_TRIGGERS)
    ops = connection.ops
    original = ops.execute_sql_flush

    def run(statements: list[str]) -> None:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

    def flush_without_audit_triggers(sql_list: Any) -> None:
        del ops.execute_sql_flush  # this flush only
        postgres = connection.vendor == "postgresql"
        run(migration.POSTGRES_BACKWARD if postgres else migration.SQLITE_BACKWARD)
        try:
            original(sql_list)
        finally:
            run(migration.POSTGRES_FORWARD if postgres else migration.SQLITE_FORWARD)
        assert _audit_triggers_present(connection), "the audit log's triggers were not put back"

    ops.execute_sql_flush = flush_without_audit_triggers
    yield


def race(*steps: Any) -> list[Any]:
    """Run the steps in threads released together (a barrier); each thread has its own database
    connection. Returns each step's result, or the exception it raised, in the order given."""
    import threading

    from django.db import connection

    barrier = threading.Barrier(len(steps))
    results: list[Any] = [None] * len(steps)

    def run(i: int, step: Any) -> None:
        try:
            barrier.wait(timeout=10)
            results[i] = step()
        except Exception as exc:  # noqa: BLE001 - the test looks at what each step met
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, s)) for i, s in enumerate(steps)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results
