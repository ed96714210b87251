"""Base models shared by every app: visibility levels, synthetic flag, record-level grants."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    """Who may see a record. Ordered from widest to narrowest."""

    PUBLIC = "public", _("Public")
    TASKFORCE = "taskforce", _("Taskforce")
    MEMBER = "member", _("Member")
    SECRETARIAT = "secretariat", _("Secretariat")


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class SyntheticModel(models.Model):
    """Records that may be demo data. Synthetic records are labelled on every page that shows them."""

    is_synthetic = models.BooleanField(
        _("synthetic demo data"),
        default=False,
        help_text=_("Invented for the demonstration; never a fact about a real member."),
    )

    class Meta:
        abstract = True


class VisibleModel(TimestampedModel, SyntheticModel):
    """A record with a visibility level. Its policy (hub.core.policies) decides who sees it."""

    visibility = models.CharField(
        _("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.TASKFORCE
    )

    class Meta:
        abstract = True


class Grant(models.Model):
    """A record-level grant that widens access to one record for a named person or member."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("record type"))
    object_id = models.PositiveBigIntegerField(_("record id"))
    grantee_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grants",
        verbose_name=_("person"),
    )
    grantee_member = models.ForeignKey(
        settings.HUB_MEMBER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grants",
        verbose_name=_("member"),
    )
    reason = models.CharField(_("reason"), max_length=300)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(grantee_user__isnull=False, grantee_member__isnull=True)
                    | models.Q(grantee_user__isnull=True, grantee_member__isnull=False)
                ),
                name="grant_has_exactly_one_grantee",
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model}#{self.object_id}"
