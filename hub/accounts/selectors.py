"""Reads about people: invitations, tokens, roles."""

from __future__ import annotations

from django.db.models import QuerySet

from hub.accounts.models import ApiToken, Invitation, Role, User
from hub.core.policies import policy_for
from hub.core.viewer import Viewer


def invitation_list(*, viewer: Viewer) -> QuerySet[Invitation]:
    return policy_for(Invitation).visible(viewer).select_related("member", "invited_by").order_by("-created_at")


def api_token_list(*, viewer: Viewer) -> QuerySet[ApiToken]:
    return policy_for(ApiToken).visible(viewer).order_by("-created_at")


def role_list_for_user(*, viewer: Viewer, user: User) -> QuerySet[Role]:
    return policy_for(Role).visible(viewer, Role.objects.filter(user=user)).select_related("member")
