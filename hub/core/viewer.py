"""Who is looking: the viewer the policy layer reasons about.

A viewer is built once per request (or API call, or command) from the user. A signed-in
session without a second factor is treated exactly like an anonymous visitor for data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from dataclasses import fields
from typing import Any

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class ViewerRoles:
    """What the policy layer needs to know about a person's roles today (the members app answers it)."""

    is_secretariat: bool = False
    is_administrator: bool = False
    is_contributor: bool = False
    # Members whose own records the viewer may read (active or suspended member roles).
    member_ids: frozenset[int] = field(default_factory=frozenset)
    # Members for which the viewer may write drafts (member not suspended or withdrawn).
    write_member_ids: frozenset[int] = field(default_factory=frozenset)
    # Members for which the viewer is focal point or deputy (may submit and sign off).
    focal_member_ids: frozenset[int] = field(default_factory=frozenset)


def _no_roles(user: Any) -> ViewerRoles:
    raise ImproperlyConfigured("No role source is registered: the members app registers one in its ready().")


_role_source: Callable[[Any], ViewerRoles] = _no_roles


def register_role_source(source: Callable[[Any], ViewerRoles]) -> None:
    """The members app, which holds people's roles, registers how to read them (in its `ready()`), once."""
    global _role_source
    if _role_source not in (_no_roles, source):
        raise ImproperlyConfigured("A role source is registered already.")
    _role_source = source


@dataclass(frozen=True)
class Viewer(ViewerRoles):
    """A person (`user`, None when anonymous or for the platform itself) with their roles today."""

    user: Any = None

    @property
    def is_authenticated(self) -> bool:
        return self.user is not None

    @property
    def user_id(self) -> int | None:
        return None if self.user is None else int(self.user.pk)

    @property
    def is_taskforce(self) -> bool:
        """Any signed-in member official or the secretariat: may read taskforce-level records."""
        return self.is_secretariat or bool(self.member_ids)

    @property
    def is_staff_like(self) -> bool:
        """Secretariat or administrator: may browse the audit log."""
        return self.is_secretariat or self.is_administrator


ANONYMOUS = Viewer()

# The platform itself, for management commands run by an operator on the server and for seeding.
SYSTEM = Viewer(is_secretariat=True, is_administrator=True)


def focal_point_of(member_id: int) -> Viewer:
    """A viewer acting as the focal point of one member, without a user (demo seeding)."""
    ids = frozenset({member_id})
    return Viewer(member_ids=ids, write_member_ids=ids, focal_member_ids=ids)


def viewer_for(user: Any) -> Viewer:
    """Build the viewer for a user. No second factor means no access beyond public data."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ANONYMOUS
    if not user.has_second_factor():
        return ANONYMOUS
    roles = _role_source(user)
    return Viewer(user=user, **{f.name: getattr(roles, f.name) for f in fields(ViewerRoles)})


# Set in the session when this session passed the second factor (sign-in with a code, or an
# authenticator set up in this very session). Having an authenticator is not enough: a session
# opened with the password alone before the person enrolled must not gain access afterwards.
SECOND_FACTOR_SESSION_KEY = "hub.second_factor_passed"


def session_passed_second_factor(request: Any) -> bool:
    session = getattr(request, "session", None)
    return bool(session is not None and session.get(SECOND_FACTOR_SESSION_KEY))


def request_viewer(request: Any) -> Viewer:
    """The viewer of a request, computed once and cached on it."""
    cached = getattr(request, "_hub_viewer", None)
    if cached is None:
        user = getattr(request, "user", None)
        cached = viewer_for(user) if session_passed_second_factor(request) else ANONYMOUS
        request._hub_viewer = cached
    return cached
