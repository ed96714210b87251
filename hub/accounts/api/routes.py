"""The accounts API's routes: who am I."""

from django.http import HttpRequest
from ninja import Router

from hub.accounts.api.schemas import MeOut
from hub.core.api import caller, with_attributes
from hub.members.selectors import role_list_for_user

router = Router(tags=["me"])


@router.get("/me", response=MeOut, summary="Who am I")
def me(request: HttpRequest) -> object:
    v = caller(request).viewer
    roles = role_list_for_user(viewer=v, user=v.user) if v.user is not None else []
    return with_attributes(v, roles=roles)
