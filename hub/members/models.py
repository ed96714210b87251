"""Members of the Taskforce: governments, intergovernmental organisations and treaty bodies."""

from __future__ import annotations

import datetime
import unicodedata
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from hub.core.models import SyntheticModel
from hub.core.models import TimestampedModel
from hub.core.models import Visibility
from hub.core.models import VisibleModel

# The five UN M49 regions, for display in every language (the stored value stays English).
REGION_LABELS = {
    "Africa": _("Africa"),
    "Americas": _("Americas"),
    "Asia": _("Asia"),
    "Europe": _("Europe"),
    "Oceania": _("Oceania"),
}

# The UN M49 sub-regions of country_converter's table, for display (the stored value stays English).
SUBREGION_LABELS = {
    "Antarctica": pgettext_lazy("UN M49 sub-region", "Antarctica"),
    "Australia and New Zealand": pgettext_lazy("UN M49 sub-region", "Australia and New Zealand"),
    "Caribbean": pgettext_lazy("UN M49 sub-region", "Caribbean"),
    "Central America": pgettext_lazy("UN M49 sub-region", "Central America"),
    "Central Asia": pgettext_lazy("UN M49 sub-region", "Central Asia"),
    "Eastern Africa": pgettext_lazy("UN M49 sub-region", "Eastern Africa"),
    "Eastern Asia": pgettext_lazy("UN M49 sub-region", "Eastern Asia"),
    "Eastern Europe": pgettext_lazy("UN M49 sub-region", "Eastern Europe"),
    "Melanesia": pgettext_lazy("UN M49 sub-region", "Melanesia"),
    "Micronesia": pgettext_lazy("UN M49 sub-region", "Micronesia"),
    "Middle Africa": pgettext_lazy("UN M49 sub-region", "Middle Africa"),
    "Northern Africa": pgettext_lazy("UN M49 sub-region", "Northern Africa"),
    "Northern America": pgettext_lazy("UN M49 sub-region", "Northern America"),
    "Northern Europe": pgettext_lazy("UN M49 sub-region", "Northern Europe"),
    "Polynesia": pgettext_lazy("UN M49 sub-region", "Polynesia"),
    "South America": pgettext_lazy("UN M49 sub-region", "South America"),
    "South-eastern Asia": pgettext_lazy("UN M49 sub-region", "South-eastern Asia"),
    "Southern Africa": pgettext_lazy("UN M49 sub-region", "Southern Africa"),
    "Southern Asia": pgettext_lazy("UN M49 sub-region", "Southern Asia"),
    "Southern Europe": pgettext_lazy("UN M49 sub-region", "Southern Europe"),
    "Western Africa": pgettext_lazy("UN M49 sub-region", "Western Africa"),
    "Western Asia": pgettext_lazy("UN M49 sub-region", "Western Asia"),
    "Western Europe": pgettext_lazy("UN M49 sub-region", "Western Europe"),
}


def collation_key(text: str) -> str:
    """Sort names as a reader expects in any language: accents and case do not count."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


class Member(TimestampedModel, SyntheticModel):
    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental organisation")
        TREATY_BODY = "treaty_body", _("Treaty body")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        INACTIVE = "inactive", _("Inactive")
        SUSPENDED = "suspended", _("Suspended")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class MissionStatement(models.TextChoices):
        SIGNATORY = "signatory", _("Signatory")
        NOT_LISTED = "not_listed", _("Not listed among the signatories")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    country = CountryField(_("country"), blank=True)
    region = models.CharField(_("region"), max_length=64, blank=True, help_text=_("UN M49 region"))
    subregion = models.CharField(_("sub-region"), max_length=64, blank=True, help_text=_("UN M49 sub-region"))
    founding_member = models.BooleanField(_("founding member"), default=False)
    mission_statement = models.CharField(
        _("mission statement"), max_length=16, choices=MissionStatement.choices, default=MissionStatement.NOT_LISTED
    )
    mission_signed_on = models.DateField(_("mission statement signed on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    alliance_member = models.BooleanField(
        _("member of WeProtect Global Alliance"),
        null=True,
        blank=True,
        help_text=_("Recorded by the secretariat with its source; empty means not known."),
    )
    alliance_member_since = models.DateField(_("Alliance member since"), null=True, blank=True)
    alliance_source = models.CharField(_("source of the Alliance membership"), max_length=300, blank=True)
    public_profile = models.TextField(_("public profile"), blank=True)
    secretariat_notes = models.TextField(
        _("secretariat notes"), blank=True, help_text=_("Seen by the secretariat only.")
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    visibility = models.CharField(_("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC)

    if TYPE_CHECKING:  # added by django-modeltranslation (hub/members/translation.py)
        name_en: str
        name_fr: str
        name_es: str
        public_profile_en: str
        public_profile_fr: str
        public_profile_es: str

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["country"], condition=~Q(country=""), name="member_country_unique_when_set"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def region_label(self) -> str:
        return str(REGION_LABELS.get(self.region, self.region))

    @property
    def subregion_label(self) -> str:
        return str(SUBREGION_LABELS.get(self.subregion, self.subregion))

    @property
    def member_id(self) -> int:
        """Members own themselves, so the generic policy can treat them like other records."""
        return int(self.pk)

    def get_absolute_url(self) -> str:
        return reverse("member_profile", args=[self.slug])


class TaskforceRole(TimestampedModel):
    """Chair, vice-chair or member of the Taskforce between two dates."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        MEMBER = "member", _("Member")

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="taskforce_roles")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        verbose_name = _("taskforce role")
        verbose_name_plural = _("taskforce roles")
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="taskforce_role_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.member}"


