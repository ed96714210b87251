"""The document library API's schemas. Output schemas read the documents the selectors return."""

import datetime

from django.urls import reverse
from ninja import Field
from ninja import Schema

from hub.core.limits import FILTER_MAX_LENGTH
from hub.core.limits import SEARCH_MAX_LENGTH
from hub.core.models import Visibility
from hub.knowledge.models.documents import Document
from hub.knowledge.selectors.documents import author_name


class LibraryDocumentOut(Schema):
    id: int
    title: str
    kind: str = Field(..., description="paper, report, minutes, statute or other")
    kind_label: str
    language: str = Field(..., description="The document's own language tag (en, fr, es, ...)")
    language_name: str
    dated: datetime.date | None
    author_member: str | None = Field(None, description="The author member's short name; null: the secretariat")
    author_member_name: str | None
    summary: str
    visibility: str
    file_name: str = Field(..., alias="original_name")
    content_type: str
    size: int
    sha256: str
    file_version: int = Field(..., alias="version")
    extraction: str = Field(..., description="pending, done or failed: is the text read for search?")
    extraction_label: str
    extraction_note: str
    withdrawn_at: datetime.datetime | None
    is_synthetic: bool
    url: str
    file_url: str

    @staticmethod
    def resolve_kind_label(d: Document) -> str:
        return str(d.get_kind_display())

    @staticmethod
    def resolve_extraction_label(d: Document) -> str:
        return str(d.get_extraction_display())

    @staticmethod
    def resolve_author_member(d: Document) -> str | None:
        return d.author_member.slug if author_name(d) and d.author_member else None

    @staticmethod
    def resolve_author_member_name(d: Document) -> str | None:
        return author_name(d) or None

    @staticmethod
    def resolve_url(d: Document) -> str:
        return d.get_absolute_url()

    @staticmethod
    def resolve_file_url(d: Document) -> str:
        return reverse("api:knowledge_document_file", args=[d.pk])


class LibraryDocumentQuery(Schema):
    kind: str = Field("", max_length=FILTER_MAX_LENGTH, description="paper, report, minutes, statute or other")
    language: str = Field("", max_length=FILTER_MAX_LENGTH)
    member: str = Field("", max_length=FILTER_MAX_LENGTH, description="The author member's short name")
    year: int | None = Field(None, ge=1900, le=2100)
    q: str = Field("", max_length=SEARCH_MAX_LENGTH, description="The title contains")


class LibraryDocumentPatch(Schema):
    """Change the details (not the file). Send the document's ETag as If-Match: a change over a newer
    version is 409."""

    title: str | None = Field(None, min_length=1, max_length=300)
    kind: str | None = Field(None, max_length=16, description="paper, report, minutes, statute or other")
    language: str | None = Field(None, max_length=16)
    dated: datetime.date | None = None
    author_member: str | None = Field(None, max_length=FILTER_MAX_LENGTH, description="A member's short name")
    summary: str | None = Field(None, max_length=4000)
    visibility: Visibility | None = None


class LibraryWithdrawIn(Schema):
    reason: str = Field(..., min_length=1, max_length=500)
