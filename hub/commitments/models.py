"""The nine commitments every member of the Taskforce makes (seed 001, the mission statement)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _


class Commitment(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    key = models.SlugField(_("key"), max_length=40, unique=True)
    short_title = models.CharField(_("short title"), max_length=120)
    text = models.TextField(_("text"))
    source = models.CharField(_("source"), max_length=200)

    if TYPE_CHECKING:  # django-modeltranslation
        short_title_en: str
        short_title_fr: str
        short_title_es: str
        text_en: str
        text_fr: str
        text_es: str

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.short_title}"
