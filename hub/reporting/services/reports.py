"""Progress reports: officials edit the draft, the focal point submits (late after the close date), the
secretariat returns it with comments per answer or accepts it, and may grant an extension. Evidence
(files checked by content, or links) backs answers. Accepted answers may be showcased once the focal
point signs them off."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from decimal import InvalidOperation
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.core import uploads
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
from hub.core.models import Visibility
from hub.core.policies import policy_for
from hub.core.tasks import email_after_commit
from hub.core.validation import full_clean
from hub.core.viewer import Viewer
from hub.reporting.models import Answer
from hub.reporting.models import Evidence
from hub.reporting.models import IndicatorValue
from hub.reporting.models import ProgressReport
from hub.reporting.models import ProgressStatus
from hub.reporting.models import ReportingCycle
from hub.reporting.models import ReviewComment
from hub.reporting.models import ShowcaseItem
from hub.reporting.selectors import answer_gaps
from hub.reporting.services.cycles import focal_point_emails

TEXT_FIELDS = ("narrative", "actions_taken", "planned_actions", "lead_institution")
EVIDENCE_TYPES = {uploads.PDF, uploads.DOCX, uploads.XLSX, uploads.PNG, uploads.JPEG}
EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
# Evidence is always seen by the member's own officials, so a "secretariat" level would not hold.
EVIDENCE_LEVELS = (Visibility.MEMBER, Visibility.TASKFORCE, Visibility.PUBLIC)


def _report(viewer: Viewer, report_id: int) -> ProgressReport:
    return policy_for(ProgressReport).get(
        viewer, report_id, ProgressReport.objects.select_related("cycle", "cycle__version", "member")
    )


def _locked(report: ProgressReport) -> ProgressReport:
    """The report as it is now, locked until the transaction ends, with its cycle read again and locked
    first (the order a cycle step takes too): a report step and a cycle step (lock, close, publish) on
    the same cycle never both go through on what the other is changing."""
    locked(report.cycle)
    return locked(report)


def _require_status(report: ProgressReport, allowed: tuple[str, ...]) -> None:
    """The loser of a race (or a stale page): the report is no longer in a state this step starts from."""
    if report.status not in allowed:
        raise changed_meanwhile(report)


def _require_accepting(report: ProgressReport) -> None:
    if report.cycle.status not in ReportingCycle.ACCEPTING:
        raise Conflict(
            _("The cycle is %(status)s: reports can no longer change.") % {"status": report.cycle.get_status_display()},
            problems=[Problem(_("The cycle no longer accepts changes."), field="cycle")],
        )


def _require_editable(report: ProgressReport) -> None:
    _require_accepting(report)
    if report.status not in ProgressReport.EDITABLE:
        raise Conflict(
            _("A %(status)s report cannot be edited.") % {"status": report.get_status_display().lower()},
            problems=[Problem(_("Only a draft or a returned report can be edited."), field="status")],
        )


def _may(viewer: Viewer, action: str, report: ProgressReport, message: str) -> None:
    policy_for(ProgressReport).require(viewer, action, report, message=message)


def answer_key(answer: Answer | int, name: str) -> str:
    """The field path that names one part of one answer in messages: "answers.<question key>.<part>"."""
    key = answer.question.key if isinstance(answer, Answer) else str(answer)
    return f"answers.{key}.{name}"


def _answers_now(report: ProgressReport) -> dict[str, Answer]:
    return {
        a.question.key: a
        for a in report.answers.select_related("question").prefetch_related(
            "question__indicators", "indicator_values__indicator"
        )
    }


def report_save(
    *,
    viewer: Viewer,
    report_id: int,
    answers: dict[str, dict[str, Any]],
    version: str | None = None,
    answer_versions: dict[str, str] | None = None,
    via: str = "web",
) -> ProgressReport:
    """Save answers of a draft or returned report. `answers` maps question keys to the parts given
    (status, narrative, actions_taken, planned_actions, lead_institution, indicators {key: value or
    None}). Any problem saves nothing and names each answer part. `version` (the report's version the
    edit was based on) refuses a save over someone else's newer one; every save makes a new version.
    `answer_versions` (question key: the answer's version the edit was based on) does the same per
    answer, so that people editing different sections of one report never block each other."""
    report = _report(viewer, report_id)
    _may(viewer, "edit", report, _("Your member may not write at the moment."))
    _require_editable(report)
    current = _answers_now(report)
    problems: list[Problem] = []
    planned: list[tuple[str, dict[str, Any], dict[str, Decimal | None]]] = []
    for key, given in answers.items():
        answer = current.get(key)
        if answer is None:
            problems.append(Problem(_("This questionnaire has no question %(key)s.") % {"key": key}, f"answers.{key}"))
            continue
        values: dict[str, Any] = {}
        if "status" in given:
            status = given["status"] or ""
            if status and status not in ProgressStatus.values:
                problems.append(
                    Problem(
                        _("Choose a status on the scale: %(scale)s.")
                        % {"scale": ", ".join(str(label) for label in ProgressStatus.labels)},
                        answer_key(answer, "status"),
                    )
                )
            values["status"] = status
        for name in TEXT_FIELDS:
            if name in given:
                text = str(given[name] or "").strip()
                if name == "lead_institution" and len(text) > 300:
                    problems.append(Problem(_("At most 300 characters."), answer_key(answer, name)))
                values[name] = text
        indicators: dict[str, Decimal | None] = {}
        known = {i.key: i for i in answer.question.indicators.all()}
        for ind_key, raw in (given.get("indicators") or {}).items():
            if ind_key not in known:
                problems.append(
                    Problem(_("No indicator %(key)s.") % {"key": ind_key}, answer_key(answer, f"indicators.{ind_key}"))
                )
                continue
            if raw in (None, ""):
                indicators[ind_key] = None
                continue
            try:
                number = Decimal(str(raw).replace(",", "."))
                if not number.is_finite() or abs(number) >= Decimal("1e14"):
                    raise InvalidOperation
            except InvalidOperation:
                problems.append(Problem(_("Give a number."), answer_key(answer, f"indicators.{ind_key}")))
                continue
            indicators[ind_key] = number
        planned.append((key, values, indicators))
    raise_problems(problems, _("The report was not saved."))
    with unique_or_conflict(_("The report was not saved."), field="answers"), transaction.atomic():
        report = _locked(report)
        _may(viewer, "edit", report, _("Your member may not write at the moment."))
        _require_editable(report)
        check_version(report, version)
        now = _answers_now(report)  # read again under the lock: what the writes compare with
        for key, given_version in (answer_versions or {}).items():
            if key in now:
                check_version(now[key], given_version)
        with acting_as(viewer.user, via=via):
            _write_answers(report, now, planned)
    return report


def _write_answers(
    report: ProgressReport,
    current: dict[str, Answer],
    planned: list[tuple[str, dict[str, Any], dict[str, Decimal | None]]],
) -> None:
    for key, values, indicators in planned:
        answer = current[key]
        changed = [k for k, v in values.items() if getattr(answer, k) != v]
        for k in changed:
            setattr(answer, k, values[k])
        existing = {v.indicator.key: v for v in answer.indicator_values.all()}
        figures_changed = False
        for ind_key, given_number in indicators.items():
            value = existing.get(ind_key)
            if given_number is None:
                if value is not None:
                    value.delete()
                    figures_changed = True
            elif value is None:
                IndicatorValue.objects.create(
                    answer=answer, indicator=answer.question.indicators.get(key=ind_key), value=given_number
                )
                figures_changed = True
            elif value.value != given_number:
                value.value = given_number
                value.save(update_fields=["value"])
                figures_changed = True
        if changed or figures_changed:  # a new version of the answer (its figures are part of it)
            answer.save(update_fields=[*changed, "updated_at"])
    # Every save makes a new version of the report, even one that changed nothing (the version alone
    # is no change worth an audit row).
    if report.started_at is None:
        report.started_at = timezone.now()
        report.save(update_fields=["started_at", "updated_at"])
    else:
        report.updated_at = timezone.now()
        ProgressReport.objects.filter(pk=report.pk).update(updated_at=report.updated_at)


def missing_answers(report: ProgressReport) -> list[Problem]:
    """What the required answers still lack, each named by its commitment and answer part."""
    problems = []
    for answer in report.answers.select_related("question__commitment").order_by("question__order", "pk"):
        where = str(answer.question.commitment)
        for gap in answer_gaps(answer):
            text = (_("%(where)s: choose a status.") if gap == "status" else _("%(where)s: write the narrative.")) % {
                "where": where
            }
            problems.append(Problem(text, answer_key(answer, gap)))
    return problems


def report_submit(*, viewer: Viewer, report_id: int, via: str = "web") -> ProgressReport:
    """The focal point submits. Every required answer must be given (each missing one is listed).
    After the close date (or the extension) the submission is marked late."""
    report = _report(viewer, report_id)
    _may(viewer, "submit", report, _("Only your member's focal point submits the report."))
    with transaction.atomic(), acting_as(viewer.user, via=via):
        report = _locked(report)
        _may(viewer, "submit", report, _("Only your member's focal point submits the report."))
        _require_status(report, ProgressReport.EDITABLE)
        _require_editable(report)
        problems = missing_answers(report)
        if problems:
            raise ValidationFailed(
                _("The report is not complete: %(n)s answers are missing.") % {"n": len(problems)}, problems=problems
            )
        report.status = ProgressReport.Status.SUBMITTED
        report.submitted_at = timezone.now()
        report.submitted_by = viewer.user
        report.is_late = timezone.localdate() > report.due_on
        report.save(update_fields=["status", "submitted_at", "submitted_by", "is_late", "updated_at"])
    return report


def report_return(*, viewer: Viewer, report_id: int, comments: dict[str, str], via: str = "web") -> ProgressReport:
    """The secretariat returns a submitted report with comments per answer (question key -> comment)."""
    report = _report(viewer, report_id)
    _may(viewer, "review", report, _("Only the secretariat reviews reports."))
    _require_accepting(report)
    _require_status(report, (ProgressReport.Status.SUBMITTED,))
    answers = {a.question.key: a for a in report.answers.select_related("question")}
    problems = [Problem(_("No question %(key)s.") % {"key": k}, f"comments.{k}") for k in comments if k not in answers]
    given = {k: v.strip() for k, v in comments.items() if k in answers and v and v.strip()}
    if not given and not problems:
        problems.append(Problem(_("Say what needs changing: comment on at least one answer."), "comments"))
    raise_problems(problems, _("The report was not returned."))
    with transaction.atomic(), acting_as(viewer.user, via=via):
        report = _locked(report)
        _may(viewer, "review", report, _("Only the secretariat reviews reports."))
        _require_accepting(report)
        _require_status(report, (ProgressReport.Status.SUBMITTED,))
        for key, text in given.items():
            ReviewComment.objects.create(
                answer=answers[key], author=viewer.user, text=text, is_synthetic=report.is_synthetic
            )
        report.status = ProgressReport.Status.RETURNED
        report.save(update_fields=["status", "updated_at"])
        recipients = focal_point_emails([report.member_id]).get(report.member_id, [])
        if recipients:
            email_after_commit(
                to=recipients,
                subject=_("Report returned with comments: %(cycle)s") % {"cycle": report.cycle.name},
                body=_("The secretariat returned your member's report with %(n)s comments. Please revise and resubmit.")
                % {"n": len(given)},
            )
    return report


def report_accept(*, viewer: Viewer, report_id: int, via: str = "web") -> ProgressReport:
    report = _report(viewer, report_id)
    _may(viewer, "review", report, _("Only the secretariat reviews reports."))
    with transaction.atomic(), acting_as(viewer.user, via=via):
        report = _locked(report)
        _may(viewer, "review", report, _("Only the secretariat reviews reports."))
        _require_status(report, (ProgressReport.Status.SUBMITTED,))
        report.status = ProgressReport.Status.ACCEPTED
        report.accepted_at = timezone.now()
        report.accepted_by = viewer.user
        report.save(update_fields=["status", "accepted_at", "accepted_by", "updated_at"])
    return report


def report_extend(
    *, viewer: Viewer, report_id: int, until: datetime.date | None, reason: str, via: str = "web"
) -> ProgressReport:
    """The secretariat grants a member more time, with a reason; submissions until then are not late."""
    report = _report(viewer, report_id)
    _may(viewer, "review", report, _("Only the secretariat grants extensions."))
    _require_accepting(report)
    problems = []
    if until is None:
        problems.append(Problem(_("Give the new date as YYYY-MM-DD."), field="until"))
    elif until <= report.cycle.closes_on:
        problems.append(Problem(_("The extension must end after the cycle closes."), field="until"))
    require_text(problems, reason, _("Give the reason for the extension."), field="reason")
    if report.status not in ProgressReport.EDITABLE:
        problems.append(Problem(_("The report is already submitted."), field="status"))
    raise_problems(problems, _("No extension was granted."))
    with transaction.atomic(), acting_as(viewer.user, via=via):
        report = _locked(report)
        _require_accepting(report)
        _require_status(report, ProgressReport.EDITABLE)
        report.extension_until = until
        report.extension_reason = reason.strip()
        report.save(update_fields=["extension_until", "extension_reason", "updated_at"])
    return report


@dataclass(frozen=True)
class EvidenceInput:
    """One piece of evidence: a file or a link, with its title and who else may see it."""

    answer_id: int
    title: str
    upload: UploadedFile | None = None
    url: str = ""
    visibility: str = Visibility.MEMBER


def report_section_save(
    *,
    viewer: Viewer,
    report_id: int,
    answers: dict[str, dict[str, Any]],
    answer_versions: dict[str, str],
    evidence: EvidenceInput | None = None,
    via: str = "web",
) -> ProgressReport:
    """Save one section's answers (each checked against the version it was based on) and, when given,
    attach one piece of evidence to one of them: both or nothing, so a refused file never costs the
    text typed beside it, and the text is never saved without the evidence that was asked for."""
    with transaction.atomic():
        report = report_save(
            viewer=viewer, report_id=report_id, answers=answers, answer_versions=answer_versions, via=via
        )
        if evidence is not None:
            answer = policy_for(Answer).get(viewer, evidence.answer_id)
            if answer.report_id != report.pk or answer.question.key not in answers:
                raise ValidationFailed(
                    _("The evidence was not added."),
                    problems=[Problem(_("Choose an answer of this section."), field="question")],
                )
            evidence_add(
                viewer=viewer,
                answer_id=evidence.answer_id,
                title=evidence.title,
                upload=evidence.upload,
                url=evidence.url,
                visibility=evidence.visibility,
                via=via,
            )
    return report


# --- evidence --------------------------------------------------------------------------------


def evidence_add(
    *,
    viewer: Viewer,
    answer_id: int,
    title: str,
    upload: UploadedFile | None = None,
    url: str = "",
    visibility: str = Visibility.MEMBER,
    via: str = "web",
) -> Evidence:
    """A file (PDF, DOCX, XLSX, PNG, JPEG; type checked by content, at most 20 MB) or a link."""
    answer = policy_for(Answer).get(viewer, answer_id, Answer.objects.select_related("report__cycle", "question"))
    report = answer.report
    _may(viewer, "edit", report, _("Your member may not write at the moment."))
    _require_editable(report)
    problems: list[Problem] = []
    require_text(problems, title, _("Give the evidence a title."), field="title")
    if visibility not in EVIDENCE_LEVELS:
        problems.append(Problem(_("Choose member, taskforce or public."), field="visibility"))
    if (upload is None) == (not url.strip()):
        problems.append(Problem(_("Attach a file or give a link, not both."), field="file"))
    content_type = ""
    if upload is not None:
        if (upload.size or 0) > EVIDENCE_MAX_BYTES:
            problems.append(Problem(_("The file is larger than 20 MB."), field="file"))
        else:
            content_type = uploads.content_type_of(upload) or ""
            if content_type not in EVIDENCE_TYPES:
                problems.append(Problem(_("Send a PDF, DOCX, XLSX, PNG or JPEG file."), field="file"))
    raise_problems(problems, _("The evidence was not added."))
    evidence = Evidence(
        answer=answer,
        title=title.strip()[:300],
        url=url.strip(),
        visibility=visibility,
        added_by=viewer.user,
        is_synthetic=answer.is_synthetic,
    )
    if upload is not None:
        evidence.sha256 = uploads.sha256_of(upload)
        evidence.content_type = content_type
        evidence.size = upload.size
    full_clean(evidence, exclude=["file"])
    with transaction.atomic(), acting_as(viewer.user, via=via):
        if upload is not None:
            evidence.file.save(upload.name or "evidence", upload, save=False)
        evidence.save()
    return evidence


def evidence_file(*, viewer: Viewer, evidence_id: int) -> Evidence:
    evidence = policy_for(Evidence).get(viewer, evidence_id)
    if not evidence.file:
        raise NotFound()
    return evidence


# --- showcase --------------------------------------------------------------------------------


def showcase_propose(*, viewer: Viewer, answer_id: int, title: str, summary: str, via: str = "web") -> ShowcaseItem:
    """A member official picks an answer of an accepted report to publish; it waits for the focal point."""
    answer = policy_for(Answer).get(viewer, answer_id, Answer.objects.select_related("report"))
    _may(viewer, "showcase", answer.report, _("Your member may not write at the moment."))
    problems = []
    if answer.report.status != ProgressReport.Status.ACCEPTED:
        problems.append(Problem(_("Only answers of an accepted report can be showcased."), field="answer"))
    if not title.strip():
        problems.append(Problem(_("Give the item a title."), field="title"))
    elif len(title.strip()) > 200:
        problems.append(Problem(_("At most 200 characters."), field="title"))
    require_text(problems, summary, _("Write the text to publish."), field="summary")
    if answer.showcase_items.exclude(status=ShowcaseItem.Status.WITHDRAWN).exists():
        problems.append(Problem(_("This answer is already showcased or awaiting sign-off."), field="answer"))
    raise_problems(problems, _("The item was not proposed."))
    with transaction.atomic(), acting_as(viewer.user, via=via):
        answer = locked(answer)
        if answer.showcase_items.exclude(status=ShowcaseItem.Status.WITHDRAWN).exists():
            raise Conflict(
                _("The item was not proposed."),
                problems=[Problem(_("This answer is already showcased or awaiting sign-off."), field="answer")],
            )
        return ShowcaseItem.objects.create(
            answer=answer,
            title=title.strip(),
            summary=summary.strip(),
            proposed_by=viewer.user,
            is_synthetic=answer.is_synthetic,
        )


def _item(viewer: Viewer, item_id: int) -> ShowcaseItem:
    return policy_for(ShowcaseItem).get(viewer, item_id, ShowcaseItem.objects.select_related("answer__report"))


def showcase_sign_off(*, viewer: Viewer, item_id: int, via: str = "web") -> ShowcaseItem:
    """The focal point signs off: only then the item appears on the public commitment page."""
    item = _item(viewer, item_id)
    if not policy_for(ProgressReport).can_view(viewer, item.answer.report):
        raise NotFound()
    _may(viewer, "sign_off", item.answer.report, _("Only your member's focal point signs off."))
    if item.status != ShowcaseItem.Status.PROPOSED:
        raise Conflict(
            _("Only an item awaiting sign-off can be signed off."), problems=[Problem(_("Not awaiting."), "status")]
        )
    with transaction.atomic(), acting_as(viewer.user, via=via):
        item = locked(item)
        if item.status != ShowcaseItem.Status.PROPOSED:
            raise changed_meanwhile(item)
        item.status = ShowcaseItem.Status.PUBLISHED
        item.signed_off_by = viewer.user
        item.published_at = timezone.now()
        item.save(update_fields=["status", "signed_off_by", "published_at", "updated_at"])
    return item


def showcase_withdraw(*, viewer: Viewer, item_id: int, via: str = "web") -> ShowcaseItem:
    """The member (or the secretariat) withdraws an item at any time; it leaves the public site."""
    item = _item(viewer, item_id)
    report = item.answer.report
    _may(viewer, "withdraw_showcase", report, _("Your member may not write at the moment."))
    if item.status == ShowcaseItem.Status.WITHDRAWN:
        raise Conflict(_("The item is already withdrawn."), problems=[Problem(_("Already withdrawn."), "status")])
    with transaction.atomic(), acting_as(viewer.user, via=via):
        item = locked(item)
        if item.status == ShowcaseItem.Status.WITHDRAWN:
            raise changed_meanwhile(item)
        item.status = ShowcaseItem.Status.WITHDRAWN
        item.withdrawn_at = timezone.now()
        item.save(update_fields=["status", "withdrawn_at", "updated_at"])
    return item
