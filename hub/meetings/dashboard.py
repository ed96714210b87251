"""The meetings app's dashboard panels.

"Needs your attention": action items of the viewer's members (and the secretariat's own) due within two
weeks or overdue; meetings to come the viewer's members are invited to, with their papers; for the
secretariat, outside input without a response, overdue action items by owner and the cadence warning;
for a reference-group contributor, what is open to their input and what they sent.
Below it, the ways into meetings, action items and the calendar feed.
"""

from __future__ import annotations

from typing import Any

from hub.core.policies import policy_for
from hub.core.viewer import Viewer
from hub.meetings.models import OutsideInput
from hub.meetings.selectors import action_items_due
from hub.meetings.selectors import cadence_warnings
from hub.meetings.selectors import contributor_desk
from hub.meetings.selectors import outside_input_awaiting_response
from hub.meetings.selectors import overdue_action_items_by_owner
from hub.meetings.selectors import upcoming_invited_meetings


def attention_panel(viewer: Viewer) -> dict[str, Any] | None:
    actions = action_items_due(viewer=viewer)
    meetings = upcoming_invited_meetings(viewer=viewer)
    inputs = outside_input_awaiting_response(viewer=viewer)
    overdue = overdue_action_items_by_owner(viewer=viewer) or []
    cadence = cadence_warnings(viewer=viewer)
    desk = contributor_desk(viewer=viewer)
    if not (actions or meetings or (inputs and inputs[1]) or overdue or cadence or desk):
        return None
    records: list[Any] = [*actions, *meetings, *(inputs[0] if inputs else [])]
    return {
        "attention": True,
        "actions": actions,
        "meetings": meetings,
        "inputs": inputs[0] if inputs else [],
        "inputs_total": inputs[1] if inputs else 0,
        "overdue_by_owner": overdue,
        "overdue_total": sum(o.count for o in overdue),
        "cadence": cadence,
        "desk": desk,
        "has_synthetic": any(r.is_synthetic for r in records),
    }


def actions_panel(viewer: Viewer) -> dict[str, Any] | None:
    """The ways into meetings, action items and the calendar feed (not for a contributor from outside
    the taskforce, who reaches only what is open to their input)."""
    if policy_for(OutsideInput).can(viewer, "contribute_as_outsider"):
        return None
    return {}
