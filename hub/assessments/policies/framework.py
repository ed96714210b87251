"""MNR self-assessment: who sees and does what with capability frameworks and maturity phases.

- A published framework, its capabilities and the phases are reference data: everyone reads them.
  A draft framework is seen by the secretariat only.
- The secretariat loads a new framework version (with its mapping to the one before), publishes it,
  and names and describes the phases.
"""

from __future__ import annotations

from django.db.models import Q

from hub.assessments.models import Capability
from hub.assessments.models import CapabilityMapping
from hub.assessments.models import Framework
from hub.assessments.models import Phase
from hub.core.policies import Policy
from hub.core.policies import register
from hub.core.policies import register_follows_parent
from hub.core.viewer import Viewer


@register(Framework)
class FrameworkPolicy(Policy[Framework]):
    uses_grants = False

    def visible_q(self, viewer: Viewer) -> Q:
        if viewer.is_secretariat:
            return Q()
        return Q(status=Framework.Status.PUBLISHED)

    def can_browse(self, viewer: Viewer, obj: Framework | None) -> bool:
        """The frameworks are reference data, open to everyone."""
        return True

    def can_load(self, viewer: Viewer, obj: Framework | None) -> bool:
        """The secretariat loads a new framework version from a file."""
        return viewer.is_secretariat

    def can_publish(self, viewer: Viewer, obj: Framework | None) -> bool:
        """The secretariat publishes a draft version, once."""
        if obj is not None and obj.is_published:
            return False
        return viewer.is_secretariat


register_follows_parent(Capability, Framework, "framework")
register_follows_parent(CapabilityMapping, Capability, "capability")


@register(Phase)
class PhasePolicy(Policy[Phase]):
    uses_grants = False

    def visible_q(self, viewer: Viewer) -> Q:
        return Q()

    def can_edit(self, viewer: Viewer, obj: Phase | None) -> bool:
        """The secretariat names the phases and edits their descriptions."""
        return viewer.is_secretariat
