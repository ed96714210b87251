"""Browser tests: a real server in a subprocess, driven by Debian's Chromium through Playwright.

The server runs with its own SQLite database in a temporary directory, seeded with the demo
data, so these tests never touch pytest-django's test database (the audit log's triggers refuse
the DELETE of a transactional flush). E-mail goes to files, tasks run immediately.
"""

from __future__ import annotations

import base64
import email
import email.policy
import hashlib
import hmac
import os
import re
import socket
import struct
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
DEMO_PASSWORD = "demo-password-2026"
# Demo accounts the journeys sign in as.
SECRETARIAT = "secretariat@demo.taskforce.invalid"
FOCAL_POINT = "focal.demoland@demo.taskforce.invalid"
OFFICIAL = "official.demoland@demo.taskforce.invalid"
# axe-core's default rule set (WCAG 2.0/2.1 A and AA, best practices) plus the WCAG 2.2 AA rule it
# leaves off by default: 2.5.8 Target Size (Minimum).
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}
TOTP_PERIOD = 30
# Variables the server reads; a NAME_FILE variant would win over NAME, so both are cleared.
SERVER_VARIABLES = (
    "DEBUG",
    "TESTING",
    "DATABASE_URL",
    "EMAIL_BACKEND",
    "EMAIL_FILE_PATH",
    "TASKS_BACKEND",
    "AXES_ENABLED",
    "SECRET_KEY",
    "SITE_URL",
    "ALLOWED_HOSTS",
    "MEDIA_ROOT",
)


@dataclass(frozen=True)
class Server:
    base_url: str
    env: dict[str, str]
    mail_dir: Path

    def url(self, path: str) -> str:
        return self.base_url + path

    def manage(self, *args: str) -> str:
        """Run a management command against the server's database; return its output."""
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        if result.returncode != 0:
            raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: never through a proxy


def _wait_until_up(url: str, process: subprocess.Popen[Any], log: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The server stopped (exit {process.returncode}):\n{log.read_text()}")
        try:
            with _NO_PROXY.open(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"The server did not answer within {timeout} s:\n{log.read_text()}")


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("e2e")
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if k.removesuffix("_FILE") not in SERVER_VARIABLES}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "taskforce.settings",
            "DEBUG": "true",
            "TESTING": "false",
            "DATABASE_URL": f"sqlite:///{tmp / 'e2e.sqlite3'}",
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(tmp / "mail"),
            "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "SITE_URL": base_url,
            "MEDIA_ROOT": str(tmp / "uploads"),
            "PYTHONUNBUFFERED": "1",
        }
    )
    srv = Server(base_url=base_url, env=env, mail_dir=tmp / "mail")
    srv.manage("migrate", "--no-input", "-v0")
    srv.manage("load_reference")
    srv.manage("seed_demo")
    log = tmp / "server.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_up(base_url + "/", process, log)
        yield srv
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


class BrowserErrors:
    """Script errors, console errors (a CSP refusal shows up there) and failed sub-resources of a context.

    A page answered with an error status on purpose (a spent invitation: 409) is not a fault, so
    Chromium's "Failed to load resource" console line is ignored and failed sub-resources (styles,
    scripts, images, fonts) are collected from the responses instead.
    """

    def __init__(self) -> None:
        self.messages: list[str] = []

    def watch(self, page: Any) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.messages.append(f"page error: {error}"))
        page.on("response", self._response)
        page.on("requestfailed", self._failed)

    def _console(self, message: Any) -> None:
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.messages.append(f"console error: {message.text}")

    def _failed(self, request: Any) -> None:
        if "ERR_ABORTED" not in (request.failure or ""):  # a load cut short by the next navigation
            self.messages.append(f"request failed: {request.url} ({request.failure})")

    def _response(self, response: Any) -> None:
        if response.status >= 400 and response.request.resource_type != "document":
            self.messages.append(f"{response.status} for {response.request.resource_type} {response.url}")


