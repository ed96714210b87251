"""Legal frameworks: correction requests. A member's official contests a coding of their own member
with a reason and a citation (one open request per coding at a time); the secretariat accepts it (the
coding changes through `coding_apply`, verified, the old coding kept in its history) or rejects it
with its reason. Two officers deciding at once: one decides, the other is told it was decided (409).
The requester is told by e-mail."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.core.audit import acting_as
from hub.core.concurrency import changed_meanwhile
from hub.core.concurrency import locked
from hub.core.concurrency import unique_or_conflict
from hub.core.errors import Conflict
from hub.core.errors import NotFound
from hub.core.errors import Problem
from hub.core.errors import raise_problems
from hub.core.errors import require_text
from hub.core.policies import policy_for
from hub.core.tasks import email_after_commit
from hub.core.validation import full_clean
from hub.core.viewer import Viewer
from hub.legal.models import CODING_STATUSES
from hub.legal.models import Coding
from hub.legal.models import CorrectionRequest
from hub.legal.services.codings import CodingInput
from hub.legal.services.codings import coding_apply

CITATION_MAX = 300


def _request_problems(coding: Coding, proposed_status: str, citation: str, reason: str) -> list[Problem]:
    problems: list[Problem] = []
    if proposed_status not in CODING_STATUSES:
        problems.append(
            Problem(_("Use one of: met, partial, not met, not assessed, not applicable."), field="proposed_status")
        )
    elif proposed_status == Coding.Status.PARTIAL and not coding.provision.is_graded:
        problems.append(
            Problem(_("This provision is binary: it is met or not met, never partly met."), field="proposed_status")
        )
    require_text(problems, citation, _("Give the citation: the statute and the section."), field="citation")
    if citation and len(citation.strip()) > CITATION_MAX:
        problems.append(
            Problem(_("Keep the citation within %(n)s characters.") % {"n": CITATION_MAX}, field="citation")
        )
    require_text(problems, reason, _("Say why the coding should change."), field="reason")
    return problems


def correction_request(
    *,
    viewer: Viewer,
    coding_id: int,
    proposed_status: str,
    citation: str,
    reason: str,
    via: str = "web",
) -> CorrectionRequest:
    """An official of the coded member contests a coding: the status they propose (one of the five,
    fitting the provision's scoring), the citation it rests on and why. A coding the viewer may not see
    or contest answers 404; a coding with a request still open, 409."""
    policy: Any = policy_for(Coding)
    coding = policy.get(viewer, coding_id, Coding.objects.select_related("profile", "provision"))
    if not policy.can(viewer, "contest", coding):
        raise NotFound()
    raise_problems(
        _request_problems(coding, proposed_status, citation, reason),
        _("The correction request was not sent."),
    )
    already = _("This coding already has a correction request awaiting the secretariat.")
    with unique_or_conflict(already, field="coding"), transaction.atomic(), acting_as(viewer.user, via=via):
        coding = locked(coding)
        if CorrectionRequest.objects.filter(coding=coding, status=CorrectionRequest.Status.OPEN).exists():
            raise Conflict(already, problems=[Problem(_("Wait for the secretariat's answer to it."), field="coding")])
        request = CorrectionRequest(
            coding=coding,
            proposed_status=proposed_status,
            proposed_citation=citation.strip(),
            reason=reason.strip(),
            requested_by=viewer.user,
            is_synthetic=coding.is_synthetic,
        )
        full_clean(request)
        request.save()
    return request


def _open_for_decision(viewer: Viewer, correction_id: int) -> tuple[Any, CorrectionRequest]:
    policy: Any = policy_for(CorrectionRequest)
    correction = policy.get(viewer, correction_id)
    policy.require(viewer, "review", correction, message=_("Only the secretariat decides on correction requests."))
    return policy, correction


def _resolve(correction: CorrectionRequest, viewer: Viewer, status: str, note: str) -> None:
    correction.status = status
    correction.resolution_note = note.strip()
    correction.resolved_by = viewer.user
    correction.resolved_at = timezone.now()
    full_clean(correction)
    correction.save(update_fields=["status", "resolution_note", "resolved_by", "resolved_at", "updated_at"])


def correction_accept(*, viewer: Viewer, correction_id: int, note: str = "", via: str = "web") -> CorrectionRequest:
    """The secretariat accepts an open request: the coding takes the proposed status, with the proposed
    citation as its pinpoint, verified; its history keeps the old coding and says "Correction accepted:
    <reason>". A request decided meanwhile is a 409 and changes nothing."""
    policy, correction = _open_for_decision(viewer, correction_id)
    with transaction.atomic(), acting_as(viewer.user, via=via):
        correction = locked(correction)
        if not policy.can(viewer, "resolve", correction):
            raise changed_meanwhile(correction)
        coding = locked(correction.coding)
        data = CodingInput(
            status=correction.proposed_status,
            pinpoint=correction.proposed_citation,
            rationale=note.strip() or correction.reason,
            statute_id=None,
            verified=True,
            reason=_("Correction accepted: %(reason)s") % {"reason": correction.reason},
        )
        coding_apply(viewer=viewer, coding=coding, data=data, statute=None)
        _resolve(correction, viewer, CorrectionRequest.Status.ACCEPTED, note)
        _tell_requester(correction)
    return correction


def correction_reject(*, viewer: Viewer, correction_id: int, note: str, via: str = "web") -> CorrectionRequest:
    """The secretariat rejects an open request, saying why (required). The coding does not change."""
    policy, correction = _open_for_decision(viewer, correction_id)
    problems: list[Problem] = []
    require_text(problems, note, _("Say why the request is rejected."), field="note")
    raise_problems(problems, _("The correction request was not rejected."))
    with transaction.atomic(), acting_as(viewer.user, via=via):
        correction = locked(correction)
        if not policy.can(viewer, "resolve", correction):
            raise changed_meanwhile(correction)
        _resolve(correction, viewer, CorrectionRequest.Status.REJECTED, note)
        _tell_requester(correction)
    return correction


def _tell_requester(correction: CorrectionRequest) -> None:
    address = correction.requested_by.email
    if not address:
        return
    coding = correction.coding
    what = _("%(member)s, provision %(code)s") % {"member": coding.profile.member.name, "code": coding.provision.code}
    if correction.status == CorrectionRequest.Status.ACCEPTED:
        subject = _("Your correction request was accepted: %(what)s") % {"what": what}
        body = _("The secretariat accepted your correction request on %(what)s: the coding is now “%(status)s”.")
        body = body % {"what": what, "status": coding.get_status_display()}
    else:
        subject = _("Your correction request was rejected: %(what)s") % {"what": what}
        body = _("The secretariat rejected your correction request on %(what)s.") % {"what": what}
    if correction.resolution_note:
        body += "\n\n" + _("The secretariat's reason: %(note)s") % {"note": correction.resolution_note}
    body += "\n\n" + settings.SITE_URL + correction.get_absolute_url()
    email_after_commit(to=[address], subject=subject, body=body)
