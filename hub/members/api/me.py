"""Who am I: the caller, with their roles (roles are held for members, so this lives with members)."""

from typing import Any

from django.http import HttpRequest
from ninja import Field
from ninja import Router
from ninja import Schema

from hub.core.api import caller
from hub.core.api import with_attributes
from hub.members.models import Role
from hub.members.selectors import role_list_for_user

me_router = Router(tags=["me"])


class RoleOut(Schema):
    kind: str
    member: str | None
    starts_on: str
    ends_on: str | None

    @staticmethod
    def resolve_member(r: Role) -> str | None:
        return r.member.slug if r.member else None

    @staticmethod
    def resolve_starts_on(r: Role) -> str:
        return r.starts_on.isoformat()

    @staticmethod
    def resolve_ends_on(r: Role) -> str | None:
        return r.ends_on.isoformat() if r.ends_on else None


# Read from the caller's viewer, which carries its `roles`.
class MeOut(Schema):
    authenticated: bool = Field(..., alias="is_authenticated")
    email: str | None
    full_name: str | None
    is_secretariat: bool
    is_administrator: bool
    member_ids: list[int]
    roles: list[RoleOut]

    @staticmethod
    def resolve_email(v: Any) -> str | None:
        return v.user.email if v.user else None

    @staticmethod
    def resolve_full_name(v: Any) -> str | None:
        return v.user.full_name if v.user else None

    @staticmethod
    def resolve_member_ids(v: Any) -> list[int]:
        return sorted(v.member_ids)


@me_router.get("/me", response=MeOut, summary="Who am I", operation_id="hub_accounts_api_me")
def me(request: HttpRequest) -> object:
    v = caller(request).viewer
    roles = role_list_for_user(viewer=v, user=v.user) if v.user is not None else []
    return with_attributes(v, roles=roles)
