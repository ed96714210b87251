"""Legal frameworks: a member's legal profile (issue 16).

One `LegalProfile` per member: its statutes, its status under the treaties the checklist cites, and
(hub/legal/models/codings.py) the coding of each provision. A profile is taskforce-level; the member
(its focal point) may publish it to the public site. The platform ships no real country's statutes,
treaty status or coding: the secretariat enters them, each with its source.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hub.core.models import Visibility
from hub.core.models import VisibleModel
from hub.legal.models.checklist import Provision
from hub.members.models import Member

__all__ = ["LegalProfile", "Statute", "TreatyStatus", "Reservation", "TREATIES"]


class LegalProfile(VisibleModel):
    """A member's legal framework. `visibility` is taskforce (the default) or public (published)."""

    LEVELS = (Visibility.PUBLIC, Visibility.TASKFORCE)

    member = models.OneToOneField(
        Member, on_delete=models.PROTECT, related_name="legal_profile", verbose_name=_("member")
    )
    summary = models.TextField(_("summary"), max_length=5000, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    class Meta:
        verbose_name = _("legal profile")
        verbose_name_plural = _("legal profiles")
        ordering = ["member__name"]
        constraints = [
            models.CheckConstraint(condition=Q(visibility__in=["public", "taskforce"]), name="legal_profile_level"),
            models.CheckConstraint(
                condition=~Q(visibility="public") | Q(published_at__isnull=False), name="legal_profile_published_dated"
            ),
        ]

    def __str__(self) -> str:
        return str(self.member)

    def get_absolute_url(self) -> str:
        return reverse("legal_profile", args=[self.member.slug])

    @property
    def is_published(self) -> bool:
        return self.visibility == Visibility.PUBLIC


class Statute(models.Model):
    """A law the profile cites: its title as enacted and in English, citation, link, dates."""

    profile = models.ForeignKey(
        LegalProfile, on_delete=models.PROTECT, related_name="statutes", verbose_name=_("legal profile")
    )
    title_original = models.CharField(_("title in the original language"), max_length=500)
    original_language = models.CharField(
        _("original language"), max_length=35, blank=True, help_text=_("A language tag, for example fr or pt-BR.")
    )
    title_en = models.CharField(_("title in English"), max_length=500, blank=True)
    citation = models.CharField(_("citation"), max_length=300, help_text=_("For example Act No. 12 of 2019."))
    url = models.URLField(_("link"), max_length=500, blank=True)
    in_force_on = models.DateField(_("in force from"), null=True, blank=True, help_text=_("Empty when not known."))
    repealed_on = models.DateField(_("repealed on"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300)
    is_synthetic = models.BooleanField(_("synthetic demo data"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("statute")
        verbose_name_plural = _("statutes")
        ordering = ["profile", "citation", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "citation"], name="legal_statute_citation"),
            models.CheckConstraint(
                condition=Q(repealed_on__isnull=True)
                | Q(in_force_on__isnull=True)
                | Q(repealed_on__gte=F("in_force_on")),
                name="legal_statute_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title_en or self.title_original

    def get_absolute_url(self) -> str:
        return reverse("legal_profile", args=[self.profile.member.slug]) + f"#statute-{self.pk}"


class Treaty(models.TextChoices):
    """The treaties the checklist cites that a state signs and ratifies (the EU Directive and ICMEC's
    model law are not ratified and are not here)."""

    # Named by its subject, as SPEC 8 does; its full official title quotes an outdated term.
    OPSC = "opsc", _("Optional Protocol to the Convention on the Rights of the Child on the sale of children (OPSC)")
    LANZAROTE = (
        "lanzarote",
        _(
            "Council of Europe Convention on the Protection of Children against Sexual Exploitation and Sexual Abuse"
            " (Lanzarote Convention)"
        ),
    )
    BUDAPEST = "budapest", _("Council of Europe Convention on Cybercrime (Budapest Convention)")
    UN_CYBERCRIME = "un_cybercrime", _("United Nations Convention against Cybercrime")


TREATIES = [value for value, _label in Treaty.choices]


class TreatyStatus(models.Model):
    class Status(models.TextChoices):
        NOT_KNOWN = "not_known", _("Not known")
        NOT_SIGNED = "not_signed", _("Not signed")
        SIGNED = "signed", _("Signed")
        RATIFIED = "ratified", _("Ratified or acceded")

    Treaty = Treaty

    profile = models.ForeignKey(
        LegalProfile, on_delete=models.PROTECT, related_name="treaty_statuses", verbose_name=_("legal profile")
    )
    treaty = models.CharField(_("treaty"), max_length=16, choices=Treaty.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NOT_KNOWN)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    ratified_on = models.DateField(_("ratified or acceded on"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300)
    is_synthetic = models.BooleanField(_("synthetic demo data"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("treaty status")
        verbose_name_plural = _("treaty statuses")
        ordering = ["profile", "treaty"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "treaty"], name="legal_treaty_status_unique"),
            models.CheckConstraint(condition=Q(treaty__in=TREATIES), name="legal_treaty_known"),
            models.CheckConstraint(
                condition=Q(status__in=["not_known", "not_signed", "signed", "ratified"]), name="legal_treaty_status"
            ),
            models.CheckConstraint(
                condition=Q(ratified_on__isnull=True) | Q(status="ratified"), name="legal_treaty_ratified_dated"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.profile} — {self.get_treaty_display()}"

    def get_absolute_url(self) -> str:
        return reverse("legal_profile", args=[self.profile.member.slug]) + f"#treaty-{self.treaty}"


class Reservation(models.Model):
    """A reservation or declaration under a treaty, with the article it touches and the provisions whose
    coding it explains (shown beside them)."""

    treaty_status = models.ForeignKey(
        TreatyStatus, on_delete=models.PROTECT, related_name="reservations", verbose_name=_("treaty status")
    )
    article = models.CharField(_("article"), max_length=100, help_text=_("For example Art. 9(4)."))
    text = models.TextField(_("reservation"), max_length=5000)
    source = models.CharField(_("source"), max_length=300)
    provisions = models.ManyToManyField(
        Provision, blank=True, related_name="reservations", verbose_name=_("provisions it explains")
    )
    is_synthetic = models.BooleanField(_("synthetic demo data"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("reservation")
        verbose_name_plural = _("reservations")
        ordering = ["treaty_status", "article", "pk"]

    def __str__(self) -> str:
        return f"{self.treaty_status} — {self.article}"

    def get_absolute_url(self) -> str:
        return self.treaty_status.get_absolute_url()
