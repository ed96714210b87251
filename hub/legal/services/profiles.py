"""Legal frameworks: legal profiles. The secretariat opens a member's profile (taskforce-level) and
enters its statutes, treaty status and reservations, each with a source; the member's focal point
publishes it to the public site (or takes it back). Edits name the version they were based on (a
stale one is a 409); publishing locks the profile and checks its state again (a lost race is a 409).
"""

from __future__ import annotations

import datetime
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
from hub.core.errors import require_text
from hub.core.inputs import UNSET
from hub.core.inputs import Unset
from hub.core.inputs import given
from hub.core.models import Visibility
from hub.core.policies import policy_for
from hub.core.validation import full_clean
from hub.core.viewer import Viewer
from hub.legal.models import TREATIES
from hub.legal.models import LegalProfile
from hub.legal.models import Provision
from hub.legal.models import Reservation
from hub.legal.models import Statute
from hub.legal.models import TreatyStatus
from hub.legal.selectors.codings import current_version
from hub.members.models import Member


def _policy() -> Any:
    return policy_for(LegalProfile)


def _editable(viewer: Viewer, profile_id: int) -> LegalProfile:
    """The profile, for an edit by the secretariat; 404 for anyone else or a profile not seen."""
    if not _policy().can(viewer, "edit"):
        raise NotFound()
    profile: LegalProfile = _policy().get(viewer, profile_id, LegalProfile.objects.select_related("member"))
    return profile


def profile_open(*, viewer: Viewer, member_id: int, via: str = "web") -> LegalProfile:
    """The member's legal profile, opened (taskforce-level) if it has none yet. Secretariat only; a
    member the viewer may not see answers 404. Opening twice returns the same profile."""
    if not _policy().can(viewer, "open"):
        raise NotFound()
    member = policy_for(Member).get(viewer, member_id)
    with transaction.atomic(), acting_as(viewer.user, via=via):
        existing = LegalProfile.objects.filter(member=member).first()
        if existing is not None:
            return existing
        profile = LegalProfile(member=member, is_synthetic=member.is_synthetic)
        full_clean(profile)
        profile.save()
        return profile


def profile_summary_update(
    *, viewer: Viewer, profile_id: int, summary: str, version: str | None = None, via: str = "web"
) -> LegalProfile:
    """The secretariat's summary of the member's legal framework."""
    profile = _editable(viewer, profile_id)
    with transaction.atomic(), acting_as(viewer.user, via=via):
        profile = locked(profile)
        check_version(profile, version)
        profile.summary = (summary or "").strip()
        full_clean(profile)
        profile.save(update_fields=["summary", "updated_at"])
    return profile


# --- publishing -----------------------------------------------------------------------------------


def _step(viewer: Viewer, profile_id: int) -> LegalProfile:
    """The profile, for its focal point; 404 for anyone else."""
    profile: LegalProfile = _policy().get(viewer, profile_id, LegalProfile.objects.select_related("member"))
    if not _policy().can(viewer, "manage_publication", profile):
        raise NotFound()
    return profile


def _lost(profile: LegalProfile) -> Conflict:
    state = _("published") if profile.is_published else _("not published")
    return Conflict(
        _("This legal profile is already %(state)s: nothing was done.") % {"state": state},
        problems=[Problem(_("Reload to see what changed."), field="visibility")],
    )


def profile_publish(*, viewer: Viewer, profile_id: int, via: str = "web") -> LegalProfile:
    """The member's focal point publishes its profile: the profile, its statutes, treaty statuses and
    verified codings are seen by everyone on the public site (draft codings stay the taskforce's)."""
    profile = _step(viewer, profile_id)
    with transaction.atomic(), acting_as(viewer.user, via=via):
        profile = locked(profile)
        if not _policy().can(viewer, "publish", profile):
            raise _lost(profile)
        profile.visibility = Visibility.PUBLIC
        profile.published_at = timezone.now()
        profile.published_by = viewer.user
        full_clean(profile)
        profile.save(update_fields=["visibility", "published_at", "published_by", "updated_at"])
    return profile


def profile_unpublish(*, viewer: Viewer, profile_id: int, via: str = "web") -> LegalProfile:
    """The focal point takes the profile back from the public site: the taskforce sees it again only."""
    profile = _step(viewer, profile_id)
    with transaction.atomic(), acting_as(viewer.user, via=via):
        profile = locked(profile)
        if not _policy().can(viewer, "unpublish", profile):
            raise _lost(profile)
        profile.visibility = Visibility.TASKFORCE
        profile.published_at = None
        profile.published_by = None
        full_clean(profile)
        profile.save(update_fields=["visibility", "published_at", "published_by", "updated_at"])
    return profile


# --- statutes -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatuteInput:
    """A statute of the profile. On an edit only the fields given change."""

    title_original: str | Unset = UNSET
    original_language: str | Unset = UNSET
    title_en: str | Unset = UNSET
    citation: str | Unset = UNSET
    url: str | Unset = UNSET
    in_force_on: datetime.date | None | Unset = UNSET
    repealed_on: datetime.date | None | Unset = UNSET
    source: str | Unset = UNSET


