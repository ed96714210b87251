"""Legal frameworks: reads of the model checklist, always from the policies' visible querysets (a
draft version, and its provisions and mappings, are the secretariat's)."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from typing import Any

from django.db.models import F
from django.db.models import Prefetch
from django.db.models import QuerySet

from hub.core.errors import NotFound
from hub.core.policies import policy_for
from hub.core.viewer import Viewer
from hub.legal.models import ChecklistVersion
from hub.legal.models import Provision
from hub.legal.models import ProvisionMapping
from hub.legal.models.checklist import Group
from hub.legal.selectors.codings import current_version

__all__ = [
    "ProvisionGroup",
    "ChecklistPage",
    "ProvisionPage",
    "checklist_versions",
    "checklist_version_get",
    "checklist_page",
    "provision_page",
    "current_version",
]


def checklist_versions(*, viewer: Viewer) -> QuerySet[ChecklistVersion]:
    """The versions the viewer sees: the current (latest published) first, then older published ones,
    then drafts (the secretariat's)."""
    return (
        policy_for(ChecklistVersion)
        .visible(viewer)
        .select_related("previous")
        .order_by(F("published_at").desc(nulls_last=True), "-code")
    )


def checklist_version_get(*, viewer: Viewer, code: str) -> ChecklistVersion:
    """One version by its code, or NotFound (a draft, for anyone but the secretariat)."""
    policy = policy_for(ChecklistVersion)
    version = policy.visible(viewer).filter(code=code).select_related("previous", "published_by").first()
    if version is None:
        raise NotFound()
    return version


def _predecessors(viewer: Viewer) -> Any:
    links = (
        policy_for(ProvisionMapping)
        .visible(viewer)
        .select_related("predecessor__version")
        .order_by("predecessor__position")
    )
    return Prefetch("predecessor_links", queryset=links, to_attr="predecessors")


def _successors(viewer: Viewer) -> Any:
    links = (
        policy_for(ProvisionMapping)
        .visible(viewer)
        .select_related("provision__version")
        .order_by("provision__version__code", "provision__position")
    )
    return Prefetch("successor_links", queryset=links, to_attr="successors")


@dataclass
class ProvisionGroup:
    value: str
    label: str
    provisions: list[Provision] = field(default_factory=list)


@dataclass
class ChecklistPage:
    version: ChecklistVersion
    groups: list[ProvisionGroup]
    # Provisions of the previous version that no provision of this one maps to.
    unmapped: list[Provision]
    is_current: bool

    @property
    def provisions(self) -> list[Provision]:
        return [p for g in self.groups for p in g.provisions]


def _grouped(provisions: list[Provision]) -> list[ProvisionGroup]:
    groups = {value: ProvisionGroup(value, str(label)) for value, label in Group.choices}
    for p in provisions:
        groups[p.group].provisions.append(p)
    return [g for g in groups.values() if g.provisions]


def checklist_page(*, viewer: Viewer, version: ChecklistVersion) -> ChecklistPage:
    """A version's provisions by group (in the checklist's order), each with what it maps to in the
    previous version (`predecessors`), and the previous version's provisions nothing maps to."""
    provisions = list(
        policy_for(Provision)
        .visible(viewer)
        .filter(version=version)
        .order_by("position")
        .prefetch_related(_predecessors(viewer))
    )
    unmapped: list[Provision] = []
    if version.previous_id is not None:
        mapped = {link.predecessor_id for p in provisions for link in p.predecessors}  # type: ignore[attr-defined]
        unmapped = [
            p
            for p in policy_for(Provision).visible(viewer).filter(version_id=version.previous_id).order_by("position")
            if p.pk not in mapped
        ]
    current = current_version()
    return ChecklistPage(
        version=version,
        groups=_grouped(provisions),
        unmapped=unmapped,
        is_current=current is not None and current.pk == version.pk,
    )


@dataclass
class ProvisionPage:
    provision: Provision
    predecessors: list[ProvisionMapping]
    successors: list[ProvisionMapping]


def provision_page(*, viewer: Viewer, version: ChecklistVersion, code: str) -> ProvisionPage:
    """One provision of a version with the earlier provisions it comes from and the later ones that
    come from it (those of versions the viewer sees), or NotFound."""
    policy = policy_for(Provision)
    provision = (
        policy.visible(viewer)
        .filter(version=version, code=code)
        .select_related("version")
        .prefetch_related(_predecessors(viewer), _successors(viewer))
        .first()
    )
    if provision is None:
        raise NotFound()
    return ProvisionPage(
        provision=provision,
        predecessors=list(provision.predecessors),  # type: ignore[attr-defined]
        successors=list(provision.successors),  # type: ignore[attr-defined]
    )
