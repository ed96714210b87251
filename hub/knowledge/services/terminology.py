"""Knowledge: writes to the glossary, and the reference loader of reference/terminology.csv.

Every pattern passes `pattern_problem` before it is stored, whichever way it comes in (the reference
file, a page's form, the API): it compiles, fits its column, cannot match the empty string, and has
no construct that makes the regular-expression engine backtrack without bound (docs/decisions.md,
"Knowledge hub: terminology")."""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hub.core.audit import acting_as
from hub.core.concurrency import check_version
from hub.core.concurrency import locked
from hub.core.concurrency import unique_or_conflict
from hub.core.errors import Conflict
from hub.core.errors import Problem
from hub.core.errors import raise_problems
from hub.core.errors import require_text
from hub.core.fields import text_problem
from hub.core.inputs import UNSET
from hub.core.inputs import Unset
from hub.core.inputs import given
from hub.core.policies import policy_for
from hub.core.reference import LoadReport
from hub.core.reference import Outcome
from hub.core.reference import reference_load
from hub.core.reference import reference_rows
from hub.core.validation import full_clean
from hub.core.viewer import Viewer
from hub.knowledge.models.terminology import KEY_MAX_LENGTH
from hub.knowledge.models.terminology import PATTERN_MAX_LENGTH
from hub.knowledge.models.terminology import GlossaryTerm
from hub.knowledge.selectors.terminology import checked_terms_forget

LANGUAGES = ("en", "fr", "es")
TRANSLATED = ("discouraged", "preferred", "why")

# --- patterns ------------------------------------------------------------------------------------

# The most a quantifier may repeat ({0,20} is allowed; +, * and {n,} are not).
REPEAT_MAX = 20
# The most ways a pattern may try to match at one place of a text (alternatives times repetitions).
BACKTRACK_BUDGET = 1000
# Texts every stored pattern is tried on: none may give an empty match (which would flag nothing).
PROBES = (
    "",
    " ",
    "a",
    "The report: child, children; 12 «quoted» and “quoted” text, sex tourism and live streaming.\nNext line",
)
# Keys that are the glossary's own addresses (/glossary/check/, /glossary/new/).
RESERVED_KEYS = frozenset({"check", "new"})
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")

_parser: Any = importlib.import_module("re._parser")  # the standard library's own parser of patterns


class _Refused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _has_repeat(items: Any) -> bool:
    for op, av in items:
        name = str(op)
        if name.endswith("REPEAT") and av[1] > 1:
            return True
        if any(_has_repeat(part) for part in _parts(name, av)):
            return True
    return False


def _parts(name: str, av: Any) -> list[Any]:
    """The sub-patterns of one parsed item (a group's content, a branch's alternatives...)."""
    if name == "SUBPATTERN":
        return [av[3]]
    if name == "BRANCH":
        return list(av[1])
    if name in ("ASSERT", "ASSERT_NOT"):
        return [av[1]]
    if name == "ATOMIC_GROUP":
        return [av]
    if name.endswith("REPEAT"):
        return [av[2]]
    return []


def _ways(items: Any) -> int:
    """How many ways, at most, the items in sequence may try to match at one place (capped above the
    budget). Refuses back-references, unbounded and nested repetition."""
    total = 1
    for op, av in items:
        name = str(op)
        if name in ("GROUPREF", "GROUPREF_EXISTS"):
            raise _Refused(_("Back-references are not allowed in a pattern."))
        if name.endswith("REPEAT"):
            low, high, body = av
            if high == _parser.MAXREPEAT or high > REPEAT_MAX:
                raise _Refused(
                    _("Repeat at most %(n)s times, as in {1,3}; +, * and {n,} are not allowed.") % {"n": REPEAT_MAX}
                )
            if high > 1 and _has_repeat(body):
                raise _Refused(_("A repeated part may not itself hold a repetition (nested quantifiers)."))
            inner = _ways(body)
            ways = sum(min(inner**k, BACKTRACK_BUDGET + 1) for k in range(low, high + 1))
        elif name == "BRANCH":
            ways = sum(_ways(branch) for branch in av[1])
        else:
            ways = 1
            for part in _parts(name, av):
                ways *= _ways(part)
        total = min(total * ways, BACKTRACK_BUDGET + 1)
    return total


def pattern_problem(pattern: str) -> str | None:
    """Why `pattern` cannot be a glossary row's pattern, or None (an empty pattern is the model's business)."""
    if not pattern:
        return None
    found = text_problem(pattern)
    if found:
        return found
    if len(pattern) > PATTERN_MAX_LENGTH:
        return _("At most %(n)s characters.") % {"n": PATTERN_MAX_LENGTH}
    try:
        compiled = re.compile(pattern, re.IGNORECASE)
        parsed = _parser.parse(pattern, re.IGNORECASE)
    except (re.error, RecursionError, OverflowError) as exc:
        return _("This is not a valid regular expression: %(error)s.") % {"error": str(exc)}
    try:
        ways = _ways(list(parsed))
    except _Refused as refused:
        return refused.message
    if ways > BACKTRACK_BUDGET:
        return _("The pattern has too many alternatives and repetitions; split it into simpler rows.")
    for probe in PROBES:
        if any(m.start() == m.end() for m in compiled.finditer(probe)):
            return _("The pattern can match an empty text; it must match at least one character.")
    return None


