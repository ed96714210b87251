"""Knowledge: consultations (reads), each starting from the policy's visible queryset."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from typing import cast

from django.db.models import Case
from django.db.models import Exists
from django.db.models import IntegerField
from django.db.models import OuterRef
from django.db.models import QuerySet
from django.db.models import Value
from django.db.models import When
from django.utils import timezone

from hub.core.policies import policy_for
from hub.core.viewer import Viewer
from hub.knowledge.models.consultations import Consultation
from hub.knowledge.models.consultations import ConsultationInput
from hub.knowledge.models.documents import Document
from hub.knowledge.policies.consultations import ConsultationPolicy

# How many records a dashboard panel lists (the count says how many there are in all).
PANEL_SIZE = 10


def consultation_list(*, viewer: Viewer, status: str = "") -> QuerySet[Consultation]:
    """The consultations the viewer may see: open ones first (soonest deadline first), then drafts,
    then closed ones (latest first)."""
    qs = policy_for(Consultation).visible(viewer)
    if status in Consultation.Status.values:
        qs = qs.filter(status=status)
    rank = Case(
        When(status=Consultation.Status.OPEN, then=Value(0)),
        When(status=Consultation.Status.DRAFT, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    open_deadline = Case(When(status=Consultation.Status.OPEN, then="deadline"), default=None)
    return qs.annotate(rank=rank, open_deadline=open_deadline).order_by("rank", "open_deadline", "-deadline", "-pk")


def consultation_get(*, viewer: Viewer, pk: Any) -> Consultation:
    return policy_for(Consultation).get(viewer, pk)


def _inputs(viewer: Viewer) -> QuerySet[ConsultationInput]:
    return (
        policy_for(ConsultationInput)
        .visible(viewer)
        .select_related("consultation", "commitment", "member", "contributor", "responded_by")
    )


@dataclass
class ConsultationPage:
    consultation: Consultation
    documents: list[Document]
    inputs: list[ConsultationInput]
    can_submit: bool
    answered: bool

    @property
    def has_synthetic(self) -> bool:
        return self.consultation.is_synthetic or any(i.is_synthetic for i in self.inputs)


def consultation_page(*, viewer: Viewer, consultation: Consultation) -> ConsultationPage:
    """What the consultation's page shows this viewer: the documents and the input they may see."""
    documents = list(policy_for(Document).visible(viewer, consultation.documents.all()).order_by("title", "pk"))
    inputs = list(_inputs(viewer).filter(consultation=consultation).order_by("submitted_at", "pk"))
    answered = viewer.user_id is not None and any(i.contributor_id == viewer.user_id for i in inputs)
    return ConsultationPage(
        consultation=consultation,
        documents=documents,
        inputs=inputs,
        can_submit=policy_for(Consultation).can(viewer, "submit", consultation),
        answered=answered,
    )


def input_list(
    *, viewer: Viewer, consultation_id: int | None = None, on_commitments: bool = False
) -> QuerySet[ConsultationInput]:
    """The input the viewer may see (on consultations and on commitments), oldest first."""
    qs = _inputs(viewer)
    if consultation_id is not None:
        qs = qs.filter(consultation_id=consultation_id)
    if on_commitments:
        qs = qs.filter(commitment__isnull=False)
    return qs.order_by("submitted_at", "pk")


def input_get(*, viewer: Viewer, pk: Any) -> ConsultationInput:
    return policy_for(ConsultationInput).get(viewer, pk, _inputs(viewer))


def inputs_awaiting_response(*, viewer: Viewer) -> tuple[list[ConsultationInput], int] | None:
    """For who responds (the secretariat): input without a response, oldest first, and how many."""
    if not policy_for(ConsultationInput).can(viewer, "respond"):
        return None
    waiting = _inputs(viewer).filter(responded_at__isnull=True).order_by("submitted_at", "pk")
    return list(waiting[:PANEL_SIZE]), waiting.count()


def consultations_past_deadline(*, viewer: Viewer) -> list[Consultation]:
    """For who closes them (the secretariat): open consultations whose deadline has passed."""
    if not policy_for(Consultation).can(viewer, "manage"):
        return []
    qs = policy_for(Consultation).visible(viewer)
    return list(qs.filter(status=Consultation.Status.OPEN, deadline__lte=timezone.now()).order_by("deadline", "pk"))


def consultations_to_answer(*, viewer: Viewer) -> list[Consultation]:
    """Open consultations this viewer may answer, soonest deadline first, each with `answered` (whether
    they sent input already)."""
    policy = cast(ConsultationPolicy, policy_for(Consultation))
    if viewer.user_id is None:
        return []
    mine = ConsultationInput.objects.filter(consultation=OuterRef("pk"), contributor_id=viewer.user_id)
    # What the viewer may answer they see (an open consultation is seen by its audience): the rule alone
    # selects it, without the visibility's grants lookup.
    qs = policy.base_queryset().filter(policy.answerable_q(viewer)).annotate(answered=Exists(mine))
    return list(qs.order_by("deadline", "pk")[:PANEL_SIZE])


EXPORT_HEADERS = [
    "id",
    "consultation",
    "commitment",
    "on behalf of",
    "member",
    "sent by",
    "sent at",
    "input",
    "response",
    "responded by",
    "responded at",
    "synthetic",
]


def input_export_rows(*, viewer: Viewer, consultation_id: int | None = None) -> list[list[Any]]:
    """The rows of an export of the input this viewer may see."""
    rows = []
    for i in input_list(viewer=viewer, consultation_id=consultation_id):
        rows.append(
            [
                i.pk,
                i.consultation.title if i.consultation else "",
                i.commitment.number if i.commitment else "",
                i.organisation,
                i.member.name if i.member else "",
                i.contributor.email,
                i.submitted_at.isoformat(),
                i.text,
                i.response,
                i.responded_by.email if i.responded_by else "",
                i.responded_at.isoformat() if i.responded_at else "",
                i.is_synthetic,
            ]
        )
    return rows
