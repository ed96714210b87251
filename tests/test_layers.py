"""The import layers of hub/ (pyproject.toml, docs/architecture.md) hold, and the check catches a breach."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(tree / "pyproject.toml"), "--no-cache"],
        cwd=tree,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tree)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def copy_of_the_tree(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "hub", tmp_path / "hub", ignore=shutil.ignore_patterns("__pycache__", "*.mo", "*.html"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_layers_hold_today(tmp_path: Path) -> None:
    done = lint_imports(copy_of_the_tree(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 kept, 0 broken" in done.stdout


def test_an_upward_import_in_a_test_breaks_the_contract(tmp_path: Path) -> None:
    tree = copy_of_the_tree(tmp_path)
    (tree / "hub" / "members" / "tests" / "test_upward.py").write_text(
        "from hub.reporting.models import ReportingCycle  # members may not read reporting\n"
    )
    done = lint_imports(tree)
    assert done.returncode != 0
    assert "hub.members is not allowed to import hub.reporting" in done.stdout
    assert "hub.members.tests.test_upward -> hub.reporting.models" in done.stdout


def test_meetings_and_reporting_import_neither_each_other(tmp_path: Path) -> None:
    tree = copy_of_the_tree(tmp_path)
    (tree / "hub" / "meetings" / "sideways.py").write_text("import hub.reporting.selectors\n")
    done = lint_imports(tree)
    assert done.returncode != 0
    assert "hub.meetings is not allowed to import hub.reporting" in done.stdout


ROLE_CHECK = re.compile(
    r"\.(is_secretariat|is_administrator|is_contributor|is_taskforce|is_staff_like|"
    r"write_member_ids|focal_member_ids)\b"
)
# (`viewer.member_ids`, the members a viewer belongs to, is a scope that selectors and 404s use, not a role.)
# Where a viewer's roles may be read: the policies, the viewer itself, and tests.
ROLE_READERS = ("policies.py", "hub/core/viewer.py")


def test_role_checks_live_only_in_policies() -> None:
    """Every may-this-viewer-do-this decision is a `can_<action>` on a policy: no page, service,
    selector, API route or template reads the viewer's roles itself."""
    found = []
    for path in sorted(
        [*(ROOT / "hub").rglob("*.py"), *(ROOT / "hub").rglob("*.html"), *(ROOT / "templates").rglob("*.html")]
    ):
        relative = path.relative_to(ROOT).as_posix()
        in_policies = relative.endswith(ROLE_READERS) or "/policies/" in relative  # or a policies package
        if "/tests/" in relative or "/migrations/" in relative or in_policies:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if ROLE_CHECK.search(line):
                found.append(f"{relative}:{number}: {line.strip()}")
    assert found == [], "role checks outside the policies:\n" + "\n".join(found)
