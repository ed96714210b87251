"""Who sees and does what in the document library.

Seeing follows the four levels (SPEC §2), with the author member as the owning member: public,
taskforce, member (the author member's officials and the secretariat), secretariat; plus record-level
grants. A withdrawn document is the secretariat's alone (its file and its history are kept).

Uploading: the secretariat, at any level and for any author member (or none); a member's officials,
for their own member only (one they may write for), at member or taskforce level: publishing to the
public is the secretariat's decision. Editing the details, replacing the file and withdrawing: the
author member's officials (while it may write) and the secretariat, within the same limits.
"""

from __future__ import annotations

from django.db.models import Q

from hub.core.models import Visibility
from hub.core.policies import Policy
from hub.core.policies import policy_for
from hub.core.policies import register
from hub.core.policies import register_navigation
from hub.core.viewer import Viewer
from hub.knowledge.models.documents import Document

# The levels a member official may give a document of their own member.
MEMBER_LEVELS = (Visibility.MEMBER, Visibility.TASKFORCE)


@register(Document)
class DocumentPolicy(Policy[Document]):
    owner_field = "author_member_id"
    uses_grants = True

    def extra_q(self, viewer: Viewer) -> Q:
        """Withdrawn documents are hidden from all but the secretariat."""
        return Q(withdrawn_at__isnull=True)

    def can_browse(self, viewer: Viewer, obj: Document | None) -> bool:
        """Anyone may open the library (each sees the documents their level allows)."""
        return True

    def can_upload(self, viewer: Viewer, obj: Document | None) -> bool:
        """The secretariat, and officials of a member that may write."""
        if viewer.is_secretariat:
            return True
        return bool(viewer.write_member_ids)

    def can_choose_any_level(self, viewer: Viewer, obj: Document | None) -> bool:
        """Public and secretariat-only documents are the secretariat's to give."""
        return viewer.is_secretariat

    def can_file_at_level(self, viewer: Viewer, obj: Document | None) -> bool:
        """The document's level is one this viewer may give (`obj` with the level asked for)."""
        if viewer.is_secretariat:
            return True
        if obj is None:
            return False
        return obj.visibility in MEMBER_LEVELS

    def can_file_for_member(self, viewer: Viewer, obj: Document | None) -> bool:
        """The document's author member is one this viewer may write for (`obj` with the member asked for)."""
        if viewer.is_secretariat:
            return True
        if obj is None:
            return False
        return obj.author_member_id in viewer.write_member_ids

    def can_edit(self, viewer: Viewer, obj: Document | None) -> bool:
        """Change the details or replace the file: the author member's officials and the secretariat,
        while the document is not withdrawn."""
        if obj is None:
            return False
        if obj.withdrawn_at is not None:
            return False
        if viewer.is_secretariat:
            return True
        return obj.author_member_id in viewer.write_member_ids

    def can_replace_file(self, viewer: Viewer, obj: Document | None) -> bool:
        return self.can_edit(viewer, obj)

    def can_withdraw(self, viewer: Viewer, obj: Document | None) -> bool:
        return self.can_edit(viewer, obj)

    def can_see_attention(self, viewer: Viewer, obj: Document | None) -> bool:
        """The secretariat's dashboard lists the documents whose text could not be read."""
        return viewer.is_secretariat


register_navigation("library", lambda viewer: policy_for(Document).can(viewer, "browse"))