class MemberNote(VisibleModel):
    """A dated note on a member's record, at a chosen visibility (the member's activity)."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="notes", verbose_name=_("member"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("member note")
        verbose_name_plural = _("member notes")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.text[:60]


class MemberStatusChange(TimestampedModel):
    """One change of a member's status: the date it takes effect, the reason and who recorded it."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="status_changes")
    status = models.CharField(_("status"), max_length=16, choices=Member.Status.choices)
    previous_status = models.CharField(_("previous status"), max_length=16, choices=Member.Status.choices)
    effective_on = models.DateField(_("effective on"), null=True, blank=True, help_text=_("Empty when not known."))
    reason = models.TextField(_("reason"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["-effective_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.member}: {self.previous_status} -> {self.status}"

    REFERENCE_REASON = "Reference table: "

    @property
    def reference_sources(self) -> str:
        """The sources of a first entry written by the reference loader ("Reference table: seed 000")."""
        return self.reason.removeprefix(self.REFERENCE_REASON) if self.reason.startswith(self.REFERENCE_REASON) else ""


class AllianceFigure(TimestampedModel):
    """A dated figure about WeProtect Global Alliance (never a constant in code)."""

    class Kind(models.TextChoices):
        GOVERNMENT_MEMBERS = "government_members", _("Government members of the Alliance")

    kind = models.CharField(_("figure"), max_length=32, choices=Kind.choices)
    value = models.PositiveIntegerField(_("value"))
    as_of = models.DateField(_("as of"))
    source = models.CharField(_("source"), max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("Alliance figure")
        verbose_name_plural = _("Alliance figures")
        ordering = ["kind", "-as_of"]
        constraints = [models.UniqueConstraint(fields=["kind", "as_of"], name="alliance_figure_once_per_date")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value} ({self.as_of})"


class JoinRequest(TimestampedModel, SyntheticModel):
    """A government's request to join the Taskforce, from the public form or filed from a letter."""

    class Status(models.TextChoices):
        UNVERIFIED = "unverified", _("E-mail not yet verified")
        SUBMITTED = "submitted", _("Submitted")
        MORE_INFORMATION = "more_information", _("More information requested")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    OPEN_STATUSES = frozenset({Status.SUBMITTED, Status.MORE_INFORMATION})

    government = models.CharField(_("government"), max_length=200)
    country = CountryField(_("country"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("official e-mail address"))
    message = models.TextField(_("message"), blank=True)
    letter = models.FileField(_("letter"), upload_to="join-requests/%Y/", blank=True)
    letter_sha256 = models.CharField(
        max_length=64, blank=True, editable=False, verbose_name=_("checksum of the letter (SHA-256)")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.UNVERIFIED)
    # The requester's link is signed with SECRET_KEY over the id and this random nonce (see services).
    token_nonce = models.CharField(max_length=32, editable=False, verbose_name=_("link nonce"))
    email_verified_at = models.DateTimeField(_("e-mail verified at"), null=True, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("filed by"),
        help_text=_("The secretariat officer who filed it from a letter."),
    )
    alliance_member = models.BooleanField(_("member of WeProtect Global Alliance"), null=True, blank=True)
    alliance_source = models.CharField(_("source of the Alliance check"), max_length=300, blank=True)
    alliance_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Alliance check recorded by"),
    )
    alliance_checked_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Alliance check recorded at"))
    decision_reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(null=True, blank=True, verbose_name=_("decided at"))
    member = models.ForeignKey(Member, on_delete=models.PROTECT, null=True, blank=True, related_name="join_requests")

    class Meta:
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.government

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def get_absolute_url(self) -> str:
        return reverse("join_request_detail", args=[self.pk])


class JoinRequestMessage(TimestampedModel):
    """The conversation of a join request: questions of the secretariat, answers of the requester."""

    class Author(models.TextChoices):
        REQUESTER = "requester", _("Requester")
        SECRETARIAT = "secretariat", _("Secretariat")

    join_request = models.ForeignKey(JoinRequest, on_delete=models.PROTECT, related_name="messages")
    author_kind = models.CharField(max_length=16, choices=Author.choices, verbose_name=_("written by"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    event = models.CharField(_("step"), max_length=32)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("join request message")
        verbose_name_plural = _("join request messages")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.join_request}: {self.event}"


# --- people's roles for a member, and invitations to them ---------------------------------------


class RoleQuerySet(models.QuerySet["Role"]):
    def active(self, on: datetime.date | None = None) -> RoleQuerySet:
        day = on or timezone.localdate()
        return self.filter(Q(starts_on__lte=day), Q(ends_on__isnull=True) | Q(ends_on__gt=day))


class Role(TimestampedModel):
    """A role a person holds, for a member where the role is a member's, between two dates."""

    class Kind(models.TextChoices):
        ADMINISTRATOR = "administrator", _("Administrator")
        SECRETARIAT = "secretariat", _("Secretariat officer")
        OFFICIAL = "official", _("Member official")
        FOCAL_POINT = "focal_point", _("Focal point")
        DEPUTY_FOCAL_POINT = "deputy_focal_point", _("Deputy focal point")
        CONTRIBUTOR = "contributor", _("Reference-group contributor")

    MEMBER_KINDS = frozenset({Kind.OFFICIAL, Kind.FOCAL_POINT, Kind.DEPUTY_FOCAL_POINT})

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="roles", verbose_name=_("person")
    )
    kind = models.CharField(_("role"), max_length=32, choices=Kind.choices)
    member = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="roles",
        verbose_name=_("member"),
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        help_text=_("For a contributor: the reference group or initiative they speak for."),
    )
    starts_on = models.DateField(_("starts on"), default=timezone.localdate)
    ends_on = models.DateField(
        _("ended on"), null=True, blank=True, help_text=_("The first day without the role; empty while it lasts.")
    )

    objects = RoleQuerySet.as_manager()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["member_id", "kind", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind__in=["official", "focal_point", "deputy_focal_point"], member__isnull=False)
                    | (~Q(kind__in=["official", "focal_point", "deputy_focal_point"]) & Q(member__isnull=True))
                ),
                name="role_member_iff_member_kind",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="role_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        if self.member_id:
            return f"{self.get_kind_display()}, {self.member}"
        return str(self.get_kind_display())

    @property
    def is_active(self) -> bool:
        today = timezone.localdate()
        return self.starts_on <= today and (self.ends_on is None or self.ends_on > today)

    @property
    def has_ended(self) -> bool:
        return self.ends_on is not None and self.ends_on <= timezone.localdate()


class Invitation(TimestampedModel):
    """An invitation of an e-mail address to a role. The link works once and expires."""

    email = models.EmailField(_("e-mail address"))
    kind = models.CharField(_("role"), max_length=32, choices=Role.Kind.choices)
    member = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("member"),
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False, verbose_name=_("token hash"))
    expires_at = models.DateTimeField(_("expires at"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("invited by")
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.email

    @property
    def state(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"


class Grant(models.Model):
    """A record-level grant that widens access to one record for a named person or member."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("record type"))
    object_id = models.PositiveBigIntegerField(_("record id"))
    grantee_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grants",
        verbose_name=_("person"),
    )
    grantee_member = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grants",
        verbose_name=_("member"),
    )
    reason = models.CharField(_("reason"), max_length=300)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        # The index keeps the name it was created with in the core app.
        indexes = [models.Index(fields=["content_type", "object_id"], name="core_grant_content_b3834c_idx")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(grantee_user__isnull=False, grantee_member__isnull=True)
                    | models.Q(grantee_user__isnull=True, grantee_member__isnull=False)
                ),
                name="grant_has_exactly_one_grantee",
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model}#{self.object_id}"
