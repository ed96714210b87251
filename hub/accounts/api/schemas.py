"""The accounts API's schemas: who the caller is, and their roles."""

from typing import Any

from ninja import Field, Schema

from hub.members.models import Role


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
