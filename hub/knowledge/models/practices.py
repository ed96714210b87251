"""Knowledge: good practices a member shares (issue 13).

A member official writes a practice in draft and submits it; the secretariat publishes it or returns
it with a note; a published practice may be withdrawn. What it serves is tagged: the commitments (M2M)
and the MNR capabilities (`PracticeCapability`, a framework and a number from
reference/mnr_capabilities.csv, kept here as text because the frameworks' own app sits above this one).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hub.commitments.models import Commitment
from hub.core.models import Visibility
from hub.core.models import VisibleModel
from hub.members.models import Member

__all__ = ["GoodPractice", "PracticeCapability"]

# A published practice is seen as far as its level says; "secretariat" would hide it from its own member.
PRACTICE_LEVELS = (Visibility.PUBLIC, Visibility.TASKFORCE, Visibility.MEMBER)


STATUSES = ["draft", "submitted", "returned", "published", "withdrawn"]


class GoodPractice(VisibleModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        RETURNED = "returned", _("Returned to the member")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Language(models.TextChoices):
        EN = "en", _("English")
        FR = "fr", _("French")
        ES = "es", _("Spanish")
        OTHER = "other", _("Another language")

    # The member writes while the practice is in one of these states.
    EDITABLE = (Status.DRAFT, Status.RETURNED)

    title = models.CharField(_("title"), max_length=300)
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="good_practices", verbose_name=_("member")
    )
    summary = models.TextField(_("summary"), max_length=2000)
    body = models.TextField(_("description"), max_length=20000, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=Language.choices, default=Language.EN)
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), max_length=254, blank=True)
    commitments = models.ManyToManyField(
        Commitment, blank=True, related_name="good_practices", verbose_name=_("commitments")
    )
    documents = models.ManyToManyField(
        "knowledge.Document", blank=True, related_name="good_practices", verbose_name=_("documents")
    )
    status = models.CharField(_("review status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    review_note = models.TextField(_("review note"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        ordering = ["-published_at", "-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["member", "title"], name="knowledge_practice_member_title"),
            models.CheckConstraint(
                condition=Q(status__in=STATUSES),
                name="knowledge_practice_status_known",
            ),
            models.CheckConstraint(
                condition=Q(language__in=["en", "fr", "es", "other"]), name="knowledge_practice_language_known"
            ),
            models.CheckConstraint(
                condition=Q(visibility__in=["public", "taskforce", "member"]), name="knowledge_practice_level"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["published", "withdrawn"]) | Q(published_at__isnull=False),
                name="knowledge_practice_published_dated",
            ),
        ]
        indexes = [models.Index(fields=["status", "visibility"], name="knowledge_practice_status")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge_practice_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE


class PracticeCapability(models.Model):
    """One MNR capability a practice serves: a framework ("mnr-2016") and the capability's number."""

    practice = models.ForeignKey(
        GoodPractice, on_delete=models.CASCADE, related_name="capability_tags", verbose_name=_("good practice")
    )
    framework = models.CharField(_("framework"), max_length=32)
    number = models.PositiveSmallIntegerField(_("capability number"))

    class Meta:
        verbose_name = _("capability served")
        verbose_name_plural = _("capabilities served")
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "framework", "number"], name="knowledge_practice_capability")
        ]

    def __str__(self) -> str:
        return self.key

    @property
    def key(self) -> str:
        return f"{self.framework}/{self.number}"
