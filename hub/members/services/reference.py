"""Loading the members reference table (reference/members.csv), with sources."""

from __future__ import annotations

import csv
import datetime
import importlib.resources
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_countries import countries

from hub.core.audit import acting_as
from hub.core.errors import Problem, ValidationFailed
from hub.core.models import Visibility
from hub.core.validation import full_clean
from hub.members.models import AllianceFigure, Member, MemberStatusChange, TaskforceRole

LAUNCH_DATE = datetime.date(2022, 6, 2)  # seed 000: press release of 2 June 2022
REFERENCE_DIR = Path(settings.BASE_DIR) / "reference"

KIND_FROM_TABLE = {
    "government": Member.Kind.GOVERNMENT,
    "intergovernmental organisation": Member.Kind.INTERGOVERNMENTAL,
    "treaty body": Member.Kind.TREATY_BODY,
}
ROLE_FROM_TABLE = {
    "chair": TaskforceRole.Role.CHAIR,
    "vice-chair": TaskforceRole.Role.VICE_CHAIR,
    "member": TaskforceRole.Role.MEMBER,
}
# Unofficial translations of the names of members that are not countries (countries take their
# names from django-countries' translated ISO 3166 table).
UNOFFICIAL_NAMES = {
    "European Commission": {"fr": "Commission européenne", "es": "Comisión Europea"},
    "African Union": {"fr": "Union africaine", "es": "Unión Africana"},
    "Lanzarote Committee (Council of Europe)": {
        "fr": "Comité de Lanzarote (Conseil de l'Europe)",
        "es": "Comité de Lanzarote (Consejo de Europa)",
    },
}


def m49_regions() -> dict[str, tuple[str, str]]:
    """ISO alpha-2 code to (UN M49 region, sub-region), from country_converter's copy of the table."""
    table = importlib.resources.files("country_converter") / "country_data.tsv"
    out: dict[str, tuple[str, str]] = {}
    with table.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            continent = row["continent"]
            region = "Americas" if continent == "America" else continent
            # A few rows hold a pattern (United Kingdom: "^GB$|^UK$"); some historic rows hold none.
            for code in re.findall(r"[A-Z]{2}", row["ISO2"]):
                out.setdefault(code, (region, row["UNregion"]))
    return out


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def reference_members_load(*, path: Path | None = None, dry_run: bool = False) -> LoadReport:
    """Load the members reference table (idempotent; all-or-nothing; audited as a bulk write)."""
    path = path or REFERENCE_DIR / "members.csv"
    regions = m49_regions()
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    problems: list[Problem] = []
    planned: list[tuple[dict[str, Any], str, str]] = []
    for number, row in enumerate(rows, start=2):
        kind = KIND_FROM_TABLE.get(row["kind"].strip())
        if kind is None:
            problems.append(Problem(_("Unknown kind."), field="kind", row=number))
            continue
        iso = row["iso3166"].strip().upper()
        if iso and iso not in countries:
            problems.append(Problem(_("Not an ISO 3166 country code."), field="iso3166", row=number))
            continue
        region, subregion = regions.get(iso, ("", "")) if iso else ("", "")
        values: dict[str, Any] = {
            "name_en": row["name"].strip(),
            "kind": kind,
            "country": iso,
            "region": region,
            "subregion": subregion,
            "founding_member": row["founding_member"].strip() == "yes",
            "mission_statement": (
                Member.MissionStatement.SIGNATORY
                if row["mission_statement"].startswith("signatory")
                else Member.MissionStatement.NOT_LISTED
            ),
            "source": row["source"].strip(),
            "visibility": Visibility.PUBLIC,
            "is_synthetic": False,
        }
        for lang in ("fr", "es"):
            if iso:
                with translation.override(lang):
                    values[f"name_{lang}"] = str(countries.name(iso))
            else:
                values[f"name_{lang}"] = UNOFFICIAL_NAMES.get(values["name_en"], {}).get(lang, "")
        planned.append((values, row["role_at_launch_june_2022"].strip(), row["source"].strip()))
    if problems:
        raise ValidationFailed(_("The members table has errors; nothing was loaded."), problems=problems)
    report = LoadReport()
    with transaction.atomic(), acting_as(None, via="reference"):
        created: list[Any] = []
        updated: list[tuple[Any, dict[str, tuple[Any, Any]]]] = []
        for values, launch_role, source in planned:
            slug = slugify(values["name_en"])[:80]
            member = Member.objects.filter(slug=slug).first()
            if member is None:
                member = Member(slug=slug, joined_on=LAUNCH_DATE if values["founding_member"] else None, **values)
                member.name = values["name_en"]
                full_clean(member)
                member.save()
                created.append(member)
                report.created += 1
            else:
                changes = {k: (getattr(member, k), v) for k, v in values.items() if getattr(member, k) != v}
                if changes:
                    for k, (_before, after) in changes.items():
                        setattr(member, k, after)
                    member.save(update_fields=[*changes, "updated_at"])
                    updated.append((member, changes))
                    report.updated += 1
                else:
                    report.unchanged += 1
            if launch_role and not member.taskforce_roles.filter(starts_on=LAUNCH_DATE).exists():
                role = TaskforceRole(
                    member=member, role=ROLE_FROM_TABLE[launch_role], starts_on=LAUNCH_DATE, source=source
                )
                full_clean(role)
                role.save()
                created.append(role)
            if not member.status_changes.exists():
                MemberStatusChange.objects.create(
                    member=member,
                    status=member.status,
                    previous_status=member.status,
                    effective_on=member.joined_on,
                    reason="Reference table: " + source,
                )
        if not AllianceFigure.objects.filter(kind=AllianceFigure.Kind.GOVERNMENT_MEMBERS, as_of=LAUNCH_DATE).exists():
            AllianceFigure.objects.create(
                kind=AllianceFigure.Kind.GOVERNMENT_MEMBERS,
                value=99,
                as_of=LAUNCH_DATE,
                source="seed 000: WeProtect Global Alliance press release of 2 June 2022 (“currently 99”)",
            )
        if dry_run:
            transaction.set_rollback(True)
    return report