STATUTE_TEXT = ("title_original", "original_language", "title_en", "citation", "url", "source")


def _statute_apply(statute: Statute, data: StatuteInput) -> list[str]:
    changed = []
    for name, value in given(data).items():
        if name in STATUTE_TEXT:
            value = (value or "").strip()
        if getattr(statute, name) != value:
            setattr(statute, name, value)
            changed.append(name)
    return changed


def _statute_check(statute: Statute) -> None:
    problems: list[Problem] = []
    require_text(problems, statute.title_original, _("Give the statute's title as enacted."), field="title_original")
    require_text(problems, statute.citation, _("Give the statute's citation."), field="citation")
    require_text(problems, statute.source, _("Name the source of this statute."), field="source")
    today = timezone.localdate()
    if statute.in_force_on and statute.repealed_on and statute.repealed_on < statute.in_force_on:
        problems.append(Problem(_("A statute is repealed on or after the day it came into force."), "repealed_on"))
    if statute.repealed_on and statute.repealed_on > today:
        problems.append(Problem(_("The repeal date is in the future: enter it once it happened."), "repealed_on"))
    raise_problems(problems, _("The statute was not saved."))
    full_clean(statute, exclude=["profile"])


def _statute_clash() -> str:
    return _("This profile already has a statute with this citation.")


def statute_add(*, viewer: Viewer, profile_id: int, data: StatuteInput, via: str = "web") -> Statute:
    """A statute the profile cites, with its source (secretariat)."""
    profile = _editable(viewer, profile_id)
    statute = Statute(profile=profile, is_synthetic=profile.is_synthetic)
    _statute_apply(statute, data)
    _statute_check(statute)
    if Statute.objects.filter(profile=profile, citation=statute.citation).exists():
        raise_problems([Problem(_statute_clash(), field="citation")], _("The statute was not saved."))
    with unique_or_conflict(_statute_clash(), field="citation"), transaction.atomic(), acting_as(viewer.user, via=via):
        statute.save()
    return statute


def _statute(viewer: Viewer, profile: LegalProfile, statute_id: int) -> Statute:
    statute = policy_for(Statute).visible(viewer).filter(profile=profile, pk=statute_id).first()
    if statute is None:
        raise NotFound()
    return statute


def statute_update(
    *,
    viewer: Viewer,
    profile_id: int,
    statute_id: int,
    data: StatuteInput,
    version: str | None = None,
    via: str = "web",
) -> Statute:
    """Change a statute (a repealed one gets its `repealed_on`). `version` is the one the edit was based on."""
    profile = _editable(viewer, profile_id)
    statute = _statute(viewer, profile, statute_id)
    with unique_or_conflict(_statute_clash(), field="citation"), transaction.atomic(), acting_as(viewer.user, via=via):
        statute = locked(statute)
        check_version(statute, version)
        changed = _statute_apply(statute, data)
        _statute_check(statute)
        if "citation" in changed and (
            Statute.objects.filter(profile=profile, citation=statute.citation).exclude(pk=statute.pk).exists()
        ):
            raise_problems([Problem(_statute_clash(), field="citation")], _("The statute was not saved."))
        statute.save()
    return statute


def statute_remove(*, viewer: Viewer, profile_id: int, statute_id: int, via: str = "web") -> None:
    """Remove a statute entered by mistake. One a coding cites stays (mark it repealed instead)."""
    profile = _editable(viewer, profile_id)
    statute = _statute(viewer, profile, statute_id)
    with transaction.atomic(), acting_as(viewer.user, via=via):
        statute = locked(statute)
        if statute.codings.exists():
            raise Conflict(
                _("A coding cites this statute, so it cannot be removed: give the day it was repealed instead."),
                problems=[Problem(_("Give the day it was repealed instead."), field="repealed_on")],
            )
        statute.delete()


# --- treaty status --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TreatyStatusInput:
    """The member's status under one treaty ("not known" is a status too), with its source."""

    treaty: str
    status: str
    source: str
    signed_on: datetime.date | None = None
    ratified_on: datetime.date | None = None


def _treaty_problems(data: TreatyStatusInput) -> list[Problem]:
    S = TreatyStatus.Status
    problems: list[Problem] = []
    if data.treaty not in TREATIES:
        problems.append(Problem(_("Choose one of the treaties the checklist cites."), field="treaty"))
    if data.status not in S.values:
        problems.append(Problem(_("Use one of: not known, not signed, signed, ratified."), field="status"))
    require_text(problems, data.source, _("Name the source of this treaty status."), field="source")
    today = timezone.localdate()
    if data.signed_on and data.status not in (S.SIGNED, S.RATIFIED):
        problems.append(Problem(_("A signature date goes with the status signed or ratified."), field="signed_on"))
    if data.ratified_on and data.status != S.RATIFIED:
        problems.append(Problem(_("A ratification date goes with the status ratified."), field="ratified_on"))
    if data.status == S.SIGNED and not data.signed_on:
        problems.append(Problem(_("Give the day it was signed."), field="signed_on"))
    if data.status == S.RATIFIED and not data.ratified_on:
        problems.append(Problem(_("Give the day it was ratified or acceded to."), field="ratified_on"))
    for name in ("signed_on", "ratified_on"):
        day = getattr(data, name)
        if day and day > today:
            problems.append(Problem(_("The date is in the future."), field=name))
    if data.signed_on and data.ratified_on and data.ratified_on < data.signed_on:
        problems.append(Problem(_("Ratification comes on or after signature."), field="ratified_on"))
    return problems


