"""Knowledge: the document library (papers, reports, minutes, statutes).

The file is kept in the private upload storage (outside the web root) and served only through the
policy layer; its type is recognised by its content and its SHA-256 recorded. The text extracted
from it (PDF, DOCX, plain text), by the background worker, feeds the search index; a document whose
text cannot be extracted is still stored and found by its title."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from hub.core.models import VisibleModel
from hub.members.models import Member

__all__ = ["Document"]  # the helpers below are imported by name


class Document(VisibleModel):
    class Kind(models.TextChoices):
        PAPER = "paper", _("Paper")
        REPORT = "report", _("Report")
        MINUTES = "minutes", _("Minutes")
        STATUTE = "statute", _("Statute")
        OTHER = "other", _("Other document")

    class Extraction(models.TextChoices):
        PENDING = "pending", _("Text not yet read")
        DONE = "done", _("Text read for search")
        FAILED = "failed", _("Text could not be read (found by its title)")

    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices, default=Kind.PAPER)
    language = models.CharField(_("language"), max_length=16, default="en")
    dated = models.DateField(_("date"), null=True, blank=True)
    author_member = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="library_documents",
        verbose_name=_("author member"),
    )
    summary = models.TextField(_("summary"), blank=True, max_length=4000)
    file = models.FileField(_("file"), upload_to="library/%Y/")
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("file type"), max_length=100, editable=False)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0, editable=False)
    sha256 = models.CharField(_("checksum (SHA-256)"), max_length=64, editable=False)
    text = models.TextField(_("extracted text"), blank=True, editable=False)
    extraction = models.CharField(
        _("text extraction"), max_length=16, choices=Extraction.choices, default=Extraction.PENDING
    )
    extraction_note = models.CharField(_("extraction note"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    # The file's version: 1 for the first upload, one more for each replacement (an edit's staleness is
    # checked on `updated_at`, like every other record: hub.core.concurrency).
    version = models.PositiveIntegerField(_("version"), default=1)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("reason for withdrawal"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-dated", "title", "pk"]
        indexes = [models.Index(fields=["sha256"], name="knowledge_document_sha256")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge_document_detail", args=[self.pk])

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def language_name(self) -> str:
        """The document's language in words, in the reader's language ("French", "français")."""
        return language_name(self.language)

    @property
    def extension(self) -> str:
        return EXTENSIONS.get(self.content_type, "")


# The languages a document may be tagged with (its own language, not the site's); names come from
# Django's table, translated.
DOCUMENT_LANGUAGES = (
    "en", "fr", "es", "ar", "zh-hans", "ru", "pt", "de", "it", "nl", "sv", "pl", "tr", "ja", "ko", "id", "th",
    "vi", "hi", "sw",
)  # fmt: skip
# The file types the library takes, each with the one extension its file name must have.
EXTENSIONS = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "text/plain": ".txt",
}


def language_name(code: str) -> str:
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code
