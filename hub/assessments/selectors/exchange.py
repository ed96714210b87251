"""MNR self-assessment: reads of consent-based exchanges, always from the policy's visible queryset.

A member's phase for a capability is read here for the other side of an accepted exchange only (the
policy's `can_see_peer`), from its latest submitted or acknowledged assessment, never a draft.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from typing import cast

from django.db.models import Q
from django.db.models import QuerySet

from hub.assessments.models import Answer
from hub.assessments.models import Assessment
from hub.assessments.models import Capability
from hub.assessments.models import Exchange
from hub.assessments.policies.exchange import ExchangePolicy
from hub.assessments.selectors.framework import current_framework
from hub.core.policies import policy_for
from hub.core.viewer import Viewer
from hub.members.models import Member
from hub.members.selectors import member_list

OPEN = (Exchange.Status.PENDING, Exchange.Status.ACCEPTED)


def _policy() -> ExchangePolicy:
    return cast(ExchangePolicy, policy_for(Exchange))


def _related(qs: QuerySet[Exchange]) -> QuerySet[Exchange]:
    return qs.select_related("capability__framework", "initiator", "counterpart")


def exchange_list(*, viewer: Viewer, status: str = "") -> QuerySet[Exchange]:
    """The exchanges the viewer may see (its members', proposed by them or to them), newest first."""
    qs = _related(_policy().visible(viewer))
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-pk")


def exchange_get(*, viewer: Viewer, pk: Any) -> Exchange:
    """The exchange, or NotFound when it does not exist or the viewer's members are not party to it."""
    return _policy().get(viewer, pk, _related(Exchange.objects.all()))


def awaiting_answer(*, viewer: Viewer) -> QuerySet[Exchange]:
    """Pending exchanges proposed to a member the viewer answers for, oldest first (one query)."""
    ids = _policy().acting_for_ids(viewer)
    if not ids:
        return Exchange.objects.none()
    qs = _policy().visible(viewer).filter(status=Exchange.Status.PENDING, counterpart_id__in=ids)
    return _related(qs).order_by("created_at", "pk")


def proposing_members(*, viewer: Viewer) -> list[Member]:
    """The members the viewer may propose an exchange for, by name."""
    ids = _policy().acting_for_ids(viewer)
    return list(Member.objects.filter(pk__in=ids).order_by("name"))


def counterpart_choices(*, viewer: Viewer) -> list[Member]:
    """Every active member the viewer may see, by name (names only: never a phase)."""
    return list(member_list(viewer=viewer).filter(status=Member.Status.ACTIVE).order_by("name"))


def capability_choices() -> list[Capability]:
    """The capabilities of the current framework version, by number."""
    framework = current_framework()
    if framework is None:
        return []
    return list(Capability.objects.filter(framework=framework).order_by("number"))


def latest_phases(member_ids: Iterable[int], capability_ids: Iterable[int]) -> dict[tuple[int, int], int]:
    """(member, capability) -> the phase the member gave it in its latest submitted or acknowledged
    assessment answering it (never a draft). One query. Callers show it only where the policy's
    `can_see_peer` allows (an accepted exchange on that capability)."""
    members, caps = sorted(set(member_ids)), sorted(set(capability_ids))
    if not members or not caps:
        return {}
    rows = (
        Answer.objects.filter(assessment__member_id__in=members, capability_id__in=caps, phase__isnull=False)
        .exclude(assessment__status=Assessment.Status.DRAFT)
        .order_by("-assessment__cycle__opens_on", "-assessment__cycle_id")
        .values_list("assessment__member_id", "capability_id", "phase")
    )
    out: dict[tuple[int, int], int] = {}
    for member_id, capability_id, phase in rows:
        if phase is not None:
            out.setdefault((member_id, capability_id), phase)
    return out


@dataclass(frozen=True)
class ExchangeSide:
    member: Member
    phase: int | None


@dataclass(frozen=True)
class ExchangePage:
    exchange: Exchange
    consented: bool
    sides: list[ExchangeSide]  # empty unless both consented


def exchange_page(*, viewer: Viewer, pk: Any) -> ExchangePage:
    """One exchange; both members' phases for its capability once both consented, none before."""
    exchange = exchange_get(viewer=viewer, pk=pk)
    if not _policy().can(viewer, "see_peer", exchange):
        return ExchangePage(exchange=exchange, consented=False, sides=[])
    members = [exchange.initiator, exchange.counterpart]
    phases = latest_phases([m.pk for m in members], [exchange.capability_id])
    sides = [ExchangeSide(member=m, phase=phases.get((m.pk, exchange.capability_id))) for m in members]
    return ExchangePage(exchange=exchange, consented=True, sides=sides)


def peers_consented(*, viewer: Viewer, member_id: int, capability_ids: Iterable[int]) -> list[Exchange]:
    """The accepted exchanges of a member on these capabilities that the viewer may see the other
    side of (for the member's gap view; one query). Pending, declined and withdrawn ones never."""
    party = Q(initiator_id=member_id) | Q(counterpart_id=member_id)
    qs = (
        _policy().visible(viewer).filter(party, status=Exchange.Status.ACCEPTED, capability_id__in=list(capability_ids))
    )
    qs = qs.exclude(initiator__status=Member.Status.WITHDRAWN).exclude(counterpart__status=Member.Status.WITHDRAWN)
    return [e for e in _related(qs).order_by("pk") if _policy().can(viewer, "see_peer", e)]
