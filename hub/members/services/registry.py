"""Writes about the member registry: members, status changes, taskforce roles, notes, Alliance figures.

Each service runs in one transaction, asks the policy and is audited (the actor set by `acting_as`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from dataclasses import fields

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_countries import countries

from hub.core.audit import acting_as
from hub.core.concurrency import check_version
from hub.core.concurrency import locked
from hub.core.concurrency import unique_or_conflict
from hub.core.errors import NotFound
from hub.core.errors import PermissionDenied
from hub.core.errors import Problem
from hub.core.errors import ValidationFailed
from hub.core.errors import raise_problems
from hub.core.errors import require_text
from hub.core.inputs import UNSET
from hub.core.inputs import Unset
from hub.core.inputs import given
from hub.core.models import Visibility
from hub.core.policies import policy_for
from hub.core.validation import full_clean
from hub.core.viewer import Viewer
from hub.members.models import AllianceFigure
from hub.members.models import Member
from hub.members.models import MemberNote
from hub.members.models import MemberStatusChange
from hub.members.models import Role
from hub.members.models import TaskforceRole


@dataclass(frozen=True, kw_only=True)
class MemberInput:
    """The fields the secretariat may set on a member, with the translated texts. On create the fields
    not given keep the model's defaults; on update only the fields given change."""

    name_en: str | Unset = UNSET
    name_fr: str | Unset = UNSET
    name_es: str | Unset = UNSET
    kind: str | Unset = UNSET
    country: str | Unset = UNSET
    region: str | Unset = UNSET
    subregion: str | Unset = UNSET
    founding_member: bool | Unset = UNSET
    mission_statement: str | Unset = UNSET
    mission_signed_on: datetime.date | None | Unset = UNSET
    joined_on: datetime.date | None | Unset = UNSET
    alliance_member: bool | None | Unset = UNSET
    alliance_member_since: datetime.date | None | Unset = UNSET
    alliance_source: str | Unset = UNSET
    public_profile_en: str | Unset = UNSET
    public_profile_fr: str | Unset = UNSET
    public_profile_es: str | Unset = UNSET
    secretariat_notes: str | Unset = UNSET
    source: str | Unset = UNSET
    visibility: str | Unset = UNSET


# Fields the secretariat may set on a member (create and update), with the translated texts.
EDITABLE_FIELDS = tuple(f.name for f in fields(MemberInput))


def _require_secretariat(viewer: Viewer, allowed: bool, member: Member | None = None) -> None:
    """Registry writes are the secretariat's (`allowed` is the policy's answer). Another member's
    record answers 404, one's own 403."""
    if allowed:
        return
    if member is not None and member.pk not in viewer.member_ids:
        raise NotFound()
    raise PermissionDenied(_("Only the secretariat may do this."))


def _check_member_identity(member: Member, problems: list[Problem], row: int | None = None) -> None:
    """A duplicate member or a country code that does not exist is named, field by field."""
    code = str(member.country or "")
    if code and code not in countries:
        problems.append(
            Problem(_("%(code)s is not an ISO 3166 country code.") % {"code": code}, field="country", row=row)
        )
    others = Member.objects.exclude(pk=member.pk)
    if code and others.filter(country=code).exists():
        problems.append(Problem(_("Another member already has this country."), field="country", row=row))
    name = (member.name_en or member.name or "").strip()
    if not name:
        problems.append(Problem(_("Enter the member's name."), field="name_en", row=row))
    elif not slugify(name):
        problems.append(Problem(_("The name needs Latin letters or digits for its address."), field="name_en", row=row))
    elif others.filter(name_en__iexact=name).exists() or others.filter(slug=slugify(name)[:80]).exists():
        problems.append(Problem(_("A member with this name already exists."), field="name_en", row=row))


def member_create(*, viewer: Viewer, data: MemberInput, via: str = "web") -> Member:
    """Register a member (secretariat). Its status starts as active, with a first history entry."""
    _require_secretariat(viewer, policy_for(Member).can(viewer, "manage"))
    member = Member(**given(data))
    member.name = member.name_en or ""
    member.slug = slugify(member.name)[:80]
    problems: list[Problem] = []
    _check_member_identity(member, problems)
    raise_problems(problems, _("The member could not be saved."))
    full_clean(member)
    clash = _("A member with this name already exists.")
    with unique_or_conflict(clash, field="name_en"), transaction.atomic(), acting_as(viewer.user, via=via):
        member.save()
        MemberStatusChange.objects.create(
            member=member,
            status=member.status,
            previous_status=member.status,
            effective_on=member.joined_on or timezone.localdate(),
            reason=_("Registered"),
            actor=viewer.user,
        )
    return member


def member_update(
    *, viewer: Viewer, member: Member, data: MemberInput, version: str | None = None, via: str = "web"
) -> Member:
    """Change a member's registry fields (secretariat). The status changes only through its own service.
    `version` (the member's version the edit was based on) refuses a change over a newer one (409)."""
    _require_secretariat(viewer, policy_for(Member).can(viewer, "manage", member), member)
    clash = _("A member with this name already exists.")
    with unique_or_conflict(clash, field="name_en"), transaction.atomic():
        member = locked(member)
        check_version(member, version)
        return _member_change(viewer, member, data, via)


