"""MNR self-assessment: reading the frameworks, their capabilities across versions, and the phases."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from typing import Any

from django.db.models import F
from django.db.models import Prefetch
from django.db.models import QuerySet

from hub.assessments.models import Capability
from hub.assessments.models import CapabilityMapping
from hub.assessments.models import Framework
from hub.assessments.models import Phase
from hub.core.errors import NotFound
from hub.core.policies import policy_for
from hub.core.viewer import Viewer


def current_framework(viewer: Viewer | None = None) -> Framework | None:
    """The latest published framework version."""
    rows = Framework.objects.filter(status=Framework.Status.PUBLISHED).order_by("-published_at", "-pk")
    return rows.first()


def visible_frameworks(viewer: Viewer) -> Any:
    return policy_for(Framework).visible(viewer).order_by("-published_at", "-code")


def phase_labels() -> dict[int, str]:
    """Phase number -> its label, as the secretariat names it."""
    return dict(Phase.objects.order_by("number").values_list("number", "label"))


def phases() -> list[Phase]:
    return list(Phase.objects.order_by("number"))


def _lineage(framework: Framework) -> list[Framework]:
    chain = [framework]
    seen = {framework.pk}
    while chain[-1].previous_id is not None and chain[-1].previous_id not in seen:
        earlier = Framework.objects.get(pk=chain[-1].previous_id)
        seen.add(earlier.pk)
        chain.append(earlier)
    return chain


def carried_forward(source: Framework, target: Framework) -> dict[int, list[int]]:
    """For each capability of `target`, the capabilities of `source` (an earlier version, or the same)
    its answers carry on from: through each version's mapping to the one before (the same capability,
    split from one, or merged from several). Empty lists where nothing maps."""
    targets = list(Capability.objects.filter(framework=target).values_list("pk", flat=True))
    if source.pk == target.pk:
        return {pk: [pk] for pk in targets}
    chain = _lineage(target)
    if source.pk not in {f.pk for f in chain}:
        return {pk: [] for pk in targets}
    links: dict[int, list[int]] = {}
    for capability_id, predecessor_id in CapabilityMapping.objects.filter(
        capability__framework__in=[f.pk for f in chain]
    ).values_list("capability_id", "predecessor_id"):
        links.setdefault(capability_id, []).append(predecessor_id)
    out: dict[int, list[int]] = {}
    for pk in targets:
        frontier = [pk]
        for framework in chain[1:]:
            frontier = sorted({p for c in frontier for p in links.get(c, [])})
            if framework.pk == source.pk:
                break
        out[pk] = frontier
    return out


# --- the framework pages -------------------------------------------------------------------------


def framework_versions(*, viewer: Viewer) -> QuerySet[Framework]:
    """The versions the viewer sees: the current (latest published) first, then older published ones,
    then drafts (the secretariat's)."""
    return (
        policy_for(Framework)
        .visible(viewer)
        .select_related("previous")
        .order_by(F("published_at").desc(nulls_last=True), "-code")
    )


def framework_get(*, viewer: Viewer, code: str) -> Framework:
    """One version by its code, or NotFound (a draft, for anyone but the secretariat)."""
    found = policy_for(Framework).visible(viewer).filter(code=code).select_related("previous", "published_by").first()
    if found is None:
        raise NotFound()
    return found


def _predecessors(viewer: Viewer) -> Prefetch[Any]:
    links = (
        policy_for(CapabilityMapping)
        .visible(viewer)
        .select_related("predecessor__framework")
        .order_by("predecessor__number")
    )
    return Prefetch("predecessor_links", queryset=links, to_attr="predecessors")


def _successors(viewer: Viewer) -> Prefetch[Any]:
    links = (
        policy_for(CapabilityMapping)
        .visible(viewer)
        .select_related("capability__framework")
        .order_by("capability__framework__code", "capability__number")
    )
    return Prefetch("successor_links", queryset=links, to_attr="successors")


@dataclass
class Domain:
    name: str
    capabilities: list[Capability] = field(default_factory=list)


@dataclass
class FrameworkPage:
    framework: Framework
    domains: list[Domain]
    # Capabilities of the previous version that no capability of this one maps to.
    unmapped: list[Capability]
    is_current: bool

    @property
    def capabilities(self) -> list[Capability]:
        return [c for d in self.domains for c in d.capabilities]


def framework_page(*, viewer: Viewer, framework: Framework) -> FrameworkPage:
    """A version's capabilities by domain (in the order of their numbers), each with the capabilities
    of the previous version it comes from (`predecessors`) and those of later versions the viewer sees
    that come from it (`successors`), and the previous version's capabilities nothing maps to."""
    capabilities = list(
        policy_for(Capability)
        .visible(viewer)
        .filter(framework=framework)
        .order_by("number")
        .prefetch_related(_predecessors(viewer), _successors(viewer))
    )
    domains: dict[str, Domain] = {}
    for c in capabilities:
        domains.setdefault(c.domain, Domain(c.domain)).capabilities.append(c)
    unmapped: list[Capability] = []
    if framework.previous_id is not None:
        mapped = {link.predecessor_id for c in capabilities for link in c.predecessors}  # type: ignore[attr-defined]
        unmapped = [
            c
            for c in policy_for(Capability)
            .visible(viewer)
            .filter(framework_id=framework.previous_id)
            .order_by("number")
            if c.pk not in mapped
        ]
    current = current_framework()
    return FrameworkPage(
        framework=framework,
        domains=list(domains.values()),
        unmapped=unmapped,
        is_current=current is not None and current.pk == framework.pk,
    )


def phase_get(*, number: int) -> Phase:
    """One phase by its number (1 to 4), or NotFound."""
    found = Phase.objects.filter(number=number).first()
    if found is None:
        raise NotFound()
    return found
