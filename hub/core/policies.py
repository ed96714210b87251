"""The one policy layer: who may see and do what, for every model with a visibility.

Each app registers a `Policy` subclass per model. Pages, the API, exports, search, feeds and PDFs
all ask it: `policy_for(Model).visible(viewer)` is the only way to a queryset a viewer may see.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from typing import ClassVar
from typing import Generic
from typing import TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q
from django.db.models import QuerySet

from hub.core.errors import NotFound
from hub.core.errors import PermissionDenied
from hub.core.models import Notification
from hub.core.models import Visibility
from hub.core.viewer import Viewer

M = TypeVar("M", bound=models.Model)

_registry: dict[type[models.Model], Policy[Any]] = {}


def _no_grants(viewer: Viewer, content_type: ContentType) -> QuerySet[Any, Any]:
    raise ImproperlyConfigured("No grant source is registered: the members app registers one in its ready().")


# Record-level grants (to a named person or member) are kept by the members app, which registers
# how to read the ids of the records of one type granted to a viewer.
_grant_source: Callable[[Viewer, ContentType], QuerySet[Any, Any]] = _no_grants


def register_grant_source(source: Callable[[Viewer, ContentType], QuerySet[Any, Any]]) -> None:
    """Registered once, by the members app in its `ready()`."""
    global _grant_source
    if _grant_source not in (_no_grants, source):
        raise ImproperlyConfigured("A grant source is registered already.")
    _grant_source = source


class Policy(Generic[M]):
    """Visibility rules for one model.

    - public: everyone;
    - taskforce: any member official with an active role, and the secretariat;
    - member: the owning member's officials, and the secretariat;
    - secretariat: the secretariat only;
    - plus record-level grants: the author, and grants to a named person or member.
    """

    model: type[M]
    # Path to the owning member's id ("member_id"), or None when a record has no owner member.
    owner_field: ClassVar[str | None] = "member_id"
    # Path to the author's user id, or None.
    author_field: ClassVar[str | None] = None
    visibility_field: ClassVar[str] = "visibility"
    uses_grants: ClassVar[bool] = True

    def base_queryset(self) -> QuerySet[M]:
        return self.model._default_manager.all()

    def visible_q(self, viewer: Viewer) -> Q:
        """A filter selecting exactly the records this viewer may see."""
        if viewer.is_secretariat:
            return Q()
        level = self.visibility_field
        q = Q(**{level: Visibility.PUBLIC})
        if viewer.is_taskforce:
            q |= Q(**{level: Visibility.TASKFORCE})
        if self.owner_field and viewer.member_ids:
            q |= Q(**{level: Visibility.MEMBER, f"{self.owner_field}__in": viewer.member_ids})
        if self.author_field and viewer.user_id is not None:
            q |= Q(**{self.author_field: viewer.user_id})
        if self.uses_grants and viewer.user_id is not None:
            q |= Q(pk__in=self._granted_ids(viewer))
        return q & self.extra_q(viewer)

    def extra_q(self, viewer: Viewer) -> Q:
        """Further narrowing every viewer but the secretariat gets (a policy may override)."""
        return Q()

    def _granted_ids(self, viewer: Viewer) -> QuerySet[Any, Any]:
        return _grant_source(viewer, ContentType.objects.get_for_model(self.model))

    def visible(self, viewer: Viewer, queryset: QuerySet[M] | None = None) -> QuerySet[M]:
        qs = self.base_queryset() if queryset is None else queryset
        return qs.filter(self.visible_q(viewer))

    def visible_ids(self, viewer: Viewer) -> QuerySet[Any, Any]:
        """The ids of the visible records, for use inside another filter (`fk__in=`)."""
        return self.visible(viewer).values("pk")

    def can_view(self, viewer: Viewer, obj: M) -> bool:
        return self.visible(viewer).filter(pk=obj.pk).exists()

    def can(self, viewer: Viewer, action: str, obj: M | None = None) -> bool:
        """May this viewer do `action` (on `obj`, or in general when obj is None)?"""
        check = getattr(self, f"can_{action}", None)
        if check is None:
            raise ValueError(f"{type(self).__name__} knows no action {action!r}")
        return bool(check(viewer, obj))

    def get(self, viewer: Viewer, pk: Any, queryset: QuerySet[M] | None = None) -> M:
        """The record, or NotFound when it does not exist or is hidden from this viewer."""
        try:
            return self.visible(viewer, queryset).get(pk=pk)
        except (ObjectDoesNotExist, ValueError, TypeError) as exc:
            raise NotFound() from exc

    def require(self, viewer: Viewer, action: str, obj: M | None = None, *, message: str = "") -> None:
        """Raise when the viewer may not act. Hidden objects raise NotFound, never Forbidden."""
        if obj is not None and not self.can_view(viewer, obj):
            raise NotFound()
        if not self.can(viewer, action, obj):
            raise PermissionDenied(message)


NOTHING = Q(pk__in=[])


class RulesPolicy(Policy[M]):
    """A policy with its own rule instead of visibility levels (no owning member, no record-level grants):
    viewers who `sees_all` (the secretariat, unless the policy says otherwise) see every record, everyone
    else what `rule_q` selects (nothing, unless the policy says otherwise)."""

    owner_field = None
    uses_grants = False

    def sees_all(self, viewer: Viewer) -> bool:
        return viewer.is_secretariat

    def rule_q(self, viewer: Viewer) -> Q:
        return NOTHING

    def visible_q(self, viewer: Viewer) -> Q:
        return Q() if self.sees_all(viewer) else self.rule_q(viewer)


class PublicPolicy(RulesPolicy[M]):
    """Reference data and public facts: everyone sees every record."""

    def rule_q(self, viewer: Viewer) -> Q:
        return Q()


class SecretariatPolicy(RulesPolicy[M]):
    """Records the secretariat alone sees (reminders sent, join requests)."""


class OwnRecordsPolicy(RulesPolicy[M]):
    """Records of one person (`user_field` holds their user id), seen by that person; by the taskforce
    as far as `taskforce_q` selects (nothing, unless the policy says otherwise); and by whoever
    `sees_all` lets through (nobody, unless the policy says otherwise)."""

    user_field: ClassVar[str] = "user_id"

    def sees_all(self, viewer: Viewer) -> bool:
        return False

    def taskforce_q(self, viewer: Viewer) -> Q | None:
        return None

    def rule_q(self, viewer: Viewer) -> Q:
        if viewer.user_id is None:
            return NOTHING
        own = Q(**{self.user_field: viewer.user_id})
        more = self.taskforce_q(viewer) if viewer.is_taskforce else None
        return own if more is None else own | more


class FollowsParentPolicy(RulesPolicy[M]):
    """A record seen exactly where its parent record is seen (an agenda item and its meeting).

    `parent_path` is the foreign key to the parent; `parent_model` the parent's model, whose policy
    decides. With `taskforce_only`, people outside the taskforce see none of them even where they may
    see the parent (attendance, status history, comments). With `named_member_path`, a record that
    names a member (`named_member_model`) the viewer may not see is hidden too (an invitation, an
    objection).
    """

    parent_path: ClassVar[str]
    parent_model: ClassVar[type[models.Model]]
    taskforce_only: ClassVar[bool] = False
    named_member_path: ClassVar[str | None] = None
    named_member_model: ClassVar[type[models.Model] | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.named_member_path and cls.named_member_model is None:
            raise TypeError(f"{cls.__name__} names a member by {cls.named_member_path!r}: give its named_member_model.")

    def rule_q(self, viewer: Viewer) -> Q:
        if self.taskforce_only and not viewer.is_taskforce:
            return NOTHING
        q = Q(**{f"{self.parent_path}__in": policy_for(self.parent_model).visible_ids(viewer)})
        if self.named_member_model is not None:
            members = policy_for(self.named_member_model).visible_ids(viewer)
            q &= Q(**{f"{self.named_member_path}__in": members})
        return q


def register(model: type[M]) -> Any:
    """Class decorator: `@register(Member) class MemberPolicy(Policy[Member])`."""

    def decorator(cls: type[Policy[M]]) -> type[Policy[M]]:
        cls.model = model
        _registry[model] = cls()
        return cls

    return decorator


def register_follows_parent(
    model: type[models.Model],
    parent_model: type[models.Model],
    parent_path: str,
    *,
    taskforce_only: bool = False,
    named_member: tuple[str, type[models.Model]] | None = None,
) -> None:
    """Register a `FollowsParentPolicy` for `model`: seen where its `parent_model` record (through
    `parent_path`) is seen; `named_member` is the path to a member it names, and that member's model."""
    named_member_path, named_member_model = named_member or (None, None)
    attributes = {
        "parent_path": parent_path,
        "parent_model": parent_model,
        "taskforce_only": taskforce_only,
        "named_member_path": named_member_path,
        "named_member_model": named_member_model,
    }
    register(model)(type(f"{model.__name__}Policy", (FollowsParentPolicy,), attributes))


