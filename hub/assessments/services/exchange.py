"""MNR self-assessment: the consent-based exchange between two members on one capability.

A member's official proposes (offers or requests) an exchange to another active member on a
capability of the current framework; the other member's officials accept or decline it, once (of two
answers one wins, the other is a 409); either side withdraws its consent while it is pending or
accepted. Only an accepted exchange shows either member the other's phase for that capability
(hub/assessments/selectors). Each step tells the other side's focal point by e-mail.
"""

from __future__ import annotations

from typing import Any
from typing import cast

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.assessments.models import Capability
from hub.assessments.models import Exchange
from hub.assessments.policies.exchange import ExchangePolicy
from hub.assessments.selectors.exchange import OPEN
from hub.assessments.selectors.framework import current_framework
from hub.core.audit import acting_as
from hub.core.concurrency import changed_meanwhile
from hub.core.concurrency import locked
from hub.core.concurrency import unique_or_conflict
from hub.core.errors import Conflict
from hub.core.errors import NotFound
from hub.core.errors import Problem
from hub.core.errors import raise_problems
from hub.core.policies import policy_for
from hub.core.tasks import email_after_commit
from hub.core.validation import full_clean
from hub.core.viewer import Viewer
from hub.members.models import Member
from hub.members.models import Role

MESSAGE_MAX = 2000


def _policy() -> ExchangePolicy:
    return cast(ExchangePolicy, policy_for(Exchange))


def _as_int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def exchange_propose(
    *,
    viewer: Viewer,
    member_id: Any,
    counterpart_id: Any,
    capability_id: Any,
    kind: str,
    message: str = "",
    via: str = "web",
) -> Exchange:
    """Propose an exchange for one of the viewer's members to another active member, on a capability
    of the current framework. Bad input is named by its field (member, counterpart, capability, kind,
    message) and changes nothing; an exchange already open between the two on that capability, in
    either direction, is a 409."""
    policy = _policy()
    policy.require(viewer, "propose", message=_("Only a member's officials propose an exchange."))
    problems: list[Problem] = []
    own_id, other_id, cap_id = _as_int(member_id), _as_int(counterpart_id), _as_int(capability_id)
    member = None
    if own_id is None or own_id not in policy.acting_for_ids(viewer):
        problems.append(Problem(_("Choose a member you act for."), field="member"))
    else:
        member = Member.objects.get(pk=own_id)
    counterpart = Member.objects.filter(pk=other_id, status=Member.Status.ACTIVE).first() if other_id else None
    if other_id is not None and other_id == own_id:
        problems.append(
            Problem(_("Choose another member: a member does not exchange with itself."), field="counterpart")
        )
    elif counterpart is None:
        problems.append(Problem(_("Choose an active member of the taskforce."), field="counterpart"))
    framework = current_framework()
    capability = Capability.objects.filter(pk=cap_id, framework=framework).first() if cap_id and framework else None
    if capability is None:
        problems.append(Problem(_("Choose a capability of the current framework version."), field="capability"))
    if kind not in Exchange.Kind.values:
        problems.append(Problem(_("Choose whether you offer or request the exchange."), field="kind"))
    if len(message or "") > MESSAGE_MAX:
        problems.append(Problem(_("Keep the message within %(n)s characters.") % {"n": MESSAGE_MAX}, field="message"))
    raise_problems(problems, _("The exchange was not proposed."))
    if member is None or counterpart is None or capability is None:  # pragma: no cover - named above
        raise NotFound()
    already = _("An exchange between these two members on this capability is already open.")
    with unique_or_conflict(already, field="capability"), transaction.atomic(), acting_as(viewer.user, via=via):
        locked(member)
        pair = Q(initiator=member, counterpart=counterpart) | Q(initiator=counterpart, counterpart=member)
        if Exchange.objects.filter(pair, capability=capability, status__in=OPEN).exists():
            raise Conflict(already, problems=[Problem(_("Open the existing exchange instead."), field="capability")])
        exchange = Exchange(
            capability=capability,
            initiator=member,
            counterpart=counterpart,
            kind=kind,
            message=(message or "").strip(),
            created_by=viewer.user,
            is_synthetic=member.is_synthetic or counterpart.is_synthetic,
        )
        full_clean(exchange)
        exchange.save()
        _tell(exchange, to=counterpart, step="proposed")
    return exchange


