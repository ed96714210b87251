"""MNR self-assessment: loading the capability framework and the maturity phases from the reference
tables (reference/mnr_capabilities.csv, version mnr-2016; reference/maturity_phases.csv)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.assessments.models import Capability
from hub.assessments.models import CapabilityMapping
from hub.assessments.models import Framework
from hub.assessments.models import Phase
from hub.assessments.selectors.framework import current_framework
from hub.core.audit import acting_as
from hub.core.concurrency import changed_meanwhile
from hub.core.concurrency import check_version
from hub.core.concurrency import locked
from hub.core.concurrency import unique_or_conflict
from hub.core.errors import Conflict
from hub.core.errors import NotFound
from hub.core.errors import Problem
from hub.core.errors import ValidationFailed
from hub.core.errors import raise_problems
from hub.core.errors import require_text
from hub.core.policies import policy_for
from hub.core.reference import LoadReport
from hub.core.reference import Outcome
from hub.core.reference import reference_load
from hub.core.reference import reference_rows
from hub.core.reference import upsert_by
from hub.core.tabular import Row
from hub.core.tabular import read_table
from hub.core.validation import full_clean
from hub.core.viewer import Viewer

FRAMEWORK_TITLES = {"mnr-2016": "WeProtect Model National Response (2016)"}
SAME_AS_ABOVE = "same"


def _validate_capability() -> Any:
    last_source: dict[str, str] = {}

    def validate(number: int, row: dict[str, str], problems: list[Problem]) -> dict[str, Any] | None:
        for column in ("framework", "id", "domain", "name", "source"):
            if not (row.get(column) or "").strip():
                problems.append(Problem(_("This field is required."), field=column, row=number))
                return None
        code = row["framework"].strip()
        if not row["id"].strip().isdigit() or not 1 <= int(row["id"]) <= 999:
            problems.append(Problem(_("Use a whole number from 1 to 999."), field="id", row=number))
            return None
        source = row["source"].strip()
        if source == SAME_AS_ABOVE:
            if code not in last_source:
                problems.append(Problem(_("No row above to take the source from."), field="source", row=number))
                return None
            source = last_source[code]
        last_source[code] = source
        values = {"domain": row["domain"].strip(), "name": row["name"].strip(), "source": source}
        return {"framework": code, "number": int(row["id"]), "values": values}

    return validate


def _upsert_capability(planned: dict[str, Any]) -> Outcome:
    code = planned["framework"]
    framework, _created = Framework.objects.get_or_create(
        code=code,
        defaults={
            "title": FRAMEWORK_TITLES.get(code, ""),
            "source": planned["values"]["source"],
            "status": Framework.Status.PUBLISHED,
            "published_at": timezone.now(),
        },
    )
    return upsert_by(Capability, lookup={"framework": framework, "number": planned["number"]}, values=planned["values"])


def reference_capabilities_load(*, dry_run: bool = False) -> LoadReport:
    """Create or update the frameworks of reference/mnr_capabilities.csv (idempotent; all-or-nothing)."""
    return reference_load(
        table="MNR capabilities",
        rows=reference_rows("mnr_capabilities.csv"),
        validate=_validate_capability(),
        upsert=_upsert_capability,
        dry_run=dry_run,
    )


def _validate_phase(number: int, row: dict[str, str], problems: list[Problem]) -> dict[str, Any] | None:
    for column in ("phase", "label", "confirmed", "source"):
        if not (row.get(column) or "").strip():
            problems.append(Problem(_("This field is required."), field=column, row=number))
            return None
    if row["phase"].strip() not in ("1", "2", "3", "4"):
        problems.append(Problem(_("Use a phase from 1 to 4."), field="phase", row=number))
        return None
    if row["confirmed"].strip() not in ("yes", "no"):
        problems.append(Problem(_("Use yes or no."), field="confirmed", row=number))
        return None
    source = row["source"].strip()
    return {
        "number": int(row["phase"]),
        "values": {"source": source},
        # The label and whether it is confirmed are the secretariat's once loaded: a reload keeps them.
        "on_create": {"label": row["label"].strip(), "confirmed": row["confirmed"].strip() == "yes"},
    }


def _upsert_phase(planned: dict[str, Any]) -> Outcome:
    return upsert_by(
        Phase, lookup={"number": planned["number"]}, values=planned["values"], on_create=planned["on_create"]
    )


def reference_phases_load(*, dry_run: bool = False) -> LoadReport:
    """Create the four phases of reference/maturity_phases.csv; a reload keeps the secretariat's labels."""
    return reference_load(
        table="maturity phases",
        rows=reference_rows("maturity_phases.csv"),
        validate=_validate_phase,
        upsert=_upsert_phase,
        dry_run=dry_run,
    )


