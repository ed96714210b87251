"""API authentication: a personal token (Bearer), else the browser session, else anonymous.

Session writes need the CSRF token. The pieces live below this layer: the token in hub.accounts.auth,
the session and the caller helpers in hub.core.api.
"""

from __future__ import annotations

from typing import Any

from hub.accounts.auth import TokenAuth
from hub.core.api import SessionOrAnonymous

AUTH: list[Any] = [TokenAuth(), SessionOrAnonymous()]
