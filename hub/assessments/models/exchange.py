"""MNR self-assessment: consent-based exchange between two members on one capability.

A member offers or requests exchange on a capability to a named member; the other side accepts or
declines. Only once both have consented (an accepted exchange) does either see the other's name and
phase for that capability. Either side may withdraw its consent, which ends the exchange.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hub.assessments.models.framework import Capability
from hub.core.models import SyntheticModel
from hub.core.models import TimestampedModel
from hub.members.models import Member

__all__ = ["Exchange", "AggregateRelease"]

_USER = settings.AUTH_USER_MODEL


class Exchange(TimestampedModel, SyntheticModel):
    class Kind(models.TextChoices):
        OFFER = "offer", _("offers to share its experience")
        REQUEST = "request", _("asks to learn from the other")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Both consented")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Consent withdrawn")

    capability = models.ForeignKey(
        Capability, on_delete=models.PROTECT, related_name="exchanges", verbose_name=_("capability")
    )
    initiator = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="exchanges_started", verbose_name=_("proposed by")
    )
    counterpart = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="exchanges_received", verbose_name=_("proposed to")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    message = models.TextField(_("message"), max_length=2000, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    created_by = models.ForeignKey(_USER, on_delete=models.PROTECT, null=True, related_name="+")
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(_USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(_USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("exchange")
        verbose_name_plural = _("exchanges")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(initiator=F("counterpart")), name="mnr_exchange_two_members"),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "accepted", "declined", "withdrawn"]), name="mnr_exchange_status"
            ),
            models.CheckConstraint(condition=Q(kind__in=["offer", "request"]), name="mnr_exchange_kind"),
            models.UniqueConstraint(
                fields=["capability", "initiator", "counterpart"],
                condition=Q(status__in=["pending", "accepted"]),
                name="mnr_exchange_one_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiator} ↔ {self.counterpart}: {self.capability}"

    @property
    def is_consented(self) -> bool:
        return self.status == self.Status.ACCEPTED

    def other_member_id(self, member_id: int) -> int:
        return self.counterpart_id if member_id == self.initiator_id else self.initiator_id


class AggregateRelease(models.Model):
    """A cell of a safe aggregate once shown, with the set of members it covered. The disclosure control
    (docs/disclosure-control.md, rule 5) never shows the same cell again over a member set differing
    from one shown before by fewer than five members: differencing two tables reveals nobody."""

    cycle = models.ForeignKey(
        "assessments.AssessmentCycle", on_delete=models.PROTECT, related_name="releases", verbose_name=_("cycle")
    )
    kind = models.CharField(max_length=16)
    subject = models.CharField(max_length=100)
    region = models.CharField(max_length=64, blank=True)
    members = models.JSONField(default=list)
    digest = models.CharField(max_length=64)
    first_shown_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("aggregate release")
        verbose_name_plural = _("aggregate releases")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "kind", "subject", "region", "digest"], name="mnr_release_once"),
        ]

    def __str__(self) -> str:
        return f"{self.cycle_id} {self.kind} {self.subject} {self.region}"
