"""schemathesis against /api/v1/openapi.json as every persona, with its stateful phase and the checks the
contract promises: no server error, only documented status codes, the documented content type and schema,
and no operation that ignores authentication.

`make test` runs a small example count (FUZZ_EXAMPLES, default 3, phases fuzzing and stateful); `make fuzz`
runs every phase with more examples.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.conftest import Server

pytestmark = pytest.mark.fuzz

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "fuzz"
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,ignored_auth"
# Read-only personas first, the secretariat (which writes most) last.
PERSONAS = {
    "anonymous": None,
    "contributor": "contributor@demo.taskforce.invalid",
    "official_a": "official.demoland@demo.taskforce.invalid",
    "official_b": "focal.examplestan@demo.taskforce.invalid",  # an official of another member
    "focal_point": "focal.demoland@demo.taskforce.invalid",
    "secretariat": "secretariat@demo.taskforce.invalid",
}
TOKEN = """
from hub.accounts.models import User
from hub.accounts.services import api_token_create
from hub.core.viewer import viewer_for
user = User.objects.get(email={email!r})
print(api_token_create(viewer=viewer_for(user), name="fuzz", scope="read-write", days=1)[1])
"""


@pytest.mark.parametrize("persona", list(PERSONAS))
def test_the_api_keeps_its_contract_under_fuzzing(server: Server, persona: str, tmp_path: Path) -> None:
    email = PERSONAS[persona]
    headers = []
    if email is not None:
        token = server.manage("shell", "-c", TOKEN.format(email=email)).strip().splitlines()[-1]
        assert token.startswith("tfh_"), token
        headers = ["-H", f"Authorization: Bearer {token}"]
    examples = os.environ.get("FUZZ_EXAMPLES", "3")
    phases = os.environ.get("FUZZ_PHASES", "fuzzing,stateful")
    done = subprocess.run(
        [
            str(SCHEMATHESIS),
            "run",
            server.url("/api/v1/openapi.json"),
            "--checks",
            CHECKS,
            "--phases",
            phases,
            "--max-examples",
            examples,
            "--seed",
            "1",
            "--generation-deterministic",
            "--request-timeout",
            "20",
            *headers,
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "NO_COLOR": "1", "SCHEMATHESIS_HOOKS": ""},
    )
    report = done.stdout + done.stderr
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"{persona}.txt").write_text(report)  # kept for reading after the run
    assert done.returncode == 0, f"schemathesis as {persona} found failures:\n{report[-6000:]}"
    assert "Tested:" in report
