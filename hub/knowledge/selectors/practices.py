"""Knowledge: reads of good practices, always from the policy's visible queryset; and the MNR
capabilities they are tagged with (reference/mnr_capabilities.csv, read once)."""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Prefetch
from django.db.models import QuerySet

from hub.core.policies import policy_for
from hub.core.viewer import Viewer
from hub.knowledge.models import Document
from hub.knowledge.models import GoodPractice
from hub.knowledge.models import PracticeCapability
from hub.members.models import Member
from hub.members.selectors import member_list
from hub.members.selectors import member_list_acting_for

CAPABILITIES_FILE = Path(settings.BASE_DIR) / "reference" / "mnr_capabilities.csv"


@dataclass(frozen=True)
class Capability:
    """One capability of a national-response framework (the 21 of the WeProtect MNR 2016)."""

    framework: str
    number: int
    domain: str
    name: str

    @property
    def key(self) -> str:
        return f"{self.framework}/{self.number}"

    def __str__(self) -> str:
        return f"{self.number}. {self.name} ({self.domain})"


@functools.cache
def capabilities() -> dict[str, Capability]:
    """Every known capability by its key ("mnr-2016/3"), in the file's order."""
    with CAPABILITIES_FILE.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    out = {}
    for row in rows:
        cap = Capability(row["framework"].strip(), int(row["id"]), row["domain"].strip(), row["name"].strip())
        out[cap.key] = cap
    return out


def capability_choices() -> list[tuple[str, str]]:
    return [(key, str(cap)) for key, cap in capabilities().items()]


def capability_of(tag: PracticeCapability) -> Capability | None:
    return capabilities().get(tag.key)


@dataclass(frozen=True)
class PracticeFilters:
    member: str = ""  # the member's short name (slug)
    commitment: int | None = None
    capability: str = ""  # "mnr-2016/3"
    language: str = ""
    status: str = ""


def _with_tags(qs: QuerySet[GoodPractice]) -> QuerySet[GoodPractice]:
    return qs.select_related("member").prefetch_related(
        "commitments", Prefetch("capability_tags", queryset=PracticeCapability.objects.order_by("framework", "number"))
    )


def practice_list(*, viewer: Viewer, filters: PracticeFilters | None = None) -> QuerySet[GoodPractice]:
    """The practices the viewer may see, published first (newest), then the others by last change."""
    f = filters or PracticeFilters()
    qs = policy_for(GoodPractice).visible(viewer)
    if f.member:
        qs = qs.filter(member__slug=f.member)
    if f.commitment is not None:
        qs = qs.filter(commitments__number=f.commitment)
    if f.capability:
        framework, _slash, number = f.capability.partition("/")
        qs = qs.filter(capability_tags__framework=framework, capability_tags__number=_number(number))
    if f.language:
        qs = qs.filter(language=f.language)
    if f.status:
        qs = qs.filter(status=f.status)
    return _with_tags(qs).distinct().order_by("-published_at", "-updated_at", "pk")


def _number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return -1


def practice_members(*, viewer: Viewer) -> list[Member]:
    """The members whose practices the viewer sees (for the list's member filter), by name."""
    ids = policy_for(GoodPractice).visible(viewer).values("member_id")
    return list(Member.objects.filter(pk__in=ids).order_by("name"))


def practice_get(*, viewer: Viewer, pk: Any) -> GoodPractice:
    """The practice, or NotFound when it does not exist or is hidden from the viewer."""
    return policy_for(GoodPractice).get(viewer, pk, _with_tags(GoodPractice.objects.all()))


def practice_documents(*, viewer: Viewer, practice: GoodPractice) -> list[Document]:
    """The practice's documents this viewer may see (the others are not listed)."""
    visible = policy_for(Document).visible_ids(viewer)
    return list(practice.documents.filter(pk__in=visible).order_by("title", "pk"))


def _published(viewer: Viewer) -> QuerySet[GoodPractice]:
    qs = policy_for(GoodPractice).visible(viewer).filter(status=GoodPractice.Status.PUBLISHED)
    return _with_tags(qs).order_by("-published_at", "pk")


def practices_for_capability(*, viewer: Viewer, framework: str, number: int) -> QuerySet[GoodPractice]:
    """Published practices the viewer may see that serve this capability (for the gap views)."""
    return _published(viewer).filter(capability_tags__framework=framework, capability_tags__number=number).distinct()


def practices_for_commitment(*, viewer: Viewer, number: int) -> QuerySet[GoodPractice]:
    """Published practices the viewer may see that serve commitment `number` (for the gap views)."""
    return _published(viewer).filter(commitments__number=number).distinct()


def practices_awaiting_review(*, viewer: Viewer) -> QuerySet[GoodPractice]:
    """Submitted practices, oldest submission first (the secretariat's queue; empty for others)."""
    if not policy_for(GoodPractice).can(viewer, "review"):
        return GoodPractice.objects.none()
    qs = policy_for(GoodPractice).visible(viewer).filter(status=GoodPractice.Status.SUBMITTED)
    return qs.select_related("member").order_by("submitted_at", "pk")


def practices_to_finish(*, viewer: Viewer) -> QuerySet[GoodPractice]:
    """The viewer's members' practices returned or in draft (returned first), for its officials."""
    if not viewer.member_ids:
        return GoodPractice.objects.none()
    qs = (
        policy_for(GoodPractice)
        .visible(viewer)
        .filter(member_id__in=viewer.member_ids, status__in=GoodPractice.EDITABLE)
    )
    return qs.select_related("member").order_by("-status", "-updated_at", "pk")


def writable_members(*, viewer: Viewer) -> QuerySet[Member]:
    """The members a new practice may be written for: any (not withdrawn) for the secretariat, else
    those the viewer may write for."""
    if policy_for(GoodPractice).can(viewer, "review"):
        return member_list(viewer=viewer).exclude(status=Member.Status.WITHDRAWN).order_by("name")
    return member_list_acting_for(viewer=viewer).order_by("name")


EXPORT_HEADERS = [
    "member",
    "title",
    "summary",
    "body",
    "language",
    "contact_name",
    "contact_email",
    "visibility",
    "commitments",
    "capabilities",
    "status",
    "published_at",
    "synthetic",
]


def export_rows(practices: QuerySet[GoodPractice]) -> list[list[Any]]:
    """Rows in the columns import_good_practices reads (and a few it does not), from a selected list."""
    rows = []
    for p in practices:
        rows.append(
            [
                p.member.slug,
                p.title,
                p.summary,
                p.body,
                p.language,
                p.contact_name,
                p.contact_email,
                p.visibility,
                ", ".join(str(c.number) for c in p.commitments.all()),
                ", ".join(t.key for t in p.capability_tags.all()),
                p.status,
                p.published_at.isoformat() if p.published_at else "",
                "yes" if p.is_synthetic else "no",
            ]
        )
    return rows