# --- a new framework version from a file (the secretariat) ---------------------------------------
# Columns: id (the capability's number), domain, name, source, and optionally maps_to (the numbers of
# the previous version's capabilities it comes from, separated by semicolons) and relation (same,
# split or merged). "same" in the source column takes the row above's source, as in the reference table.

FRAMEWORK_CODE = re.compile(r"[a-z0-9][a-z0-9.-]{0,15}")
FILE_REQUIRED = ["id", "domain", "name", "source"]
FILE_COLUMNS = [*FILE_REQUIRED, "maps_to", "relation"]
RELATIONS = tuple(CapabilityMapping.Relation.values)
CAPABILITY_FIELDS = ("domain", "name", "source")


@dataclass
class PlannedCapability:
    """One row of the file as it would be stored: its capability and what it maps to."""

    row: int
    number: int
    values: dict[str, Any]
    maps_to: list[int] = field(default_factory=list)
    relation: str = ""

    @property
    def name(self) -> str:
        return str(self.values["name"])

    @property
    def domain(self) -> str:
        return str(self.values["domain"])

    @property
    def source(self) -> str:
        return str(self.values["source"])

    @property
    def relation_label(self) -> str:
        return str(CapabilityMapping.Relation(self.relation).label) if self.relation else ""


@dataclass
class NotCarriedOver:
    """A capability of the previous version that no capability of the new one maps to (a warning)."""

    number: int
    name: str


@dataclass
class FrameworkLoadReport:
    """What a load did (or, in a dry run, would do)."""

    code: str
    previous: str | None
    dry_run: bool = False
    framework_created: bool = False
    framework_changed: bool = False
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)
    unchanged: int = 0
    mappings: int = 0
    capabilities: list[PlannedCapability] = field(default_factory=list)
    not_carried_over: list[NotCarriedOver] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.framework_created or self.framework_changed or self.created or self.updated or self.removed)


def _framework_problems(code: str, title: str, source: str) -> list[Problem]:
    problems: list[Problem] = []
    if not FRAMEWORK_CODE.fullmatch(code) or not any(ch.isdigit() for ch in code):
        problems.append(
            Problem(
                _(
                    "Give a version code of up to 16 lower-case letters, digits, dots or hyphens "
                    "with at least one digit, such as mnr-2026."
                ),
                "code",
            )
        )
    require_text(problems, source, _("Say where this version comes from."), field="source")
    probe = Framework(code=code or "x", title=title, source=source or "x")
    try:
        full_clean(probe, exclude=["code", "published_by", "previous"])
    except ValidationFailed as exc:
        problems += exc.problems
    return problems


def _previous_framework(previous: str | None) -> tuple[Framework | None, list[Problem]]:
    """The version the new one maps to: the current published version, which `previous`, when given,
    must name (a version mapped to an older one would fork the line a member's trend follows)."""
    current = current_framework()
    given = (previous or "").strip()
    if not given:
        return current, []
    if current is None or given != current.code:
        if current is None:
            message = _("No version is published yet: leave the previous version empty.")
        else:
            message = _("A new version maps to the current published version, %(code)s.") % {"code": current.code}
        return None, [Problem(message, "previous")]
    return current, []


def _whole(text: str) -> int | None:
    text = text.strip()
    if not text.isdigit() or not 1 <= int(text) <= 999:
        return None
    return int(text)


