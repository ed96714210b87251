"""Writes about people's roles for a member and the invitations to them."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.accounts.models import User
from hub.accounts.services import hash_secret
from hub.core.audit import acting_as
from hub.core.concurrency import locked
from hub.core.concurrency import unique_or_conflict
from hub.core.errors import Conflict
from hub.core.errors import NotFound
from hub.core.errors import PermissionDenied
from hub.core.errors import Problem
from hub.core.errors import ValidationFailed
from hub.core.errors import raise_problems
from hub.core.errors import require_text
from hub.core.policies import policy_for
from hub.core.tasks import email_after_commit
from hub.core.validation import full_clean
from hub.core.viewer import Viewer
from hub.members.models import Invitation
from hub.members.models import Role


def invitation_create(
    *,
    viewer: Viewer,
    email: str,
    kind: str,
    member: Any = None,
    organisation: str = "",
    via: str = "web",
) -> tuple[Invitation, str]:
    """Invite an e-mail address to a role. Returns the invitation and its one-time token."""
    policy = policy_for(Invitation)
    if kind == Role.Kind.ADMINISTRATOR:
        allowed = policy.can(viewer, "invite_administrator")
    elif kind in Role.MEMBER_KINDS and member is not None:
        allowed = policy.can(viewer, "invite_for_member", Invitation(member=member))
    else:
        allowed = policy.can(viewer, "create")
    if not allowed:
        raise PermissionDenied(_("You may not invite people to this role."))
    problems: list[Problem] = []
    if kind not in Role.Kind.values:
        problems.append(Problem(_("Choose one of the roles offered."), field="kind"))
    needs_member = kind in Role.MEMBER_KINDS
    if needs_member and member is None:
        problems.append(Problem(_("This role is held for a member: choose the member."), field="member"))
    if not needs_member and member is not None:
        problems.append(Problem(_("This role is not held for a member: leave the member empty."), field="member"))
    raise_problems(problems, _("The invitation could not be sent."))
    email = email.strip().lower()
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        email=email,
        kind=kind,
        member=member,
        organisation=organisation,
        token_hash=hash_secret(token),
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_DAYS),
        invited_by=viewer.user,
    )
    full_clean(invitation)
    with transaction.atomic(), acting_as(viewer.user, via=via):
        invitation.save()
        link = settings.SITE_URL + reverse("invitation_accept", kwargs={"token": token})
        role_label = invitation.get_kind_display()
        where = f" ({member})" if member is not None else ""
        email_after_commit(
            to=[email],
            subject=_("Invitation to Taskforce Hub"),
            body=_(
                "You have been invited to Taskforce Hub as %(role)s%(where)s.\n\n"
                "Open this link within %(days)s days to accept. It works once:\n%(link)s\n"
            )
            % {"role": role_label, "where": where, "days": settings.INVITATION_DAYS, "link": link},
        )
    return invitation, token


def invitation_for_token(*, token: str) -> Invitation:
    """The pending invitation of a token, or a clear error saying why it cannot be used."""
    invitation = Invitation.objects.select_related("member").filter(token_hash=hash_secret(token)).first()
    if invitation is None:
        raise NotFound(_("This invitation link is not valid."))
    if invitation.accepted_at is not None:
        raise Conflict(_("This invitation has already been used. Sign in instead."))
    if invitation.revoked_at is not None:
        raise Conflict(_("This invitation was withdrawn. Ask the secretariat for a new one."))
    if invitation.expires_at <= timezone.now():
        raise Conflict(_("This invitation has expired. Ask the secretariat for a new one."))
    return invitation


def invitation_accept(*, token: str, full_name: str, password: str, existing_user: User | None = None) -> User:
    """Accept an invitation: create the person (or use the signed-in one) and give them the role. Two
    acceptances at the same moment: one account, and the other is told the link was used (409)."""
    clash = _("This invitation could not be accepted: an account or role like it was saved at the same moment.")
    with unique_or_conflict(clash), transaction.atomic():
        invitation = invitation_for_token(token=token)
        # Lock the row, then check it again: a revocation or an acceptance may have landed meanwhile.
        Invitation.objects.select_for_update().filter(pk=invitation.pk).exists()
        invitation = invitation_for_token(token=token)
        if existing_user is not None:
            if existing_user.email.lower() != invitation.email:
                raise ValidationFailed(
                    _("This invitation is for another e-mail address."),
                    problems=[Problem(_("Sign out and open the link again."), field="email")],
                )
            user = existing_user
        else:
            if User.objects.filter(email__iexact=invitation.email).exists():
                raise Conflict(_("An account with this e-mail address exists: sign in, then open the link again."))
            problems: list[Problem] = []
            require_text(problems, full_name, _("Enter your full name."), field="full_name")
            candidate = User(email=invitation.email, full_name=full_name.strip())
            try:
                validate_password(password, candidate)
            except ValidationError as exc:
                problems.extend(Problem(str(m), field="password1") for m in exc.messages)
            raise_problems(problems, _("The account could not be created."))
            user = candidate
        if existing_user is None:
            user.set_password(password)
            with acting_as(invitation.invited_by, via="invitation"):
                user.save()
        with acting_as(user):
            role = Role(user=user, kind=invitation.kind, member=invitation.member, organisation=invitation.organisation)
            full_clean(role)
            _hand_over(role)
            role.save()
            if role.kind == Role.Kind.ADMINISTRATOR and not user.is_staff:
                user.is_staff = True
                user.save(update_fields=["is_staff"])
            invitation.accepted_at = timezone.now()
            invitation.accepted_by = user
            invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    return user


def invitation_revoke(*, viewer: Viewer, invitation_id: int) -> Invitation:
    policy = policy_for(Invitation)
    invitation = policy.get(viewer, invitation_id)
    policy.require(viewer, "revoke", invitation)
    if invitation.accepted_at is not None:
        raise Conflict(_("This invitation has already been accepted."))
    with transaction.atomic(), acting_as(viewer.user):
        invitation = locked(invitation)
        if invitation.accepted_at is not None:
            raise Conflict(_("This invitation has already been accepted."))
        if invitation.revoked_at is not None:
            return invitation  # revoked meanwhile: the outcome asked for
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at", "updated_at"])
    return invitation


def role_grant(*, viewer: Viewer, user: User, kind: str, member: Any = None, organisation: str = "") -> Role:
    """Give a person a role directly (secretariat; used by the CLI and demo seeding)."""
    policy_for(Role).require(viewer, "grant", message=_("You may not grant roles."))
    role = Role(user=user, kind=kind, member=member, organisation=organisation)
    full_clean(role)
    with transaction.atomic(), acting_as(viewer.user):
        role.save()
    return role


def _hand_over(new: Role) -> None:
    """A member has one focal point and at most one deputy: a new one ends the previous holder's role."""
    if new.kind not in (Role.Kind.FOCAL_POINT, Role.Kind.DEPUTY_FOCAL_POINT) or new.member_id is None:
        return
    today = timezone.localdate()
    for previous in Role.objects.active(today).filter(member_id=new.member_id, kind=new.kind):
        previous.ends_on = max(previous.starts_on, today)
        previous.save(update_fields=["ends_on", "updated_at"])


def role_end(*, viewer: Viewer, role_id: int, ends_on: Any = None, via: str = "web") -> Role:
    """End a person's role on a date (today by default). The record stays, with its dates."""
    policy = policy_for(Role)
    role = policy.get(viewer, role_id)
    if role.has_ended:
        raise Conflict(_("This role has already ended."))
    policy.require(viewer, "end", role)
    day = ends_on or timezone.localdate()
    if day < role.starts_on:
        raise ValidationFailed(
            _("The role was not ended."),
            problems=[Problem(_("The end date is before the role started."), field="ends_on")],
        )
    role.ends_on = day
    with transaction.atomic(), acting_as(viewer.user, via=via):
        role.save(update_fields=["ends_on", "updated_at"])
    return role
