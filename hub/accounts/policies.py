"""Who may see and manage people and API tokens."""

from __future__ import annotations

from hub.accounts.models import ApiToken
from hub.accounts.models import User
from hub.core.policies import OwnRecordsPolicy
from hub.core.policies import register
from hub.core.viewer import Viewer


@register(User)
class UserPolicy(OwnRecordsPolicy[User]):
    """People are seen by themselves, the secretariat and administrators."""

    user_field = "pk"

    def sees_all(self, viewer: Viewer) -> bool:
        return viewer.is_staff_like


@register(ApiToken)
class ApiTokenPolicy(OwnRecordsPolicy[ApiToken]):
    """A token is its owner's alone."""

    def can_create(self, viewer: Viewer, obj: ApiToken | None) -> bool:
        return viewer.is_authenticated
