"""Legal frameworks: importing codings and statutes from CSV or XLSX (the secretariat).

Every row is checked first (the member, the provision of the checklist version, the coding, the
citation, the dates, the field rules of hub.core.fields) and every problem is named by its row and
column (codings against the rules `coding_apply` applies: the five statuses, never partial on a binary
provision, a verified coding cites its statute or section); any problem writes nothing. Then, in one
audited transaction, a member without a profile gets one opened (`profile_open`), a row identical to
what is stored is left alone (running the same file twice creates nothing the second time and adds no
history), and the rest is written: codings in bulk with what `coding_apply` sets (`coding_prepare`),
each with its history record (who and why) and audit row, so that 10,000 rows stay within the import
budget (SPEC 12); statutes one by one through `full_clean`. A dry run checks and counts, and writes
nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.core.audit import acting_as
from hub.core.audit import audit_bulk
from hub.core.concurrency import unique_or_conflict
from hub.core.errors import NotFound
from hub.core.errors import Problem
from hub.core.errors import raise_problems
from hub.core.fields import add_field_problems
from hub.core.fields import strict_date
from hub.core.fields import text_problem
from hub.core.policies import policy_for
from hub.core.tabular import FORMULA_STARTS
from hub.core.tabular import Row
from hub.core.tabular import read_table
from hub.core.validation import full_clean
from hub.core.viewer import Viewer
from hub.legal.models import ChecklistVersion
from hub.legal.models import Coding
from hub.legal.models import LegalProfile
from hub.legal.models import Provision
from hub.legal.models import Statute
from hub.legal.policies.io import legal_io
from hub.legal.selectors.codings import current_version
from hub.legal.services.codings import CodingInput
from hub.legal.services.profiles import profile_open
from hub.members.models import Member

CODING_COLUMNS = ["member", "version", "provision", "status", "statute", "pinpoint", "rationale", "review", "reason"]
CODING_REQUIRED = ["member", "provision", "status"]
STATUTE_COLUMNS = [
    "member",
    "citation",
    "title_original",
    "original_language",
    "title_en",
    "url",
    "in_force_on",
    "repealed_on",
    "source",
]
STATUTE_REQUIRED = ["member", "citation", "title_original", "source"]
# What an export adds after the import's columns (an import ignores it).
SYNTHETIC_COLUMN = "synthetic"
MAX_REASON_CHARS = 5000
BATCH = 500
FEW_PROFILES = 2

STATUS_WORDS = {
    "met": Coding.Status.MET,
    "partial": Coding.Status.PARTIAL,
    "partly met": Coding.Status.PARTIAL,
    "partially met": Coding.Status.PARTIAL,
    "not met": Coding.Status.NOT_MET,
    "not assessed": Coding.Status.NOT_ASSESSED,
    "not applicable": Coding.Status.NOT_APPLICABLE,
}
REVIEW_WORDS = {
    "": Coding.Review.DRAFT,
    "draft": Coding.Review.DRAFT,
    "verified": Coding.Review.VERIFIED,
    "verified by the secretariat": Coding.Review.VERIFIED,
}


@dataclass
class LegalImportReport:
    """What an import did (or, after a dry run, would do)."""

    kind: str
    dry_run: bool = False
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    profiles_opened: int = 0


def _words(text: str) -> str:
    return " ".join(text.replace("_", " ").replace("-", " ").lower().split())


def status_from_text(text: str) -> str | None:
    """The coding a cell names (met, partial, not_met…, or the words: "not met", "partly met"), or None."""
    return STATUS_WORDS.get(_words(text))


def review_from_text(text: str) -> str | None:
    return REVIEW_WORDS.get(_words(text))


def _require(viewer: Viewer) -> None:
    if not legal_io.can(viewer, "import"):
        raise NotFound()


def _members(viewer: Viewer, rows: list[Row]) -> dict[str, Member]:
    slugs = {r.get("member") for r in rows if r.get("member")}
    return {m.slug: m for m in policy_for(Member).visible(viewer).filter(slug__in=slugs)}


def _member(row: Row, members: dict[str, Member], problems: list[Problem]) -> Member | None:
    slug = row.get("member")
    member = members.get(slug)
    if member is None:
        message = _("This field is required.") if not slug else _("No member with this short name.")
        problems.append(Problem(message, field="member", row=row.number))
    return member


def unquoted(value: str) -> str:
    """A cell as written before an export made it safe for spreadsheets ("'=x" was "=x"), so that an
    export imported again is unchanged."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def _text(row: Row, column: str, problems: list[Problem], *, limit: int) -> str:
    value = unquoted(row.get(column))
    found = text_problem(value)
    if found is None and len(value) > limit:
        found = _("At most %(n)s characters.") % {"n": limit}
    if found:
        problems.append(Problem(found, field=column, row=row.number))
    return value


