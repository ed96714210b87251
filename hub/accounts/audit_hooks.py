"""Security events (failed sign-in, wrong second-factor code) written to the audit log.

Django and allauth announce these through signals; we only record them. Writes of the domain
never use signals.
"""

from __future__ import annotations

from typing import Any

from allauth.mfa.signals import authentication_failed
from auditlog.registry import auditlog
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from hub.accounts.models import ApiToken, Invitation, Role, User
from hub.core.audit import audit_event

auditlog.register(User, exclude_fields=["password", "last_login"])
auditlog.register(Role, exclude_fields=["updated_at"])
auditlog.register(Invitation, exclude_fields=["token_hash", "updated_at"])
auditlog.register(ApiToken, exclude_fields=["token_hash", "last_used_at", "updated_at"])


def _remote(request: Any) -> str | None:
    return None if request is None else request.META.get("REMOTE_ADDR")


@receiver(user_login_failed)
def audit_login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    email = str(credentials.get("email") or credentials.get("username") or "").strip().lower()
    user = User.objects.filter(email__iexact=email).first() if email else None
    if user is not None:
        audit_event(actor=None, instance=user, event="sign_in_failed", remote_addr=_remote(request))


@receiver(authentication_failed)
def audit_second_factor_failed(sender: Any, request: Any = None, user: Any = None, **kwargs: Any) -> None:
    if user is not None and getattr(user, "pk", None):
        audit_event(actor=user, instance=user, event="second_factor_failed", remote_addr=_remote(request))


@receiver(user_logged_in)
def audit_logged_in(sender: Any, request: Any = None, user: Any = None, **kwargs: Any) -> None:
    if user is not None:
        audit_event(actor=user, instance=user, event="signed_in", remote_addr=_remote(request))