def _answer(viewer: Viewer, exchange_id: Any, status: str, via: str) -> Exchange:
    policy = _policy()
    exchange = policy.get(viewer, exchange_id)
    if not policy.can(viewer, "act_as_counterpart", exchange):
        raise NotFound(_("Only the member asked answers this exchange."))
    with transaction.atomic(), acting_as(viewer.user, via=via):
        exchange = locked(exchange)
        if not policy.can(viewer, "answer", exchange):
            raise changed_meanwhile(exchange)
        exchange.status = status
        exchange.answered_at = timezone.now()
        exchange.answered_by = viewer.user
        full_clean(exchange)
        exchange.save(update_fields=["status", "answered_at", "answered_by", "updated_at"])
        _tell(exchange, to=exchange.initiator, step=status)
    return exchange


def exchange_accept(*, viewer: Viewer, exchange_id: Any, via: str = "web") -> Exchange:
    """The member asked consents: from now on both see each other's phase for the capability."""
    return _answer(viewer, exchange_id, Exchange.Status.ACCEPTED, via)


def exchange_decline(*, viewer: Viewer, exchange_id: Any, via: str = "web") -> Exchange:
    """The member asked declines: neither sees anything of the other."""
    return _answer(viewer, exchange_id, Exchange.Status.DECLINED, via)


def exchange_withdraw(*, viewer: Viewer, exchange_id: Any, via: str = "web") -> Exchange:
    """Either side withdraws its consent (pending or accepted): neither sees the other's phase again."""
    policy = _policy()
    exchange = policy.get(viewer, exchange_id)
    if not policy.can(viewer, "act_as_party", exchange):
        raise NotFound()
    with transaction.atomic(), acting_as(viewer.user, via=via):
        exchange = locked(exchange)
        if not policy.can(viewer, "withdraw", exchange):
            raise changed_meanwhile(exchange)
        exchange.status = Exchange.Status.WITHDRAWN
        exchange.withdrawn_at = timezone.now()
        exchange.withdrawn_by = viewer.user
        full_clean(exchange)
        exchange.save(update_fields=["status", "withdrawn_at", "withdrawn_by", "updated_at"])
        ours = policy.acting_for_ids(viewer)
        other = exchange.initiator if exchange.initiator_id not in ours else exchange.counterpart
        _tell(exchange, to=other, step=Exchange.Status.WITHDRAWN)
    return exchange


# --- who is told ----------------------------------------------------------------------------------


def _focal_emails(member: Member) -> list[str]:
    roles = Role.objects.active().filter(
        member_id=member.pk, kind__in=[Role.Kind.FOCAL_POINT, Role.Kind.DEPUTY_FOCAL_POINT]
    )
    return sorted({e for e in roles.values_list("user__email", flat=True) if e})


def _tell(exchange: Exchange, *, to: Member, step: str) -> None:
    """The other side's focal point (and deputies), one message each; names and the capability only."""
    what = {
        "initiator": exchange.initiator.name,
        "counterpart": exchange.counterpart.name,
        "capability": str(exchange.capability),
    }
    subjects = {
        "proposed": _("%(initiator)s proposes an exchange on %(capability)s"),
        Exchange.Status.ACCEPTED: _("%(counterpart)s accepted the exchange on %(capability)s"),
        Exchange.Status.DECLINED: _("%(counterpart)s declined the exchange on %(capability)s"),
        Exchange.Status.WITHDRAWN: _("Consent withdrawn: the exchange on %(capability)s has ended"),
    }
    bodies = {
        "proposed": _(
            "%(initiator)s proposes an exchange with %(counterpart)s on the capability %(capability)s. "
            "Your member's officials accept or decline it on the platform; nothing of either member's "
            "self-assessment is shown to the other unless both consent."
        ),
        Exchange.Status.ACCEPTED: _(
            "%(counterpart)s accepted the exchange on %(capability)s: both members now see each other's "
            "phase for this capability only."
        ),
        Exchange.Status.DECLINED: _("%(counterpart)s declined the exchange on %(capability)s."),
        Exchange.Status.WITHDRAWN: _(
            "Consent to the exchange between %(initiator)s and %(counterpart)s on %(capability)s was "
            "withdrawn: neither member sees the other's phase for it any more."
        ),
    }
    body = bodies[step] % what + "\n\n" + settings.SITE_URL + reverse("assessments_exchange", args=[exchange.pk])
    for address in _focal_emails(to):
        email_after_commit(to=[address], subject=subjects[step] % what, body=body)
