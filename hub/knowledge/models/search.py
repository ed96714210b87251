"""Knowledge: the search index. One entry per searchable record (its text only: who may see it is
asked of the record's policy at query time, never stored), its facet tags, and per database the
full-text data: on PostgreSQL a weighted tsvector with a GIN index (`vector`), on SQLite the FTS5
table `knowledge_search_fts` (rowid = entry id) created by the migration."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["SearchEntry", "SearchFacet"]


class SearchEntry(models.Model):
    kind = models.CharField(_("kind"), max_length=32)
    object_id = models.PositiveBigIntegerField(_("record"))
    language = models.CharField(_("language"), max_length=16, default="en")
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("text"), blank=True)
    member_id = models.PositiveBigIntegerField(_("member"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    path = models.CharField(_("address"), max_length=500, blank=True)
    updated_at = models.DateTimeField(_("indexed at"), auto_now=True)
    # PostgreSQL only (null on SQLite): title (A), summary (B) and body (C) in the entry's language.
    vector = SearchVectorField(_("search vector"), null=True, editable=False)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_once")]
        indexes = [
            models.Index(fields=["member_id"], name="search_entry_member"),
            models.Index(fields=["year"], name="search_entry_year"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"


class SearchFacet(models.Model):
    class Facet(models.TextChoices):
        COMMITMENT = "commitment", _("Commitment")
        CAPABILITY = "capability", _("Capability")

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="facets", verbose_name=_("entry"))
    facet = models.CharField(_("facet"), max_length=16, choices=Facet.choices)
    value = models.CharField(_("value"), max_length=64)

    class Meta:
        verbose_name = _("search tag")
        verbose_name_plural = _("search tags")
        constraints = [models.UniqueConstraint(fields=["entry", "facet", "value"], name="search_facet_once")]
        indexes = [models.Index(fields=["facet", "value"], name="search_facet_value")]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"