def treaty_status_set(
    *, viewer: Viewer, profile_id: int, data: TreatyStatusInput, version: str | None = None, via: str = "web"
) -> TreatyStatus:
    """Set the member's status under a treaty: one per treaty, created or changed (from `version`)."""
    profile = _editable(viewer, profile_id)
    raise_problems(_treaty_problems(data), _("The treaty status was not saved."))
    clash = _("The status under this treaty was set at the same moment by someone else.")
    with unique_or_conflict(clash, field="treaty"), transaction.atomic(), acting_as(viewer.user, via=via):
        row = TreatyStatus.objects.filter(profile=profile, treaty=data.treaty).first()
        if row is None:
            row = TreatyStatus(profile=profile, treaty=data.treaty, is_synthetic=profile.is_synthetic)
        else:
            row = locked(row)
            check_version(row, version)
        row.status = data.status
        row.signed_on = data.signed_on
        row.ratified_on = data.ratified_on
        row.source = data.source.strip()
        full_clean(row, exclude=["profile"])
        row.save()
    return row


# --- reservations ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReservationInput:
    """A reservation or declaration under a treaty the member signed or ratified: the article it
    touches, its text, its source, and the provisions (codes of the current checklist) it explains."""

    treaty: str | Unset = UNSET
    article: str | Unset = UNSET
    text: str | Unset = UNSET
    source: str | Unset = UNSET
    provisions: list[str] | Unset = UNSET


def _provisions(codes: list[str], problems: list[Problem]) -> list[Provision]:
    version = current_version()
    wanted = list(dict.fromkeys(c.strip() for c in codes if c.strip()))
    found = list(Provision.objects.filter(version=version, code__in=wanted)) if version else []
    unknown = sorted(set(wanted) - {p.code for p in found})
    if unknown:
        problems.append(
            Problem(
                _("Not a provision of the current checklist: %(codes)s.") % {"codes": ", ".join(unknown)},
                field="provisions",
            )
        )
    return found


def _reservation_apply(
    reservation: Reservation, profile: LegalProfile, data: ReservationInput, problems: list[Problem]
) -> list[Provision] | None:
    values = given(data)
    if "treaty" in values:
        status = TreatyStatus.objects.filter(profile=profile, treaty=values["treaty"]).first()
        if status is None or status.status not in (TreatyStatus.Status.SIGNED, TreatyStatus.Status.RATIFIED):
            problems.append(
                Problem(_("A reservation is made under a treaty the member signed or ratified."), field="treaty")
            )
        else:
            reservation.treaty_status = status
    for name in ("article", "text", "source"):
        if name in values:
            setattr(reservation, name, (values[name] or "").strip())
    require_text(problems, reservation.article, _("Name the article the reservation touches."), field="article")
    require_text(problems, reservation.text, _("Give the reservation's text."), field="text")
    require_text(problems, reservation.source, _("Name the source of this reservation."), field="source")
    if "provisions" in values:
        return _provisions(values["provisions"], problems)
    return None


def reservation_add(*, viewer: Viewer, profile_id: int, data: ReservationInput, via: str = "web") -> Reservation:
    profile = _editable(viewer, profile_id)
    reservation = Reservation(is_synthetic=profile.is_synthetic)
    problems: list[Problem] = []
    if isinstance(data.treaty, Unset):
        problems.append(Problem(_("Choose the treaty."), field="treaty"))
    provisions = _reservation_apply(reservation, profile, data, problems)
    raise_problems(problems, _("The reservation was not saved."))
    with transaction.atomic(), acting_as(viewer.user, via=via):
        full_clean(reservation)
        reservation.save()
        reservation.provisions.set(provisions or [])
    return reservation


def reservation_update(
    *,
    viewer: Viewer,
    profile_id: int,
    reservation_id: int,
    data: ReservationInput,
    version: str | None = None,
    via: str = "web",
) -> Reservation:
    profile = _editable(viewer, profile_id)
    reservation = (
        policy_for(Reservation).visible(viewer).filter(treaty_status__profile=profile, pk=reservation_id).first()
    )
    if reservation is None:
        raise NotFound()
    with transaction.atomic(), acting_as(viewer.user, via=via):
        reservation = locked(reservation)
        check_version(reservation, version)
        problems: list[Problem] = []
        provisions = _reservation_apply(reservation, profile, data, problems)
        raise_problems(problems, _("The reservation was not saved."))
        full_clean(reservation)
        reservation.save()
        if provisions is not None:
            reservation.provisions.set(provisions)
    return reservation