def _row_plan(
    row: Row,
    *,
    previous_numbers: set[int] | None,
    seen: dict[int, int],
    same_seen: dict[int, int],
    last_source: list[str],
) -> tuple[PlannedCapability | None, list[Problem]]:
    n = row.number
    problems: list[Problem] = []
    for column in FILE_REQUIRED:
        if not row.get(column):
            problems.append(Problem(_("This field is required."), column, n))
    number = None
    if row.get("id"):
        number = _whole(row.get("id"))
        if number is None:
            problems.append(Problem(_("Use a whole number from 1 to 999."), "id", n))
        elif number in seen:
            problems.append(Problem(_("The same id as row %(row)s.") % {"row": seen[number]}, "id", n))
        else:
            seen[number] = n
    source = row.get("source")
    if source == SAME_AS_ABOVE:
        if not last_source:
            problems.append(Problem(_("No row above to take the source from."), "source", n))
        else:
            source = last_source[0]
    if source and source != SAME_AS_ABOVE:
        last_source[:] = [source]
    maps_to, relation = _mapping_plan(row, previous_numbers, same_seen, problems)
    if problems or number is None:
        return None, problems
    values = {"domain": row.get("domain"), "name": row.get("name"), "source": source}
    try:
        full_clean(Capability(number=number, **values), row=n, exclude=["framework"])
    except ValidationFailed as exc:
        return None, [_column(p) for p in exc.problems]
    return PlannedCapability(row=n, number=number, values=values, maps_to=maps_to, relation=relation), []


def _column(problem: Problem) -> Problem:
    """A model field's problem named by the file's column."""
    if problem.field == "number":
        problem.field = "id"
    return problem


def _mapping_plan(
    row: Row, previous_numbers: set[int] | None, same_seen: dict[int, int], problems: list[Problem]
) -> tuple[list[int], str]:
    n = row.number
    parts = [part.strip() for part in row.get("maps_to").split(";") if part.strip()]
    relation = row.get("relation").lower()
    if not parts:
        if relation:
            problems.append(Problem(_("Name the earlier capabilities this one relates to."), "maps_to", n))
        return [], relation
    numbers = [w for p in parts if (w := _whole(p)) is not None]
    if len(numbers) != len(parts):
        problems.append(Problem(_("Give whole numbers separated by semicolons, such as 4; 5."), "maps_to", n))
    if previous_numbers is None:
        problems.append(Problem(_("There is no earlier version to map to: leave maps_to empty."), "maps_to", n))
        return numbers, relation
    unknown = [str(x) for x in numbers if x not in previous_numbers]
    if unknown:
        problems.append(
            Problem(
                _("Not a capability of the previous version: %(numbers)s.") % {"numbers": ", ".join(unknown)},
                "maps_to",
                n,
            )
        )
    if len(set(numbers)) != len(numbers):
        problems.append(Problem(_("An earlier capability is named twice."), "maps_to", n))
    if not relation:
        problems.append(
            Problem(_("Say how it relates to the earlier capabilities: same, split or merged."), "relation", n)
        )
    elif relation not in RELATIONS:
        problems.append(Problem(_("Use same, split or merged."), "relation", n))
    elif relation in ("same", "split") and len(parts) != 1:
        problems.append(
            Problem(_("The same capability, or one split from another, names one earlier capability."), "maps_to", n)
        )
    elif relation == "merged" and len(parts) < 2:
        problems.append(
            Problem(_("A capability merged from others names two or more earlier capabilities."), "maps_to", n)
        )
    if relation == "same" and len(numbers) == 1:
        earlier = numbers[0]
        if earlier in same_seen:
            problems.append(
                Problem(
                    _("Row %(row)s is already the same capability as %(number)s: use split for both.")
                    % {"row": same_seen[earlier], "number": earlier},
                    "relation",
                    n,
                )
            )
        else:
            same_seen[earlier] = n
    return numbers, relation


