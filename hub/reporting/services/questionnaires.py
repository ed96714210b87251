"""Questionnaire versions, imported from CSV or XLSX.

One row per question: `question` (key), `commitment` (1 to 9), `order`, `prompt_en` (and optionally
`prompt_fr`, `prompt_es`), `required` (yes/no), `predecessor` (the key of the same question in the
previous version; by default the same key). A row with an `indicator` key adds an optional indicator
to the question named in `question`, with `indicator_label_en` (fr, es) and `unit`.

A version that a cycle uses is frozen: importing it again is refused. Importing an unfrozen version
again updates it; importing the same file twice changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from hub.commitments.models import Commitment
from hub.core.audit import acting_as
from hub.core.errors import Conflict
from hub.core.errors import Problem
from hub.core.errors import raise_problems
from hub.core.errors import require_text
from hub.core.policies import policy_for
from hub.core.tabular import read_table
from hub.core.viewer import Viewer
from hub.reporting.models import Indicator
from hub.reporting.models import Question
from hub.reporting.models import QuestionnaireVersion

QUESTIONNAIRE_COLUMNS = [
    "question",
    "commitment",
    "order",
    "prompt_en",
    "prompt_fr",
    "prompt_es",
    "required",
    "predecessor",
    "indicator",
    "indicator_label_en",
    "indicator_label_fr",
    "indicator_label_es",
    "unit",
]
KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")
YES = {"yes", "y", "true", "1", ""}
NO = {"no", "n", "false", "0"}


@dataclass
class QuestionnaireReport:
    version: str
    created: bool
    questions: int = 0
    indicators: int = 0
    changed: list[str] = field(default_factory=list)
    dry_run: bool = False


def _parse(rows: list[Any], previous: QuestionnaireVersion | None) -> tuple[list[dict[str, Any]], list[Problem]]:
    commitments = {c.number: c for c in Commitment.objects.all()}
    earlier = {q.key: q for q in previous.questions.all()} if previous else {}
    problems: list[Problem] = []
    questions: dict[str, dict[str, Any]] = {}
    for row in rows:
        n, key = row.number, row.get("question").lower()
        if not KEY.match(key):
            problems.append(Problem(_("Give a key of letters, digits, - or _."), field="question", row=n))
            continue
        indicator = row.get("indicator").lower()
        if indicator:
            q = questions.get(key)
            if q is None:
                problems.append(
                    Problem(_("Define question %(key)s above its indicators.") % {"key": key}, "question", n)
                )
            elif not KEY.match(indicator):
                problems.append(Problem(_("Give a key of letters, digits, - or _."), field="indicator", row=n))
            elif indicator in q["indicators"]:
                problems.append(Problem(_("Indicator %(key)s appears twice.") % {"key": indicator}, "indicator", n))
            elif not row.get("indicator_label_en"):
                problems.append(Problem(_("Give the indicator's English label."), field="indicator_label_en", row=n))
            else:
                q["indicators"][indicator] = {
                    "label_en": row.get("indicator_label_en"),
                    "label_fr": row.get("indicator_label_fr"),
                    "label_es": row.get("indicator_label_es"),
                    "unit": row.get("unit")[:60],
                }
            continue
        if key in questions:
            problems.append(Problem(_("Question %(key)s appears twice.") % {"key": key}, field="question", row=n))
            continue
        try:
            number = int(row.get("commitment"))
        except ValueError:
            number = 0
        if number not in commitments:
            problems.append(Problem(_("Use a commitment number from 1 to 9."), field="commitment", row=n))
        try:
            order = int(row.get("order") or len(questions) + 1)
            if order < 1:
                raise ValueError
        except ValueError:
            problems.append(Problem(_("Give the order as a whole number from 1."), field="order", row=n))
            order = 1
        if not row.get("prompt_en"):
            problems.append(Problem(_("Give the question in English."), field="prompt_en", row=n))
        required = row.get("required").lower()
        if required not in YES | NO:
            problems.append(Problem(_("Write yes or no."), field="required", row=n))
        predecessor = None
        named = row.get("predecessor").lower()
        if named:
            predecessor = earlier.get(named)
            if predecessor is None:
                problems.append(
                    Problem(_("The previous version has no question %(key)s.") % {"key": named}, "predecessor", n)
                )
        else:
            predecessor = earlier.get(key)
        questions[key] = {
            "key": key,
            "commitment": commitments.get(number),
            "order": order,
            "prompt_en": row.get("prompt_en"),
            "prompt_fr": row.get("prompt_fr"),
            "prompt_es": row.get("prompt_es"),
            "required": required not in NO,
            "predecessor": predecessor,
            "indicators": {},
        }
    covered = {q["commitment"].number for q in questions.values() if q["commitment"] is not None}
    for number in sorted(set(commitments) - covered):
        problems.append(
            Problem(_("Commitment %(n)s has no question: each commitment needs one.") % {"n": number}, "commitment")
        )
    return list(questions.values()), problems


def questionnaire_import(
    *,
    viewer: Viewer,
    code: str,
    title: str,
    name: str,
    content: bytes,
    previous_code: str = "",
    dry_run: bool = False,
    via: str = "import",
) -> QuestionnaireReport:
    policy_for(QuestionnaireVersion).require(
        viewer, "manage", message=_("Only the secretariat manages questionnaires.")
    )
    problems: list[Problem] = []
    code = code.strip().lower()
    if not KEY.match(code):
        problems.append(Problem(_("Give a version code of letters, digits, - or _."), field="code"))
    require_text(problems, title, _("Give the version a title."), field="title")
    previous = None
    if previous_code:
        previous = QuestionnaireVersion.objects.filter(code=previous_code.strip().lower()).first()
        if previous is None:
            problems.append(Problem(_("No version %(code)s.") % {"code": previous_code}, field="previous"))
    existing = QuestionnaireVersion.objects.filter(code=code).first()
    if existing is not None and existing.is_frozen:
        raise Conflict(
            _("Version %(code)s is used by a reporting cycle and cannot change; import a new version.")
            % {"code": code},
            problems=[Problem(_("This version is frozen."), field="code")],
        )
    if existing is not None and previous is not None and existing.pk == previous.pk:
        problems.append(Problem(_("A version cannot follow itself."), field="previous"))
    raise_problems(problems, _("The questionnaire was not imported."))
    rows = read_table(name=name, content=content, required=["question", "commitment", "prompt_en"])
    questions, problems = _parse(rows, previous)
    raise_problems(problems, _("The file has errors; nothing was imported."))
    if existing is not None:
        # A later version may map its questions to this one's: those questions must stay.
        dropped = (
            Question.objects.filter(predecessor__version=existing)
            .exclude(predecessor__key__in=[q["key"] for q in questions])
            .select_related("predecessor", "version")
            .order_by("predecessor__key", "pk")
        )
        kept = [
            Problem(
                _("Question %(key)s is the previous version of %(later)s: keep it in the file.")
                % {"key": q.predecessor.key, "later": q},
                field="question",
            )
            for q in dropped
            if q.predecessor is not None
        ]
        if kept:
            raise Conflict(_("A later version refers to questions this file drops."), problems=kept)
    report = QuestionnaireReport(version=code, created=existing is None, dry_run=dry_run)
    with transaction.atomic(), acting_as(viewer.user, via=via):
        version = existing or QuestionnaireVersion(code=code)
        if version.title != title.strip() or version.previous_id != (previous.pk if previous else None):
            version.title, version.previous = title.strip(), previous
            version.save()
            report.changed.append(code)
        keep = set()
        for values in questions:
            indicators = values.pop("indicators")
            question = version.questions.filter(key=values["key"]).first() or Question(version=version)
            fields = {**values, "prompt": values["prompt_en"]}
            if question.pk is None or any(getattr(question, k) != v for k, v in fields.items()):
                for k, v in fields.items():
                    setattr(question, k, v)
                question.save()
                report.changed.append(values["key"])
            keep.add(question.pk)
            report.questions += 1
            kept_indicators = set()
            for key, ind in indicators.items():
                indicator = question.indicators.filter(key=key).first() or Indicator(question=question, key=key)
                fields = {**ind, "label": ind["label_en"]}
                if indicator.pk is None or any(getattr(indicator, k) != v for k, v in fields.items()):
                    for k, v in fields.items():
                        setattr(indicator, k, v)
                    indicator.save()
                    report.changed.append(f"{values['key']}/{key}")
                kept_indicators.add(indicator.pk)
                report.indicators += 1
            for old_indicator in question.indicators.exclude(pk__in=kept_indicators):
                old_indicator.delete()  # an unfrozen version has no answers yet
                report.changed.append(f"{values['key']}/{old_indicator.key}")
        for old_question in version.questions.exclude(pk__in=keep):
            for old_indicator in old_question.indicators.all():
                old_indicator.delete()
            old_question.delete()
            report.changed.append(old_question.key)
        if dry_run:
            transaction.set_rollback(True)
    return report