def language_problem(language: str) -> str | None:
    if not LANGUAGE_TAG.fullmatch(language or ""):
        return _("Give a language tag such as en, fr or es.")
    return None


# --- reference rows ------------------------------------------------------------------------------

ACTIONS = {"warn": GlossaryTerm.Action.WARN, "glossary only": GlossaryTerm.Action.GLOSSARY_ONLY}
YES_NO = {"yes": True, "no": False}


def reference_term_keys() -> set[str]:
    """The ids of reference/terminology.csv, which the secretariat's rows may not take."""
    return {row.get("id", "").strip() for row in reference_rows("terminology.csv")}


def _validate(translations: dict[str, dict[str, str]]) -> Any:
    platform_keys = set(GlossaryTerm.objects.filter(added_on_platform=True).values_list("key", flat=True))

    def validate(number: int, row: dict[str, str], problems: list[Problem]) -> dict[str, Any] | None:
        start = len(problems)
        key = (row.get("id") or "").strip()
        if not key or slugify(key) != key or len(key) > KEY_MAX_LENGTH:
            problems.append(Problem(_("Give a short key of lower-case letters, digits and hyphens."), "id", number))
        elif key in platform_keys:
            problems.append(Problem(_("A term added on the platform already has this key."), "id", number))
        for column in ("discouraged", "preferred", "why", "source"):
            if not (row.get(column) or "").strip():
                problems.append(Problem(_("This field is required."), column, number))
        action = ACTIONS.get((row.get("action") or "").strip())
        if action is None:
            problems.append(Problem(_("Write warn or glossary only."), "action", number))
        confirmed = YES_NO.get((row.get("confirmed") or "").strip())
        if confirmed is None:
            problems.append(Problem(_("Write yes or no."), "confirmed", number))
        match = (row.get("match") or "").strip()
        found = pattern_problem(match)
        if found:
            problems.append(Problem(found, "match", number))
        elif action == GlossaryTerm.Action.WARN and not match:
            problems.append(Problem(_("A row the check warns about needs a pattern."), "match", number))
        language = (row.get("language") or "").strip()
        if language_problem(language):
            problems.append(Problem(_("Give a language tag such as en, fr or es."), "language", number))
        if len(problems) > start:
            return None
        values: dict[str, Any] = {
            "language": language,
            "match": match,
            "action": action,
            "source": row["source"].strip(),
        }
        t = translations.get(key, {})
        for name in TRANSLATED:
            values[f"{name}_en"] = row[name].strip()
            for lang in ("fr", "es"):
                values[f"{name}_{lang}"] = (t.get(f"{name}_{lang}") or "").strip()
        return {"key": key, "values": values, "confirmed": confirmed}

    return validate


def _upsert(planned: dict[str, Any]) -> Outcome:
    """A reference row: its texts and pattern follow the file. A row the secretariat confirmed stays
    confirmed, and a row it took out of use stays out of use."""
    values = dict(planned["values"])
    record = GlossaryTerm.objects.filter(key=planned["key"]).first()
    values["confirmed"] = planned["confirmed"] or bool(record and record.confirmed)
    if record is None:
        base = {name: values[f"{name}_en"] for name in TRANSLATED}
        term = GlossaryTerm(key=planned["key"], **values, **base)
        full_clean(term)
        term.save()
        return Outcome.CREATED
    changed = [k for k, v in values.items() if getattr(record, k) != v]
    if not changed:
        return Outcome.UNCHANGED
    for k in changed:
        setattr(record, k, values[k])
    full_clean(record)
    record.save(update_fields=[*changed, "updated_at"])
    return Outcome.UPDATED


def reference_terminology_load(*, dry_run: bool = False) -> LoadReport:
    """Create or update the glossary's reference rows (idempotent; all-or-nothing). Rows the secretariat
    added on the platform are never changed or deleted."""
    translations = {row["id"]: row for row in reference_rows("terminology_translations.csv")}
    report = reference_load(
        table="terminology",
        rows=reference_rows("terminology.csv"),
        validate=_validate(translations),
        upsert=_upsert,
        dry_run=dry_run,
    )
    checked_terms_forget()
    return report