def _duplicate(seen: dict[Any, int], key: Any, row: Row, column: str, problems: list[Problem]) -> None:
    if key in seen:
        message = _("The same member and %(column)s as row %(row)s.") % {"column": column, "row": seen[key]}
        problems.append(Problem(message, field=column, row=row.number))
    else:
        seen[key] = row.number


# --- codings ---------------------------------------------------------------------------------


@dataclass
class _PlannedCoding:
    row: int
    member: Member
    provision: Provision
    statute: Statute | None
    data: CodingInput


def _versions(rows: list[Row]) -> tuple[ChecklistVersion | None, dict[str, ChecklistVersion]]:
    codes = {r.get("version") for r in rows if r.get("version")}
    published = ChecklistVersion.objects.filter(code__in=codes, status=ChecklistVersion.Status.PUBLISHED)
    return current_version(), {v.code: v for v in published}


def _provisions(versions: list[ChecklistVersion]) -> dict[tuple[int, str], Provision]:
    found = Provision.objects.filter(version__in=versions).select_related("version")
    return {(p.version_id, p.code.lower()): p for p in found}


def _statutes(members: list[Member]) -> dict[tuple[int, str], Statute]:
    found = Statute.objects.filter(profile__member__in=members).select_related("profile")
    return {(s.profile.member_id, s.citation.lower()): s for s in found}


def _coding_row(
    row: Row,
    *,
    members: dict[str, Member],
    current: ChecklistVersion | None,
    versions: dict[str, ChecklistVersion],
    provisions: dict[tuple[int, str], Provision],
    statutes: dict[tuple[int, str], Statute],
    problems: list[Problem],
) -> _PlannedCoding | None:
    n = row.number
    member = _member(row, members, problems)
    version = versions.get(row.get("version")) if row.get("version") else current
    if version is None:
        message = (
            _("No published checklist version with this code.")
            if row.get("version")
            else _("No model checklist is published yet.")
        )
        problems.append(Problem(message, field="version", row=n))
    provision = provisions.get((version.pk, row.get("provision").lower())) if version else None
    if version is not None and provision is None:
        message = _("No provision with this code in checklist version %(version)s.") % {"version": version.code}
        problems.append(Problem(message, field="provision", row=n))
    status = status_from_text(row.get("status"))
    if status is None:
        message = _("Use one of: met, partial, not met, not assessed, not applicable.")
        problems.append(Problem(message, field="status", row=n))
    elif status == Coding.Status.PARTIAL and provision is not None and not provision.is_graded:
        message = _("This provision is binary: it is met or not met, never partly met.")
        problems.append(Problem(message, field="status", row=n))
    review = review_from_text(row.get("review"))
    if review is None:
        problems.append(Problem(_("Use draft or verified."), field="review", row=n))
    statute = None
    if row.get("statute") and member is not None:
        statute = statutes.get((member.pk, row.get("statute").lower()))
        if statute is None:
            message = _("No statute with this citation in this member's legal profile: import the statutes first.")
            problems.append(Problem(message, field="statute", row=n))
    pinpoint = _text(row, "pinpoint", problems, limit=300)
    rationale = _text(row, "rationale", problems, limit=5000)
    reason = _text(row, "reason", problems, limit=MAX_REASON_CHARS)
    verified = review == Coding.Review.VERIFIED
    if verified and statute is None and not row.get("statute") and not pinpoint:
        message = _("A verified coding needs its citation: the statute and the section.")
        problems.append(Problem(message, field="pinpoint", row=n))
    if member is None or provision is None or status is None:
        return None
    data = CodingInput(
        status=status,
        pinpoint=pinpoint,
        rationale=rationale,
        statute_id=statute.pk if statute else None,
        verified=verified,
        reason=reason,
    )
    return _PlannedCoding(row=n, member=member, provision=provision, statute=statute, data=data)


