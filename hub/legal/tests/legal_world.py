"""Shared helpers for the legal frameworks' tests: the checklist, profiles and codings built through
our own services (so audit, history and policy code run)."""

from __future__ import annotations

from typing import Any

from conftest import as_viewer
from hub.legal.models import ChecklistVersion
from hub.legal.models import Coding
from hub.legal.models import LegalProfile
from hub.legal.models import Provision
from hub.legal.services.checklist import reference_checklist_load
from hub.legal.services.codings import CodingInput
from hub.legal.services.codings import coding_record
from hub.legal.services.profiles import profile_open
from hub.members.models import Member


def checklist() -> ChecklistVersion:
    """Version 2026-1, loaded from reference/model_checklist.csv."""
    reference_checklist_load()
    return ChecklistVersion.objects.get(code="2026-1")


def provision(code: str, version: str = "2026-1") -> Provision:
    return Provision.objects.get(version__code=version, code=code)


def profile_for(member: Member, secretariat: Any) -> LegalProfile:
    return profile_open(viewer=as_viewer(secretariat), member_id=member.pk)


def code(
    profile: LegalProfile,
    provision_code: str,
    status: str,
    secretariat: Any,
    *,
    verified: bool = True,
    pinpoint: str = "s. 1",
    reason: str = "",
    version: str | None = None,
) -> Coding:
    return coding_record(
        viewer=as_viewer(secretariat),
        profile_id=profile.pk,
        provision_id=provision(provision_code).pk,
        data=CodingInput(status=status, pinpoint=pinpoint, verified=verified, reason=reason, rationale="Test."),
        version=version,
    )
