"""Who may see and manage people and API tokens."""

from __future__ import annotations

from django.db.models import Q

from hub.accounts.models import ApiToken, User
from hub.core.policies import Policy, register
from hub.core.viewer import Viewer


@register(User)
class UserPolicy(Policy[User]):
    """People are seen by themselves, the secretariat and administrators."""

    owner_field = None
    uses_grants = False

    def visible_q(self, viewer: Viewer) -> Q:
        if viewer.is_staff_like:
            return Q()
        if viewer.user_id is None:
            return Q(pk__in=[])
        return Q(pk=viewer.user_id)


@register(ApiToken)
class ApiTokenPolicy(Policy[ApiToken]):
    """A token is its owner's alone."""

    owner_field = None
    uses_grants = False

    def visible_q(self, viewer: Viewer) -> Q:
        if viewer.user_id is None:
            return Q(pk__in=[])
        return Q(user_id=viewer.user_id)

    def can_create(self, viewer: Viewer, obj: ApiToken | None) -> bool:
        return viewer.is_authenticated
