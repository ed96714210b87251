"""MNR self-assessment: a member's gap view.

The capabilities of one assessment whose phase is below the target phase: priority ones first, then
the largest gap, then by capability number. Each lists the published good practices tagged with the
capability that the viewer may see (knowledge's policy), the documents attached to them that the
viewer may see (documents carry no capability tag of their own), and the peers further along: the
other member of an accepted exchange on that capability (both consented), with its phase where it is
higher. Never a peer without that consent, never a ranking. A constant number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from typing import Any

from django.db.models import Prefetch

from hub.assessments.models import Answer
from hub.assessments.models import Assessment
from hub.assessments.models import Capability
from hub.assessments.selectors.exchange import latest_phases
from hub.assessments.selectors.exchange import peers_consented
from hub.assessments.selectors.framework import phase_labels
from hub.core.policies import policy_for
from hub.core.viewer import Viewer
from hub.knowledge.models import Document
from hub.knowledge.models import GoodPractice
from hub.knowledge.models import PracticeCapability
from hub.members.models import Member


@dataclass(frozen=True)
class Peer:
    member: Member
    phase: int
    phase_label: str
    exchange_id: int


@dataclass
class GapRow:
    answer: Answer
    capability: Capability
    phase: int
    target_phase: int
    phase_label: str
    target_label: str
    practices: list[GoodPractice] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    peers: list[Peer] = field(default_factory=list)

    @property
    def gap(self) -> int:
        return self.target_phase - self.phase

    @property
    def priority(self) -> bool:
        return bool(self.answer.priority)


@dataclass
class GapView:
    assessment: Assessment
    rows: list[GapRow]

    @property
    def has_synthetic(self) -> bool:
        return bool(self.assessment.is_synthetic) or any(p.is_synthetic for r in self.rows for p in r.practices)


def assessment_for_gaps(*, viewer: Viewer, pk: Any) -> Assessment:
    """The assessment, or NotFound when the viewer may not see it."""
    qs = Assessment.objects.select_related("member", "cycle__framework")
    return policy_for(Assessment).get(viewer, pk, qs)


def _practices(viewer: Viewer, framework_code: str, numbers: list[int]) -> list[GoodPractice]:
    if not numbers:
        return []
    documents = policy_for(Document).visible(viewer).order_by("title", "pk")
    qs = (
        policy_for(GoodPractice)
        .visible(viewer)
        .filter(
            status=GoodPractice.Status.PUBLISHED,
            capability_tags__framework=framework_code,
            capability_tags__number__in=numbers,
        )
        .distinct()
        .select_related("member")
        .prefetch_related(
            Prefetch(
                "capability_tags",
                queryset=PracticeCapability.objects.filter(framework=framework_code),
                to_attr="gap_tags",
            ),
            Prefetch("documents", queryset=documents, to_attr="gap_documents"),
        )
        .order_by("-published_at", "pk")
    )
    return list(qs)


def gap_rows(*, viewer: Viewer, assessment: Assessment) -> list[GapRow]:
    labels = phase_labels()
    answers = [
        a
        for a in assessment.answers.select_related("capability__framework").order_by("capability__number")
        if a.below_target
    ]
    rows = [
        GapRow(
            answer=a,
            capability=a.capability,
            phase=int(a.phase or 0),
            target_phase=int(a.target_phase or 0),
            phase_label=labels.get(int(a.phase or 0), str(a.phase)),
            target_label=labels.get(int(a.target_phase or 0), str(a.target_phase)),
        )
        for a in answers
    ]
    rows.sort(key=lambda r: (not r.priority, -r.gap, r.capability.number))
    if not rows:
        return rows
    by_number = {r.capability.number: r for r in rows}
    for practice in _practices(viewer, assessment.cycle.framework.code, sorted(by_number)):
        for tag in practice.gap_tags:  # type: ignore[attr-defined]
            row = by_number.get(tag.number)
            if row is None:
                continue
            row.practices.append(practice)
            for document in practice.gap_documents:  # type: ignore[attr-defined]
                if all(d.pk != document.pk for d in row.documents):
                    row.documents.append(document)
    by_capability = {r.capability.pk: r for r in rows}
    exchanges = peers_consented(viewer=viewer, member_id=assessment.member_id, capability_ids=by_capability)
    others = {e.pk: e.other_member_id(assessment.member_id) for e in exchanges}
    phases = latest_phases(others.values(), by_capability)
    for exchange in exchanges:
        other = others[exchange.pk]
        row = by_capability[exchange.capability_id]
        phase = phases.get((other, exchange.capability_id))
        if phase is None or phase <= row.phase:
            continue
        member = exchange.counterpart if other == exchange.counterpart_id else exchange.initiator
        row.peers.append(
            Peer(member=member, phase=phase, phase_label=labels.get(phase, str(phase)), exchange_id=exchange.pk)
        )
    for row in rows:
        row.peers.sort(key=lambda p: p.member.name)  # by name: never by how far along
    return rows


def gap_view(*, viewer: Viewer, pk: Any) -> GapView:
    """The gap view of an assessment the viewer may see (NotFound otherwise)."""
    assessment = assessment_for_gaps(viewer=viewer, pk=pk)
    return GapView(assessment=assessment, rows=gap_rows(viewer=viewer, assessment=assessment))


EXPORT_HEADERS = [
    "capability",
    "capability_name",
    "domain",
    "priority",
    "phase",
    "target_phase",
    "gap",
    "planned_actions",
    "good_practices",
    "documents",
    "peers_further_along",
    "synthetic",
]


def export_rows(view: GapView) -> list[list[Any]]:
    """The gap view's rows for the XLSX export (the same rows and order as the page)."""
    synthetic = "yes" if view.has_synthetic else "no"
    out: list[list[Any]] = []
    for r in view.rows:
        out.append(
            [
                r.capability.number,
                r.capability.name,
                r.capability.domain,
                "yes" if r.priority else "no",
                f"{r.phase}. {r.phase_label}",
                f"{r.target_phase}. {r.target_label}",
                r.gap,
                r.answer.planned_actions,
                "; ".join(p.title for p in r.practices),
                "; ".join(d.title for d in r.documents),
                "; ".join(f"{p.member.name} ({p.phase}. {p.phase_label})" for p in r.peers),
                synthetic,
            ]
        )
    return out
