from django.http import HttpRequest
from ninja import Router, Schema

from hub.core.api import caller
from hub.members.selectors import role_list_for_user

router = Router(tags=["me"])


class RoleOut(Schema):
    kind: str
    member: str | None
    starts_on: str
    ends_on: str | None


class MeOut(Schema):
    authenticated: bool
    email: str | None
    full_name: str | None
    is_secretariat: bool
    is_administrator: bool
    member_ids: list[int]
    roles: list[RoleOut]


@router.get("/me", response=MeOut, summary="Who am I")
def me(request: HttpRequest) -> MeOut:
    v = caller(request).viewer
    roles = []
    if v.user is not None:
        roles = [
            RoleOut(
                kind=r.kind,
                member=r.member.slug if r.member else None,
                starts_on=r.starts_on.isoformat(),
                ends_on=r.ends_on.isoformat() if r.ends_on else None,
            )
            for r in role_list_for_user(viewer=v, user=v.user)
        ]
    return MeOut(
        authenticated=v.is_authenticated,
        email=v.user.email if v.user else None,
        full_name=v.user.full_name if v.user else None,
        is_secretariat=v.is_secretariat,
        is_administrator=v.is_administrator,
        member_ids=sorted(v.member_ids),
        roles=roles,
    )
