"""Page latency under a fixed offered load (SPEC 12), against a real gunicorn on this machine.

    .venv/bin/python bench/pages.py [--rate 20] [--seconds 20] [--database-url sqlite:///bench.sqlite3]

It prepares a database (migrate, reference data, demo data), starts gunicorn on 127.0.0.1, signs a
secretariat officer and a member official in by writing sessions that passed the second factor, then
sends requests at a constant arrival rate (a mix of personas and pages) and prints, per page and
overall, the median and p95 latency in milliseconds. Loopback only; the run ends by itself.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "anonymous": [
        "/",
        "/members/",
        "/members/demoland/",
        "/meetings/",
        "/api/v1/members",
        "/commitments/1/",
        # Legal frameworks: the public sees the published profiles only.
        "/legal/matrix/",
        "/legal/safe-havens/",
    ],
    "secretariat": [
        "/dashboard/",
        "/members/",
        "/meetings/",
        "/actions/",
        "/decisions/",
        "/audit/",
        "/join-requests/",
        "/api/v1/action-items",
        # The demo seeds cycles 1-3 in this order; cycle 2 is last year's, closed, with ten accepted reports.
        "/reporting/cycles/2/",
        "/api/v1/cycles/2/dashboard",
        # Legal frameworks across members (the demo seeds legal profiles for its fictional members).
        "/legal/matrix/",
        "/legal/compare/?members=demoland&members=fictonia&members=samplevia",
        "/legal/safe-havens/",
        "/api/v1/legal/matrix",
    ],
    "official": [
        "/dashboard/",
        "/members/demoland/",
        "/actions/?mine=1",
        "/api/v1/meetings",
        "/reporting/",
        # Demoland's report in the open 2026 demo cycle (members are seeded alphabetically, Demoland first).
        "/reporting/reports/25/",
        "/api/v1/reports/25",
        "/legal/compare/?members=demoland&members=fictonia",
        "/api/v1/legal/comparison?members=demoland&members=fictonia",
    ],
}


def manage(env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def session_cookie(env: dict[str, str], email: str) -> str:
    code = (
        "from django.contrib.sessions.backends.db import SessionStore;"
        "from django.contrib.auth import get_user_model, HASH_SESSION_KEY, SESSION_KEY, BACKEND_SESSION_KEY;"
        "from hub.core.viewer import SECOND_FACTOR_SESSION_KEY;"
        f"u = get_user_model().objects.get(email='{email}');"
        "s = SessionStore(); s[SESSION_KEY] = str(u.pk);"
        "s[BACKEND_SESSION_KEY] = 'django.contrib.auth.backends.ModelBackend';"
        "s[HASH_SESSION_KEY] = u.get_session_auth_hash(); s[SECOND_FACTOR_SESSION_KEY] = True; s.create();"
        "print(s.session_key)"
    )
    return manage(env, "shell", "-c", code).strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, default=20.0, help="requests per second offered")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--database-url", default=f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
    args = parser.parse_args()
    env = {
        **os.environ,
        "DEBUG": "true",
        "TESTING": "false",
        "DATABASE_URL": args.database_url,
        "AXES_ENABLED": "false",
        "LOG_LEVEL": "ERROR",
    }
    (ROOT / "var").mkdir(exist_ok=True)
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "load_reference")
    manage(env, "seed_demo")
    cookies = {
        "anonymous": "",
        "secretariat": session_cookie(env, "secretariat@demo.taskforce.invalid"),
        "official": session_cookie(env, "official.demoland@demo.taskforce.invalid"),
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "taskforce.wsgi",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/", timeout=1)  # noqa: S310 - loopback only
                break
            except OSError:
                time.sleep(0.2)
        mix = [(persona, url) for persona, urls in PAGES.items() for url in urls]
        results: dict[str, list[float]] = {}
        errors: list[str] = []
        lock = threading.Lock()

        def hit(persona: str, url: str) -> None:
            request = urllib.request.Request(base + url)  # noqa: S310 - loopback only
            if cookies[persona]:
                request.add_header("Cookie", f"sessionid={cookies[persona]}")
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback only
                    response.read()
                    status = response.status
            except Exception as exc:  # noqa: BLE001 - reported below
                status = getattr(exc, "code", 0) or repr(exc)[:80]
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                results.setdefault(f"{persona:11} {url}", []).append(elapsed)
                if status != 200:
                    errors.append(f"{persona} {url} -> {status}")

        threads = []
        total = int(args.rate * args.seconds)
        t0 = time.perf_counter()
        for i in range(total):
            persona, url = mix[i % len(mix)]
            delay = t0 + i / args.rate - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            thread = threading.Thread(target=hit, args=(persona, url))
            thread.start()
            threads.append(thread)
        for thread in threads:
            thread.join()
    finally:
        server.terminate()
        server.wait(timeout=10)
    everything = [x for values in results.values() for x in values]
    print(f"offered {args.rate:.0f} req/s for {args.seconds:.0f} s: {len(everything)} requests, {len(errors)} not 200")
    print(f"{'page':45} {'n':>4} {'median ms':>10} {'p95 ms':>8}")
    for key, values in sorted(results.items()):
        values.sort()
        p95 = values[max(0, int(len(values) * 0.95) - 1)]
        print(f"{key:45} {len(values):4d} {statistics.median(values):10.1f} {p95:8.1f}")
    everything.sort()
    p95 = everything[max(0, int(len(everything) * 0.95) - 1)]
    print(f"{'ALL':45} {len(everything):4d} {statistics.median(everything):10.1f} {p95:8.1f}")
    for line in errors[:10]:
        print("error:", line)


if __name__ == "__main__":
    main()