def _same_coding(coding: Coding, data: CodingInput) -> bool:
    review = Coding.Review.VERIFIED if data.verified else Coding.Review.DRAFT
    return (
        coding.status == data.status
        and coding.statute_id == data.statute_id
        and coding.pinpoint.strip() == data.pinpoint.strip()
        and coding.rationale.strip() == data.rationale.strip()
        and coding.review == review
    )


def _profiles(viewer: Viewer, members: list[Member], report: LegalImportReport, *, via: str) -> dict[int, LegalProfile]:
    """The members' profiles, each opened if it is not there yet (a dry run only counts them). One or
    two are opened by `profile_open`; more at once in bulk, as `profile_open` opens them (taskforce-level,
    synthetic with their member), each with its audit row."""
    found = {p.member_id: p for p in LegalProfile.objects.filter(member__in=members)}
    missing = [m for m in members if m.pk not in found]
    report.profiles_opened = len(missing)
    if report.dry_run or not missing:
        return found
    if len(missing) <= FEW_PROFILES:
        for member in missing:
            found[member.pk] = profile_open(viewer=viewer, member_id=member.pk, via=via)
        return found
    # Nothing here comes from the file: the defaults profile_open gives, which the constraints hold.
    opened = [LegalProfile(member=m, is_synthetic=m.is_synthetic) for m in missing]
    LegalProfile.objects.bulk_create(opened, batch_size=BATCH)
    audit_bulk(actor=viewer.user, created=opened, via=via)
    found.update({p.member_id: p for p in opened})
    return found


# What `coding_apply` writes onto a coding; an import writes the same fields, in bulk.
WRITTEN_FIELDS = (
    "status",
    "pinpoint",
    "rationale",
    "statute_id",
    "coder_id",
    "review",
    "verified_on",
    "verified_by_id",
)


def coding_prepare(*, viewer: Viewer, coding: Coding, data: CodingInput, statute: Statute | None) -> Coding:
    """Set on `coding` what `coding_apply` would (the row was checked against the same rules first),
    with the history's who and why, for the bulk write of an import."""
    coding.status = data.status
    coding.pinpoint = data.pinpoint.strip()
    coding.rationale = data.rationale.strip()
    coding.statute = statute
    coding.coder = viewer.user
    if data.verified:
        coding.review = Coding.Review.VERIFIED
        coding.verified_on = timezone.localdate()
        coding.verified_by = viewer.user
    else:
        coding.review = Coding.Review.DRAFT
        coding.verified_on = None
        coding.verified_by = None
    coding.updated_at = timezone.now()
    coding._change_reason = data.reason.strip() or None  # type: ignore[attr-defined]
    coding._history_user = viewer.user  # type: ignore[attr-defined]
    return coding


