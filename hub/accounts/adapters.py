from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    """No public sign-up: people join by invitation only."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        from hub.core.tasks import email_after_commit

        msg = self.render_mail(template_prefix, email, context)
        email_after_commit(to=list(msg.to), subject=str(msg.subject), body=str(msg.body))


class MFAAdapter(DefaultMFAAdapter):
    def get_totp_issuer(self) -> str:
        return "Taskforce Hub"


def _fernet() -> Any:
    import base64
    import hashlib

    from cryptography.fernet import Fernet
    from django.conf import settings

    key = hashlib.sha256(("mfa-secrets:" + settings.SECRET_KEY).encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


class EncryptingMFAAdapter(MFAAdapter):
    """TOTP secrets are stored encrypted with a key derived from SECRET_KEY."""

    def encrypt(self, text: str) -> str:
        return str(_fernet().encrypt(text.encode()).decode())

    def decrypt(self, encrypted_text: str) -> str:
        return str(_fernet().decrypt(encrypted_text.encode()).decode())
