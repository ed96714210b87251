"""Import budgets (issue 11): a 10,000-row members XLSX validates and writes in at most 15 s with at
most 300 MB peak memory; a file past the limits is refused in under 1 s.

    .venv/bin/python bench/imports.py [--runs 3] [--database-url sqlite:///var/bench-imports.sqlite3]

The members import is measured: one member per row is the shape of a 10,000-row register (names,
kinds, sources, dates; no country, since a country holds at most one member). The script migrates a
database once, writes the files, then runs each case in a fresh process (so the peak resident memory
it reports is that of the whole process, Django included) against a fresh copy of that database, and
prints the median seconds and peak memory of each case over the runs. Cases:

- ``10k-rows.xlsx``: 10,000 rows, validated and written (not a dry run);
- ``bomb.xlsx``: a workbook of about 1.5 MB whose sheet inflates to 1.5 GB;
- ``too-many-rows.xlsx`` (50,000 rows) and ``too-many-rows.csv`` (19 MB, 260,000 rows).

Exits non-zero when a budget is missed.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = ["name", "kind", "iso3166", "region", "founding_member", "mission_statement", "joined_on"]
HEADER += ["alliance_member", "alliance_source", "source", "visibility"]
BUDGET_SECONDS = 15.0
BUDGET_MB = 300.0
REFUSAL_SECONDS = 1.0


def member_row(i: int) -> list[str]:
    day = f"20{10 + i % 15:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}"
    return [f"Bench member {i:05d}", "government", "", "", "no", "not_listed", day, "", "", "bench", "public"]


def workbook(rows: int) -> bytes:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADER)
    for i in range(rows):
        sheet.append(member_row(i))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def bomb(inflated_mb: int) -> bytes:
    """A valid small workbook whose sheet is replaced by `inflated_mb` MB of blanks (deflates ~1000:1)."""
    sys.path.insert(0, str(ROOT))
    from hub.core.tests.hostile_files import bomb as hostile_bomb

    return hostile_bomb(HEADER, inflated_bytes=inflated_mb * 1024 * 1024)


def csv_file(rows: int) -> bytes:
    lines = [",".join(HEADER)] + [",".join(member_row(i)) for i in range(rows)]
    return ("\n".join(lines) + "\n").encode()


CHILD = """
import json, resource, sys, time
import django
django.setup()
from hub.core.errors import ValidationFailed
from hub.core.viewer import SYSTEM
from hub.members.models import Member
from hub.members.services.importing import members_import
path = sys.argv[1]
content = open(path, "rb").read()
start = time.perf_counter()
try:
    report = members_import(viewer=SYSTEM, name=path.rsplit("/", 1)[-1], content=content)
    outcome = f"{len(report.created)} created"
except ValidationFailed as exc:
    outcome = "refused: " + exc.message
seconds = time.perf_counter() - start
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "outcome": outcome, "members": Member.objects.count()}))
"""


def run_case(env: dict[str, str], template: Path, database: Path, path: Path) -> dict[str, object]:
    shutil.copyfile(template, database)
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-imports-"))
    template, database = work / "template.sqlite3", work / "run.sqlite3"
    base = {**os.environ, "DEBUG": "false", "TESTING": "false", "LOG_LEVEL": "ERROR", "AXES_ENABLED": "false"}
    base.setdefault("SECRET_KEY", "bench-imports-not-a-secret-0123456789-abcdefghijklmnopqrstuvwxyz")
    base.setdefault("ALLOWED_HOSTS", "localhost")
    try:
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
            cwd=ROOT,
            env={**base, "DATABASE_URL": f"sqlite:///{template}"},
            check=True,
        )
        files = {
            "10k-rows.xlsx": workbook(10_000),
            "bomb.xlsx": bomb(1536),
            "too-many-rows.xlsx": workbook(50_000),
            "too-many-rows.csv": csv_file(260_000),
        }
        env = {**base, "DATABASE_URL": f"sqlite:///{database}", "DJANGO_SETTINGS_MODULE": "taskforce.settings"}
        failed = []
        print(f"{'file':20} {'size MB':>8} {'median s':>9} {'peak MB':>8}  outcome")
        for name, content in files.items():
            path = work / name
            path.write_bytes(content)
            results = [run_case(env, template, database, path) for _ in range(args.runs)]
            seconds = statistics.median(float(str(r["seconds"])) for r in results)
            peak = statistics.median(float(str(r["peak_mb"])) for r in results)
            outcome = str(results[0]["outcome"])
            print(f"{name:20} {len(content) / 1e6:8.1f} {seconds:9.2f} {peak:8.0f}  {outcome[:90]}")
            if name == "10k-rows.xlsx":
                if seconds > BUDGET_SECONDS or peak > BUDGET_MB or results[0]["members"] != 10_000:
                    failed.append(name)
            elif seconds > REFUSAL_SECONDS or not outcome.startswith("refused") or results[0]["members"] != 0:
                failed.append(name)
        print(f"budgets: 10k rows <= {BUDGET_SECONDS:.0f} s and <= {BUDGET_MB:.0f} MB; refusals < {REFUSAL_SECONDS} s")
        if failed:
            print("over budget:", ", ".join(failed))
            sys.exit(1)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
