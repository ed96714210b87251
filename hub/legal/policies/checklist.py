"""Legal frameworks: who sees and does what with the model checklist.

- A published checklist version and its provisions are public reference data: everyone sees them.
- A draft version (being prepared) is seen by the secretariat only, which alone loads and publishes.
"""

from __future__ import annotations

from django.db.models import Q

from hub.core.policies import RulesPolicy
from hub.core.policies import register
from hub.core.policies import register_follows_parent
from hub.core.viewer import Viewer
from hub.legal.models import ChecklistVersion
from hub.legal.models import Provision
from hub.legal.models import ProvisionMapping


@register(ChecklistVersion)
class ChecklistVersionPolicy(RulesPolicy[ChecklistVersion]):
    def rule_q(self, viewer: Viewer) -> Q:
        return Q(status=ChecklistVersion.Status.PUBLISHED)

    def can_browse(self, viewer: Viewer, obj: ChecklistVersion | None) -> bool:
        """The checklist is open to everyone."""
        return True

    def can_load(self, viewer: Viewer, obj: ChecklistVersion | None) -> bool:
        """Load a new version from a file (a draft until published)."""
        return viewer.is_secretariat

    def can_publish(self, viewer: Viewer, obj: ChecklistVersion | None) -> bool:
        if obj is None:
            return False
        if obj.status != ChecklistVersion.Status.DRAFT:
            return False
        return viewer.is_secretariat


register_follows_parent(Provision, ChecklistVersion, "version")
register_follows_parent(ProvisionMapping, Provision, "provision")
