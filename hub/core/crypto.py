"""Symmetric encryption of small secrets at rest (TOTP secrets, queued e-mail bodies).

The key is derived from SECRET_KEY with a purpose string, so each use has its own key.
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet
from django.conf import settings


def _fernet(purpose: str) -> Fernet:
    key = hashlib.sha256(f"{purpose}:{settings.SECRET_KEY}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt(text: str, *, purpose: str) -> str:
    return _fernet(purpose).encrypt(text.encode()).decode()


def decrypt(token: str, *, purpose: str) -> str:
    return _fernet(purpose).decrypt(token.encode()).decode()
