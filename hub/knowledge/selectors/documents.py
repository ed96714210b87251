"""Reads of the document library. Every one starts from the policy's visible queryset, so lists,
counts, facets and exports never include a document the viewer may not see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists
from django.db.models import OuterRef
from django.db.models import QuerySet
from django.db.models.functions import ExtractYear

from hub.core.policies import policy_for
from hub.core.viewer import Viewer
from hub.knowledge.models.documents import Document
from hub.members.models import Member


@dataclass(frozen=True)
class DocumentFilters:
    kind: str = ""
    language: str = ""
    member: str = ""  # the author member's short name (slug)
    year: int | None = None
    q: str = ""  # the title contains


def documents_visible(viewer: Viewer) -> QuerySet[Document]:
    """Every document the viewer may see (the policy's queryset)."""
    return policy_for(Document).visible(viewer)


def documents_to_attach(*, viewer: Viewer) -> QuerySet[Document]:
    """The documents a writer may attach to a good practice or a consultation: those they may see, by title."""
    return documents_visible(viewer).order_by("title", "pk")


def _with_authors(viewer: Viewer, qs: QuerySet[Document]) -> QuerySet[Document]:
    """With the author member joined and `author_visible`: may the viewer see that member (a taskforce
    document of a member the viewer may not see names no member)."""
    members = policy_for(Member).visible(viewer).filter(pk=OuterRef("author_member_id"))
    return qs.select_related("author_member").annotate(author_visible=Exists(members))


def document_list(*, viewer: Viewer, filters: DocumentFilters | None = None) -> QuerySet[Document]:
    """The documents the viewer may see, filtered, newest first, with their author member joined."""
    f = filters or DocumentFilters()
    qs = _with_authors(viewer, documents_visible(viewer))
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.language:
        qs = qs.filter(language=f.language)
    if f.member:
        qs = qs.filter(author_member__slug=f.member, author_member__in=policy_for(Member).visible_ids(viewer))
    if f.year is not None:
        qs = qs.filter(dated__year=f.year)
    if f.q:
        qs = qs.filter(title__icontains=f.q)
    return qs.order_by("-dated", "title", "pk")


def document_get(*, viewer: Viewer, pk: Any) -> Document:
    """The document, or NotFound when it does not exist or is hidden from the viewer."""
    return policy_for(Document).get(viewer, pk, _with_authors(viewer, documents_visible(viewer)))


def document_same_file(*, viewer: Viewer, document: Document) -> list[Document]:
    """Other documents the viewer may see that hold the very same file (by checksum)."""
    return list(documents_visible(viewer).filter(sha256=document.sha256).exclude(pk=document.pk).order_by("pk")[:10])


def document_years(*, viewer: Viewer) -> list[int]:
    """The years of the documents the viewer may see, newest first (for the year filter)."""
    years = (
        documents_visible(viewer)
        .filter(dated__isnull=False)
        .annotate(year=ExtractYear("dated"))
        .values_list("year", flat=True)
        .distinct()
    )
    return sorted({int(y) for y in years}, reverse=True)


def document_author_members(*, viewer: Viewer) -> list[Member]:
    """The members the viewer may see that authored a document the viewer may see (for the filter)."""
    ids = documents_visible(viewer).filter(author_member__isnull=False).values("author_member_id")
    return list(policy_for(Member).visible(viewer).filter(pk__in=ids).order_by("name"))


def documents_unreadable(*, viewer: Viewer, limit: int = 10) -> tuple[list[Document], int]:
    """Documents whose text could not be read (the secretariat's attention), the first few and how many
    (one query while they fit the limit; the count only when they run over)."""
    qs = documents_visible(viewer).filter(extraction=Document.Extraction.FAILED).order_by("-created_at", "-pk")
    first = list(qs[: limit + 1])
    total = len(first) if len(first) <= limit else qs.count()
    return first[:limit], total


EXPORT_MAX_ROWS = 10_000
EXPORT_HEADERS = [
    "id",
    "title",
    "type",
    "language",
    "date",
    "author_member",
    "visibility",
    "file_name",
    "file_type",
    "size_bytes",
    "sha256",
    "text_extraction",
    "synthetic",
    "url",
]


def document_export_rows(*, viewer: Viewer, documents: list[Document]) -> list[list[Any]]:
    """The library's export rows (metadata, never the text) of documents from `document_list`."""
    return [
        [
            d.pk,
            d.title,
            d.kind,
            d.language,
            d.dated.isoformat() if d.dated else "",
            author_name(d),
            d.visibility,
            d.original_name,
            d.content_type,
            d.size,
            d.sha256,
            d.extraction,
            "yes" if d.is_synthetic else "no",
            d.get_absolute_url(),
        ]
        for d in documents
    ]


def author_name(d: Document) -> str:
    """The author member's name where the viewer may see it (`author_visible`, from `document_list`)."""
    if d.author_member is None or not getattr(d, "author_visible", False):
        return ""
    return d.author_member.name
