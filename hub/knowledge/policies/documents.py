"""Knowledge: documents (policies).

TEMPORARY (branch k-practices): a minimal visibility-following policy so that good practices can list
the documents a viewer may attach and see; the documents part's own policy replaces it at merge."""

from __future__ import annotations

from hub.core.policies import Policy
from hub.core.policies import register
from hub.knowledge.models import Document


@register(Document)
class DocumentPolicy(Policy[Document]):
    """Standard visibility levels; the author member owns member-level documents."""

    owner_field = "author_member_id"
    uses_grants = False