def policy_for(model: type[M]) -> Policy[M]:
    try:
        return _registry[model]
    except KeyError as exc:
        raise LookupError(f"No policy registered for {model.__name__}") from exc


def registered_models() -> list[type[models.Model]]:
    return list(_registry)


# Records about people and sign-in that an administrator, who runs the platform, may read in full.
OPERATOR_MODELS = frozenset(
    {("accounts", "user"), ("members", "role"), ("accounts", "apitoken"), ("mfa", "authenticator")}
)


def _register_audit_policy() -> None:
    from auditlog.models import LogEntry

    @register(LogEntry)
    class LogEntryPolicy(RulesPolicy[LogEntry]):
        """The audit log is browsed by the secretariat and administrators only."""

        def sees_all(self, viewer: Viewer) -> bool:
            return self.can_browse(viewer, None)

        def can_browse(self, viewer: Viewer, obj: LogEntry | None) -> bool:
            return viewer.is_staff_like

        def can_read_values(self, viewer: Viewer, obj: LogEntry | None) -> bool:
            """An administrator sees who did what to which record, but the values of people and
            sign-in records only, not of member data."""
            if viewer.is_secretariat:
                return True
            if obj is None:
                return False
            ct = obj.content_type
            return (ct.app_label, ct.model) in OPERATOR_MODELS

    register_navigation("audit_log", lambda viewer: policy_for(LogEntry).can(viewer, "browse"))


class PlatformPolicy:
    """The platform itself (the Django admin site), which has no record of its own."""

    def can_administer(self, viewer: Viewer, obj: Any = None) -> bool:
        return viewer.is_administrator


platform = PlatformPolicy()


# What the site offers a viewer in its navigation and dashboard: each app registers named checks,
# each asking one of its policies, so templates test `nav.<name>` instead of the viewer's roles.
_navigation: dict[str, Callable[[Viewer], bool]] = {}


def register_navigation(name: str, check: Callable[[Viewer], bool]) -> None:
    _navigation[name] = check


def navigation_for(viewer: Viewer) -> dict[str, bool]:
    return {name: check(viewer) for name, check in _navigation.items()}


_register_audit_policy()


@register(Notification)
class NotificationPolicy(OwnRecordsPolicy[Notification]):
    """A person's notifications are theirs alone: nobody else sees them, the secretariat included."""

    def can_mark_read(self, viewer: Viewer, obj: Notification | None) -> bool:
        """The person marks their own notifications read (all of them when obj is None)."""
        if viewer.user_id is None:
            return False
        if obj is None:
            return True
        return obj.user_id == viewer.user_id