def _plan(rows: list[Row], *, previous_numbers: set[int] | None) -> list[PlannedCapability]:
    problems: list[Problem] = []
    planned: list[PlannedCapability] = []
    seen: dict[int, int] = {}
    same_seen: dict[int, int] = {}
    last_source: list[str] = []
    for row in rows:
        capability, found = _row_plan(
            row, previous_numbers=previous_numbers, seen=seen, same_seen=same_seen, last_source=last_source
        )
        problems += found
        if capability is not None:
            planned.append(capability)
    if not rows:
        problems.append(Problem(_("The file has no capabilities."), "file"))
    raise_problems(problems, _("The file has errors; nothing was loaded."))
    return planned


def framework_load(
    *,
    viewer: Viewer,
    code: str,
    title: str = "",
    source: str,
    name: str,
    content: bytes,
    previous: str | None = None,
    dry_run: bool = False,
    via: str = "import",
) -> FrameworkLoadReport:
    """Create (or, loading the same code again, update) a draft framework version from a CSV or XLSX
    file, mapped to the current published version. Every row is checked first: any problem writes
    nothing. Loading the same file again changes nothing. Others than the secretariat are told no
    such thing exists (404). The previous version's capabilities nothing maps to are warnings."""
    policy = policy_for(Framework)
    if not policy.can(viewer, "load"):
        raise NotFound()
    code, title, source = code.strip(), title.strip(), source.strip()
    earlier, problems = _previous_framework(previous)
    raise_problems(_framework_problems(code, title, source) + problems, _("The version was not loaded."))
    existing = Framework.objects.filter(code=code).first()
    if existing is not None and existing.is_published:
        raise Conflict(
            _("Version %(code)s is published and cannot change: load the file as a new version.") % {"code": code},
            problems=[Problem(_("This version is published."), "code")],
        )
    previous_capabilities = {c.number: c for c in earlier.capabilities.all()} if earlier else {}
    rows = read_table(name=name, content=content, required=FILE_REQUIRED)
    planned = _plan(rows, previous_numbers=set(previous_capabilities) if earlier else None)
    mapped = {x for p in planned for x in p.maps_to}
    report = FrameworkLoadReport(
        code=code,
        previous=earlier.code if earlier else None,
        dry_run=dry_run,
        capabilities=planned,
        not_carried_over=[
            NotCarriedOver(number=c.number, name=c.name)
            for number, c in sorted(previous_capabilities.items())
            if number not in mapped
        ],
    )
    with transaction.atomic(), acting_as(viewer.user, via=via):
        framework = _framework_write(existing, code=code, title=title, source=source, previous=earlier, report=report)
        _capabilities_write(framework, planned, previous_capabilities, report)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _framework_write(
    existing: Framework | None,
    *,
    code: str,
    title: str,
    source: str,
    previous: Framework | None,
    report: FrameworkLoadReport,
) -> Framework:
    if existing is None:
        framework = Framework(code=code, title=title, source=source, previous=previous)
        full_clean(framework)
        clash = _("Version %(code)s was loaded at the same moment.") % {"code": code}
        with unique_or_conflict(clash, field="code"), transaction.atomic():
            framework.save()
        report.framework_created = True
        return framework
    framework = locked(existing)
    if framework.is_published:
        raise changed_meanwhile(framework)
    wanted = {"title": title, "source": source, "previous_id": previous.pk if previous else None}
    changed = [k for k, v in wanted.items() if getattr(framework, k) != v]
    if changed:
        for k in changed:
            setattr(framework, k, wanted[k])
        full_clean(framework)
        framework.save(update_fields=[*("previous" if k == "previous_id" else k for k in changed), "updated_at"])
        report.framework_changed = True
    return framework


