"""The nine commitments every member makes (seed 001), and progress reporting on them: versioned
questionnaires, reporting cycles, one progress report per member per cycle with its answers,
evidence and review comments, and the items a member chose to showcase."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hub.commitments.models import Commitment
from hub.core.models import SyntheticModel
from hub.core.models import TimestampedModel
from hub.core.models import Visibility
from hub.members.models import Member


class ProgressStatus(models.TextChoices):
    """The five-step scale of progress on a commitment."""

    NO_EVIDENCE = "no_evidence", _("No evidence")
    NOT_STARTED = "not_started", _("Not started")
    LIMITED = "limited", _("Limited")
    SUBSTANTIAL = "substantial", _("Substantial")
    COMPLETE = "complete", _("Complete")


class QuestionnaireVersion(TimestampedModel):
    """A versioned set of questions. Frozen once a cycle uses it; a new version maps its questions to
    their predecessors so answers can be compared across versions."""

    code = models.SlugField(_("version"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)
    previous = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("previous version")
    )
    frozen_at = models.DateTimeField(_("frozen at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("questionnaire version")
        verbose_name_plural = _("questionnaire versions")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None

    def get_absolute_url(self) -> str:
        return reverse("questionnaire_detail", args=[self.pk])


class Question(models.Model):
    """One question of a version, about one commitment. Its answer has the fixed parts of the scale
    (status, narrative, actions taken, planned actions, lead institution, evidence) and its indicators."""

    version = models.ForeignKey(
        QuestionnaireVersion,
        on_delete=models.PROTECT,
        related_name="questions",
        verbose_name=_("questionnaire version"),
    )
    key = models.SlugField(_("key"), max_length=60)
    commitment = models.ForeignKey(Commitment, on_delete=models.PROTECT, related_name="questions")
    order = models.PositiveSmallIntegerField(_("order"))
    prompt = models.TextField(_("question"))
    required = models.BooleanField(_("an answer is required"), default=True)
    predecessor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successors",
        verbose_name=_("same question in the previous version"),
    )

    if TYPE_CHECKING:
        prompt_en: str
        prompt_fr: str
        prompt_es: str

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["version", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="question_key_unique_per_version")]

    def __str__(self) -> str:
        return f"{self.version.code}/{self.key}"


class Indicator(models.Model):
    """An optional figure a question asks for, with its unit."""

    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="indicators")
    key = models.SlugField(_("key"), max_length=60)
    label = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=60, blank=True)

    if TYPE_CHECKING:
        label_en: str
        label_fr: str
        label_es: str

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["question", "pk"]
        constraints = [models.UniqueConstraint(fields=["question", "key"], name="indicator_key_unique")]

    def __str__(self) -> str:
        return f"{self.label} ({self.unit})" if self.unit else self.label


class ReportingCycle(TimestampedModel, SyntheticModel):
    class Kind(models.TextChoices):
        PROGRESS = "progress", _("Progress report")
        SELF_ASSESSMENT = "self_assessment", _("Self-assessment")
        BOTH = "both", _("Progress report and self-assessment")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", pgettext_lazy("reporting cycle", "Open")
        CLOSED = "closed", _("Closed")
        LOCKED = "locked", _("Locked")
        PUBLISHED = "published", _("Published")

    # Reports may still be submitted (late after the close date) while the cycle is in these states.
    ACCEPTING = (Status.OPEN, Status.CLOSED)

    name = models.CharField(_("name"), max_length=200)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PROGRESS)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    version = models.ForeignKey(
        QuestionnaireVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cycles",
        verbose_name=_("questionnaire version"),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)

    class Meta:
        verbose_name = _("reporting cycle")
        verbose_name_plural = _("reporting cycles")
        ordering = ["-closes_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=models.F("opens_on")), name="cycle_closes_after_opening"),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="cycle_period_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(version__isnull=False), name="cycle_open_only_with_a_version"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def includes_progress(self) -> bool:
        return self.kind in (self.Kind.PROGRESS, self.Kind.BOTH)

    def get_absolute_url(self) -> str:
        return reverse("cycle_detail", args=[self.pk])


class ProgressReport(TimestampedModel, SyntheticModel):
    """One member's report in one cycle. Seen by that member's officials and the secretariat only."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned with comments")
        ACCEPTED = "accepted", _("Accepted")

    EDITABLE = (Status.DRAFT, Status.RETURNED)

    cycle = models.ForeignKey(
        ReportingCycle, on_delete=models.PROTECT, related_name="reports", verbose_name=_("reporting cycle")
    )
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="progress_reports")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    prefilled_from = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("prefilled from")
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    is_late = models.BooleanField(_("late"), default=False)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    extension_until = models.DateField(_("extension until"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["cycle", "member__name"]
        constraints = [models.UniqueConstraint(fields=["cycle", "member"], name="one_report_per_member_per_cycle")]

    def __str__(self) -> str:
        return f"{self.cycle}: {self.member}"

    @property
    def due_on(self) -> datetime.date:
        """The last day a submission is on time: the close date, or the extension."""
        closes = self.cycle.closes_on
        return max(closes, self.extension_until) if self.extension_until else closes

    @property
    def is_overdue(self) -> bool:
        return self.status in self.EDITABLE and timezone.localdate() > self.due_on

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE and self.cycle.status in ReportingCycle.ACCEPTING

    def get_absolute_url(self) -> str:
        return reverse("report_detail", args=[self.pk])


class Answer(TimestampedModel, SyntheticModel):
    """A report's answer to one question: the answer stays tied to the question (and so the version)."""

    report = models.ForeignKey(
        ProgressReport, on_delete=models.PROTECT, related_name="answers", verbose_name=_("report")
    )
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    status = models.CharField(_("status"), max_length=16, choices=ProgressStatus.choices, blank=True)
    narrative = models.TextField(_("narrative"), blank=True)
    actions_taken = models.TextField(_("actions taken"), blank=True)
    planned_actions = models.TextField(_("planned actions"), blank=True)
    lead_institution = models.CharField(_("lead institution"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["report", "question__order", "pk"]
        constraints = [models.UniqueConstraint(fields=["report", "question"], name="one_answer_per_question")]

    def __str__(self) -> str:
        return f"{self.report}: {self.question.key}"

    @property
    def member_id(self) -> int:
        return int(self.report.member_id)

    def get_absolute_url(self) -> str:
        return reverse("report_detail", args=[self.report_id])


class IndicatorValue(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.PROTECT, related_name="indicator_values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [models.UniqueConstraint(fields=["answer", "indicator"], name="one_value_per_indicator")]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"


class Evidence(TimestampedModel, SyntheticModel):
    """A file or a link backing an answer. Its own visibility decides who else may see it, once the
    answer is showcased; the member and the secretariat always see it."""

    answer = models.ForeignKey(Answer, on_delete=models.PROTECT, related_name="evidence")
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to="evidence/%Y/", blank=True)
    url = models.URLField(_("link"), blank=True, max_length=500)
    sha256 = models.CharField(max_length=64, blank=True, editable=False, verbose_name=_("checksum (SHA-256)"))
    content_type = models.CharField(max_length=100, blank=True, editable=False, verbose_name=_("file type"))
    size = models.PositiveBigIntegerField(null=True, blank=True, editable=False, verbose_name=_("size in bytes"))
    visibility = models.CharField(_("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.MEMBER)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("added by")
    )

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["answer", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")), name="evidence_is_a_file_or_a_link"
            )
        ]

    def __str__(self) -> str:
        return self.title


class ReviewComment(TimestampedModel, SyntheticModel):
    """The secretariat's comment on one answer when it returns a report."""

    answer = models.ForeignKey(Answer, on_delete=models.PROTECT, related_name="review_comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("author")
    )
    text = models.TextField(_("comment"))

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["answer", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.answer}: {self.text[:40]}"


class ShowcaseItem(TimestampedModel, SyntheticModel):
    """Progress a member chose to publish from its accepted report. Public only once its focal point has
    signed it off, and until it is withdrawn."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Awaiting the focal point's sign-off")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    answer = models.ForeignKey(Answer, on_delete=models.PROTECT, related_name="showcase_items")
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("text to publish"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("proposed by")
    )
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed off by"),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("showcase item")
        verbose_name_plural = _("showcase items")
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class CycleReminder(models.Model):
    """One reminder of one kind for one report: the unique record that makes sending idempotent."""

    class Kind(models.TextChoices):
        CLOSES_IN_30_DAYS = "close_30", _("Closes in 30 days")
        CLOSES_IN_7_DAYS = "close_7", _("Closes in 7 days")

    report = models.ForeignKey(
        ProgressReport, on_delete=models.PROTECT, related_name="reminders", verbose_name=_("report")
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, verbose_name=_("reminder"))
    sent_at = models.DateTimeField(default=timezone.now, verbose_name=_("sent at"))

    class Meta:
        verbose_name = _("reporting reminder")
        verbose_name_plural = _("reporting reminders")
        constraints = [models.UniqueConstraint(fields=["report", "kind"], name="cycle_reminder_sent_once")]

    def __str__(self) -> str:
        return f"{self.report} {self.kind}"
