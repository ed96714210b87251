"""Meetings (twice a year at least), their agendas, attendance and minutes; decisions (at a meeting or
by written procedure); action items with progress; outside input; calendar feeds; reminders."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.core.fields import validate_time_zone
from hub.core.models import SyntheticModel
from hub.core.models import TimestampedModel
from hub.core.models import Visibility
from hub.core.models import VisibleModel
from hub.members.models import Member


class Meeting(VisibleModel):
    class Kind(models.TextChoices):
        PLENARY = "plenary", _("Formal plenary")
        WORKING_GROUP = "working_group", _("Working group")
        EXTRAORDINARY = "extraordinary", _("Extraordinary meeting")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        CONVENED = "convened", _("Convened")
        HELD = "held", _("Held")
        MINUTES_APPROVED = "minutes_approved", _("Minutes approved")

    class MinutesStatus(models.TextChoices):
        NONE = "none", _("Not drafted")
        DRAFT = "draft", _("Draft")
        CIRCULATED = "circulated", _("Circulated for comments")
        APPROVED = "approved", _("Approved")

    code = models.CharField(_("reference"), max_length=32, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PLENARY)
    title = models.CharField(_("title"), max_length=200)
    language = models.CharField(_("language of the texts"), max_length=8, default="en")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC", validators=[validate_time_zone])
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_link = models.URLField(_("online link"), blank=True, help_text=_("Shown to invitees only."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    summary = models.TextField(_("public summary"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_status = models.CharField(
        _("minutes"), max_length=16, choices=MinutesStatus.choices, default=MinutesStatus.NONE
    )
    minutes_approved_on = models.DateField(_("minutes approved on"), null=True, blank=True)
    minutes_approved_how = models.CharField(_("approved how"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gte=models.F("starts_at")), name="meeting_ends_after_start")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("meeting_detail", args=[self.pk])


class AgendaItem(TimestampedModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="agenda_items")
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=300)
    presenter = models.CharField(_("presenter"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    minutes_allotted = models.PositiveSmallIntegerField(_("time (minutes)"), null=True, blank=True)
    open_for_input = models.BooleanField(
        _("open for outside input"), default=False, help_text=_("Reference groups and initiatives may submit input.")
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order"]
        constraints = [models.UniqueConstraint(fields=["meeting", "order"], name="agenda_item_order_unique")]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("meeting_detail", args=[self.meeting_id])


class MeetingDocument(VisibleModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="documents")
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, null=True, blank=True, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to="meetings/%Y/")
    sha256 = models.CharField(max_length=64, editable=False, verbose_name=_("checksum (SHA-256)"))
    content_type = models.CharField(max_length=100, editable=False, verbose_name=_("file type"))

    class Meta:
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")
        ordering = ["meeting", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meeting_detail", args=[self.meeting_id])


class MeetingInvitation(TimestampedModel, SyntheticModel):
    class Attendance(models.TextChoices):
        UNKNOWN = "unknown", _("Not recorded")
        PRESENT = "present", _("Present")
        APOLOGIES = "apologies", _("Apologies")
        ABSENT = "absent", _("Absent")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="invitations")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="meeting_invitations")
    attendance = models.CharField(
        _("attendance"), max_length=16, choices=Attendance.choices, default=Attendance.UNKNOWN
    )

    class Meta:
        verbose_name = _("meeting invitation")
        verbose_name_plural = _("meeting invitations")
        ordering = ["meeting", "member__name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="meeting_invitation_once")]

    def __str__(self) -> str:
        return f"{self.meeting.code}: {self.member}"

    def get_absolute_url(self) -> str:
        return reverse("meeting_detail", args=[self.meeting_id])


class MeetingDelegate(TimestampedModel, SyntheticModel):
    """A person who will attend for an invited member, named by the member's officials or the secretariat."""

    invitation = models.ForeignKey(MeetingInvitation, on_delete=models.PROTECT, related_name="delegates")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    role = models.CharField(_("role in the delegation"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("delegate")
        verbose_name_plural = _("delegates")
        ordering = ["invitation", "name", "pk"]

    def __str__(self) -> str:
        return self.name


class WrittenProcedure(VisibleModel):
    """A proposal circulated between meetings: members may object before the deadline; silence is consent."""

    class Subject(models.TextChoices):
        DECISION = "decision", _("Decision")
        MINUTES = "minutes", _("Approval of minutes")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ADOPTED = "adopted", _("Adopted")
        NOT_ADOPTED = "not_adopted", _("Not adopted")

    code = models.CharField(_("reference"), max_length=32, unique=True, editable=False)
    subject = models.CharField(_("subject"), max_length=16, choices=Subject.choices, default=Subject.DECISION)
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="written_procedures",
        help_text=_("For the approval of a meeting's minutes."),
    )
    title = models.CharField(_("title"), max_length=200)
    proposal = models.TextField(_("proposal"))
    deadline = models.DateTimeField(_("deadline for objections"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    outcome_note = models.TextField(_("outcome"), blank=True)
    concluded_at = models.DateTimeField(null=True, blank=True, verbose_name=_("concluded at"))

    class Meta:
        verbose_name = _("written procedure")
        verbose_name_plural = _("written procedures")
        ordering = ["-deadline"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("procedure_detail", args=[self.pk])


class Objection(TimestampedModel, SyntheticModel):
    procedure = models.ForeignKey(
        WrittenProcedure, on_delete=models.PROTECT, related_name="objections", verbose_name=_("written procedure")
    )
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("author")
    )
    reason = models.TextField(_("reason"))

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        constraints = [models.UniqueConstraint(fields=["procedure", "member"], name="objection_once_per_member")]

    def __str__(self) -> str:
        return f"{self.procedure.code}: {self.member}"

    def get_absolute_url(self) -> str:
        return reverse("procedure_detail", args=[self.procedure_id])


class Decision(TimestampedModel, SyntheticModel):
    """A decision, numbered per meeting or procedure: GTF-2025-1/D3. The number is stable once issued."""

    class Status(models.TextChoices):
        ADOPTED = "adopted", _("Adopted")
        SUPERSEDED = "superseded", _("Superseded")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions")
    procedure = models.ForeignKey(
        WrittenProcedure,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("written procedure"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    code = models.CharField(_("reference"), max_length=48, unique=True, editable=False)
    text = models.TextField(_("text"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ADOPTED)
    commitments = models.ManyToManyField("commitments.Commitment", blank=True, related_name="decisions")

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(meeting__isnull=False, procedure__isnull=True)
                | Q(meeting__isnull=True, procedure__isnull=False),
                name="decision_from_meeting_or_procedure",
            )
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def source(self) -> Meeting | WrittenProcedure:
        return self.meeting if self.meeting_id else self.procedure  # type: ignore[return-value]

    def get_absolute_url(self) -> str:
        return reverse("decision_detail", args=[self.pk])


class DecisionRevision(TimestampedModel, SyntheticModel):
    """A decision's text before an edit, with who changed it, when (`created_at`) and why."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="revisions")
    text = models.TextField(_("previous text"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    reason = models.TextField(_("reason for the change"))

    class Meta:
        verbose_name = _("earlier text of a decision")
        verbose_name_plural = _("earlier texts of decisions")
        ordering = ["decision", "-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.decision.code} ({self.created_at:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("decision_detail", args=[self.decision_id])


class ActionItem(TimestampedModel, SyntheticModel):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    CLOSED = frozenset({Status.DONE, Status.DROPPED})

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="action_items")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="action_items")
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    owner_member = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("owner"),
    )
    owner_secretariat = models.BooleanField(_("owned by the secretariat"), default=False)
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    drop_reason = models.TextField(_("reason for dropping"), blank=True)
    commitments = models.ManyToManyField("commitments.Commitment", blank=True, related_name="action_items")
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.TASKFORCE
    )

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(owner_member__isnull=False, owner_secretariat=False)
                | Q(owner_member__isnull=True, owner_secretariat=True),
                name="action_item_has_one_owner",
            ),
            models.CheckConstraint(
                condition=Q(decision__isnull=False) | Q(meeting__isnull=False), name="action_item_has_an_origin"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        return self.status not in self.CLOSED and self.due_on < timezone.localdate()

    @property
    def member_id(self) -> int | None:
        return self.owner_member_id

    def get_absolute_url(self) -> str:
        return reverse("action_item_detail", args=[self.pk])


class ActionItemUpdate(TimestampedModel, SyntheticModel):
    action_item = models.ForeignKey(ActionItem, on_delete=models.PROTECT, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("author")
    )
    text = models.TextField(_("progress"))
    status = models.CharField(_("status"), max_length=16, choices=ActionItem.Status.choices)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.action_item}: {self.status}"

    def get_absolute_url(self) -> str:
        return reverse("action_item_detail", args=[self.action_item_id])


class OutsideInput(TimestampedModel, SyntheticModel):
    """Input from a reference group or international initiative on an agenda item, and the response."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="inputs")
    contributor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("contributor")
    )
    organisation = models.CharField(_("on behalf of"), max_length=200)
    text = models.TextField(_("input"))
    response = models.TextField(_("response of the secretariat"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responded by"),
    )
    responded_at = models.DateTimeField(null=True, blank=True, verbose_name=_("responded at"))

    class Meta:
        verbose_name = _("outside input")
        verbose_name_plural = _("outside input")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.agenda_item}"


class MinutesComment(TimestampedModel, SyntheticModel):
    """A member's comment on circulated minutes."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="minutes_comments")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("author")
    )
    text = models.TextField(_("comment"))

    class Meta:
        verbose_name = _("comment on minutes")
        verbose_name_plural = _("comments on minutes")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.meeting.code}: {self.member}"

    def get_absolute_url(self) -> str:
        return reverse("meeting_detail", args=[self.meeting_id])


class CalendarFeed(TimestampedModel):
    """A person's secret iCalendar feed address. Revoking it makes the address answer 404."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="calendar_feeds")
    token_hash = models.CharField(max_length=64, unique=True, editable=False, verbose_name=_("token hash"))
    revoked_at = models.DateTimeField(null=True, blank=True, verbose_name=_("revoked at"))

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"feed of {self.user}"


class ReminderSent(models.Model):
    """One reminder of one kind for one action item: the unique record that makes sending idempotent."""

    class Kind(models.TextChoices):
        DUE_IN_14_DAYS = "due_14", _("Due in 14 days")
        DUE_TOMORROW = "due_1", _("Due tomorrow")
        OVERDUE = "overdue", _("Overdue")

    action_item = models.ForeignKey(ActionItem, on_delete=models.PROTECT, related_name="reminders")
    kind = models.CharField(max_length=16, choices=Kind.choices, verbose_name=_("reminder"))
    sent_at = models.DateTimeField(default=timezone.now, verbose_name=_("sent at"))

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [models.UniqueConstraint(fields=["action_item", "kind"], name="reminder_sent_once")]

    def __str__(self) -> str:
        return f"{self.action_item}: {self.get_kind_display()}"