# --- the secretariat's writes --------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class GlossaryTermInput:
    """The fields of a glossary row the secretariat sets; on an edit only the fields given change."""

    language: str | Unset = UNSET
    match: str | Unset = UNSET
    discouraged_en: str | Unset = UNSET
    discouraged_fr: str | Unset = UNSET
    discouraged_es: str | Unset = UNSET
    preferred_en: str | Unset = UNSET
    preferred_fr: str | Unset = UNSET
    preferred_es: str | Unset = UNSET
    why_en: str | Unset = UNSET
    why_fr: str | Unset = UNSET
    why_es: str | Unset = UNSET
    action: str | Unset = UNSET
    confirmed: bool | Unset = UNSET
    source: str | Unset = UNSET


def _check_term(term: GlossaryTerm, problems: list[Problem]) -> None:
    """The rules of a row beyond its columns, each naming its field."""
    found = pattern_problem(term.match)
    if found:
        problems.append(Problem(found, field="match"))
    elif term.action == GlossaryTerm.Action.WARN and not term.match:
        problems.append(Problem(_("A term the check warns about needs a pattern."), field="match"))
    if language_problem(term.language):
        problems.append(Problem(_("Give a language tag such as en, fr or es."), field="language"))
    if term.action not in GlossaryTerm.Action.values:
        problems.append(Problem(_("Choose one of the options offered."), field="action"))
    require_text(problems, term.discouraged_en, _("Write the discouraged term."), field="discouraged_en")
    require_text(problems, term.preferred_en, _("Write the preferred term."), field="preferred_en")
    require_text(problems, term.why_en, _("Say why the term is preferred."), field="why_en")
    require_text(problems, term.source, _("Name the source."), field="source")


def _stripped(data: GlossaryTermInput) -> dict[str, Any]:
    return {k: v.strip() if isinstance(v, str) else v for k, v in given(data).items()}


def _new_key(term: GlossaryTerm) -> str:
    """A key for a row added on the platform, from its discouraged term, unused by any row or the reference file."""
    base = (slugify(term.discouraged_en or "") or "term")[: KEY_MAX_LENGTH - 4].strip("-") or "term"
    taken = (
        RESERVED_KEYS
        | reference_term_keys()
        | set(GlossaryTerm.objects.filter(key__startswith=base).values_list("key", flat=True))
    )
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}-{n}"
    return key


def glossary_term_add(*, viewer: Viewer, data: GlossaryTermInput, via: str = "web") -> GlossaryTerm:
    """The secretariat adds a row (a pattern in another language, a new term). It is checked at once,
    and reloading the reference table keeps it."""
    policy_for(GlossaryTerm).require(viewer, "add", message=_("Only the secretariat adds glossary terms."))
    values = _stripped(data)
    base = {name: values.get(f"{name}_en", "") for name in TRANSLATED}
    term = GlossaryTerm(added_on_platform=True, **values, **base)
    problems: list[Problem] = []
    _check_term(term, problems)
    raise_problems(problems, _("The glossary term was not saved."))
    clash = _("A glossary term with this key was saved at the same moment.")
    with unique_or_conflict(clash, field="key"), transaction.atomic(), acting_as(viewer.user, via=via):
        term.key = _new_key(term)
        full_clean(term)
        term.save()
    checked_terms_forget()
    return term


def glossary_term_edit(
    *, viewer: Viewer, term: GlossaryTerm, data: GlossaryTermInput, version: str | None = None, via: str = "web"
) -> GlossaryTerm:
    """The secretariat changes a row. `version` (the row's version the edit was based on) refuses a
    change over a newer one (409). A reference row's texts follow the file again when it is reloaded."""
    policy = policy_for(GlossaryTerm)
    policy.require(viewer, "edit", term, message=_("Only the secretariat edits glossary terms."))
    values = _stripped(data)
    with transaction.atomic():
        term = locked(term)
        check_version(term, version)
        changed = [k for k, v in values.items() if getattr(term, k) != v]
        for k in changed:
            setattr(term, k, values[k])
        problems: list[Problem] = []
        _check_term(term, problems)
        raise_problems(problems, _("The glossary term was not saved."))
        full_clean(term)
        if changed:
            with acting_as(viewer.user, via=via):
                term.save(update_fields=[*changed, "updated_at"])
    checked_terms_forget()
    return term


def glossary_term_set_active(*, viewer: Viewer, term: GlossaryTerm, active: bool, via: str = "web") -> GlossaryTerm:
    """Take a term out of use (kept, no longer shown or checked), or put it back. Terms are never deleted."""
    action = "activate" if active else "deactivate"
    policy = policy_for(GlossaryTerm)
    policy.require(viewer, "edit", term, message=_("Only the secretariat takes terms out of use."))
    with transaction.atomic(), acting_as(viewer.user, via=via):
        term = locked(term)
        if not policy.can(viewer, action, term):
            already = _("This term is already in use.") if active else _("This term is already out of use.")
            raise Conflict(already, problems=[Problem(_("Reload to see what changed."), field="is_active")])
        term.is_active = active
        term.save(update_fields=["is_active", "updated_at"])
    checked_terms_forget()
    return term
