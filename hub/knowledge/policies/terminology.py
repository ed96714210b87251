"""Knowledge: who sees and does what with the glossary.

The glossary is public reference data: everyone sees the terms in use, and anyone may run the
terminology check (it stores nothing). The secretariat alone adds and edits terms, and takes a term
out of use (never deletes it); it also sees the terms taken out of use."""

from __future__ import annotations

from django.db.models import Q

from hub.core.policies import RulesPolicy
from hub.core.policies import policy_for
from hub.core.policies import register
from hub.core.policies import register_navigation
from hub.core.viewer import Viewer
from hub.knowledge.models.terminology import GlossaryTerm


@register(GlossaryTerm)
class GlossaryTermPolicy(RulesPolicy[GlossaryTerm]):
    """Everyone sees the terms in use; the secretariat sees every term and keeps the glossary."""

    def rule_q(self, viewer: Viewer) -> Q:
        return Q(is_active=True)

    def can_check(self, viewer: Viewer, obj: GlossaryTerm | None) -> bool:
        """Anyone may check a text: the check reads the glossary and stores nothing."""
        return True

    def can_add(self, viewer: Viewer, obj: GlossaryTerm | None) -> bool:
        return viewer.is_secretariat

    def can_edit(self, viewer: Viewer, obj: GlossaryTerm | None) -> bool:
        return viewer.is_secretariat

    def can_deactivate(self, viewer: Viewer, obj: GlossaryTerm | None) -> bool:
        """Take a term in use out of use (it stays, out of the glossary and the check)."""
        if obj is None:
            return False
        if not viewer.is_secretariat:
            return False
        return obj.is_active

    def can_activate(self, viewer: Viewer, obj: GlossaryTerm | None) -> bool:
        """Put a term taken out of use back into use."""
        if obj is None:
            return False
        if not viewer.is_secretariat:
            return False
        return not obj.is_active


register_navigation("glossary_manage", lambda viewer: policy_for(GlossaryTerm).can(viewer, "add"))
