"""Knowledge: the glossary of preferred and discouraged terms (reference/terminology.csv, the Luxembourg
Terminology Guidelines and the sources they cite), and the rows the secretariat adds on the platform.

A row's `match` pattern is what the terminology check looks for (rows marked "glossary only" are never
flagged). The discouraged and preferred terms and the reason are translated (fr and es are the
project's unofficial translations, reference/terminology_translations.csv)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hub.core.models import SyntheticModel
from hub.core.models import TimestampedModel

__all__ = ["GlossaryTerm"]

# Bounds of a row, shared by the model, the forms, the API and the reference loader.
KEY_MAX_LENGTH = 40
PATTERN_MAX_LENGTH = 300
TERM_MAX_LENGTH = 300
WHY_MAX_LENGTH = 1000
SOURCE_MAX_LENGTH = 300


class GlossaryTerm(TimestampedModel, SyntheticModel):
    class Action(models.TextChoices):
        WARN = "warn", _("Pointed out by the terminology check")
        GLOSSARY_ONLY = "glossary_only", _("Glossary only (never flagged)")

    key = models.SlugField(_("key"), max_length=KEY_MAX_LENGTH, unique=True)
    language = models.CharField(
        _("language of the pattern"),
        max_length=16,
        default="en",
        help_text=_("The language the discouraged wording is written in (en, fr, es, ...)."),
    )
    match = models.CharField(
        _("pattern"),
        max_length=PATTERN_MAX_LENGTH,
        blank=True,
        help_text=_("A regular expression, matched without regard to case, that finds the discouraged wording."),
    )
    discouraged = models.CharField(_("discouraged term"), max_length=TERM_MAX_LENGTH)
    preferred = models.CharField(_("preferred term"), max_length=TERM_MAX_LENGTH)
    why = models.TextField(_("why"), max_length=WHY_MAX_LENGTH)
    action = models.CharField(_("what the check does"), max_length=16, choices=Action.choices, default=Action.WARN)
    confirmed = models.BooleanField(
        _("confirmed"), default=False, help_text=_("Checked against the primary text of its source.")
    )
    source = models.CharField(_("source"), max_length=SOURCE_MAX_LENGTH)
    added_on_platform = models.BooleanField(
        _("added on the platform"),
        default=False,
        help_text=_("Added by the secretariat, not from the reference table; reloading the table keeps it."),
    )
    is_active = models.BooleanField(
        _("in use"), default=True, help_text=_("A term no longer in use is kept, but not shown or checked.")
    )

    if TYPE_CHECKING:  # django-modeltranslation
        discouraged_en: str
        discouraged_fr: str
        discouraged_es: str
        preferred_en: str
        preferred_fr: str
        preferred_es: str
        why_en: str
        why_fr: str
        why_es: str

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = ["key"]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=["warn", "glossary_only"]), name="glossary_term_action_known"
            ),
            models.CheckConstraint(
                condition=~Q(action="warn") | ~Q(match=""), name="glossary_term_warns_with_a_pattern"
            ),
        ]

    def __str__(self) -> str:
        return self.discouraged

    def get_absolute_url(self) -> str:
        return reverse("knowledge_terminology_detail", args=[self.key])

    @property
    def is_checked(self) -> bool:
        """The terminology check looks for this row's pattern."""
        return self.is_active and self.action == self.Action.WARN and bool(self.match)
