"""Base models shared by every app: visibility levels, synthetic flag, record-level grants."""

from __future__ import annotations

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