def _capabilities_write(
    framework: Framework,
    planned: list[PlannedCapability],
    earlier: dict[int, Capability],
    report: FrameworkLoadReport,
) -> None:
    current = {c.number: c for c in framework.capabilities.all()}
    links: dict[int, set[tuple[int, str]]] = {}
    for link in CapabilityMapping.objects.filter(capability__framework=framework):
        links.setdefault(link.capability_id, set()).add((link.predecessor_id, link.relation))
    wanted_numbers = {row.number for row in planned}
    dropped = [c for number, c in current.items() if number not in wanted_numbers]
    if dropped:
        try:
            with transaction.atomic():
                CapabilityMapping.objects.filter(capability__in=dropped).delete()
                Capability.objects.filter(pk__in=[c.pk for c in dropped]).delete()
        except ProtectedError as exc:
            raise Conflict(
                _("A capability this file drops is already in use: keep it in the file."),
                problems=[Problem(", ".join(str(c.number) for c in dropped), "id")],
            ) from exc
        report.removed = sorted(c.number for c in dropped)
    for row in planned:
        capability = current.get(row.number)
        if capability is None:
            capability = Capability(framework=framework, number=row.number, **row.values)
            full_clean(capability, row=row.row)
            capability.save()
            report.created.append(row.number)
        else:
            changed = [k for k in CAPABILITY_FIELDS if getattr(capability, k) != row.values[k]]
            if changed:
                for k in changed:
                    setattr(capability, k, row.values[k])
                full_clean(capability, row=row.row)
                capability.save(update_fields=[*changed, "updated_at"])
                report.updated.append(row.number)
        wanted = {(earlier[x].pk, row.relation) for x in row.maps_to}
        report.mappings += len(wanted)
        fresh = row.number in report.created or row.number in report.updated
        if links.get(capability.pk, set()) == wanted:
            report.unchanged += 0 if fresh else 1
            continue
        CapabilityMapping.objects.filter(capability=capability).delete()
        for predecessor_id, relation in sorted(wanted):
            mapping = CapabilityMapping(capability=capability, predecessor_id=predecessor_id, relation=relation)
            full_clean(mapping, row=row.row)
            mapping.save()
        if not fresh:
            report.updated.append(row.number)


def framework_publish(*, viewer: Viewer, framework_id: Any, via: str = "web") -> Framework:
    """The secretariat publishes a draft version: it becomes the current version, which new cycles
    use. Under the lock it is still a draft (else 409), and the version it maps to is still the current
    published one (else 409: load the file again to map it to the newer version)."""
    policy = policy_for(Framework)
    framework = policy.get(viewer, framework_id)
    if not policy.can(viewer, "load"):
        raise NotFound()
    with transaction.atomic(), acting_as(viewer.user, via=via):
        framework = locked(framework)
        if not policy.can(viewer, "publish", framework):
            raise changed_meanwhile(framework)
        current = current_framework()
        if current is not None and framework.previous_id != current.pk:
            raise Conflict(
                _(
                    "Version %(current)s was published after this draft was loaded: "
                    "load the file again to map it to %(current)s."
                )
                % {"current": current.code},
                problems=[Problem(_("The draft maps to an older version."), "previous")],
            )
        if not framework.capabilities.exists():
            raise Conflict(_("This draft has no capabilities."), problems=[Problem(_("Load a file first."), "file")])
        framework.status = Framework.Status.PUBLISHED
        framework.published_at = timezone.now()
        framework.published_by = viewer.user
        full_clean(framework)
        framework.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    return framework


# --- the phases (the secretariat names and describes them) ----------------------------------------


def phase_update(
    *,
    viewer: Viewer,
    number: int,
    label: str,
    description: str,
    confirmed: bool,
    version: str | None = None,
    via: str = "web",
) -> Phase:
    """The secretariat changes a phase's label, description and whether its name is confirmed. A
    change based on a version someone else has since changed is refused (409)."""
    phase = Phase.objects.filter(number=number).first()
    if phase is None or not policy_for(Phase).can(viewer, "edit", phase):
        raise NotFound()
    problems: list[Problem] = []
    require_text(problems, label, _("Give the phase a label."), field="label")
    raise_problems(problems, _("The phase was not saved."))
    with transaction.atomic(), acting_as(viewer.user, via=via):
        phase = locked(phase)
        check_version(phase, version)
        phase.label = label.strip()
        phase.description = (description or "").strip()
        phase.confirmed = bool(confirmed)
        full_clean(phase)
        phase.save(update_fields=["label", "description", "confirmed", "updated_at"])
    return phase
