"""Knowledge: consultations and outside input.

The secretariat opens a consultation (a question, its documents, a deadline, who may answer:
reference groups and international initiatives, members or both); contributors (and member officials,
when the consultation asks members) send input against it before the deadline, or input against one of
the nine commitments at any time; the secretariat records a reasoned response to each. Who sees the
input and its responses is what the consultation says (`input_visibility`). Input on agenda items is
the meetings app's (`hub.meetings.models.OutsideInput`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.commitments.models import Commitment
from hub.core.fields import validate_time_zone
from hub.core.models import SyntheticModel
from hub.core.models import TimestampedModel
from hub.members.models import Member

__all__ = ["Consultation", "ConsultationInput", "ConsultationReminderSent"]


class Consultation(TimestampedModel, SyntheticModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    class InputVisibility(models.TextChoices):
        PRIVATE = "private", _("Each contributor and the secretariat only")
        TASKFORCE = "taskforce", _("The contributor, the taskforce and the secretariat")
        PUBLIC_WHEN_CLOSED = "public_when_closed", _("The taskforce; everyone once the consultation closes")

    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("question"), max_length=10000)
    documents = models.ManyToManyField(
        "knowledge.Document", blank=True, related_name="consultations", verbose_name=_("documents")
    )
    deadline = models.DateTimeField(_("deadline"))
    time_zone = models.CharField(
        _("time zone of the deadline"), max_length=64, default="UTC", validators=[validate_time_zone]
    )
    for_contributors = models.BooleanField(_("reference groups and international initiatives may answer"), default=True)
    for_members = models.BooleanField(_("members may answer"), default=False)
    input_visibility = models.CharField(
        _("who sees the input and responses"),
        max_length=20,
        choices=InputVisibility.choices,
        default=InputVisibility.TASKFORCE,
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-deadline", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(for_contributors=True) | Q(for_members=True), name="consultation_has_an_audience"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge_consultation_detail", args=[self.pk])

    @property
    def is_past_deadline(self) -> bool:
        return self.deadline <= timezone.now()


class ConsultationInput(TimestampedModel, SyntheticModel):
    """Input against a consultation or against a commitment (exactly one), and the secretariat's
    reasoned response."""

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inputs",
        verbose_name=_("consultation"),
    )
    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("commitment"),
    )
    contributor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("sent by")
    )
    organisation = models.CharField(_("on behalf of"), max_length=200, blank=True)
    member = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("member"),
        help_text=_("When a member official answers for their member."),
    )
    text = models.TextField(_("input"), max_length=20000)
    submitted_at = models.DateTimeField(_("sent at"), default=timezone.now)
    response = models.TextField(_("response of the secretariat"), blank=True, max_length=20000)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responded by"),
    )
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("input")
        verbose_name_plural = _("input")
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(consultation__isnull=False, commitment__isnull=True)
                    | Q(consultation__isnull=True, commitment__isnull=False)
                ),
                name="consultation_input_on_one_thing",
            ),
            models.CheckConstraint(
                condition=Q(member__isnull=False) | ~Q(organisation=""), name="consultation_input_names_its_sender"
            ),
        ]
        indexes = [models.Index(fields=["responded_at", "submitted_at"], name="consult_input_awaiting")]

    def __str__(self) -> str:
        on = self.consultation or self.commitment
        return f"{self.sender}: {on}"

    @property
    def sender(self) -> str:
        """Who the input speaks for: the organisation, or the member."""
        return self.organisation or (self.member.name if self.member_id and self.member else "")

    def get_absolute_url(self) -> str:
        return reverse("knowledge_consultation_input", args=[self.pk])


class ConsultationReminderSent(models.Model):
    """One reminder of a consultation's deadline to one person: the unique record that sends it once."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="reminders", verbose_name=_("consultation")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("person")
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("consultation reminder sent")
        verbose_name_plural = _("consultation reminders sent")
        constraints = [models.UniqueConstraint(fields=["consultation", "user"], name="consultation_reminder_sent_once")]

    def __str__(self) -> str:
        return f"{self.consultation}: {self.user_id}"
