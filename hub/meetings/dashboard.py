"""The meetings app's dashboard panel: your open action items, and the meeting cadence for the secretariat."""

from __future__ import annotations

from typing import Any

from hub.core.viewer import Viewer
from hub.meetings.models import ActionItem
from hub.meetings.selectors import ActionFilters
from hub.meetings.selectors import action_item_list
from hub.meetings.selectors import cadence_warnings


def actions_panel(viewer: Viewer) -> dict[str, Any]:
    my_actions = list(
        action_item_list(viewer=viewer, filters=ActionFilters(mine=True)).exclude(status__in=ActionItem.CLOSED)[:10]
    )
    return {
        "my_actions": my_actions,
        "cadence": cadence_warnings(viewer=viewer),
        "has_synthetic": any(a.is_synthetic for a in my_actions),
    }