@pytest.fixture
def new_context(browser: Any, server: Server) -> Iterator[Any]:
    """A factory of fresh browser contexts (no shared cookies), each closed at the end."""
    contexts: list[Any] = []
    errors = BrowserErrors()

    def make() -> Any:
        context = browser.new_context(base_url=server.base_url, locale="en-GB", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        context.on("page", errors.watch)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    assert not errors.messages, "The browser reported errors:\n" + "\n".join(errors.messages)


@pytest.fixture
def page(new_context: Any) -> Any:
    return new_context().new_page()


def check_axe(page: Any) -> None:
    """Run axe-core on the page as it is now; fail with a readable list of violations."""
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_load_state("load")
    results = Axe().run(page, options=AXE_OPTIONS)
    if page.url.startswith("http") and (os.environ.get("E2E_SCREENSHOTS") or results.violations_count):
        save_artifacts(page)
    if results.violations_count == 0:
        return
    lines = [f"axe found {results.violations_count} violation(s) on {page.url}:"]
    for violation in results.response["violations"]:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html'][:200]}")
            for check in node.get("any", []) + node.get("all", []) + node.get("none", []):
                lines.append(f"      * {check['message']}")
    pytest.fail("\n".join(lines), pytrace=False)


def save_artifacts(page: Any) -> None:
    """A full-page screenshot and the HTML, in test-artifacts/e2e/ (ignored by git)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", urlsplit(page.url).path.strip("/")) or "home"
    stem = ARTIFACTS / f"{time.strftime('%H%M%S')}-{name[:80]}"
    page.screenshot(path=f"{stem}.png", full_page=True)
    Path(f"{stem}.html").write_text(page.content(), encoding="utf-8")


def wait_for_fresh_window(min_remaining: float = 8.0) -> None:
    """Codes are accepted in their own 30-second window only: never start near its end."""
    remaining = TOTP_PERIOD - (time.time() % TOTP_PERIOD)
    if remaining < min_remaining:
        time.sleep(remaining + 0.5)


# The last 30-second window whose code was handed out, per server and user: the server accepts a
# code once (allauth marks it used), so a second sign-in of the same user waits for the next window.
_CODE_WINDOWS: dict[tuple[str, str], int] = {}


def demo_code(server: Server, email_address: str) -> str:
    """The current TOTP code of a seeded demo user, as `manage.py demo_code` prints it.

    Never the code of a window already used for this user in this server session (however many
    tests sign the same user in): it waits for the next window instead.
    """
    key = (server.base_url, email_address.strip().lower())
    while True:
        wait_for_fresh_window()
        window = int(time.time()) // TOTP_PERIOD
        if window > _CODE_WINDOWS.get(key, -1):
            break
        time.sleep(TOTP_PERIOD - (time.time() % TOTP_PERIOD) + 0.5)
    code = server.manage("demo_code", email_address).strip()
    assert re.fullmatch(r"\d{6}", code), f"demo_code printed {code!r}"
    _CODE_WINDOWS[key] = window
    return code


def totp_code(secret: str, at: float | None = None) -> str:
    """RFC 6238 TOTP (HMAC-SHA1, 6 digits, 30-second step) of a base32 secret."""
    counter = int(time.time() if at is None else at) // TOTP_PERIOD
    key = base64.b32decode(secret.strip().upper() + "=" * (-len(secret.strip()) % 8))
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def read_mails(mail_dir: Path) -> list[email.message.EmailMessage]:
    """Every message the file-based e-mail backend wrote, oldest first."""
    messages = []
    if not mail_dir.exists():
        return messages
    for path in sorted(mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime):
        for chunk in re.split(r"^-{79}$", path.read_text(encoding="utf-8"), flags=re.MULTILINE):
            if chunk.strip():
                messages.append(email.message_from_string(chunk.lstrip("\n"), policy=email.policy.default))
    return messages


def mail_to(mail_dir: Path, address: str, timeout: float = 10) -> email.message.EmailMessage:
    deadline = time.monotonic() + timeout
    while True:
        found = [m for m in read_mails(mail_dir) if address in str(m["To"])]
        if found:
            return found[-1]
        if time.monotonic() > deadline:
            raise AssertionError(f"No e-mail to {address} in {mail_dir}")
        time.sleep(0.2)


# --- what the journeys do on a page -------------------------------------------------------


def path_of(page: Any) -> str:
    return urlsplit(page.url).path


def main(page: Any) -> Any:
    return page.locator("#main-content")


def expect_path(page: Any, path: str) -> None:
    page.wait_for_url(re.compile(r"^[^?#]*" + re.escape(path) + r"(\?.*)?$"))
    assert path_of(page) == path


def sign_in(page: Any, server: Server, email_address: str) -> None:
    """Sign in with e-mail, password and the current authenticator code, checking each page."""
    page.goto("/accounts/login/")
    check_axe(page)
    form = main(page).locator("form")
    form.get_by_label("Email").fill(email_address)
    form.get_by_label("Password").fill(DEMO_PASSWORD)
    form.get_by_role("button", name="Sign In").click()
    expect_path(page, "/accounts/2fa/authenticate/")
    check_axe(page)
    form = main(page).locator("form").first
    form.locator("input[name=code]").fill(demo_code(server, email_address))
    form.get_by_role("button", name="Sign In").click()
    expect_path(page, "/dashboard/")
    check_axe(page)


def status_message(page: Any) -> str:
    return page.locator(".hub-messages[role=status]").inner_text()


def form_with_button(page: Any, button: str) -> Any:
    """The form on the page that holds the submit button with this exact name."""
    return main(page).locator("form", has=page.get_by_role("button", name=button, exact=True))


def labelled(scope: Any, label: str) -> Any:
    """The control labelled exactly `label` (a required field's label ends with a hidden " *")."""
    return scope.get_by_label(re.compile(rf"^{re.escape(label)}(\s*\*)?$"))


def tick(scope: Any, label: str | re.Pattern[str]) -> None:
    """Tick a checkbox as a person does: the design system hides the input and draws the box on its label."""
    box = scope.get_by_label(label, exact=True) if isinstance(label, str) else scope.get_by_label(label)
    scope.locator(f"label[for='{box.get_attribute('id')}']").click()
    assert box.is_checked()


def submit(page: Any, form: Any, button: str, path: str, message: str) -> None:
    """Submit a form and wait for the page it leads to (often the same address) and its status message."""
    with page.expect_navigation():
        form.get_by_role("button", name=button, exact=True).click()
    expect_path(page, path)
    page.locator(".hub-messages[role=status]", has_text=message).wait_for()
    check_axe(page)