def _write_codings(
    viewer: Viewer,
    created: list[Coding],
    updated: list[tuple[Coding, dict[str, tuple[Any, Any]]]],
    *,
    via: str,
) -> None:
    """Write the codings in bulk (10,000 rows within the import budget), each with its history record
    (who and why, as `coding_apply` keeps it) and its audit row."""
    Coding.objects.bulk_create(created, batch_size=BATCH)
    changed = [c for c, _changes in updated]
    if changed:
        Coding.objects.bulk_update(changed, fields=[*WRITTEN_FIELDS, "updated_at"], batch_size=BATCH)
    history: Any = Coding.history
    history.bulk_history_create(created, batch_size=BATCH, default_user=viewer.user, default_change_reason=None)
    history.bulk_history_create(
        changed, batch_size=BATCH, update=True, default_user=viewer.user, default_change_reason=None
    )
    audit_bulk(actor=viewer.user, created=created, updated=updated, via=via)


def codings_import(
    *, viewer: Viewer, name: str, content: bytes, dry_run: bool = False, via: str = "import"
) -> LegalImportReport:
    """Create or update codings by member, checklist version and provision (columns: CODING_COLUMNS).
    All rows are checked first; any problem writes nothing (ValidationFailed naming each row and
    column). Secretariat only; for anyone else the import is not there (404)."""
    _require(viewer)
    rows = read_table(name=name, content=content, required=CODING_REQUIRED)
    members = _members(viewer, rows)
    current, versions = _versions(rows)
    provisions = _provisions([v for v in {current, *versions.values()} if v is not None])
    statutes = _statutes(list(members.values()))
    problems: list[Problem] = []
    planned: list[_PlannedCoding] = []
    seen: dict[Any, int] = {}
    for row in rows:
        row_problems: list[Problem] = []
        plan = _coding_row(
            row,
            members=members,
            current=current,
            versions=versions,
            provisions=provisions,
            statutes=statutes,
            problems=row_problems,
        )
        if plan is not None:
            _duplicate(seen, (plan.member.pk, plan.provision.pk), row, "provision", row_problems)
        problems += row_problems
        if plan is not None and not row_problems:
            planned.append(plan)
    raise_problems(problems, _("The file has errors; nothing was imported."))
    report = LegalImportReport(kind="codings", dry_run=dry_run, rows=len(rows))
    conflict = _("A coding of this file was written at the same moment by someone else; nothing was imported.")
    with unique_or_conflict(conflict), transaction.atomic(), acting_as(viewer.user, via=via):
        used = list({p.member.pk: p.member for p in planned}.values())
        profiles = _profiles(viewer, used, report, via=via)
        existing = {
            (c.profile_id, c.provision_id): c
            for c in Coding.objects.select_for_update(of=("self",))
            .select_related("provision")
            .filter(profile__in=list(profiles.values()), provision__in=[p.provision for p in planned])
        }
        created: list[Coding] = []
        updated: list[tuple[Coding, dict[str, tuple[Any, Any]]]] = []
        for plan in planned:
            profile = profiles.get(plan.member.pk)
            coding = existing.get((profile.pk, plan.provision.pk)) if profile is not None else None
            if coding is not None and _same_coding(coding, plan.data):
                report.unchanged += 1
            elif coding is None:
                report.created += 1
                if profile is not None:
                    coding = Coding(profile=profile, provision=plan.provision, is_synthetic=profile.is_synthetic)
                    created.append(coding_prepare(viewer=viewer, coding=coding, data=plan.data, statute=plan.statute))
            else:
                report.updated += 1
                before = {f: getattr(coding, f) for f in WRITTEN_FIELDS}
                coding_prepare(viewer=viewer, coding=coding, data=plan.data, statute=plan.statute)
                changes = {
                    f: (before[f], getattr(coding, f)) for f in WRITTEN_FIELDS if before[f] != getattr(coding, f)
                }
                updated.append((coding, changes))
        if not dry_run:
            _write_codings(viewer, created, updated, via=via)
        if dry_run:
            transaction.set_rollback(True)
    return report


# --- statutes --------------------------------------------------------------------------------

