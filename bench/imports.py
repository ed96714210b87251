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
- ``too-many-rows.xlsx`` (50,000 rows) and ``too-many-rows.csv`` (19 MB, 260,000 rows);
- ``legal-codings.xlsx`` (issue 16): 9,975 codings (285 fictional members by the 35 provisions of
  checklist 2026-1), validated and written through `coding_apply` (history and audit included), with
  a legal profile opened for each member;
- ``legal-codings-bad-last.xlsx``: the same file whose last row names a provision not in the
  checklist: refused, nothing written.

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


# --- legal codings (issue 16) ----------------------------------------------------------------

LEGAL_MEMBERS = 285  # by 35 provisions: 9,975 rows, the most an import takes being 10,000
LEGAL_HEADER = ["member", "version", "provision", "status", "statute", "pinpoint", "rationale", "review", "reason"]
LEGAL_SETUP = """
import django
django.setup()
from hub.core.audit import acting_as
from hub.legal.services.checklist import reference_checklist_load
from hub.members.models import Member
reference_checklist_load()
with acting_as(None, via="bench"):
    Member.objects.bulk_create(
        Member(name=f"Benchland {i:03d}", name_en=f"Benchland {i:03d}", slug=f"benchland-{i:03d}",
               kind="government", is_synthetic=True)
        for i in range(MEMBERS)
    )
""".replace("MEMBERS", str(LEGAL_MEMBERS))
LEGAL_CHILD = """
import json, resource, sys, time
import django
django.setup()
from hub.core.errors import ValidationFailed
from hub.core.viewer import SYSTEM
from hub.legal.models import Coding
from hub.legal.services.io import codings_import
path = sys.argv[1]
content = open(path, "rb").read()
start = time.perf_counter()
try:
    report = codings_import(viewer=SYSTEM, name=path.rsplit("/", 1)[-1], content=content)
    outcome = f"{report.created} created, {report.profiles_opened} profiles opened"
except ValidationFailed as exc:
    outcome = "refused: " + exc.message + " " + "; ".join(p.location() for p in exc.problems)
seconds = time.perf_counter() - start
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "outcome": outcome, "codings": Coding.objects.count()}))
"""


def legal_provisions() -> list[tuple[str, str]]:
    import csv

    with (ROOT / "reference" / "model_checklist.csv").open(encoding="utf-8") as fh:
        return [(r["id"], r["scoring"]) for r in csv.DictReader(fh) if r["version"] == "2026-1"]


def legal_workbook(*, bad_last: bool = False) -> bytes:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(LEGAL_HEADER)
    statuses = ["met", "not_met", "not_assessed", "not_applicable", "partial"]
    provisions = legal_provisions()
    rows = [(m, p) for m in range(LEGAL_MEMBERS) for p in provisions]
    for n, (m, (code, scoring)) in enumerate(rows):
        status = statuses[n % (5 if scoring == "graded" else 4)]
        review = "verified" if n % 3 == 0 else "draft"
        if bad_last and n == len(rows) - 1:
            code = "Z99"
        sheet.append(
            [f"benchland-{m:03d}", "2026-1", code, status, "", f"s. {n % 90 + 1}", "Bench rationale.", review, "bench"]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def run_case(env: dict[str, str], template: Path, database: Path, path: Path, child: str = CHILD) -> dict[str, object]:
    shutil.copyfile(template, database)
    done = subprocess.run(
        [sys.executable, "-c", child, str(path)], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default="", help="Run only the cases whose file name contains this (e.g. legal)")
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
        legal_template = work / "legal-template.sqlite3"
        shutil.copyfile(template, legal_template)
        subprocess.run(
            [sys.executable, "-c", LEGAL_SETUP],
            cwd=ROOT,
            env={**base, "DATABASE_URL": f"sqlite:///{legal_template}", "DJANGO_SETTINGS_MODULE": "taskforce.settings"},
            check=True,
        )
        files = {
            "10k-rows.xlsx": lambda: workbook(10_000),
            "bomb.xlsx": lambda: bomb(1536),
            "too-many-rows.xlsx": lambda: workbook(50_000),
            "too-many-rows.csv": lambda: csv_file(260_000),
            "legal-codings.xlsx": legal_workbook,
            "legal-codings-bad-last.xlsx": lambda: legal_workbook(bad_last=True),
        }
        env = {**base, "DATABASE_URL": f"sqlite:///{database}", "DJANGO_SETTINGS_MODULE": "taskforce.settings"}
        failed = []
        print(f"{'file':28} {'size MB':>8} {'median s':>9} {'peak MB':>8}  outcome")
        for name, build in files.items():
            if args.only not in name:
                continue
            content = build()
            path = work / name
            path.write_bytes(content)
            legal = name.startswith("legal-")
            source, child = (legal_template, LEGAL_CHILD) if legal else (template, CHILD)
            results = [run_case(env, source, database, path, child) for _ in range(args.runs)]
            seconds = statistics.median(float(str(r["seconds"])) for r in results)
            peak = statistics.median(float(str(r["peak_mb"])) for r in results)
            outcome = str(results[0]["outcome"])
            print(f"{name:28} {len(content) / 1e6:8.1f} {seconds:9.2f} {peak:8.0f}  {outcome[:90]}")
            if name == "10k-rows.xlsx":
                if seconds > BUDGET_SECONDS or peak > BUDGET_MB or results[0]["members"] != 10_000:
                    failed.append(name)
            elif name == "legal-codings.xlsx":
                expected = LEGAL_MEMBERS * len(legal_provisions())
                if seconds > BUDGET_SECONDS or peak > BUDGET_MB or results[0]["codings"] != expected:
                    failed.append(name)
            elif name == "legal-codings-bad-last.xlsx":
                if seconds > BUDGET_SECONDS or not outcome.startswith("refused") or results[0]["codings"] != 0:
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
