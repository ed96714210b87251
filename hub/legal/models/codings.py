"""Legal frameworks: how a member's law meets each provision (issue 16), with its history.

A `Coding` is one member's answer to one provision: met, partial, not met, not assessed or not
applicable, with the pinpoint citation (a statute of the profile and the section), the rationale, who
coded it, when it was verified, and its review status (draft, or verified by the secretariat).
"Not assessed" is never counted as "not met". Every change is kept by django-simple-history
(`Coding.history`, with who and why): the "as of" views read it. A member official who disagrees
files a `CorrectionRequest`; the secretariat accepts it (the coding changes, history kept) or rejects
it with a reason.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hub.legal.models.checklist import Provision
from hub.legal.models.profiles import LegalProfile
from hub.legal.models.profiles import Statute

__all__ = ["Coding", "CorrectionRequest", "CODING_STATUSES"]


class CodingStatus(models.TextChoices):
    MET = "met", _("Met")
    PARTIAL = "partial", _("Partly met")
    NOT_MET = "not_met", _("Not met")
    NOT_ASSESSED = "not_assessed", _("Not assessed")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


CODING_STATUSES = [value for value, _label in CodingStatus.choices]


class Coding(models.Model):
    Status = CodingStatus

    class Review(models.TextChoices):
        DRAFT = "draft", _("Draft")
        VERIFIED = "verified", _("Verified by the secretariat")

    profile = models.ForeignKey(
        LegalProfile, on_delete=models.PROTECT, related_name="codings", verbose_name=_("legal profile")
    )
    provision = models.ForeignKey(
        Provision, on_delete=models.PROTECT, related_name="codings", verbose_name=_("provision")
    )
    status = models.CharField(
        _("coding"), max_length=16, choices=CodingStatus.choices, default=CodingStatus.NOT_ASSESSED
    )
    statute = models.ForeignKey(
        Statute,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="codings",
        verbose_name=_("statute"),
    )
    pinpoint = models.CharField(
        _("pinpoint citation"), max_length=300, blank=True, help_text=_("The section, for example s. 163.1(4).")
    )
    rationale = models.TextField(_("rationale"), max_length=5000, blank=True)
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("coded by"),
    )
    review = models.CharField(_("review status"), max_length=16, choices=Review.choices, default=Review.DRAFT)
    verified_on = models.DateField(_("verified on"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    is_synthetic = models.BooleanField(_("synthetic demo data"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(
        verbose_name=_("historical coding"),
        verbose_name_plural=_("historical codings"),
        cascade_delete_history=False,
        # The reason for a change (a correction accepted, a review) may be longer than the default 100.
        history_change_reason_field=models.TextField(null=True),
    )

    class Meta:
        verbose_name = _("coding")
        verbose_name_plural = _("codings")
        ordering = ["profile", "provision__position"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "provision"], name="legal_coding_unique"),
            models.CheckConstraint(condition=Q(status__in=CODING_STATUSES), name="legal_coding_status"),
            models.CheckConstraint(condition=Q(review__in=["draft", "verified"]), name="legal_coding_review"),
            models.CheckConstraint(
                condition=Q(review="draft") | Q(verified_on__isnull=False), name="legal_coding_verified_dated"
            ),
        ]
        indexes = [models.Index(fields=["provision", "status"], name="legal_coding_provision")]

    def __str__(self) -> str:
        return f"{self.profile} — {self.provision.code}"

    def get_absolute_url(self) -> str:
        return reverse(
            "legal_coding", args=[self.profile.member.slug, self.provision.version.code, self.provision.code]
        )

    @property
    def is_verified(self) -> bool:
        return self.review == self.Review.VERIFIED

    @property
    def citation(self) -> str:
        """The pinpoint citation in words: the statute's citation and the section."""
        parts = [self.statute.citation if self.statute_id and self.statute else "", self.pinpoint]
        return ", ".join(p for p in parts if p)


class CorrectionRequest(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Awaiting the secretariat")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    coding = models.ForeignKey(Coding, on_delete=models.PROTECT, related_name="corrections", verbose_name=_("coding"))
    proposed_status = models.CharField(_("proposed coding"), max_length=16, choices=CodingStatus.choices)
    proposed_citation = models.CharField(_("citation"), max_length=300)
    reason = models.TextField(_("reason"), max_length=5000)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    resolution_note = models.TextField(_("secretariat's reason"), max_length=5000, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    is_synthetic = models.BooleanField(_("synthetic demo data"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("correction request")
        verbose_name_plural = _("correction requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["open", "accepted", "rejected"]), name="legal_correction_status"
            ),
            models.CheckConstraint(condition=Q(proposed_status__in=CODING_STATUSES), name="legal_correction_proposed"),
            models.CheckConstraint(
                condition=Q(status="open") | Q(resolved_at__isnull=False), name="legal_correction_resolved_dated"
            ),
            # One open request per coding at a time (a coding is one member's): a second waits for the first.
            models.UniqueConstraint(
                fields=["coding"],
                condition=Q(status="open"),
                name="legal_correction_one_open",
                violation_error_message=_("This coding already has a correction request awaiting the secretariat."),
            ),
        ]

    def __str__(self) -> str:
        return f"correction {self.pk} of {self.coding}"

    def get_absolute_url(self) -> str:
        return reverse("legal_correction", args=[self.pk])
