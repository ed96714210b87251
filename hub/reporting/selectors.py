from __future__ import annotations

from django.db.models import QuerySet

from hub.core.policies import policy_for
from hub.core.viewer import Viewer
from hub.reporting.models import Commitment


def commitment_list(*, viewer: Viewer) -> QuerySet[Commitment]:
    return policy_for(Commitment).visible(viewer).order_by("number")
