"""MNR self-assessment: cycles, a member's assessment, its answers, and the log of who opened it.

An `AssessmentCycle` asks every member to assess itself against one framework version. A member's
`Assessment` for a cycle holds one `Answer` per capability: phase, evidence and notes, target phase,
priority flag, planned actions. Its officials draft it, its focal point submits it, the secretariat
acknowledges it (and may reopen it). An assessment is the platform's most sensitive record: it is
seen by that member's officials and the secretariat only (hub/assessments/policies), never ranked,
and it enters an aggregate only through the disclosure control of hub/assessments/disclosure.py.
Every opening of it by someone outside the member is an `AccessLogEntry` the member's focal point reads.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hub.assessments.models.framework import Capability
from hub.assessments.models.framework import Framework
from hub.core.models import SyntheticModel
from hub.core.models import TimestampedModel
from hub.members.models import Member

__all__ = ["AssessmentCycle", "Assessment", "Answer", "AccessLogEntry"]

_USER = settings.AUTH_USER_MODEL
_PHASE = Q(phase__isnull=True) | (Q(phase__gte=1) & Q(phase__lte=4))
_TARGET = Q(target_phase__isnull=True) | (Q(target_phase__gte=1) & Q(target_phase__lte=4))


class AssessmentCycle(TimestampedModel, SyntheticModel):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=200, unique=True)
    framework = models.ForeignKey(
        Framework, on_delete=models.PROTECT, related_name="cycles", verbose_name=_("framework")
    )
    opens_on = models.DateField(_("opens on"))
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    aggregate_published_at = models.DateTimeField(
        _("aggregate published at"),
        null=True,
        blank=True,
        help_text=_("When the secretariat published this cycle's safe aggregate to the public site."),
    )
    aggregate_published_by = models.ForeignKey(
        _USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("published by")
    )

    class Meta:
        verbose_name = _("self-assessment cycle")
        verbose_name_plural = _("self-assessment cycles")
        ordering = ["opens_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=["open", "closed"]), name="mnr_cycle_status"),
            models.CheckConstraint(condition=Q(due_on__gte=models.F("opens_on")), name="mnr_cycle_due_after_open"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("assessments_cycle", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def aggregate_is_published(self) -> bool:
        return self.aggregate_published_at is not None


class Assessment(TimestampedModel, SyntheticModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("member"))
    cycle = models.ForeignKey(
        AssessmentCycle, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("cycle")
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    prefilled_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("prefilled from"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        _USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("submitted by")
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        _USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("acknowledged by")
    )
    reopened_reason = models.TextField(_("reason for reopening"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        ordering = ["cycle__opens_on", "member__name"]
        constraints = [
            models.UniqueConstraint(fields=["member", "cycle"], name="mnr_assessment_once_per_cycle"),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "submitted", "acknowledged"]), name="mnr_assessment_status"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False), name="mnr_assessment_submitted_dated"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.cycle}"

    def get_absolute_url(self) -> str:
        return reverse("assessments_assessment", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def counts_in_aggregates(self) -> bool:
        """Submitted and acknowledged assessments of members that have not withdrawn enter aggregates."""
        return self.status != self.Status.DRAFT and self.member.status != Member.Status.WITHDRAWN


class Answer(TimestampedModel):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="answers", verbose_name=_("self-assessment")
    )
    capability = models.ForeignKey(
        Capability, on_delete=models.PROTECT, related_name="answers", verbose_name=_("capability")
    )
    phase = models.PositiveSmallIntegerField(_("phase"), null=True, blank=True)
    evidence = models.TextField(_("evidence"), max_length=5000, blank=True)
    notes = models.TextField(_("notes"), max_length=5000, blank=True)
    target_phase = models.PositiveSmallIntegerField(_("target phase"), null=True, blank=True)
    priority = models.BooleanField(_("priority"), default=False)
    planned_actions = models.TextField(_("planned actions"), max_length=5000, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["assessment", "capability__number"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "capability"], name="mnr_answer_once"),
            models.CheckConstraint(condition=_PHASE, name="mnr_answer_phase"),
            models.CheckConstraint(condition=_TARGET, name="mnr_answer_target_phase"),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} — {self.capability}"

    @property
    def below_target(self) -> bool:
        return self.phase is not None and self.target_phase is not None and self.phase < self.target_phase


class AccessLogEntry(models.Model):
    """Someone outside the member (the secretariat) opened its assessment: when, who, and how."""

    class Channel(models.TextChoices):
        PAGE = "page", _("page")
        API = "api", _("API")
        EXPORT = "export", _("export")
        PDF = "pdf", _("PDF")
        CLI = "cli", _("command line")

    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="access_log", verbose_name=_("self-assessment")
    )
    user = models.ForeignKey(
        _USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("opened by")
    )
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    channel = models.CharField(_("how"), max_length=16, choices=Channel.choices)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log entries")
        ordering = ["-opened_at", "-pk"]
        indexes = [models.Index(fields=["assessment", "-opened_at"], name="mnr_access_by_assessment")]

    def __str__(self) -> str:
        return f"{self.assessment} — {self.opened_at:%Y-%m-%d %H:%M}"
