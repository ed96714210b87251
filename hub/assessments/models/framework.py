"""MNR self-assessment: the capability framework (issue 14), versioned, and the maturity phases.

A `Framework` ("mnr-2016" from reference/mnr_capabilities.csv) holds its `Capability`s in domains.
A later version maps each of its capabilities to the earlier ones (`CapabilityMapping`: the same,
split from, merged from), so a member's trend stays valid across versions. The four `Phase`s are
data: their labels (phases 2 and 3 are "Phase 2" and "Phase 3" until the secretariat names them) and
descriptions are edited by the secretariat.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hub.core.models import TimestampedModel

__all__ = ["Framework", "Capability", "CapabilityMapping", "Phase", "PHASE_NUMBERS"]

PHASE_NUMBERS = (1, 2, 3, 4)


class Framework(TimestampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    code = models.CharField(_("version"), max_length=16, unique=True, help_text=_("For example mnr-2016."))
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
        verbose_name = _("capability framework")
        verbose_name_plural = _("capability frameworks")
        ordering = ["-published_at", "-code"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=["draft", "published"]), name="mnr_framework_status"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False), name="mnr_framework_published_dated"
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.code

    def get_absolute_url(self) -> str:
        return reverse("assessments_framework", args=[self.code])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Capability(TimestampedModel):
    framework = models.ForeignKey(
        Framework, on_delete=models.PROTECT, related_name="capabilities", verbose_name=_("framework")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    domain = models.CharField(_("domain"), max_length=100)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        verbose_name = _("capability")
        verbose_name_plural = _("capabilities")
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="mnr_capability_once"),
            models.CheckConstraint(condition=Q(number__gte=1) & Q(number__lte=999), name="mnr_capability_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class CapabilityMapping(models.Model):
    """How a capability of a later version relates to one of the version before."""

    class Relation(models.TextChoices):
        SAME = "same", _("the same capability")
        SPLIT = "split", _("split from")
        MERGED = "merged", _("merged from")

    capability = models.ForeignKey(
        Capability, on_delete=models.PROTECT, related_name="predecessor_links", verbose_name=_("capability")
    )
    predecessor = models.ForeignKey(
        Capability, on_delete=models.PROTECT, related_name="successor_links", verbose_name=_("earlier capability")
    )
    relation = models.CharField(_("relation"), max_length=16, choices=Relation.choices)

    class Meta:
        verbose_name = _("capability mapping")
        verbose_name_plural = _("capability mappings")
        constraints = [
            models.UniqueConstraint(fields=["capability", "predecessor"], name="mnr_mapping_once"),
            models.CheckConstraint(condition=Q(relation__in=["same", "split", "merged"]), name="mnr_mapping_relation"),
        ]

    def __str__(self) -> str:
        return f"{self.capability} ← {self.predecessor}"


class Phase(TimestampedModel):
    """One of the four ordered maturity phases. The label is data; `confirmed` says whether our sources
    name it (phases 1 "Building" and 4 "Maturity") or the secretariat has yet to (phases 2 and 3)."""

    number = models.PositiveSmallIntegerField(_("phase"), unique=True)
    label = models.CharField(_("label"), max_length=100)
    confirmed = models.BooleanField(_("name confirmed"), default=False)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        verbose_name = _("maturity phase")
        verbose_name_plural = _("maturity phases")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(condition=Q(number__gte=1) & Q(number__lte=4), name="mnr_phase_number"),
        ]

    def __str__(self) -> str:
        return self.label
