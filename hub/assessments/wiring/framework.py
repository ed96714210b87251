"""MNR self-assessment: framework — what this part registers with the core registries."""

from __future__ import annotations

from hub.assessments.models import AccessLogEntry
from hub.assessments.models import Answer
from hub.assessments.models import Assessment
from hub.assessments.models import AssessmentCycle
from hub.assessments.models import Capability
from hub.assessments.models import CapabilityMapping
from hub.assessments.models import Exchange
from hub.assessments.models import Framework
from hub.assessments.models import Phase
from hub.assessments.services.framework import reference_capabilities_load
from hub.assessments.services.framework import reference_phases_load
from hub.core import registry
from hub.core.audit import audit_models


def register() -> None:
    audit_models(
        Framework, Capability, CapabilityMapping, Phase, AssessmentCycle, Assessment, Answer, Exchange, AccessLogEntry
    )
    registry.reference_table("mnr_capabilities", reference_capabilities_load)
    registry.reference_table("maturity_phases", reference_phases_load)
