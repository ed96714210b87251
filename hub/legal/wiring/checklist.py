"""Legal frameworks: checklist — what this part registers with the core registries."""

from __future__ import annotations

from hub.core import registry
from hub.core.audit import audit_models
from hub.legal.models import ChecklistVersion
from hub.legal.models import Provision
from hub.legal.models import ProvisionMapping
from hub.legal.services.checklist import reference_checklist_load


def register() -> None:
    audit_models(ChecklistVersion, Provision, ProvisionMapping)
    registry.reference_table("model_checklist", reference_checklist_load)
