"""MNR self-assessment: who sees and does what with a consent-based exchange.

- An exchange is seen by the officials of its two members and the secretariat, nobody else.
- A member's officials (who may write for it) propose one to another member; the other member's
  officials accept or decline a pending one, once; either side withdraws its consent while it is
  pending or accepted.
- Only an accepted exchange shows either member the other's name and phase for that capability.
"""

from __future__ import annotations

from django.db.models import Q

from hub.assessments.models import AggregateRelease
from hub.assessments.models import Exchange
from hub.core.policies import NOTHING
from hub.core.policies import Policy
from hub.core.policies import register
from hub.core.viewer import Viewer
from hub.members.models import Member


@register(Exchange)
class ExchangePolicy(Policy[Exchange]):
    uses_grants = False

    def visible_q(self, viewer: Viewer) -> Q:
        if viewer.is_secretariat:
            return Q()
        if not viewer.member_ids:
            return NOTHING
        return Q(initiator_id__in=viewer.member_ids) | Q(counterpart_id__in=viewer.member_ids)

    def acting_for_ids(self, viewer: Viewer) -> frozenset[int]:
        """The members the viewer may propose for, answer for or withdraw for (those it may write for)."""
        return frozenset(viewer.write_member_ids)

    def can_propose(self, viewer: Viewer, obj: Exchange | None) -> bool:
        """A member official who may write for a member proposes an exchange for it."""
        return bool(viewer.write_member_ids)

    def can_act_as_counterpart(self, viewer: Viewer, obj: Exchange | None) -> bool:
        """The member asked (its officials who may write for it) is the one that answers, whatever
        the exchange's state; anyone else asking to answer is told it cannot (404)."""
        if obj is None:
            return False
        return obj.counterpart_id in viewer.write_member_ids

    def can_answer(self, viewer: Viewer, obj: Exchange | None) -> bool:
        """The other side's officials accept or decline a pending exchange, once."""
        if obj is None:
            return False
        if obj.status != Exchange.Status.PENDING:
            return False
        return obj.counterpart_id in viewer.write_member_ids

    def can_act_as_party(self, viewer: Viewer, obj: Exchange | None) -> bool:
        """An official who may write for either member of the exchange, whatever its state."""
        if obj is None:
            return False
        return obj.initiator_id in viewer.write_member_ids or obj.counterpart_id in viewer.write_member_ids

    def can_withdraw(self, viewer: Viewer, obj: Exchange | None) -> bool:
        """Either side withdraws its consent while the exchange is pending or accepted."""
        if obj is None:
            return False
        if obj.status not in (Exchange.Status.PENDING, Exchange.Status.ACCEPTED):
            return False
        return obj.initiator_id in viewer.write_member_ids or obj.counterpart_id in viewer.write_member_ids

    def can_speak_for_initiator(self, viewer: Viewer, obj: Exchange | None) -> bool:
        """The viewer belongs to the member that proposed the exchange (the other side is the one asked)."""
        return obj is not None and obj.initiator_id in viewer.member_ids

    def can_speak_for_counterpart(self, viewer: Viewer, obj: Exchange | None) -> bool:
        """The viewer belongs to the member the exchange was proposed to."""
        return obj is not None and obj.counterpart_id in viewer.member_ids

    def can_see_peer(self, viewer: Viewer, obj: Exchange | None) -> bool:
        """The other member's phase for the capability: both sides, once both consented (and the
        secretariat, which reads every assessment anyway, on a member's gap view)."""
        if obj is None or not obj.is_consented:
            return False
        if viewer.is_secretariat:
            return True
        if Member.Status.WITHDRAWN in (obj.initiator.status, obj.counterpart.status):
            return False  # a withdrawn member's records are the secretariat's alone
        return obj.initiator_id in viewer.member_ids or obj.counterpart_id in viewer.member_ids


@register(AggregateRelease)
class AggregateReleasePolicy(Policy[AggregateRelease]):
    """The disclosure control's memory of the member sets it has shown: read by the selector alone,
    never shown to anyone (not even the secretariat: it names who took part in a cell)."""

    uses_grants = False

    def visible_q(self, viewer: Viewer) -> Q:
        return NOTHING
