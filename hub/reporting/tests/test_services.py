"""Progress reporting through its services: questionnaires, cycles, reports, review, prefill, evidence,
showcase, confidentiality between members, the dashboard's small-number rule and reminders."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.formats import date_format

from conftest import as_viewer
from conftest import discouraged_term
from conftest import make_member
from conftest import make_person
from hub.commitments.services import reference_commitments_load
from hub.core.errors import Conflict
from hub.core.errors import HubError
from hub.core.errors import NotFound
from hub.core.errors import PermissionDenied
from hub.core.errors import ValidationFailed
from hub.core.models import Visibility
from hub.core.policies import policy_for
from hub.core.registry import text_warnings
from hub.core.textdiff import Segment
from hub.core.viewer import ANONYMOUS
from hub.core.viewer import SYSTEM
from hub.core.viewer import Viewer
from hub.members.models import Member
from hub.members.models import Role
from hub.reporting.models import Answer
from hub.reporting.models import CycleReminder
from hub.reporting.models import Evidence
from hub.reporting.models import IndicatorValue
from hub.reporting.models import ProgressReport
from hub.reporting.models import Question
from hub.reporting.models import QuestionnaireVersion
from hub.reporting.models import ReportingCycle
from hub.reporting.models import ReviewComment
from hub.reporting.models import ShowcaseItem
from hub.reporting.selectors import answer_rows
from hub.reporting.selectors import cycle_dashboard
from hub.reporting.selectors import report_get
from hub.reporting.selectors import report_page
from hub.reporting.selectors import showcase_list
from hub.reporting.services import CycleInput
from hub.reporting.services import cycle_open
from hub.reporting.services import cycle_reminders_send
from hub.reporting.services import cycle_transition
from hub.reporting.services import evidence_add
from hub.reporting.services import report_accept
from hub.reporting.services import report_create
from hub.reporting.services import report_extend
from hub.reporting.services import report_return
from hub.reporting.services import report_save
from hub.reporting.services import report_submit
from hub.reporting.services import showcase_propose
from hub.reporting.services import showcase_sign_off
from hub.reporting.services import showcase_withdraw
from hub.reporting.tests.helpers import PDF
from hub.reporting.tests.helpers import STARTER_KEYS
from hub.reporting.tests.helpers import TODAY
from hub.reporting.tests.helpers import D
from hub.reporting.tests.helpers import accepted
from hub.reporting.tests.helpers import answer_of
from hub.reporting.tests.helpers import as_csv
from hub.reporting.tests.helpers import focal_viewer
from hub.reporting.tests.helpers import full_answers
from hub.reporting.tests.helpers import import_version
from hub.reporting.tests.helpers import load_terminology
from hub.reporting.tests.helpers import new_cycle
from hub.reporting.tests.helpers import report_of
from hub.reporting.tests.helpers import starter_rows
from hub.reporting.tests.helpers import submitted

# The discouraged term the terminology check must flag, taken from reference/terminology.csv.
DISCOURAGED = discouraged_term()


def fields_of(exc: pytest.ExceptionInfo[HubError]) -> list[str | None]:
    return [p.field for p in exc.value.problems]


@pytest.fixture
def commitments(db: Any) -> None:
    reference_commitments_load()


@pytest.fixture
def version(commitments: None) -> QuestionnaireVersion:
    import_version("v1")
    return QuestionnaireVersion.objects.get(code="v1")


@pytest.fixture
def cycle(version: QuestionnaireVersion, member_a: Member, member_b: Member) -> ReportingCycle:
    return new_cycle(version)


@pytest.fixture
def focal_point_b(member_b: Member) -> Any:
    return make_person("fred.focal@betaland.example.org", Role.Kind.FOCAL_POINT, member_b)


# --- questionnaires --------------------------------------------------------------------------------


def test_the_starter_imports_and_a_second_import_changes_nothing(commitments):
    first = import_version("v1")
    assert (first.created, first.questions, first.indicators) == (True, 9, 3)
    assert "c1-legal" in first.changed and "c1-legal/laws-amended" in first.changed
    version = QuestionnaireVersion.objects.get(code="v1")
    stamp = version.updated_at
    assert sorted(version.questions.values_list("key", flat=True)) == STARTER_KEYS
    assert not Question.objects.get(version=version, key="c9-equity").required

    again = import_version("v1")
    assert (again.created, again.questions, again.indicators, again.changed) == (False, 9, 3, [])
    version.refresh_from_db()
    assert version.updated_at == stamp
    assert Question.objects.filter(version=version).count() == 9


def test_a_dry_run_reports_and_writes_nothing(commitments):
    report = import_version("v1", dry_run=True)
    assert report.dry_run and report.questions == 9
    assert not QuestionnaireVersion.objects.exists()
    assert not Question.objects.exists()


def test_import_errors_name_each_row_and_column_and_write_nothing(commitments):
    import_version("v1")
    before = Question.objects.count()
    rows = [r for r in starter_rows() if r["question"] != "c9-equity"]  # commitment 9 has no question
    rows[0] = {**rows[0], "commitment": "12"}  # row 2
    rows[2] = {**rows[2], "prompt_en": ""}  # row 4: c2-resources
    rows[4] = {**rows[4], "predecessor": "c3-nowhere"}  # row 6: c3-leadership
    with pytest.raises(ValidationFailed) as exc:
        import_version("v2", previous="v1", content=as_csv(rows))
    where = {(p.row, p.field) for p in exc.value.problems}
    assert {(2, "commitment"), (4, "prompt_en"), (6, "predecessor"), (None, "commitment")} <= where
    assert any("Commitment 9 has no question" in p.message for p in exc.value.problems)
    assert any("commitment 1" in p.message.lower() for p in exc.value.problems if p.row is None)
    assert not QuestionnaireVersion.objects.filter(code="v2").exists()
    assert Question.objects.count() == before


def test_an_unknown_previous_version_is_named(commitments):
    with pytest.raises(ValidationFailed) as exc:
        import_version("v2", previous="v0")
    assert fields_of(exc) == ["previous"]
    assert not QuestionnaireVersion.objects.exists()


def test_a_version_a_cycle_uses_is_frozen(cycle, version):
    version.refresh_from_db()
    assert version.is_frozen
    rows = starter_rows()
    rows[0] = {**rows[0], "prompt_en": "Changed after the cycle opened?"}
    with pytest.raises(Conflict) as exc:
        import_version("v1", content=as_csv(rows))
    assert fields_of(exc) == ["code"]
    assert Question.objects.get(version=version, key="c1-legal").prompt_en != "Changed after the cycle opened?"


def test_a_question_a_later_version_maps_to_cannot_be_dropped(commitments):
    import_version("v1")
    import_version("v2", previous="v1")
    rows = starter_rows()
    for row in rows:
        if row["question"] == "c1-legal":
            row["question"] = "c1-law"
    with pytest.raises(Conflict) as exc:
        import_version("v1", content=as_csv(rows))
    assert fields_of(exc) == ["question"]
    assert "c1-legal" in exc.value.problems[0].message and "v2/c1-legal" in exc.value.problems[0].message
    assert sorted(Question.objects.filter(version__code="v1").values_list("key", flat=True)) == STARTER_KEYS
    rows = starter_rows()
    rows[0] = {**rows[0], "prompt_en": "A clearer question?"}
    assert import_version("v1", content=as_csv(rows)).changed == ["c1-legal"]


# --- cycles ----------------------------------------------------------------------------------------


def test_opening_creates_one_draft_report_per_active_member_of_the_same_kind(version, member_a, member_b):
    real = make_member("Realland")
    Member.objects.filter(pk=real.pk).update(is_synthetic=False)
    make_member("Sleepland", status=Member.Status.INACTIVE)
    assert not version.is_frozen

    demo = new_cycle(version, name="Demo cycle")
    reports = list(demo.reports.all())
    assert sorted(r.member_id for r in reports) == sorted([member_a.pk, member_b.pk])
    assert all(r.status == ProgressReport.Status.DRAFT and r.is_synthetic for r in reports)
    assert all(r.answers.count() == 9 for r in reports)
    assert demo.status == ReportingCycle.Status.OPEN and demo.opened_at is not None
    version.refresh_from_db()
    assert version.is_frozen

    real_cycle = new_cycle(version, name="Real cycle", synthetic=False)
    assert list(real_cycle.reports.values_list("member_id", flat=True)) == [real.pk]
    assert not real_cycle.reports.get().is_synthetic


def test_a_cycle_opens_only_with_a_version(commitments, member_a):
    cycle = new_cycle(None, open_it=False)
    with pytest.raises(ValidationFailed) as exc:
        cycle_open(viewer=SYSTEM, cycle_id=cycle.pk)
    assert fields_of(exc) == ["version"]
    cycle.refresh_from_db()
    assert cycle.status == ReportingCycle.Status.DRAFT
    assert not ProgressReport.objects.exists()


def test_only_the_secretariat_runs_cycles(cycle, official_a):
    with pytest.raises(PermissionDenied):
        cycle_transition(viewer=as_viewer(official_a), cycle_id=cycle.pk, action="close")
    cycle.refresh_from_db()
    assert cycle.status == ReportingCycle.Status.OPEN


def test_a_second_report_for_the_same_member_and_cycle_conflicts(cycle, member_a):
    with pytest.raises(Conflict) as exc:
        report_create(viewer=SYSTEM, cycle_id=cycle.pk, member=member_a)
    assert fields_of(exc) == ["member"]
    assert ProgressReport.objects.filter(cycle=cycle, member=member_a).count() == 1


def test_a_member_joining_later_gets_a_report(cycle):
    late = make_member("Lateland")
    report = report_create(viewer=SYSTEM, cycle_id=cycle.pk, member=late)
    assert report.status == ProgressReport.Status.DRAFT and report.answers.count() == 9


# --- writing and submitting ------------------------------------------------------------------------


def test_a_status_outside_the_scale_is_named_and_nothing_is_saved(cycle, member_a, official_a):
    report = report_of(cycle, member_a)
    with pytest.raises(ValidationFailed) as exc:
        report_save(
            viewer=as_viewer(official_a),
            report_id=report.pk,
            answers={
                "c1-legal": {"status": "excellent", "narrative": "Saved?"},
                "c2-resources": {"status": "limited", "narrative": "Also saved?"},
            },
        )
    assert fields_of(exc) == ["answers.c1-legal.status"]
    assert not Answer.objects.filter(report=report).exclude(narrative="").exists()
    assert not Answer.objects.filter(report=report).exclude(status="").exists()
    report.refresh_from_db()
    assert report.started_at is None


def test_indicator_values_are_saved_and_cleared(cycle, member_a, official_a):
    report = report_of(cycle, member_a)
    viewer = as_viewer(official_a)
    report_save(viewer=viewer, report_id=report.pk, answers={"c1-legal": {"indicators": {"laws-amended": "3"}}})
    assert IndicatorValue.objects.get(answer__report=report).value == 3
    with pytest.raises(ValidationFailed) as exc:
        report_save(viewer=viewer, report_id=report.pk, answers={"c1-legal": {"indicators": {"laws-amended": "x"}}})
    assert fields_of(exc) == ["answers.c1-legal.indicators.laws-amended"]
    report_save(viewer=viewer, report_id=report.pk, answers={"c1-legal": {"indicators": {"laws-amended": ""}}})
    assert not IndicatorValue.objects.filter(answer__report=report).exists()


def test_submitting_lists_each_missing_answer_and_only_the_focal_point_submits(
    cycle, member_a, official_a, focal_point_a, official_b
):
    report = report_of(cycle, member_a)
    answers = full_answers()
    answers["c3-leadership"]["status"] = ""
    answers["c4-victims"]["narrative"] = "   "
    del answers["c9-equity"]  # not required
    report_save(viewer=as_viewer(official_a), report_id=report.pk, answers=answers)

    with pytest.raises(PermissionDenied):
        report_submit(viewer=as_viewer(official_a), report_id=report.pk)
    with pytest.raises(NotFound):
        report_submit(viewer=as_viewer(official_b), report_id=report.pk)
    with pytest.raises(ValidationFailed) as exc:
        report_submit(viewer=as_viewer(focal_point_a), report_id=report.pk)
    assert fields_of(exc) == ["answers.c3-leadership.status", "answers.c4-victims.narrative"]
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.DRAFT and report.submitted_at is None

    report_save(
        viewer=as_viewer(official_a),
        report_id=report.pk,
        answers={"c3-leadership": {"status": "complete"}, "c4-victims": {"narrative": "A helpline opened."}},
    )
    report = report_submit(viewer=as_viewer(focal_point_a), report_id=report.pk)
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.SUBMITTED
    assert report.submitted_by == focal_point_a and not report.is_late

    with pytest.raises(Conflict):
        report_save(viewer=as_viewer(official_a), report_id=report.pk, answers={"c1-legal": {"narrative": "Later"}})
    assert answer_of(report, "c1-legal").narrative == "A working group met twice. (c1-legal)"
    with pytest.raises(Conflict):
        report_submit(viewer=as_viewer(focal_point_a), report_id=report.pk)


def test_a_submission_after_the_close_date_is_late_unless_extended(
    version, member_a, member_b, focal_point_a, focal_point_b
):
    cycle = new_cycle(version, closes_on=TODAY - 3 * D)
    cycle_transition(viewer=SYSTEM, cycle_id=cycle.pk, action="close")
    a, b = report_of(cycle, member_a), report_of(cycle, member_b)
    assert a.is_overdue

    submitted(a, as_viewer(focal_point_a))
    a.refresh_from_db()
    assert a.status == ProgressReport.Status.SUBMITTED and a.is_late

    with pytest.raises(PermissionDenied):
        report_extend(viewer=as_viewer(focal_point_b), report_id=b.pk, until=TODAY + 5 * D, reason="Elections")
    with pytest.raises(ValidationFailed) as exc:
        report_extend(viewer=SYSTEM, report_id=b.pk, until=None, reason=" ")
    assert fields_of(exc) == ["until", "reason"]
    with pytest.raises(ValidationFailed) as exc:
        report_extend(viewer=SYSTEM, report_id=b.pk, until=cycle.closes_on, reason="Elections")
    assert fields_of(exc) == ["until"]
    b.refresh_from_db()
    assert b.extension_until is None and b.extension_reason == ""

    report_extend(viewer=SYSTEM, report_id=b.pk, until=TODAY + 5 * D, reason="Elections")
    submitted(b, as_viewer(focal_point_b))
    b.refresh_from_db()
    assert b.status == ProgressReport.Status.SUBMITTED and not b.is_late
    assert b.extension_reason == "Elections" and b.due_on == TODAY + 5 * D


def test_no_submission_once_the_cycle_is_locked(version, member_a, focal_point_a):
    cycle = new_cycle(version)
    report = report_of(cycle, member_a)
    report_save(viewer=as_viewer(focal_point_a), report_id=report.pk, answers=full_answers())
    cycle_transition(viewer=SYSTEM, cycle_id=cycle.pk, action="lock")
    with pytest.raises(Conflict) as exc:
        report_submit(viewer=as_viewer(focal_point_a), report_id=report.pk)
    assert fields_of(exc) == ["cycle"]
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.DRAFT


# --- review ----------------------------------------------------------------------------------------


def test_returning_needs_a_comment_and_makes_the_report_editable_again(
    cycle, member_a, official_a, focal_point_a, django_capture_on_commit_callbacks
):
    report = submitted(report_of(cycle, member_a), as_viewer(focal_point_a))
    with pytest.raises(PermissionDenied):
        report_return(viewer=as_viewer(official_a), report_id=report.pk, comments={"c1-legal": "Me?"})
    for comments, field in [({}, "comments"), ({"c1-legal": "   "}, "comments"), ({"nope": "x"}, "comments.nope")]:
        with pytest.raises(ValidationFailed) as exc:
            report_return(viewer=SYSTEM, report_id=report.pk, comments=comments)
        assert fields_of(exc) == [field]
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.SUBMITTED
    assert not ReviewComment.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        report_return(viewer=SYSTEM, report_id=report.pk, comments={"c1-legal": "Add the date.", "c2-resources": ""})
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.RETURNED and report.is_editable
    assert list(ReviewComment.objects.values_list("answer__question__key", "text")) == [("c1-legal", "Add the date.")]
    assert [m.to for m in mail.outbox] == [[focal_point_a.email]]
    page = report_page(viewer=as_viewer(official_a), report=report)
    assert [c.text for v in page.answers for c in v.comments] == ["Add the date."]

    report_save(
        viewer=as_viewer(official_a), report_id=report.pk, answers={"c1-legal": {"narrative": "Adopted on 1 May."}}
    )
    report_submit(viewer=as_viewer(focal_point_a), report_id=report.pk)
    with pytest.raises(PermissionDenied):
        report_accept(viewer=as_viewer(focal_point_a), report_id=report.pk)
    report = report_accept(viewer=SYSTEM, report_id=report.pk)
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.ACCEPTED and report.accepted_at is not None
    assert answer_of(report, "c1-legal").narrative == "Adopted on 1 May."
    with pytest.raises(Conflict):
        report_accept(viewer=SYSTEM, report_id=report.pk)
    with pytest.raises(Conflict):
        report_save(viewer=as_viewer(official_a), report_id=report.pk, answers={"c1-legal": {"narrative": "x"}})


# --- prefill and comparison ------------------------------------------------------------------------


def test_a_new_cycle_starts_from_the_last_accepted_answers_across_versions(
    version, member_a, member_b, official_a, focal_point_a
):
    first = new_cycle(version, name="2025", closes_on=TODAY - 200 * D)
    old = report_of(first, member_a)
    report_save(
        viewer=as_viewer(official_a),
        report_id=old.pk,
        answers={"c1-legal": {"indicators": {"laws-amended": 3}, "lead_institution": "Ministry of Justice"}},
    )
    accepted(old, as_viewer(focal_point_a))
    Evidence.objects.create(
        answer=answer_of(old, "c1-legal"), title="Plan", url="https://example.org/plan", is_synthetic=True
    )
    submitted(report_of(first, member_b), focal_viewer(member_b))  # submitted, never accepted

    # The next version renames c1-legal to c1-law and says so; the others keep their keys.
    rows = starter_rows()
    for row in rows:
        if row["question"] == "c1-legal":
            row["question"] = "c1-law"
            row["predecessor"] = "c1-legal" if not row["indicator"] else ""
    import_version("v2", previous="v1", content=as_csv(rows))
    law = Question.objects.get(version__code="v2", key="c1-law")
    assert law.predecessor == Question.objects.get(version__code="v1", key="c1-legal")
    second = new_cycle(QuestionnaireVersion.objects.get(code="v2"), name="2026")

    new = report_of(second, member_a)
    assert new.prefilled_from == old
    answer = answer_of(new, "c1-law")
    assert (answer.status, answer.narrative, answer.lead_institution) == (
        "limited",
        "A working group met twice. (c1-legal)",
        "Ministry of Justice",
    )
    assert [(v.indicator.key, v.value) for v in answer.indicator_values.all()] == [("laws-amended", 3)]
    assert list(answer.evidence.values_list("title", flat=True)) == ["Plan"]
    assert answer_of(new, "c5-investigations").narrative == "A working group met twice. (c5-investigations)"
    fresh = report_of(second, member_b)
    assert fresh.prefilled_from is None
    assert not fresh.answers.exclude(narrative="").exists()

    report_save(
        viewer=as_viewer(official_a),
        report_id=new.pk,
        answers={"c1-law": {"status": "substantial", "narrative": "A working group met four times. (c1-legal)"}},
    )
    page = report_page(viewer=as_viewer(official_a), report=new)
    assert page.previous_report == old
    views = {v.question.key: v for v in page.answers}
    law_view = views["c1-law"]
    assert law_view.previous == answer_of(old, "c1-legal")
    assert law_view.status_changed and law_view.narrative_changed
    assert Segment("removed", "twice.") in law_view.narrative_diff
    assert Segment("added", "four times.") in law_view.narrative_diff
    assert not views["c2-resources"].status_changed and not views["c2-resources"].narrative_changed


# --- terminology -----------------------------------------------------------------------------------


def test_the_terminology_check_flags_discouraged_terms_outside_quotation_marks(cycle, member_a, official_a):
    load_terminology()
    report = report_of(cycle, member_a)
    report_save(
        viewer=as_viewer(official_a),
        report_id=report.pk,
        answers={
            "c1-legal": {"narrative": f"Sharing {DISCOURAGED} is now a crime."},
            "c2-resources": {"narrative": f'The "{DISCOURAGED.title()} Act" was amended; grooming is an offence.'},
            "c3-leadership": {"actions_taken": "Training on grooming and on paedophile networks."},
        },
    )
    page = report_page(viewer=as_viewer(official_a), report=report)
    warnings = {a.question.key: a.warnings for a in page.answers if a.warnings}
    assert list(warnings) == ["c1-legal"]
    (warning,) = warnings["c1-legal"]
    assert warning.found.lower() == DISCOURAGED
    assert "child sexual abuse material" in warning.preferred
    assert text_warnings("grooming") == []
    assert page.warning_count == 1


# --- evidence --------------------------------------------------------------------------------------


def test_evidence_is_checked_by_content_and_size_and_its_checksum_recorded(cycle, member_a, official_a, official_b):
    answer = answer_of(report_of(cycle, member_a), "c1-legal")
    viewer = as_viewer(official_a)
    for upload in (
        SimpleUploadedFile("law.pdf", b"just some text, not a PDF"),
        SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024)),
    ):
        with pytest.raises(ValidationFailed) as exc:
            evidence_add(viewer=viewer, answer_id=answer.pk, title="Law", upload=upload)
        assert fields_of(exc) == ["file"]
    with pytest.raises(ValidationFailed) as exc:
        evidence_add(
            viewer=viewer,
            answer_id=answer.pk,
            title="Both",
            upload=SimpleUploadedFile("a.pdf", PDF),
            url="https://example.org",
        )
    assert fields_of(exc) == ["file"]
    with pytest.raises(NotFound):
        evidence_add(viewer=as_viewer(official_b), answer_id=answer.pk, title="Law", url="https://example.org")
    assert not Evidence.objects.exists()

    evidence = evidence_add(viewer=viewer, answer_id=answer.pk, title="Law", upload=SimpleUploadedFile("law.pdf", PDF))
    evidence.refresh_from_db()
    assert evidence.sha256 == hashlib.sha256(PDF).hexdigest()
    assert (evidence.content_type, evidence.size) == ("application/pdf", len(PDF))
    assert evidence.file.read() == PDF
    link = evidence_add(viewer=viewer, answer_id=answer.pk, title="Page", url="https://example.org/law")
    assert link.sha256 == "" and not link.file


# --- showcase and confidentiality ------------------------------------------------------------------


def test_showcase_needs_an_accepted_report_and_the_focal_points_sign_off(
    cycle, member_a, official_a, focal_point_a, official_b
):
    report = report_of(cycle, member_a)
    answer = answer_of(report, "c1-legal")
    with pytest.raises(ValidationFailed) as exc:
        showcase_propose(viewer=as_viewer(official_a), answer_id=answer.pk, title="Law", summary="A new law.")
    assert fields_of(exc) == ["answer"]
    accepted(report, as_viewer(focal_point_a))
    with pytest.raises(NotFound):
        showcase_propose(viewer=as_viewer(official_b), answer_id=answer.pk, title="Law", summary="A new law.")
    assert not ShowcaseItem.objects.exists()

    item = showcase_propose(viewer=as_viewer(official_a), answer_id=answer.pk, title="Law", summary="A new law.")
    assert item.status == ShowcaseItem.Status.PROPOSED
    assert list(showcase_list(viewer=ANONYMOUS)) == []
    with pytest.raises(PermissionDenied):
        showcase_sign_off(viewer=as_viewer(official_a), item_id=item.pk)
    with pytest.raises(NotFound):
        showcase_sign_off(viewer=as_viewer(official_b), item_id=item.pk)
    item.refresh_from_db()
    assert item.status == ShowcaseItem.Status.PROPOSED

    showcase_sign_off(viewer=as_viewer(focal_point_a), item_id=item.pk)
    assert list(showcase_list(viewer=ANONYMOUS)) == [item]
    assert list(showcase_list(viewer=as_viewer(official_b))) == [item]
    with pytest.raises(NotFound):
        showcase_withdraw(viewer=as_viewer(official_b), item_id=item.pk)

    showcase_withdraw(viewer=as_viewer(official_a), item_id=item.pk)
    assert list(showcase_list(viewer=ANONYMOUS)) == []
    assert list(showcase_list(viewer=as_viewer(official_b))) == []


def test_member_b_never_sees_member_as_report_answers_or_evidence(
    cycle, member_a, member_b, official_a, focal_point_a, official_b
):
    report = report_of(cycle, member_a)
    va, vb = as_viewer(official_a), as_viewer(official_b)
    report_save(viewer=va, report_id=report.pk, answers={"c1-legal": {"indicators": {"laws-amended": 2}}})
    law, budget = answer_of(report, "c1-legal"), answer_of(report, "c2-resources")
    evidence = {
        level: evidence_add(
            viewer=va, answer_id=law.pk, title=level, url=f"https://example.org/{level}", visibility=level
        )
        for level in (Visibility.PUBLIC, Visibility.TASKFORCE, Visibility.MEMBER)
    }
    other = evidence_add(
        viewer=va, answer_id=budget.pk, title="budget", url="https://example.org/b", visibility="public"
    )
    accepted(report, as_viewer(focal_point_a))
    hidden_budget_item = showcase_propose(viewer=va, answer_id=budget.pk, title="Budget", summary="Proposed only.")

    def seen(viewer: Viewer) -> dict[str, set[int]]:
        mine = {"reports": ProgressReport, "answers": Answer, "values": IndicatorValue, "evidence": Evidence}
        out = {
            name: set(policy_for(model).visible(viewer).filter(pk__in=model.objects.all()).values_list("pk", flat=True))
            for name, model in mine.items()
        }
        out["items"] = set(policy_for(ShowcaseItem).visible(viewer).values_list("pk", flat=True))
        return out

    def of_a() -> dict[str, set[int]]:
        return {
            "reports": {report.pk},
            "answers": set(report.answers.values_list("pk", flat=True)),
            "values": set(IndicatorValue.objects.filter(answer__report=report).values_list("pk", flat=True)),
            "evidence": set(Evidence.objects.filter(answer__report=report).values_list("pk", flat=True)),
        }

    b_sees, a_has = seen(vb), of_a()
    for name in ("reports", "answers", "values", "evidence"):
        assert not b_sees[name] & a_has[name], name
        assert a_has[name] <= seen(va)[name], name
    assert not b_sees["items"]
    with pytest.raises(NotFound):
        report_get(viewer=vb, pk=report.pk)
    assert {row[1] for row in answer_rows(viewer=vb, cycle=cycle)} == {member_b.slug}
    assert {row[1] for row in answer_rows(viewer=SYSTEM, cycle=cycle)} == {member_a.slug, member_b.slug}

    item = showcase_propose(viewer=va, answer_id=law.pk, title="Law", summary="A new law.")
    showcase_withdraw(viewer=va, item_id=hidden_budget_item.pk)
    showcase_propose(viewer=va, answer_id=budget.pk, title="Budget", summary="Still only proposed.")
    showcase_sign_off(viewer=as_viewer(focal_point_a), item_id=item.pk)

    b_sees = seen(vb)
    assert b_sees["items"] == {item.pk}
    assert not b_sees["reports"] & a_has["reports"]
    assert not b_sees["answers"] & a_has["answers"]
    assert not b_sees["values"] & a_has["values"]
    # Evidence of the showcased answer only, as far as its own level (B is in the taskforce).
    assert b_sees["evidence"] & a_has["evidence"] == {evidence["public"].pk, evidence["taskforce"].pk}
    assert seen(ANONYMOUS)["evidence"] == {evidence["public"].pk}
    assert seen(ANONYMOUS)["items"] == {item.pk}
    assert other.pk not in b_sees["evidence"]
    (public_item,) = showcase_list(viewer=ANONYMOUS)
    shared = public_item.answer.shared_evidence  # type: ignore[attr-defined]
    assert [e.pk for e in shared] == [evidence["public"].pk]
    with pytest.raises(NotFound):
        report_get(viewer=vb, pk=report.pk)


# --- dashboard -------------------------------------------------------------------------------------


def test_the_dashboard_shows_a_commitment_only_when_five_members_answered(version):
    members = [make_member(f"Member {n}") for n in range(5)]
    cycle = new_cycle(version)
    reports = [report_of(cycle, m) for m in members]
    for report, member in zip(reports[:4], members, strict=False):
        submitted(report, focal_viewer(member), status="substantial")
    report_save(viewer=focal_viewer(members[4]), report_id=reports[4].pk, answers=full_answers(status="complete"))

    board = cycle_dashboard(viewer=SYSTEM, cycle=cycle)
    assert board.totals["submitted"] == 4 and board.totals["started"] == 5
    assert [c.members for c in board.completion] == [4] * 9
    assert not any(c.shown for c in board.completion)

    report_submit(viewer=focal_viewer(members[4]), report_id=reports[4].pk)
    board = cycle_dashboard(viewer=SYSTEM, cycle=cycle)
    assert all(c.shown and c.members == 5 for c in board.completion)
    assert board.completion[0].counts == {"substantial": 4, "complete": 1}


# --- reminders -------------------------------------------------------------------------------------


def test_reminders_go_30_and_7_days_before_the_close_once_each(
    version, member_a, member_b, focal_point_a, focal_point_b, django_capture_on_commit_callbacks
):
    closes = TODAY + 45 * D
    cycle = new_cycle(version, closes_on=closes)
    a, b = report_of(cycle, member_a), report_of(cycle, member_b)
    with django_capture_on_commit_callbacks(execute=True):
        assert cycle_reminders_send(today=closes - 31 * D) == 0
        assert cycle_reminders_send(today=closes - 30 * D) == 2
        assert cycle_reminders_send(today=closes - 30 * D) == 0
        assert cycle_reminders_send(today=closes - 20 * D) == 0
        submitted(b, as_viewer(focal_point_b))
        assert cycle_reminders_send(today=closes - 7 * D) == 1
        assert cycle_reminders_send(today=closes - 7 * D) == 0
        assert cycle_reminders_send(today=closes - 1 * D) == 0
        assert cycle_reminders_send(today=closes + 1 * D) == 0
    assert sorted(CycleReminder.objects.values_list("report_id", "kind")) == sorted(
        [(a.pk, "close_30"), (b.pk, "close_30"), (a.pk, "close_7")]
    )
    due = [m for m in mail.outbox if m.subject.startswith("Report due")]
    assert sorted(m.to[0] for m in due) == sorted([focal_point_a.email, focal_point_b.email, focal_point_a.email])
    assert all(date_format(closes) in m.body for m in due)


# --- after the security review -----------------------------------------------------------------------


def test_a_withdrawn_members_showcase_and_evidence_leave_the_public_site(
    cycle, member_a, official_a, focal_point_a, official_b
):
    from hub.members.services import member_status_change

    report = report_of(cycle, member_a)
    answer = answer_of(report, "c1-legal")
    evidence = evidence_add(
        viewer=as_viewer(official_a), answer_id=answer.pk, title="Law", url="https://example.org/l", visibility="public"
    )
    accepted(report, as_viewer(focal_point_a))
    item = showcase_propose(viewer=as_viewer(official_a), answer_id=answer.pk, title="Law", summary="A new law.")
    showcase_sign_off(viewer=as_viewer(focal_point_a), item_id=item.pk)
    assert list(showcase_list(viewer=ANONYMOUS)) == [item]
    assert policy_for(Evidence).can_view(ANONYMOUS, evidence)

    member_status_change(viewer=SYSTEM, member=member_a, status="withdrawn", reason="left")
    for viewer in (ANONYMOUS, as_viewer(official_b)):
        assert list(showcase_list(viewer=viewer)) == []
        assert not policy_for(Evidence).can_view(viewer, evidence)
    assert list(showcase_list(viewer=SYSTEM)) == [item]


def test_a_locked_cycle_takes_no_return_extension_or_new_close_date(cycle, member_a, focal_point_a):
    from hub.reporting.services import cycle_update

    report = submitted(report_of(cycle, member_a), as_viewer(focal_point_a))
    cycle_transition(viewer=SYSTEM, cycle_id=cycle.pk, action="lock")
    with pytest.raises(Conflict):
        report_return(viewer=SYSTEM, report_id=report.pk, comments={"c1-legal": "More, please."})
    with pytest.raises(Conflict):
        report_extend(viewer=SYSTEM, report_id=report.pk, until=cycle.closes_on + 5 * D, reason="late")
    with pytest.raises(Conflict):
        cycle_update(viewer=SYSTEM, cycle_id=cycle.pk, data=CycleInput(closes_on=cycle.closes_on + 5 * D))
    report.refresh_from_db()
    cycle.refresh_from_db()
    assert report.status == ProgressReport.Status.SUBMITTED and report.extension_until is None
    assert not ReviewComment.objects.exists()


def test_evidence_at_secretariat_level_is_refused(cycle, member_a, official_a):
    answer = answer_of(report_of(cycle, member_a), "c1-legal")
    with pytest.raises(ValidationFailed) as exc:
        evidence_add(
            viewer=as_viewer(official_a),
            answer_id=answer.pk,
            title="x",
            url="https://example.org",
            visibility="secretariat",
        )
    assert fields_of(exc) == ["visibility"]
    assert not Evidence.objects.exists()


def test_opening_tells_each_members_focal_points_in_their_own_message(
    version, member_a, member_b, focal_point_a, django_capture_on_commit_callbacks
):
    focal_b = make_person("fred.focal@betaland.example.org", Role.Kind.FOCAL_POINT, member_b)
    with django_capture_on_commit_callbacks(execute=True):
        new_cycle(version)
    assert sorted(m.to for m in mail.outbox) == sorted([[focal_point_a.email], [focal_b.email]])
    assert all("draft report is ready" in m.body for m in mail.outbox)
