"""Legal frameworks: who imports and exports codings and statutes.

- The secretariat alone imports codings and statutes (CSV or XLSX): for everyone else the import page,
  its API and its templates are not there (404).
- Everyone who may browse legal profiles exports them; an export holds what its viewer sees (the
  profiles, statutes and codings visible to them), no more.

Imports and exports have no record of their own, so this policy stands alone (like the platform's).
"""

from __future__ import annotations

from typing import Any

from hub.core.policies import policy_for
from hub.core.policies import register_navigation
from hub.core.viewer import Viewer
from hub.legal.models import LegalProfile


class LegalIoPolicy:
    def can(self, viewer: Viewer, action: str, obj: Any = None) -> bool:
        check = getattr(self, f"can_{action}", None)
        if check is None:
            raise ValueError(f"{type(self).__name__} knows no action {action!r}")
        return bool(check(viewer, obj))

    def can_import(self, viewer: Viewer, obj: Any = None) -> bool:
        """The secretariat imports codings and statutes."""
        return viewer.is_secretariat

    def can_export(self, viewer: Viewer, obj: Any = None) -> bool:
        """Whoever may browse legal profiles exports what they see."""
        return policy_for(LegalProfile).can(viewer, "browse")


legal_io = LegalIoPolicy()
# Templates link to the import page with `nav.legal_import`.
register_navigation("legal_import", lambda viewer: legal_io.can(viewer, "import"))
