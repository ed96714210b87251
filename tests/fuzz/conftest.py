"""The API fuzzing runs against the same kind of server as the browser tests: a subprocess with its own
seeded SQLite database."""

from tests.e2e.conftest import server  # noqa: F401 - the fixture, shared
