"""Legal frameworks: coding a member's law against the checklist. The secretariat records a coding
(draft or verified) with its pinpoint citation and rationale; every change is kept by
django-simple-history with who and why, so the views can be shown as of a past day. An edit names the
version it was based on (a stale one is a 409)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.core.audit import acting_as
from hub.core.concurrency import check_version
from hub.core.concurrency import locked
from hub.core.concurrency import unique_or_conflict
from hub.core.errors import Conflict
from hub.core.errors import NotFound
from hub.core.errors import Problem
from hub.core.errors import raise_problems
from hub.core.policies import policy_for
from hub.core.validation import full_clean
from hub.core.viewer import Viewer
from hub.legal.models import CODING_STATUSES
from hub.legal.models import Coding
from hub.legal.models import LegalProfile
from hub.legal.models import Provision
from hub.legal.models import Statute


@dataclass(frozen=True)
class CodingInput:
    """A coding of one provision. `statute_id` is one of the profile's statutes; `verified` asks for the
    secretariat's verification (which needs a citation: a statute or a pinpoint)."""

    status: str
    pinpoint: str = ""
    rationale: str = ""
    statute_id: int | None = None
    verified: bool = False
    reason: str = ""


def _problems(data: CodingInput, provision: Provision, statute: Statute | None, *, row: int | None) -> list[Problem]:
    problems: list[Problem] = []
    if data.status not in CODING_STATUSES:
        problems.append(
            Problem(_("Use one of: met, partial, not met, not assessed, not applicable."), field="status", row=row)
        )
    elif data.status == Coding.Status.PARTIAL and not provision.is_graded:
        problems.append(
            Problem(_("This provision is binary: it is met or not met, never partly met."), field="status", row=row)
        )
    if data.verified and statute is None and not data.pinpoint.strip():
        problems.append(
            Problem(_("A verified coding needs its citation: the statute and the section."), field="pinpoint", row=row)
        )
    return problems


def coding_apply(
    *,
    viewer: Viewer,
    coding: Coding,
    data: CodingInput,
    statute: Statute | None,
    row: int | None = None,
    coder: Any = None,
) -> Coding:
    """Write `data` onto `coding` (inside the caller's transaction and `acting_as`): the field rules,
    the history record with who and why, the verification date. Shared by edits, corrections and
    imports. `coder` is who coded it (the viewer unless given: a verification keeps the coder)."""
    problems = _problems(data, coding.provision, statute, row=row)
    raise_problems(problems, _("The coding is not valid: nothing was saved."))
    coding.status = data.status
    coding.pinpoint = data.pinpoint.strip()
    coding.rationale = data.rationale.strip()
    coding.statute = statute
    coding.coder = viewer.user if coder is None else coder
    if data.verified:
        coding.review = Coding.Review.VERIFIED
        coding.verified_on = timezone.localdate()
        coding.verified_by = viewer.user
    else:
        coding.review = Coding.Review.DRAFT
        coding.verified_on = None
        coding.verified_by = None
    full_clean(coding, row=row)
    coding._change_reason = data.reason.strip() or None  # type: ignore[attr-defined]
    coding._history_user = viewer.user  # type: ignore[attr-defined]
    coding.save()
    return coding


def _statute(profile: LegalProfile, statute_id: int | None, *, row: int | None = None) -> Statute | None:
    if statute_id is None:
        return None
    statute = Statute.objects.filter(profile=profile, pk=statute_id).first()
    if statute is None:
        raise_problems(
            [Problem(_("Choose one of this profile's statutes."), field="statute_id", row=row)],
            _("The coding is not valid: nothing was saved."),
        )
    return statute


def coding_record(
    *,
    viewer: Viewer,
    profile_id: int,
    provision_id: int,
    data: CodingInput,
    version: str | None = None,
    via: str = "web",
) -> Coding:
    """Record the coding of one provision of a profile (creating it, or changing it from `version`)."""
    policy: Any = policy_for(Coding)
    if not policy.can(viewer, "code"):
        raise NotFound()
    profile = policy_for(LegalProfile).get(viewer, profile_id)
    provision = policy_for(Provision).get(viewer, provision_id)
    conflict = _("This provision was coded at the same moment by someone else.")
    with unique_or_conflict(conflict), transaction.atomic(), acting_as(viewer.user, via=via):
        coding = Coding.objects.filter(profile=profile, provision=provision).first()
        if coding is None:
            coding = Coding(profile=profile, provision=provision, is_synthetic=profile.is_synthetic)
        else:
            coding = locked(coding)
            check_version(coding, version)
        return coding_apply(viewer=viewer, coding=coding, data=data, statute=_statute(profile, data.statute_id))


def coding_verify(*, viewer: Viewer, coding_id: int, version: str | None = None, via: str = "web") -> Coding:
    """The secretariat verifies a draft coding as it stands (it needs its citation: a statute or a
    pinpoint). `version` refuses a verification of a coding changed meanwhile (409); a coding verified
    meanwhile is a 409 too. The coder stays; the history says who verified it."""
    policy: Any = policy_for(Coding)
    if not policy.can(viewer, "code"):
        raise NotFound()
    coding = policy.get(viewer, coding_id)
    with transaction.atomic(), acting_as(viewer.user, via=via):
        coding = locked(coding)
        check_version(coding, version)
        if not policy.can(viewer, "verify", coding):
            raise Conflict(
                _("This coding was already verified: nothing was done."),
                problems=[Problem(_("Reload to see what changed."), field="review")],
            )
        data = CodingInput(
            status=coding.status,
            pinpoint=coding.pinpoint,
            rationale=coding.rationale,
            statute_id=coding.statute_id,
            verified=True,
            reason=_("Verified by the secretariat"),
        )
        return coding_apply(viewer=viewer, coding=coding, data=data, statute=coding.statute, coder=coding.coder)
