"""Knowledge: consultations — what this part registers with the core registries."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from hub.core import registry
from hub.core.audit import audit_models
from hub.core.policies import policy_for
from hub.core.registry import SearchDocument
from hub.core.viewer import Viewer
from hub.knowledge.demo.consultations import seed_consultations_lines
from hub.knowledge.models.consultations import Consultation
from hub.knowledge.models.consultations import ConsultationInput
from hub.knowledge.models.consultations import ConsultationReminderSent
from hub.knowledge.selectors.consultations import consultations_past_deadline
from hub.knowledge.selectors.consultations import consultations_to_answer
from hub.knowledge.selectors.consultations import inputs_awaiting_response
from hub.knowledge.services.consultations import reminders_send


def attention_panel(viewer: Viewer) -> dict[str, Any] | None:
    """Open consultations the viewer may answer (with their deadline); for the secretariat, input
    awaiting a response (oldest first) and consultations past their deadline still open."""
    to_answer = consultations_to_answer(viewer=viewer)
    awaiting = inputs_awaiting_response(viewer=viewer)
    past = consultations_past_deadline(viewer=viewer)
    if not (to_answer or (awaiting and awaiting[1]) or past):
        return None
    records: list[Any] = [*to_answer, *(awaiting[0] if awaiting else []), *past]
    return {
        "attention": True,
        "to_answer": to_answer,
        "awaiting": awaiting[0] if awaiting else [],
        "awaiting_total": awaiting[1] if awaiting else 0,
        "past_deadline": past,
        "has_synthetic": any(r.is_synthetic for r in records),
    }


def consultation_document(obj: Consultation) -> SearchDocument | None:
    """A consultation is found by its title and question (drafts are not indexed); input is not."""
    if obj.status == Consultation.Status.DRAFT:
        return None
    return SearchDocument(title=obj.title, summary=obj.question[:300], body=obj.question, year=obj.deadline.year)


def register() -> None:
    registry.dashboard_panel(
        "knowledge.consultations", "knowledge/consultations/panels/attention.html", attention_panel, order=4
    )
    registry.reminders("knowledge.consultations", reminders_send, "{count} consultation reminder(s) queued")
    registry.search_source(
        "consultation",
        label=_("Consultations"),
        model=Consultation,
        document=consultation_document,
        visible=lambda viewer: policy_for(Consultation).visible(viewer),
        rows=lambda: Consultation.objects.all(),
    )
    registry.demo_seed("knowledge.consultations", seed_consultations_lines)
    audit_models(
        Consultation,
        ConsultationInput,
        ConsultationReminderSent,
        m2m_fields={Consultation: ["documents"]},
    )