def _member_change(viewer: Viewer, member: Member, data: MemberInput, via: str) -> Member:
    values = given(data)
    changed = [k for k, v in values.items() if getattr(member, k) != v]
    for key in changed:
        setattr(member, key, values[key])
    if "name_en" in changed:
        member.name = member.name_en or ""
    problems: list[Problem] = []
    _check_member_identity(member, problems)
    raise_problems(problems, _("The member could not be saved."))
    full_clean(member)
    if changed:
        with acting_as(viewer.user, via=via):
            member.save(update_fields=[*changed, *(["name"] if "name_en" in changed else []), "updated_at"])
    return member


def member_status_change(
    *,
    viewer: Viewer,
    member: Member,
    status: str,
    reason: str,
    effective_on: datetime.date | None = None,
    via: str = "web",
) -> MemberStatusChange:
    """Change a member's status with a date and a reason. Withdrawal ends its people's member roles."""
    _require_secretariat(viewer, policy_for(Member).can(viewer, "manage", member), member)
    day = effective_on or timezone.localdate()
    problems: list[Problem] = []
    if status not in Member.Status.values:
        problems.append(Problem(_("Choose one of the statuses offered."), field="status"))
    elif status == member.status:
        problems.append(Problem(_("The member already has this status."), field="status"))
    require_text(problems, reason, _("Give the reason for the change."), field="reason")
    raise_problems(problems, _("The status was not changed."))
    with transaction.atomic(), acting_as(viewer.user, via=via):
        change = MemberStatusChange.objects.create(
            member=member,
            status=status,
            previous_status=member.status,
            effective_on=day,
            reason=reason.strip(),
            actor=viewer.user,
        )
        member.status = status
        member.save(update_fields=["status", "updated_at"])
        if status == Member.Status.WITHDRAWN:
            for role in Role.objects.active(day).filter(member=member):
                role.ends_on = max(day, role.starts_on)
                role.save(update_fields=["ends_on", "updated_at"])
    return change


def member_status_history_start(member: Member, *, reason: str) -> None:
    """Give a member without a status history its first entry: its current status since it joined
    (the reference loader and demo seeding, which run as the system inside their own audit context)."""
    if not member.status_changes.exists():
        MemberStatusChange.objects.create(
            member=member,
            status=member.status,
            previous_status=member.status,
            effective_on=member.joined_on,
            reason=reason,
        )


def taskforce_role_assign(
    *,
    viewer: Viewer,
    member: Member,
    role: str,
    starts_on: datetime.date,
    source: str,
    ends_on: datetime.date | None = None,
    via: str = "web",
) -> TaskforceRole:
    """Record a taskforce role over dates. At most one chair and one vice-chair on any date."""
    _require_secretariat(viewer, policy_for(TaskforceRole).can(viewer, "manage"), member)
    record = TaskforceRole(member=member, role=role, starts_on=starts_on, ends_on=ends_on, source=source.strip())
    full_clean(record)
    with transaction.atomic(), acting_as(viewer.user, via=via):
        check_chair_rules(role=record)
        record.save()
    return record


def taskforce_role_end(*, viewer: Viewer, role_id: int, ends_on: datetime.date, via: str = "web") -> TaskforceRole:
    _require_secretariat(viewer, policy_for(TaskforceRole).can(viewer, "manage"))
    record = policy_for(TaskforceRole).get(viewer, role_id)
    record.ends_on = ends_on
    full_clean(record)
    with transaction.atomic(), acting_as(viewer.user, via=via):
        record.save(update_fields=["ends_on", "updated_at"])
    return record


def check_chair_rules(*, role: TaskforceRole) -> None:
    """At most one chair and one vice-chair on any date."""
    if role.role == TaskforceRole.Role.MEMBER:
        return
    overlapping = TaskforceRole.objects.select_for_update().filter(role=role.role).exclude(pk=role.pk)
    if role.ends_on is not None:
        overlapping = overlapping.filter(starts_on__lte=role.ends_on)
    overlapping = overlapping.exclude(ends_on__lt=role.starts_on)
    other = overlapping.select_related("member").first()
    if other is not None:
        raise ValidationFailed(
            _("%(member)s already holds this role on these dates.") % {"member": other.member},
            problems=[Problem(_("Only one member may hold this role on any date."), field="role")],
        )


def member_note_create(*, viewer: Viewer, member: Member, text: str, visibility: str, via: str = "web") -> MemberNote:
    policy = policy_for(Member)
    if not policy.can(viewer, "add_note", member):
        # The notes of another member are that member's records: a write to them answers 404.
        raise NotFound()
    problems: list[Problem] = []
    require_text(problems, text, _("Write the note."), field="text")
    any_level = policy_for(MemberNote).can(viewer, "choose_any_level")
    allowed_levels = Visibility.values if any_level else [Visibility.TASKFORCE, Visibility.MEMBER]
    if visibility not in allowed_levels:
        problems.append(Problem(_("Choose one of the visibility levels offered."), field="visibility"))
    raise_problems(problems, _("The note could not be saved."))
    note = MemberNote(member=member, author=viewer.user, text=text.strip(), visibility=visibility)
    full_clean(note)
    with transaction.atomic(), acting_as(viewer.user, via=via):
        note.save()
    return note


def alliance_figure_record(
    *, viewer: Viewer, kind: str, value: int, as_of: datetime.date, source: str, via: str = "web"
) -> AllianceFigure:
    """Record a dated figure about the Alliance, with its source (secretariat)."""
    _require_secretariat(viewer, policy_for(AllianceFigure).can(viewer, "record"))
    figure = AllianceFigure(kind=kind, value=value, as_of=as_of, source=source.strip(), recorded_by=viewer.user)
    full_clean(figure)
    with transaction.atomic(), acting_as(viewer.user, via=via):
        figure.save()
    return figure
