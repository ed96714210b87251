"""People, their roles per member, invitations and personal API tokens."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.core.models import TimestampedModel


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        """Only for emergencies: an administrator is normally a user with an administrator role."""
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Signs in with e-mail, password and a second factor."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)  # type: ignore[misc]
    is_staff = models.BooleanField(_("may open the Django admin"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []  # type: ignore[misc]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name or self.email

    def has_second_factor(self) -> bool:
        from allauth.mfa.utils import is_mfa_enabled

        return bool(is_mfa_enabled(self))

    def active_roles(self, on: datetime.date | None = None) -> models.QuerySet[Role]:
        return Role.objects.active(on).filter(user=self).select_related("member")

    def role_summary(self) -> dict[str, Any]:
        """What the policy layer needs to know about this person's roles today."""
        from hub.members.models import Member

        member_ids: set[int] = set()
        write_ids: set[int] = set()
        focal_ids: set[int] = set()
        kinds: set[str] = set()
        for role in self.active_roles():
            kinds.add(role.kind)
            if role.member_id is None or role.member is None:
                continue
            status = role.member.status
            if status == Member.Status.WITHDRAWN:
                continue
            member_ids.add(role.member_id)
            if status == Member.Status.SUSPENDED:
                continue
            write_ids.add(role.member_id)
            if role.kind in (Role.Kind.FOCAL_POINT, Role.Kind.DEPUTY_FOCAL_POINT):
                focal_ids.add(role.member_id)
        return {
            "is_secretariat": Role.Kind.SECRETARIAT in kinds,
            "is_administrator": Role.Kind.ADMINISTRATOR in kinds,
            "is_contributor": Role.Kind.CONTRIBUTOR in kinds,
            "member_ids": member_ids,
            "write_member_ids": write_ids,
            "focal_member_ids": focal_ids,
        }


class RoleQuerySet(models.QuerySet["Role"]):
    def active(self, on: datetime.date | None = None) -> RoleQuerySet:
        day = on or timezone.localdate()
        return self.filter(Q(starts_on__lte=day), Q(ends_on__isnull=True) | Q(ends_on__gt=day))


class Role(TimestampedModel):
    """A role a person holds, for a member where the role is a member's, between two dates."""

    class Kind(models.TextChoices):
        ADMINISTRATOR = "administrator", _("Administrator")
        SECRETARIAT = "secretariat", _("Secretariat officer")
        OFFICIAL = "official", _("Member official")
        FOCAL_POINT = "focal_point", _("Focal point")
        DEPUTY_FOCAL_POINT = "deputy_focal_point", _("Deputy focal point")
        CONTRIBUTOR = "contributor", _("Reference-group contributor")

    MEMBER_KINDS = frozenset({Kind.OFFICIAL, Kind.FOCAL_POINT, Kind.DEPUTY_FOCAL_POINT})

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="roles", verbose_name=_("person"))
    kind = models.CharField(_("role"), max_length=32, choices=Kind.choices)
    member = models.ForeignKey(
        settings.HUB_MEMBER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="roles",
        verbose_name=_("member"),
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        help_text=_("For a contributor: the reference group or initiative they speak for."),
    )
    starts_on = models.DateField(_("starts on"), default=timezone.localdate)
    ends_on = models.DateField(
        _("ended on"), null=True, blank=True, help_text=_("The first day without the role; empty while it lasts.")
    )

    objects = RoleQuerySet.as_manager()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["member_id", "kind", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind__in=["official", "focal_point", "deputy_focal_point"], member__isnull=False)
                    | (~Q(kind__in=["official", "focal_point", "deputy_focal_point"]) & Q(member__isnull=True))
                ),
                name="role_member_iff_member_kind",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="role_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        if self.member_id:
            return f"{self.get_kind_display()}, {self.member}"
        return str(self.get_kind_display())

    @property
    def is_active(self) -> bool:
        today = timezone.localdate()
        return self.starts_on <= today and (self.ends_on is None or self.ends_on > today)


class Invitation(TimestampedModel):
    """An invitation of an e-mail address to a role. The link works once and expires."""

    email = models.EmailField(_("e-mail address"))
    kind = models.CharField(_("role"), max_length=32, choices=Role.Kind.choices)
    member = models.ForeignKey(
        settings.HUB_MEMBER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("member"),
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires at"))
    invited_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("invited by"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("accepted by")
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.email

    @property
    def state(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"


class ApiToken(TimestampedModel):
    """A personal API token. Only its SHA-256 hash is stored; the token is shown once."""

    class Scope(models.TextChoices):
        READ = "read", _("Read only")
        READ_WRITE = "read-write", _("Read and write")

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="api_tokens", verbose_name=_("person"))
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    scope = models.CharField(_("scope"), max_length=16, choices=Scope.choices, default=Scope.READ)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
