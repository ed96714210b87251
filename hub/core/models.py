"""Base models shared by every app: visibility levels, synthetic flag; and the notifications of the
e-mails the platform sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hub.core.crypto import decrypt

# The key purpose of a notification's sealed body and link (hub.core.crypto).
NOTIFICATION_PURPOSE = "notification"


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


class Notification(models.Model):
    """What the platform e-mailed to a person who has an account, kept for them to read in the platform.

    The body and link may hold a one-time link, so they are stored encrypted, like queued e-mail
    (hub.core.tasks); `body_text` and `link_url` read them.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notifications", verbose_name=_("person")
    )
    subject = models.CharField(_("subject"), max_length=300)
    sealed_body = models.TextField(editable=False)
    sealed_link = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_unread")]

    def __str__(self) -> str:
        # Not the subject: the audit log names the record by this, and a person's mail is theirs alone.
        return f"notification {self.pk} to person {self.user_id}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def body_text(self) -> str:
        return decrypt(self.sealed_body, purpose=NOTIFICATION_PURPOSE)

    @property
    def link_url(self) -> str:
        return decrypt(self.sealed_link, purpose=NOTIFICATION_PURPOSE) if self.sealed_link else ""
