"""Legal frameworks: loading the model checklist (reference/model_checklist.csv, version 2026-1, with
the project's unofficial fr and es in reference/model_checklist_translations.csv when present)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils import translation
from django.utils.translation import gettext as _

from hub.core.audit import acting_as
from hub.core.concurrency import changed_meanwhile
from hub.core.concurrency import locked
from hub.core.concurrency import unique_or_conflict
from hub.core.errors import Conflict
from hub.core.errors import NotFound
from hub.core.errors import Problem
from hub.core.errors import ValidationFailed
from hub.core.errors import raise_problems
from hub.core.errors import require_text
from hub.core.policies import policy_for
from hub.core.reference import REFERENCE_DIR
from hub.core.reference import LoadReport
from hub.core.reference import Outcome
from hub.core.reference import reference_load
from hub.core.reference import reference_rows
from hub.core.reference import upsert_by
from hub.core.tabular import Row
from hub.core.tabular import read_table
from hub.core.validation import full_clean
from hub.core.viewer import Viewer
from hub.legal.models import GROUPS
from hub.legal.models import ChecklistVersion
from hub.legal.models import Provision
from hub.legal.models import ProvisionMapping
from hub.legal.models.checklist import Group
from hub.legal.selectors.codings import current_version

LANGUAGES = ("fr", "es")
REFERENCE_SOURCE = "Model legal checklist of the Taskforce Hub project (reference/model_checklist.csv)"
TRANSLATIONS = "model_checklist_translations.csv"

# The safe-haven view reads these roles. Conduct: the offences group, and grooming and extortion but
# for the protection of children from prosecution for their own images (G5). J1: active nationality.
CONDUCT_GROUPS = ("offences", "grooming and extortion")
PROTECTIONS = frozenset({"G5"})
ACTIVE_NATIONALITY = frozenset({"J1"})


def provision_role(group: str, code: str) -> str:
    if code in ACTIVE_NATIONALITY:
        return Provision.Role.ACTIVE_NATIONALITY
    if group in CONDUCT_GROUPS and code not in PROTECTIONS:
        return Provision.Role.CONDUCT
    return Provision.Role.OTHER


def _translations() -> dict[tuple[str, str], dict[str, str]]:
    if not (Path(REFERENCE_DIR) / TRANSLATIONS).exists():
        return {}
    return {(r["version"], r["id"]): r for r in reference_rows(TRANSLATIONS)}


def _validate(translations: dict[tuple[str, str], dict[str, str]]) -> Any:
    positions: dict[str, int] = {}

    def validate(number: int, row: dict[str, str], problems: list[Problem]) -> dict[str, Any] | None:
        for column in ("version", "id", "group", "provision", "met_means", "scoring", "instruments"):
            if not (row.get(column) or "").strip():
                problems.append(Problem(_("This field is required."), field=column, row=number))
                return None
        if row["group"] not in GROUPS:
            problems.append(Problem(_("Unknown group."), field="group", row=number))
            return None
        if row["scoring"] not in ("graded", "binary"):
            problems.append(Problem(_("Use graded or binary."), field="scoring", row=number))
            return None
        version = row["version"].strip()
        positions[version] = positions.get(version, 0) + 1
        t = translations.get((version, row["id"]), {})
        values: dict[str, Any] = {
            "group": row["group"],
            "position": positions[version],
            "text_en": row["provision"],
            "met_means_en": row["met_means"],
            "scoring": row["scoring"],
            "instruments": row["instruments"],
            "role": provision_role(row["group"], row["id"]),
        }
        for lang in LANGUAGES:
            values[f"text_{lang}"] = t.get(f"provision_{lang}", "")
            values[f"met_means_{lang}"] = t.get(f"met_means_{lang}", "")
        return {"version": version, "code": row["id"].strip(), "values": values}

    return validate


def _upsert(planned: dict[str, Any]) -> Outcome:
    version, _created = ChecklistVersion.objects.get_or_create(
        code=planned["version"],
        defaults={
            "source": REFERENCE_SOURCE,
            "status": ChecklistVersion.Status.PUBLISHED,
            "published_at": timezone.now(),
        },
    )
    values = planned["values"]
    on_create = {"text": values["text_en"], "met_means": values["met_means_en"]}
    return upsert_by(
        Provision, lookup={"version": version, "code": planned["code"]}, values=values, on_create=on_create
    )


def reference_checklist_load(*, dry_run: bool = False) -> LoadReport:
    """Create or update the checklist versions of reference/model_checklist.csv (idempotent; all-or-nothing)."""
    return reference_load(
        table="model checklist",
        rows=reference_rows("model_checklist.csv"),
        validate=_validate(_translations()),
        upsert=_upsert,
        dry_run=dry_run,
    )


# --- a new version from a file (the secretariat) -------------------------------------------------
# The columns of reference/model_checklist.csv (its `version` column optional: when given, it is the
# code loaded), plus `maps_to` (the earlier provisions' codes, separated by semicolons) and `relation`
# (same, split or merged), and optionally `role` and the unofficial fr and es texts.

VERSION_CODE = re.compile(r"[0-9][0-9A-Za-z._-]{0,15}")  # starts with a digit: never a page name ("load")
PROVISION_CODE = re.compile(r"[A-Z][A-Za-z0-9.]{0,7}")  # starts with a capital: never a page name ("publish")
FILE_REQUIRED = ["id", "group", "provision", "met_means", "scoring", "instruments"]
FILE_COLUMNS = [
    "version",
    *FILE_REQUIRED,
    "maps_to",
    "relation",
    "role",
    "provision_fr",
    "met_means_fr",
    "provision_es",
    "met_means_es",
]
RELATIONS = tuple(ProvisionMapping.Kind.values)
ROLES = tuple(Provision.Role.values)
PROVISION_FIELDS = (
    "group",
    "position",
    "text_en",
    "met_means_en",
    "text_fr",
    "met_means_fr",
    "text_es",
    "met_means_es",
    "scoring",
    "role",
    "instruments",
)


@dataclass
class PlannedProvision:
    """One row of the file as it would be stored: its provision and what it maps to."""

    row: int
    code: str
    values: dict[str, Any]
    maps_to: list[str] = field(default_factory=list)
    relation: str = ""

    @property
    def text(self) -> str:
        return str(self.values["text_en"])

    @property
    def group_label(self) -> str:
        return str(Group(self.values["group"]).label)

    @property
    def scoring_label(self) -> str:
        return str(Provision.Scoring(self.values["scoring"]).label)

    @property
    def role_label(self) -> str:
        return str(Provision.Role(self.values["role"]).label)

    @property
    def relation_label(self) -> str:
        return str(ProvisionMapping.Kind(self.relation).label) if self.relation else ""


@dataclass
class ChecklistLoadReport:
    """What a load did (or, in a dry run, would do)."""

    version: str
    previous: str | None
    dry_run: bool = False
    version_created: bool = False
    version_changed: bool = False
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    mappings: int = 0
    provisions: list[PlannedProvision] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.version_created or self.version_changed or self.created or self.updated or self.removed)


def _codes(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def _version_problems(code: str, title: str, source: str) -> list[Problem]:
    problems: list[Problem] = []
    if not VERSION_CODE.fullmatch(code):
        problems.append(
            Problem(
                _(
                    "Give a version code of up to 16 letters, digits, dots or hyphens "
                    "that starts with a digit, such as 2027-1."
                ),
                "code",
            )
        )
    require_text(problems, source, _("Say where this version comes from."), field="source")
    probe = ChecklistVersion(code=code or "x", title=title, source=source or "x")
    try:
        full_clean(probe, exclude=["code", "published_by", "previous"])
    except ValidationFailed as exc:
        problems += exc.problems
    return problems


def _row_problems(
    row: Row,
    *,
    code: str,
    previous_codes: set[str] | None,
    seen: dict[str, int],
    same_seen: dict[str, int],
    position: int,
) -> tuple[PlannedProvision | None, list[Problem]]:
    n = row.number
    problems: list[Problem] = []
    given_version = row.get("version")
    if given_version and given_version != code:
        problems.append(
            Problem(
                _("This row is of version %(row)s, not %(code)s.") % {"row": given_version, "code": code},
                "version",
                n,
            )
        )
    pcode = row.get("id")
    if not PROVISION_CODE.fullmatch(pcode):
        problems.append(
            Problem(
                _("Give a provision code of at most 8 letters and digits starting with a capital, such as O5."), "id", n
            )
        )
    elif pcode in seen:
        problems.append(Problem(_("The same provision code as row %(row)s.") % {"row": seen[pcode]}, "id", n))
    else:
        seen[pcode] = n
    for column in ("provision", "met_means", "instruments"):
        if not row.get(column):
            problems.append(Problem(_("This field is required."), column, n))
    group = row.get("group").lower()
    if group not in GROUPS:
        problems.append(
            Problem(_("Unknown group; use one of: %(groups)s.") % {"groups": ", ".join(GROUPS)}, "group", n)
        )
    scoring = row.get("scoring").lower()
    if scoring not in Provision.Scoring.values:
        problems.append(Problem(_("Use graded or binary."), "scoring", n))
    role = row.get("role").lower()
    if role and role not in ROLES:
        problems.append(Problem(_("Use conduct, active_nationality or other."), "role", n))
    maps_to = _codes(row.get("maps_to"))
    relation = row.get("relation").lower()
    _mapping_problems(row, maps_to, relation, previous_codes, same_seen, problems)
    if problems:
        return None, problems
    values: dict[str, Any] = {
        "group": group,
        "position": position,
        "text_en": row.get("provision"),
        "met_means_en": row.get("met_means"),
        "scoring": scoring,
        "role": role or provision_role(group, pcode),
        "instruments": row.get("instruments"),
    }
    for lang in LANGUAGES:
        values[f"text_{lang}"] = row.get(f"provision_{lang}")
        values[f"met_means_{lang}"] = row.get(f"met_means_{lang}")
    probe = Provision(code=pcode, **values)
    try:
        full_clean(probe, row=n, exclude=["version", "position"])
    except ValidationFailed as exc:
        named: list[Problem] = []
        for p in map(_column, exc.problems):
            if all((p.field, p.message) != (q.field, q.message) for q in named):
                named.append(p)
        return None, named
    return PlannedProvision(row=n, code=pcode, values=values, maps_to=maps_to, relation=relation), []


def _column(problem: Problem) -> Problem:
    """A model field's problem named by the file's column."""
    names = {"text": "provision", "text_en": "provision", "met_means_en": "met_means", "code": "id"}
    for lang in LANGUAGES:
        names[f"text_{lang}"] = f"provision_{lang}"
        names[f"met_means_{lang}"] = f"met_means_{lang}"
    if problem.field in names:
        problem.field = names[problem.field]
    return problem


def _mapping_problems(
    row: Row,
    maps_to: list[str],
    relation: str,
    previous_codes: set[str] | None,
    same_seen: dict[str, int],
    problems: list[Problem],
) -> None:
    n = row.number
    if not maps_to:
        if relation:
            problems.append(Problem(_("Name the earlier provisions this one relates to."), "maps_to", n))
        return
    if previous_codes is None:
        problems.append(
            Problem(_("There is no earlier published version to map to: leave maps_to empty."), "maps_to", n)
        )
        return
    unknown = [c for c in maps_to if c not in previous_codes]
    if unknown:
        problems.append(
            Problem(
                _("Not a provision of the previous version: %(codes)s.") % {"codes": ", ".join(unknown)}, "maps_to", n
            )
        )
    if len(set(maps_to)) != len(maps_to):
        problems.append(Problem(_("An earlier provision is named twice."), "maps_to", n))
    if relation not in RELATIONS:
        problems.append(Problem(_("Use same, split or merged."), "relation", n))
    elif relation in ("same", "split") and len(maps_to) != 1:
        problems.append(
            Problem(_("The same provision, or one split from another, names one earlier provision."), "maps_to", n)
        )
    elif relation == "merged" and len(maps_to) < 2:
        problems.append(
            Problem(_("A provision merged from others names two or more earlier provisions."), "maps_to", n)
        )
    if relation == "same" and len(maps_to) == 1:
        earlier = maps_to[0]
        if earlier in same_seen:
            problems.append(
                Problem(
                    _("Row %(row)s is already the same provision as %(code)s: use split for both.")
                    % {"row": same_seen[earlier], "code": earlier},
                    "relation",
                    n,
                )
            )
        else:
            same_seen[earlier] = n


def _plan(rows: list[Row], *, code: str, previous_codes: set[str] | None) -> list[PlannedProvision]:
    problems: list[Problem] = []
    planned: list[PlannedProvision] = []
    seen: dict[str, int] = {}
    same_seen: dict[str, int] = {}
    for row in rows:
        provision, found = _row_problems(
            row,
            code=code,
            previous_codes=previous_codes,
            seen=seen,
            same_seen=same_seen,
            position=len(planned) + 1,
        )
        problems += found
        if provision is not None:
            planned.append(provision)
    if not rows:
        problems.append(Problem(_("The file has no provisions."), "file"))
    raise_problems(problems, _("The file has errors; nothing was loaded."))
    return planned


def checklist_version_load(
    *,
    viewer: Viewer,
    code: str,
    title: str = "",
    source: str,
    name: str,
    content: bytes,
    dry_run: bool = False,
    via: str = "import",
) -> ChecklistLoadReport:
    """Create (or, loading the same code again, update) a draft checklist version from a CSV or XLSX
    file, mapped to the current published version. Every row is checked first: any problem writes
    nothing. Loading the same file again changes nothing. Others than the secretariat are told no
    such thing exists (404)."""
    policy = policy_for(ChecklistVersion)
    if not policy.can(viewer, "load"):
        raise NotFound()
    code, title, source = code.strip(), title.strip(), source.strip()
    raise_problems(_version_problems(code, title, source), _("The version was not loaded."))
    existing = ChecklistVersion.objects.filter(code=code).select_related("previous").first()
    if existing is not None and existing.status != ChecklistVersion.Status.DRAFT:
        raise Conflict(
            _("Version %(code)s is published and cannot change: load the file as a new version.") % {"code": code},
            problems=[Problem(_("This version is published."), "code")],
        )
    previous = current_version()  # a draft loaded again is mapped to the version current now
    previous_codes = set(previous.provisions.values_list("code", flat=True)) if previous else None
    rows = read_table(name=name, content=content, required=FILE_REQUIRED)
    planned = _plan(rows, code=code, previous_codes=previous_codes)
    report = ChecklistLoadReport(
        version=code, previous=previous.code if previous else None, dry_run=dry_run, provisions=planned
    )
    with transaction.atomic(), acting_as(viewer.user, via=via), translation.override(settings.LANGUAGE_CODE):
        version = _version_write(existing, code=code, title=title, source=source, previous=previous, report=report)
        _provisions_write(version, planned, previous, report)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _version_write(
    existing: ChecklistVersion | None,
    *,
    code: str,
    title: str,
    source: str,
    previous: ChecklistVersion | None,
    report: ChecklistLoadReport,
) -> ChecklistVersion:
    if existing is None:
        version = ChecklistVersion(code=code, title=title, source=source, previous=previous)
        full_clean(version)
        clash = _("Version %(code)s was loaded at the same moment.") % {"code": code}
        with unique_or_conflict(clash, field="code"), transaction.atomic():
            version.save()
        report.version_created = True
        return version
    version = locked(existing)
    if version.status != ChecklistVersion.Status.DRAFT:
        raise changed_meanwhile(version)
    wanted = {"title": title, "source": source, "previous_id": previous.pk if previous else None}
    changed = [k for k, v in wanted.items() if getattr(version, k) != v]
    if changed:
        for k in changed:
            setattr(version, k, wanted[k])
        changed = ["previous" if k == "previous_id" else k for k in changed]
        full_clean(version)
        version.save(update_fields=[*changed, "updated_at"])
        report.version_changed = True
    return version


def _provisions_write(
    version: ChecklistVersion,
    planned: list[PlannedProvision],
    previous: ChecklistVersion | None,
    report: ChecklistLoadReport,
) -> None:
    current = {p.code: p for p in version.provisions.all()}
    earlier = {p.code: p for p in previous.provisions.all()} if previous else {}
    links: dict[int, set[tuple[int, str]]] = {}
    for link in ProvisionMapping.objects.filter(provision__version=version):
        links.setdefault(link.provision_id, set()).add((link.predecessor_id, link.kind))
    dropped = [p for c, p in current.items() if c not in {row.code for row in planned}]
    if dropped:
        try:
            with transaction.atomic():
                Provision.objects.filter(pk__in=[p.pk for p in dropped]).delete()
        except ProtectedError as exc:
            raise Conflict(
                _("A provision this file drops is already in use: keep it in the file."),
                problems=[Problem(", ".join(p.code for p in dropped), "id")],
            ) from exc
        report.removed = [p.code for p in dropped]
    moved = [p for row in planned if (p := current.get(row.code)) and p.position != row.values["position"]]
    for offset, shifted in enumerate(moved, start=1):  # free the positions the rows take (unique per version)
        shifted.position = 10_000 + offset
        shifted.save(update_fields=["position"])
    for row in planned:
        provision = current.get(row.code)
        if provision is None:
            provision = Provision(
                version=version,
                code=row.code,
                text=row.values["text_en"],
                met_means=row.values["met_means_en"],
                **row.values,
            )
            full_clean(provision, row=row.row)
            provision.save()
            report.created.append(row.code)
        else:
            changed = [k for k in PROVISION_FIELDS if getattr(provision, k) != row.values[k]]
            if changed or provision in moved:
                for k in changed:
                    setattr(provision, k, row.values[k])
                provision.position = row.values["position"]
                full_clean(provision, row=row.row)
                provision.save(update_fields=sorted({*changed, "position"}))
            if changed:
                report.updated.append(row.code)
        wanted = {(earlier[c].pk, row.relation) for c in row.maps_to}
        report.mappings += len(wanted)
        fresh = row.code in report.created or row.code in report.updated
        if links.get(provision.pk, set()) == wanted:
            report.unchanged += 0 if fresh else 1
            continue
        ProvisionMapping.objects.filter(provision=provision).delete()
        for predecessor_id, kind in sorted(wanted):
            ProvisionMapping.objects.create(provision=provision, predecessor_id=predecessor_id, kind=kind)
        if not fresh:
            report.updated.append(row.code)


def checklist_version_publish(*, viewer: Viewer, version_id: Any, via: str = "web") -> ChecklistVersion:
    """The secretariat publishes a draft version: it becomes the current version, which views use by
    default. Under the lock it is still a draft (else 409), and the version it maps to is still the
    current published one (else 409: load the file again to map it to the newer version)."""
    policy = policy_for(ChecklistVersion)
    version = policy.get(viewer, version_id)
    if not policy.can(viewer, "load"):
        raise NotFound()
    with transaction.atomic(), acting_as(viewer.user, via=via):
        version = locked(version)
        if not policy.can(viewer, "publish", version):
            raise changed_meanwhile(version)
        current = current_version()
        if current is not None and version.previous_id != current.pk:
            raise Conflict(
                _(
                    "Version %(current)s was published after this draft was loaded: "
                    "load the file again to map it to %(current)s."
                )
                % {"current": current.code},
                problems=[Problem(_("The draft maps to an older version."), "previous")],
            )
        if not version.provisions.exists():
            raise Conflict(_("This draft has no provisions."), problems=[Problem(_("Load a file first."), "file")])
        version.status = ChecklistVersion.Status.PUBLISHED
        version.published_at = timezone.now()
        version.published_by = viewer.user
        full_clean(version)
        version.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    return version
