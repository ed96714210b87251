"""Legal frameworks: the model checklist (issue 16), versioned.

A `ChecklistVersion` ("2026-1" from reference/model_checklist.csv) holds its `Provision`s in groups;
each says what "met" means, whether it is graded (met, partial, not met) or binary, and the
international instruments it comes from. A later version maps each of its provisions to the old
ones (`ProvisionMapping`: the same, split from, merged from), so codings stay comparable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hub.core.models import TimestampedModel

__all__ = ["ChecklistVersion", "Provision", "ProvisionMapping", "GROUPS"]


class ChecklistVersion(TimestampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    code = models.CharField(_("version"), max_length=16, unique=True, help_text=_("For example 2026-1."))
    title = models.CharField(_("title"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=300)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successors",
        verbose_name=_("previous version"),
    )

    class Meta:
        verbose_name = _("model checklist version")
        verbose_name_plural = _("model checklist versions")
        ordering = ["-published_at", "-code"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=["draft", "published"]), name="legal_version_status"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False), name="legal_version_published_dated"
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("legal_checklist", args=[self.code])


class Group(models.TextChoices):
    """The groups of the checklist, in the order the checklist lists them."""

    DEFINITIONS = "definitions", _("Definitions")
    OFFENCES = "offences", _("Offences")
    GROOMING = "grooming and extortion", _("Grooming and extortion")
    ANCILLARY = "ancillary", _("Ancillary")
    JURISDICTION = "jurisdiction", _("Jurisdiction")
    LIABILITY = "liability", _("Liability")
    PROCEDURE = "procedure and industry", _("Procedure and industry")
    VICTIMS = "victims", _("Victims")


GROUPS = [value for value, _label in Group.choices]


class Provision(models.Model):
    class Scoring(models.TextChoices):
        GRADED = "graded", _("Graded: met, partial or not met")
        BINARY = "binary", _("Binary: met or not met")

    class Role(models.TextChoices):
        """What the safe-haven view reads a provision as."""

        CONDUCT = "conduct", _("Conduct to be criminalised")
        ACTIVE_NATIONALITY = "active_nationality", _("Active-nationality jurisdiction")
        OTHER = "other", _("Other")

    Group = Group

    version = models.ForeignKey(
        ChecklistVersion, on_delete=models.PROTECT, related_name="provisions", verbose_name=_("checklist version")
    )
    code = models.CharField(_("provision"), max_length=8, help_text=_("For example O5."))
    group = models.CharField(_("group"), max_length=32, choices=Group.choices)
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.CharField(_("provision text"), max_length=300)
    met_means = models.TextField(_("what met means"), max_length=2000)
    scoring = models.CharField(_("scoring"), max_length=8, choices=Scoring.choices)
    role = models.CharField(_("role in the safe-haven view"), max_length=20, choices=Role.choices, default=Role.OTHER)
    instruments = models.TextField(_("instruments"), max_length=2000)

    if TYPE_CHECKING:  # added by django-modeltranslation (hub/legal/translation.py)
        text_en: str
        text_fr: str
        text_es: str
        met_means_en: str
        met_means_fr: str
        met_means_es: str

    class Meta:
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="legal_provision_code"),
            models.UniqueConstraint(fields=["version", "position"], name="legal_provision_position"),
            models.CheckConstraint(condition=Q(scoring__in=["graded", "binary"]), name="legal_provision_scoring"),
            models.CheckConstraint(
                condition=Q(role__in=["conduct", "active_nationality", "other"]), name="legal_provision_role"
            ),
            models.CheckConstraint(condition=Q(group__in=GROUPS), name="legal_provision_group"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"

    def get_absolute_url(self) -> str:
        return reverse("legal_provision", args=[self.version.code, self.code])

    @property
    def is_graded(self) -> bool:
        return self.scoring == self.Scoring.GRADED

    @property
    def is_conduct(self) -> bool:
        return self.role == self.Role.CONDUCT


class ProvisionMapping(models.Model):
    """How a provision of a later version relates to one of the version before it."""

    class Kind(models.TextChoices):
        SAME = "same", _("The same provision")
        SPLIT = "split", _("Split from")
        MERGED = "merged", _("Merged from")

    provision = models.ForeignKey(
        Provision, on_delete=models.CASCADE, related_name="predecessor_links", verbose_name=_("provision")
    )
    predecessor = models.ForeignKey(
        Provision, on_delete=models.PROTECT, related_name="successor_links", verbose_name=_("earlier provision")
    )
    kind = models.CharField(_("relation"), max_length=8, choices=Kind.choices)

    class Meta:
        verbose_name = _("provision mapping")
        verbose_name_plural = _("provision mappings")
        constraints = [
            models.UniqueConstraint(fields=["provision", "predecessor"], name="legal_mapping_unique"),
            models.CheckConstraint(condition=Q(kind__in=["same", "split", "merged"]), name="legal_mapping_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.provision.code} ← {self.predecessor.code}"
