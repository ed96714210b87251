"""MNR self-assessment: reading the frameworks, their capabilities across versions, and the phases."""

from __future__ import annotations

from typing import Any

from hub.assessments.models import Capability
from hub.assessments.models import CapabilityMapping
from hub.assessments.models import Framework
from hub.assessments.models import Phase
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
