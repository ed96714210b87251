"""Reads about a person's own identity: API tokens."""

from __future__ import annotations

from django.db.models import QuerySet

from hub.accounts.models import ApiToken
from hub.core.policies import policy_for
from hub.core.viewer import Viewer


def api_token_list(*, viewer: Viewer) -> QuerySet[ApiToken]:
    return policy_for(ApiToken).visible(viewer).order_by("-created_at")
