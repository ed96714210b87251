"""Writes about people: invitations, roles, API tokens. Each runs in one transaction and is audited."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.accounts.models import ApiToken
from hub.core.audit import acting_as
from hub.core.audit import audit_event
from hub.core.best_effort import best_effort_write
from hub.core.errors import Problem
from hub.core.errors import raise_problems
from hub.core.errors import require_text
from hub.core.policies import policy_for
from hub.core.viewer import Viewer

TOKEN_PREFIX = "tfh_"  # noqa: S105 - a public prefix, not a secret
LAST_USED_PRECISION = timedelta(minutes=1)  # a token's `last_used_at` is written at most once a minute


def hash_secret(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def api_token_create(*, viewer: Viewer, name: str, scope: str, days: int, via: str = "web") -> tuple[ApiToken, str]:
    """Create a personal API token. The raw token is returned once and never stored."""
    policy_for(ApiToken).require(viewer, "create")
    problems: list[Problem] = []
    require_text(problems, name, _("Give the token a name."), field="name")
    if scope not in ApiToken.Scope.values:
        problems.append(Problem(_("Choose read or read and write."), field="scope"))
    if not 1 <= days <= settings.API_TOKEN_MAX_DAYS:
        problems.append(
            Problem(_("Choose between 1 and %(max)s days.") % {"max": settings.API_TOKEN_MAX_DAYS}, field="days")
        )
    raise_problems(problems, _("The token could not be created."))
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=viewer.user,
        name=name.strip(),
        prefix=raw[: len(TOKEN_PREFIX) + 6],
        token_hash=hash_secret(raw),
        scope=scope,
        expires_at=timezone.now() + timedelta(days=days),
    )
    with transaction.atomic(), acting_as(viewer.user, via=via):
        token.save()
    return token, raw


def api_token_revoke(*, viewer: Viewer, token_id: int, via: str = "web") -> ApiToken:
    token = policy_for(ApiToken).get(viewer, token_id)
    if token.revoked_at is None:
        with transaction.atomic(), acting_as(viewer.user, via=via):
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at", "updated_at"])
    return token


def api_token_authenticate(*, raw: str, remote_addr: str | None = None) -> ApiToken | None:
    """The usable token matching `raw`, or None. Malformed, revoked and expired tokens fail alike."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    token = ApiToken.objects.select_related("user").filter(token_hash=hash_secret(raw)).first()
    if token is None:
        return None
    if not token.is_usable or not token.user.is_active:
        audit_event(actor=token.user, instance=token, event="api_token_refused", remote_addr=remote_addr)
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        # Bookkeeping: at most one write a minute per token, and never a reason for the request to fail.
        stale = Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - LAST_USED_PRECISION)
        best_effort_write(
            lambda: ApiToken.objects.filter(stale, pk=token.pk).update(last_used_at=now),
            what=f"the last use of API token {token.pk}",
        )
    return token
