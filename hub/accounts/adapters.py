from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.http import HttpRequest

from hub.core.crypto import decrypt
from hub.core.crypto import encrypt
from hub.core.tasks import email_after_commit


class AccountAdapter(DefaultAccountAdapter):
    """No public sign-up: people join by invitation only."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        msg = self.render_mail(template_prefix, email, context)
        email_after_commit(to=list(msg.to), subject=str(msg.subject), body=str(msg.body))


class MFAAdapter(DefaultMFAAdapter):
    def get_totp_issuer(self) -> str:
        return "Taskforce Hub"


class EncryptingMFAAdapter(MFAAdapter):
    """TOTP secrets are stored encrypted with a key derived from SECRET_KEY."""

    def encrypt(self, text: str) -> str:
        return encrypt(text, purpose="mfa-secrets")

    def decrypt(self, encrypted_text: str) -> str:
        return decrypt(encrypted_text, purpose="mfa-secrets")


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The e-mail a sign-in attempt was for: axes locks that person from that address, not the address."""
    value = (credentials or {}).get("email") or (credentials or {}).get("username")
    if not value and request is not None:
        value = request.POST.get("login", "")
    return str(value or "").strip().lower()
