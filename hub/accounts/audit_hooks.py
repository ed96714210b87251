"""Security events (failed sign-in, wrong second-factor code) written to the audit log.

Django and allauth announce these through signals; we only record them. Writes of the domain
never use signals.
"""

from __future__ import annotations

from typing import Any

from allauth.account.signals import email_changed
from allauth.account.signals import password_changed
from allauth.account.signals import password_reset
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authentication_failed
from allauth.mfa.signals import authenticator_added
from allauth.mfa.signals import authenticator_removed
from allauth.mfa.signals import authenticator_used
from auditlog.registry import auditlog
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.signals import user_login_failed
from django.dispatch import Signal
from django.dispatch import receiver

from hub.accounts.models import ApiToken
from hub.accounts.models import User
from hub.core.audit import audit_event
from hub.core.viewer import SECOND_FACTOR_SESSION_KEY

auditlog.register(User, exclude_fields=["password", "last_login"])
auditlog.register(ApiToken, exclude_fields=["token_hash", "last_used_at", "updated_at"])
auditlog.register(Authenticator, exclude_fields=["data", "last_used_at"])


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


@receiver(authenticator_used)
def second_factor_passed(sender: Any, request: Any = None, user: Any = None, **kwargs: Any) -> None:
    """The session passed the second factor (at sign-in, or when asked again)."""
    if request is not None:
        request.session[SECOND_FACTOR_SESSION_KEY] = True


@receiver(authenticator_added)
def second_factor_set_up(
    sender: Any, request: Any = None, user: Any = None, authenticator: Any = None, **kwargs: Any
) -> None:
    """Setting up an authenticator proves possession of it in this session; audited."""
    if request is not None:
        request.session[SECOND_FACTOR_SESSION_KEY] = True
    _audit_authenticator("authenticator_added", request, user, authenticator)


@receiver(authenticator_removed)
def second_factor_removed(
    sender: Any, request: Any = None, user: Any = None, authenticator: Any = None, **kwargs: Any
) -> None:
    _audit_authenticator("authenticator_removed", request, user, authenticator)


def _audit_authenticator(event: str, request: Any, user: Any, authenticator: Any) -> None:
    if user is not None:
        audit_event(
            actor=user,
            instance=user,
            event=event,
            remote_addr=_remote(request),
            detail={"type": getattr(authenticator, "type", "")},
        )


# Account events recorded as they are: the signal, and the event's name in the audit log.
ACCOUNT_EVENTS: dict[Signal, str] = {
    user_logged_in: "signed_in",
    password_changed: "password_changed",
    password_reset: "password_changed",
    email_changed: "email_changed",
}


@receiver(list(ACCOUNT_EVENTS))
def audit_account_event(sender: Any, signal: Signal, request: Any = None, user: Any = None, **kwargs: Any) -> None:
    if user is not None:
        audit_event(actor=user, instance=user, event=ACCOUNT_EVENTS[signal], remote_addr=_remote(request))