STATUTE_TEXT = {"citation": 300, "title_original": 500, "original_language": 35, "title_en": 500, "source": 300}


def _date(row: Row, column: str, problems: list[Problem]) -> datetime.date | None:
    text = row.get(column)
    if not text:
        return None
    try:
        return strict_date(text)
    except ValueError:
        problems.append(Problem(_("Give the date as YYYY-MM-DD."), field=column, row=row.number))
        return None


def _statute_values(row: Row, problems: list[Problem]) -> dict[str, Any]:
    values: dict[str, Any] = {c: _text(row, c, problems, limit=limit) for c, limit in STATUTE_TEXT.items()}
    url = _text(row, "url", problems, limit=500)
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except DjangoValidationError:
            problems.append(Problem(_("Enter a link starting with https:// or http://."), field="url", row=row.number))
    values["url"] = url
    values["in_force_on"] = _date(row, "in_force_on", problems)
    values["repealed_on"] = _date(row, "repealed_on", problems)
    if values["in_force_on"] and values["repealed_on"] and values["repealed_on"] < values["in_force_on"]:
        message = _("A statute is repealed on or after the day it came into force.")
        problems.append(Problem(message, field="repealed_on", row=row.number))
    found: list[Problem] = list(problems)
    add_field_problems(found, Statute(**values), row=row.number)
    problems += [p for p in found[len(problems) :] if p.field != "profile"]  # the profile is opened later
    return values


def statutes_import(
    *, viewer: Viewer, name: str, content: bytes, dry_run: bool = False, via: str = "import"
) -> LegalImportReport:
    """Create or update statutes by member and citation (columns: STATUTE_COLUMNS), all rows or none.
    Secretariat only; for anyone else the import is not there (404)."""
    _require(viewer)
    rows = read_table(name=name, content=content, required=STATUTE_REQUIRED)
    members = _members(viewer, rows)
    problems: list[Problem] = []
    planned: list[tuple[int, Member, dict[str, Any]]] = []
    seen: dict[Any, int] = {}
    for row in rows:
        row_problems: list[Problem] = []
        member = _member(row, members, row_problems)
        for column in ("citation", "title_original", "source"):
            if not row.get(column):
                row_problems.append(Problem(_("This field is required."), field=column, row=row.number))
        values = _statute_values(row, row_problems)
        if member is not None and values["citation"]:
            _duplicate(seen, (member.pk, values["citation"].lower()), row, "citation", row_problems)
        problems += row_problems
        if member is not None and not row_problems:
            planned.append((row.number, member, values))
    raise_problems(problems, _("The file has errors; nothing was imported."))
    report = LegalImportReport(kind="statutes", dry_run=dry_run, rows=len(rows))
    conflict = _("A statute of this file was written at the same moment by someone else; nothing was imported.")
    with unique_or_conflict(conflict), transaction.atomic(), acting_as(viewer.user, via=via):
        used = list({m.pk: m for _n, m, _v in planned}.values())
        profiles = _profiles(viewer, used, report, via=via)
        existing = {
            (s.profile_id, s.citation.lower()): s
            for s in Statute.objects.select_for_update().filter(profile__in=list(profiles.values()))
        }
        for number, member, values in planned:
            profile = profiles.get(member.pk)
            statute = existing.get((profile.pk, values["citation"].lower())) if profile is not None else None
            if statute is not None and all(getattr(statute, k) == v for k, v in values.items()):
                report.unchanged += 1
                continue
            if statute is None:
                report.created += 1
            else:
                report.updated += 1
            if dry_run:
                continue
            assert profile is not None  # noqa: S101 - opened above unless a dry run
            if statute is None:
                statute = Statute(profile=profile, is_synthetic=profile.is_synthetic)
            for key, value in values.items():
                setattr(statute, key, value)
            full_clean(statute, row=number)
            statute.save()
        if dry_run:
            transaction.set_rollback(True)
    return report
