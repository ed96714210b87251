"""Loading the members reference table (reference/members.csv), with sources."""

from __future__ import annotations

import csv
import datetime
import importlib.resources
import re
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_countries import countries

from hub.core.audit import acting_as
from hub.core.errors import Problem
from hub.core.models import Visibility
from hub.core.reference import LoadReport
from hub.core.reference import Outcome
from hub.core.reference import reference_load
from hub.core.reference import reference_rows
from hub.core.validation import full_clean
from hub.members.models import AllianceFigure
from hub.members.models import Member
from hub.members.models import MemberStatusChange
from hub.members.models import TaskforceRole
from hub.members.services.registry import member_status_history_start

LAUNCH_DATE = datetime.date(2022, 6, 2)  # seed 000: press release of 2 June 2022
LAUNCH_FIGURE_SOURCE = "seed 000 (“currently 99”)"

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


def _validate(regions: dict[str, tuple[str, str]]) -> Any:
    def validate(number: int, row: dict[str, str], problems: list[Problem]) -> tuple[dict[str, Any], str, str] | None:
        kind = KIND_FROM_TABLE.get(row["kind"].strip())
        if kind is None:
            problems.append(Problem(_("Unknown kind."), field="kind", row=number))
            return None
        iso = row["iso3166"].strip().upper()
        if iso and iso not in countries:
            problems.append(Problem(_("Not an ISO 3166 country code."), field="iso3166", row=number))
            return None
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
        # Alliance membership, where a source says so (the seeds' rule: the Taskforce is open to
        # Alliance government members). A row without it leaves what the secretariat recorded.
        alliance = row.get("alliance_member", "").strip()
        if alliance not in ("", "yes", "no"):
            problems.append(Problem(_("Write yes, no or nothing."), field="alliance_member", row=number))
            return None
        if alliance and not row.get("alliance_source", "").strip():
            problems.append(
                Problem(_("Give the source of the Alliance membership."), field="alliance_source", row=number)
            )
            return None
        if alliance:
            values["alliance_member"] = alliance == "yes"
            values["alliance_source"] = row["alliance_source"].strip()
        for lang in ("fr", "es"):
            if iso:
                with translation.override(lang):
                    values[f"name_{lang}"] = str(countries.name(iso))
            else:
                values[f"name_{lang}"] = UNOFFICIAL_NAMES.get(values["name_en"], {}).get(lang, "")
        return values, row["role_at_launch_june_2022"].strip(), row["source"].strip()

    return validate


def _upsert(planned: tuple[dict[str, Any], str, str]) -> Outcome:
    values, launch_role, source = planned
    slug = slugify(values["name_en"])[:80]
    member = Member.objects.filter(slug=slug).first()
    if member is None:
        member = Member(slug=slug, joined_on=LAUNCH_DATE if values["founding_member"] else None, **values)
        member.name = values["name_en"]
        full_clean(member)
        member.save()
        outcome = Outcome.CREATED
    else:
        changes = {k: v for k, v in values.items() if getattr(member, k) != v}
        for k, after in changes.items():
            setattr(member, k, after)
        if changes:
            member.save(update_fields=[*changes, "updated_at"])
        outcome = Outcome.UPDATED if changes else Outcome.UNCHANGED
    if launch_role and not member.taskforce_roles.filter(starts_on=LAUNCH_DATE).exists():
        role = TaskforceRole(member=member, role=ROLE_FROM_TABLE[launch_role], starts_on=LAUNCH_DATE, source=source)
        full_clean(role)
        role.save()
    member_status_history_start(member, reason=MemberStatusChange.REFERENCE_REASON + source)
    return outcome


def _alliance_figure_at_launch() -> None:
    if not AllianceFigure.objects.filter(kind=AllianceFigure.Kind.GOVERNMENT_MEMBERS, as_of=LAUNCH_DATE).exists():
        AllianceFigure.objects.create(
            kind=AllianceFigure.Kind.GOVERNMENT_MEMBERS,
            value=99,
            as_of=LAUNCH_DATE,
            source=LAUNCH_FIGURE_SOURCE,
        )
    else:
        # Earlier loads wrote the source out in words; it is cited by its id now, like the tables.
        for figure in AllianceFigure.objects.filter(
            kind=AllianceFigure.Kind.GOVERNMENT_MEMBERS, as_of=LAUNCH_DATE, source__startswith="seed 000:"
        ):
            figure.source = LAUNCH_FIGURE_SOURCE
            figure.save(update_fields=["source", "updated_at"])


def reference_members_load(*, path: Path | None = None, dry_run: bool = False) -> LoadReport:
    """Load the members reference table (idempotent; all-or-nothing; audited as a bulk write)."""
    with transaction.atomic():
        report = reference_load(
            table="members",
            rows=reference_rows("members.csv", path),
            validate=_validate(m49_regions()),
            upsert=_upsert,
            dry_run=dry_run,
        )
        if not dry_run:
            with acting_as(None, via="reference"):
                _alliance_figure_at_launch()
    return report
