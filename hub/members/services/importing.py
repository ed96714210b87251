"""Import of members from CSV or XLSX: every row is validated first; one bad row writes nothing."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_countries import countries

from hub.core.audit import acting_as
from hub.core.audit import audit_bulk
from hub.core.errors import Problem
from hub.core.errors import raise_problems
from hub.core.fields import add_field_problems
from hub.core.fields import strict_date
from hub.core.models import Visibility
from hub.core.policies import policy_for
from hub.core.tabular import Row
from hub.core.tabular import read_table
from hub.core.viewer import Viewer
from hub.members.models import Member
from hub.members.models import MemberStatusChange
from hub.members.services.reference import m49_regions

COLUMNS = [
    "name",
    "kind",
    "iso3166",
    "region",
    "founding_member",
    "mission_statement",
    "joined_on",
    "alliance_member",
    "alliance_source",
    "source",
    "visibility",
]
REQUIRED = ["name", "kind", "source"]
# The column that fills each model field, to name a field rule's problem by its column.
COLUMN_OF_FIELD = {"name_en": "name", "country": "iso3166"}
KINDS = {k.value: k.value for k in Member.Kind} | {str(k.label).lower(): k.value for k in Member.Kind}
KINDS["intergovernmental organisation"] = Member.Kind.INTERGOVERNMENTAL
YES = {"yes", "true", "1", "y"}
NO = {"no", "false", "0", "n"}


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    dry_run: bool = False


def _bool(row: Row, key: str, problems: list[Problem], *, allow_empty: bool) -> bool | None:
    value = row.get(key).lower()
    if value in YES:
        return True
    if value in NO:
        return False
    if value == "" and allow_empty:
        return None
    problems.append(Problem(_("Write yes or no."), field=key, row=row.number))
    return None


def _date(row: Row, key: str, problems: list[Problem]) -> datetime.date | None:
    value = row.get(key)
    if not value:
        return None
    try:
        return strict_date(value)
    except ValueError:
        problems.append(Problem(_("Write the date as YYYY-MM-DD."), field=key, row=row.number))
        return None


def _parse(row: Row, regions: dict[str, tuple[str, str]], problems: list[Problem]) -> dict[str, Any]:
    n = row.number
    name = row.get("name")
    if not name:
        problems.append(Problem(_("Enter the member's name."), field="name", row=n))
    kind = KINDS.get(row.get("kind").lower())
    if kind is None:
        problems.append(Problem(_("Unknown kind."), field="kind", row=n))
    iso = row.get("iso3166").upper()
    if iso and iso not in countries:
        problems.append(Problem(_("%(code)s is not an ISO 3166 country code.") % {"code": iso}, field="iso3166", row=n))
    if not row.get("source"):
        problems.append(Problem(_("Give the source of this row."), field="source", row=n))
    statement = row.get("mission_statement").lower() or Member.MissionStatement.NOT_LISTED
    if statement not in Member.MissionStatement.values:
        problems.append(Problem(_("Write signatory or not_listed."), field="mission_statement", row=n))
    visibility = row.get("visibility").lower() or Visibility.PUBLIC
    if visibility not in Visibility.values:
        problems.append(Problem(_("Choose one of the visibility levels offered."), field="visibility", row=n))
    region, subregion = regions.get(iso, ("", "")) if iso else ("", "")
    return {
        "name_en": name,
        "kind": kind,
        "country": iso,
        "region": row.get("region") or region,
        "subregion": subregion,
        "founding_member": bool(_bool(row, "founding_member", problems, allow_empty=True)),
        "mission_statement": statement,
        "joined_on": _date(row, "joined_on", problems),
        "alliance_member": _bool(row, "alliance_member", problems, allow_empty=True),
        "alliance_source": row.get("alliance_source"),
        "source": row.get("source"),
        "visibility": visibility,
    }


def members_import(*, viewer: Viewer, name: str, content: bytes, dry_run: bool = False) -> ImportReport:
    """Create or update members by name. All rows are checked first; any problem writes nothing."""
    policy_for(Member).require(viewer, "manage", message=_("Only the secretariat imports members."))
    rows = read_table(name=name, content=content, required=REQUIRED)
    regions = m49_regions()
    problems: list[Problem] = []
    planned: list[tuple[Row, dict[str, Any]]] = []
    seen_names: dict[str, int] = {}
    seen_countries: dict[str, int] = {}
    existing = {m.slug: m for m in Member.objects.all()}
    by_country = {str(m.country): m for m in existing.values() if m.country}
    for row in rows:
        values = _parse(row, regions, problems)
        slug = slugify(values["name_en"])[:80]
        if values["name_en"] and not slug:
            problems.append(
                Problem(_("The name needs Latin letters or digits for its address."), field="name", row=row.number)
            )
        if slug in seen_names:
            problems.append(
                Problem(_("Same name as row %(row)s.") % {"row": seen_names[slug]}, field="name", row=row.number)
            )
        seen_names[slug] = row.number
        iso = values["country"]
        if iso:
            if iso in seen_countries:
                problems.append(
                    Problem(
                        _("Same country as row %(row)s.") % {"row": seen_countries[iso]},
                        field="iso3166",
                        row=row.number,
                    )
                )
            seen_countries[iso] = row.number
            holder = by_country.get(iso)
            if holder is not None and holder.slug != slug:
                problems.append(
                    Problem(
                        _("%(member)s already has this country.") % {"member": holder}, field="iso3166", row=row.number
                    )
                )
        add_field_problems(problems, Member(**values), row=row.number, columns=COLUMN_OF_FIELD)
        planned.append((row, values))
    raise_problems(problems, _("The file has errors; nothing was imported."))
    report = ImportReport(dry_run=dry_run)
    with transaction.atomic(), acting_as(viewer.user, via="import"):
        created: list[Member] = []
        updated: list[tuple[Member, dict[str, tuple[Any, Any]]]] = []
        for _row, values in planned:
            slug = slugify(values["name_en"])[:80]
            member = existing.get(slug)
            if member is None:
                member = Member(slug=slug, name=values["name_en"], **values)
                created.append(member)
                report.created.append(member.name)
            else:
                changes = {k: (getattr(member, k), v) for k, v in values.items() if getattr(member, k) != v}
                if not changes:
                    report.unchanged += 1
                    continue
                for key, (_before, after) in changes.items():
                    setattr(member, key, after)
                if "name_en" in changes:
                    member.name = member.name_en
                updated.append((member, changes))
                report.updated.append(member.name)
        Member.objects.bulk_create(created, batch_size=500)
        if updated:
            Member.objects.bulk_update([m for m, _c in updated], fields=[*planned[0][1], "name", "updated_at"])
        history = MemberStatusChange.objects.bulk_create(
            [
                MemberStatusChange(
                    member=m, status=m.status, previous_status=m.status, effective_on=m.joined_on, reason=_("Imported")
                )
                for m in created
            ]
        )
        audit_bulk(actor=viewer.user, created=[*created, *history], updated=updated, via="import")
        if dry_run:
            transaction.set_rollback(True)
    return report
