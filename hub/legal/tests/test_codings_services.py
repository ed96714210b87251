"""Codings and correction requests (services): bad input names its field and changes nothing; a
member official contests, the secretariat accepts (the coding changes, the old one stays in history)
or rejects with a reason; one open request per coding; the requester is told."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from auditlog.models import LogEntry
from django.core import mail

from conftest import as_viewer
from hub.core.errors import Conflict
from hub.core.errors import NotFound
from hub.core.errors import PermissionDenied
from hub.core.errors import ValidationFailed
from hub.legal.models import Coding
from hub.legal.models import CorrectionRequest
from hub.legal.selectors.codings import coding_get
from hub.legal.selectors.codings import coding_grid
from hub.legal.selectors.codings import coding_history
from hub.legal.services.codings import CodingInput
from hub.legal.services.codings import coding_record
from hub.legal.services.codings import coding_verify
from hub.legal.services.corrections import correction_accept
from hub.legal.services.corrections import correction_reject
from hub.legal.services.corrections import correction_request
from hub.legal.tests.legal_world import checklist
from hub.legal.tests.legal_world import code
from hub.legal.tests.legal_world import profile_for
from hub.legal.tests.legal_world import provision


def fields_of(exc: pytest.ExceptionInfo) -> set[str | None]:
    return {p.field for p in exc.value.problems}


@pytest.fixture
def coded(secretariat, member_a):
    checklist()
    profile = profile_for(member_a, secretariat)
    return code(profile, "O5", "not_met", secretariat)


def contest(official, coding, **values):
    data = {"proposed_status": "met", "citation": "Act 12 of 2019, s. 4", "reason": "The 2019 Act covers it."}
    return correction_request(viewer=as_viewer(official), coding_id=coding.pk, **(data | values))


def record(secretariat, profile, code_, data):
    return coding_record(
        viewer=as_viewer(secretariat), profile_id=profile.pk, provision_id=provision(code_).pk, data=data
    )


def test_a_status_outside_the_five_is_refused_naming_the_field(coded, secretariat):
    with pytest.raises(ValidationFailed) as exc:
        record(secretariat, coded.profile, "O5", CodingInput(status="mostly"))
    assert fields_of(exc) == {"status"}
    coded.refresh_from_db()
    assert coded.status == "not_met"
    assert coded.history.count() == 1


def test_partial_on_a_binary_provision_is_refused_naming_the_field(coded, secretariat):
    binary = next(p for p in coded.provision.version.provisions.all() if not p.is_graded)
    with pytest.raises(ValidationFailed) as exc:
        record(secretariat, coded.profile, binary.code, CodingInput(status="partial", pinpoint="s. 2"))
    assert fields_of(exc) == {"status"}
    assert not Coding.objects.filter(provision=binary).exists()


def test_a_verified_coding_without_a_citation_is_refused_naming_the_field(coded, secretariat):
    with pytest.raises(ValidationFailed) as exc:
        record(secretariat, coded.profile, "O6", CodingInput(status="met", verified=True))
    assert fields_of(exc) == {"pinpoint"}
    assert not Coding.objects.filter(provision__code="O6").exists()


def test_a_statute_of_another_profile_is_refused_naming_the_field(coded, secretariat):
    with pytest.raises(ValidationFailed) as exc:
        record(secretariat, coded.profile, "O6", CodingInput(status="met", statute_id=999999))
    assert fields_of(exc) == {"statute_id"}


def test_an_official_may_not_code(coded, official_a):
    with pytest.raises(NotFound):
        record(official_a, coded.profile, "O6", CodingInput(status="met"))


def test_the_secretariat_verifies_a_draft_keeping_its_coder(coded, secretariat, administrator):
    draft = code(coded.profile, "O6", "met", secretariat, verified=False)
    verified = coding_verify(viewer=as_viewer(secretariat), coding_id=draft.pk)
    assert verified.is_verified and verified.verified_on == datetime.date.today()
    assert verified.coder == secretariat
    assert verified.history.first().history_change_reason == "Verified by the secretariat"
    with pytest.raises(Conflict, match="already verified"):
        coding_verify(viewer=as_viewer(secretariat), coding_id=draft.pk)


def test_a_draft_without_a_citation_cannot_be_verified(coded, secretariat):
    draft = code(coded.profile, "O6", "met", secretariat, verified=False, pinpoint="")
    with pytest.raises(ValidationFailed) as exc:
        coding_verify(viewer=as_viewer(secretariat), coding_id=draft.pk)
    assert fields_of(exc) == {"pinpoint"}
    draft.refresh_from_db()
    assert not draft.is_verified


def test_a_stale_verification_is_a_conflict(coded, secretariat):
    draft = code(coded.profile, "O6", "met", secretariat, verified=False)
    with pytest.raises(Conflict):
        coding_verify(viewer=as_viewer(secretariat), coding_id=draft.pk, version="1")


def test_a_request_needs_a_reason_and_a_citation_and_a_status_of_the_five(coded, official_a):
    with pytest.raises(ValidationFailed) as exc:
        contest(official_a, coded, proposed_status="mostly", citation=" ", reason="")
    assert fields_of(exc) == {"proposed_status", "citation", "reason"}
    assert not CorrectionRequest.objects.exists()


def test_a_request_for_partial_on_a_binary_provision_is_refused(coded, secretariat, official_a):
    binary = next(p for p in coded.provision.version.provisions.all() if not p.is_graded)
    coding = code(coded.profile, binary.code, "not_met", secretariat)
    with pytest.raises(ValidationFailed) as exc:
        contest(official_a, coding, proposed_status="partial")
    assert fields_of(exc) == {"proposed_status"}


def test_another_members_official_cannot_contest(coded, official_b):
    with pytest.raises(NotFound):
        contest(official_b, coded)
    assert not CorrectionRequest.objects.exists()


def test_one_open_request_per_coding_at_a_time(coded, official_a, focal_point_a):
    contest(official_a, coded)
    with pytest.raises(Conflict, match="already has a correction request") as exc:
        contest(focal_point_a, coded)
    assert fields_of(exc) == {"coding"}
    assert CorrectionRequest.objects.count() == 1


def test_accepting_changes_the_coding_and_keeps_the_old_one_in_history(coded, secretariat, official_a):
    request = contest(official_a, coded)
    mail.outbox.clear()
    with pytest.raises(PermissionDenied):
        correction_accept(viewer=as_viewer(official_a), correction_id=request.pk)
    accepted = correction_accept(viewer=as_viewer(secretariat), correction_id=request.pk, note="Agreed.")
    assert accepted.status == "accepted" and accepted.resolved_by == secretariat
    coded.refresh_from_db()
    assert (coded.status, coded.pinpoint, coded.is_verified) == ("met", "Act 12 of 2019, s. 4", True)
    assert coded.statute is None
    history = coding_history(viewer=as_viewer(official_a), coding=coded)
    assert [h.status for h in history] == ["met", "not_met"]
    assert history[0].reason == "Correction accepted: The 2019 Act covers it."
    assert history[0].who == secretariat.full_name
    assert LogEntry.objects.filter(object_pk=str(request.pk), action=LogEntry.Action.UPDATE).exists()
    with pytest.raises(Conflict, match="already accepted"):
        correction_reject(viewer=as_viewer(secretariat), correction_id=request.pk, note="No.")


def test_the_requester_is_told_of_the_decision(coded, secretariat, official_a, django_capture_on_commit_callbacks):
    request = contest(official_a, coded)
    with django_capture_on_commit_callbacks(execute=True):
        correction_reject(viewer=as_viewer(secretariat), correction_id=request.pk, note="The Act was repealed.")
    sent = [m for m in mail.outbox if official_a.email in m.to]
    assert sent and "rejected" in sent[-1].subject
    assert "The Act was repealed." in sent[-1].body
    coded.refresh_from_db()
    assert coded.status == "not_met"


def test_rejecting_needs_a_reason(coded, secretariat, official_a):
    request = contest(official_a, coded)
    with pytest.raises(ValidationFailed) as exc:
        correction_reject(viewer=as_viewer(secretariat), correction_id=request.pk, note="  ")
    assert fields_of(exc) == {"note"}
    request.refresh_from_db()
    assert request.status == "open"


def test_after_a_decision_a_new_request_may_be_filed(coded, secretariat, official_a):
    first = contest(official_a, coded)
    correction_reject(viewer=as_viewer(secretariat), correction_id=first.pk, note="No.")
    assert contest(official_a, coded).status == "open"


def test_another_member_never_reaches_a_request(coded, official_a, official_b):
    request = contest(official_a, coded)
    with pytest.raises(NotFound):
        correction_reject(viewer=as_viewer(official_b), correction_id=request.pk, note="x")


def test_done_means_the_profile_as_of_before_the_acceptance_shows_the_old_status(coded, secretariat, official_a):
    version = coded.provision.version
    start = datetime.date.today()
    later = start + datetime.timedelta(days=5)
    with time_machine.travel(later):
        request = contest(official_a, coded)
        correction_accept(viewer=as_viewer(secretariat), correction_id=request.pk)
        viewer = as_viewer(official_a)
        profile = coded.profile
        now = coding_grid(viewer=viewer, version=version, profiles=[profile])
        before = coding_grid(
            viewer=viewer, version=version, profiles=[profile], as_of=later - datetime.timedelta(days=1)
        )
    assert now.cell(profile, coded.provision).status == "met"
    assert before.cell(profile, coded.provision).status == "not_met"


def test_a_draft_state_is_left_out_of_the_history_for_another_member(coded, secretariat, official_b, official_a):
    code(coded.profile, "O5", "not_applicable", secretariat, verified=False, reason="Draft review")
    code(coded.profile, "O5", "met", secretariat, reason="Final")
    coded.refresh_from_db()
    theirs = coding_history(viewer=as_viewer(official_b), coding=coded)
    own = coding_history(viewer=as_viewer(official_a), coding=coded)
    assert [h.status for h in theirs] == ["met", "not_met"]
    assert [h.status for h in own] == ["met", "not_applicable", "not_met"]


def test_the_public_sees_a_published_profiles_history_without_names(coded, secretariat, focal_point_a):
    from hub.core.viewer import ANONYMOUS

    profile = coded.profile
    profile.visibility = "public"
    profile.published_at = profile.created_at
    profile.save(update_fields=["visibility", "published_at"])
    page = coding_get(viewer=ANONYMOUS, slug=profile.member.slug, version="2026-1", code="O5")
    history = coding_history(viewer=ANONYMOUS, coding=page.coding)
    assert history and all(h.who is None for h in history)
