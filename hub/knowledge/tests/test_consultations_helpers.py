"""Helpers shared by the consultations tests (no tests here): consultations built through the services."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from conftest import as_viewer
from hub.knowledge.models.consultations import Consultation
from hub.knowledge.models.consultations import ConsultationInput
from hub.knowledge.services.consultations import ConsultationData
from hub.knowledge.services.consultations import consultation_create
from hub.knowledge.services.consultations import consultation_open
from hub.knowledge.services.consultations import input_submit

ORG = "Civil society reference group"


def draft(secretariat: Any, *, days: int = 21, **values: Any) -> Consultation:
    data = {
        "title": "Consultation on safety by design",
        "question": "What should the next statement ask of online services?",
        "deadline": timezone.now() + datetime.timedelta(days=days),
        **values,
    }
    return consultation_create(viewer=as_viewer(secretariat), data=ConsultationData(**data))


def opened(secretariat: Any, **values: Any) -> Consultation:
    return consultation_open(viewer=as_viewer(secretariat), consultation=draft(secretariat, **values))


def answer(person: Any, consultation: Consultation, text: str = "Our input.", **extra: Any) -> ConsultationInput:
    if "member_id" not in extra:
        extra.setdefault("organisation", ORG)
    return input_submit(viewer=as_viewer(person), consultation=consultation, text=text, **extra)
