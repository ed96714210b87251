"""Knowledge: documents (policies).

A minimal policy written by the consultations part so that a consultation's documents are shown
through the policy layer: a document follows its visibility, its author member owning "member" ones.
The documents part replaces it with its own."""

from __future__ import annotations

from hub.core.policies import Policy
from hub.core.policies import register
from hub.knowledge.models.documents import Document


@register(Document)
class DocumentPolicy(Policy[Document]):
    owner_field = "author_member_id"
