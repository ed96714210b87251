"""Queries per page stay bounded and do not grow with the data (SPEC 12: at most 25 per request)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import client_for
from conftest import make_member
from conftest import make_person
from hub.core.viewer import SYSTEM
from hub.meetings.services import AgendaItemInput
from hub.meetings.services import MeetingInput
from hub.meetings.services import action_item_create
from hub.meetings.services import agenda_item_add
from hub.meetings.services import decision_adopt
from hub.meetings.services import meeting_invite
from hub.meetings.services import meeting_schedule
from hub.meetings.services import meeting_update
from hub.members.models import Member
from hub.members.models import MemberNote
from hub.members.models import Role

BUDGET = 25


def grow(n: int, secretariat) -> None:
    """n more members, each with a note, an official, a meeting invitation and an action item."""
    start = timezone.now() - datetime.timedelta(days=1)
    meeting = meeting_schedule(
        viewer=SYSTEM, data=MeetingInput(title=f"M{n}", starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    )
    meeting_update(viewer=SYSTEM, meeting=meeting, data=MeetingInput(status="held"))
    decision = decision_adopt(viewer=SYSTEM, meeting=meeting, text="D")
    members = []
    for i in range(n):
        member = make_member(f"Land{n}x{i}", region="Europe")
        make_person(f"o{n}x{i}@example.org", Role.Kind.OFFICIAL, member, mfa=False)
        MemberNote.objects.create(member=member, author=secretariat, visibility="taskforce", text="n")
        agenda_item_add(viewer=SYSTEM, meeting=meeting, data=AgendaItemInput(title=f"Item {i}"))
        action_item_create(
            viewer=SYSTEM,
            values={
                "title": f"A{i}",
                "decision": decision,
                "owner_member": member,
                "due_on": start.date() + datetime.timedelta(days=9),
            },
        )
        members.append(member)
    meeting_invite(viewer=SYSTEM, meeting=meeting, members=members)


PAGES = [
    "/",
    "/members/",
    "/members/export.csv",
    "/meetings/",
    "/actions/",
    "/decisions/",
    "/dashboard/",
    "/audit/",
    "/join-requests/",
    "/api/v1/members",
    "/api/v1/meetings",
    "/api/v1/action-items",
]


def count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", PAGES)
def test_queries_per_page_are_bounded_and_do_not_grow_with_the_data(url, secretariat):
    client = client_for(secretariat)
    grow(3, secretariat)
    small = count(client, url)
    grow(15, secretariat)
    large = count(client, url)
    assert large <= BUDGET, f"{url}: {large} queries"
    assert large == small, f"{url}: {small} queries with little data, {large} with more"


def test_a_meeting_page_does_not_grow_with_its_agenda(secretariat):
    from hub.meetings.models import Meeting

    client = client_for(secretariat)
    grow(3, secretariat)
    small_meeting = Meeting.objects.get(title="M3")
    small = count(client, f"/meetings/{small_meeting.pk}/")
    grow(15, secretariat)
    large_meeting = Meeting.objects.get(title="M15")
    large = count(client, f"/meetings/{large_meeting.pk}/")
    assert large <= BUDGET, large
    assert large == small, (small, large)


# --- knowledge: terminology -----------------------------------------------------------------------
GLOSSARY_PAGES = [
    "/glossary/",
    "/glossary/check/",
    "/glossary/csam/",
    "/api/v1/terminology",
    "/api/v1/terminology/csam",
]


def grow_glossary(n: int, secretariat) -> None:
    """n more glossary terms the secretariat adds (the reference rows loaded first)."""
    from hub.core.viewer import viewer_for
    from hub.knowledge.models.terminology import GlossaryTerm
    from hub.knowledge.services.terminology import GlossaryTermInput
    from hub.knowledge.services.terminology import glossary_term_add
    from hub.knowledge.services.terminology import reference_terminology_load

    if not GlossaryTerm.objects.exists():
        reference_terminology_load()
    start = GlossaryTerm.objects.count()
    for i in range(start, start + n):
        data = GlossaryTermInput(
            match=rf"\bword{i}\b", discouraged_en=f"word {i}", preferred_en="other", why_en="why", source="test"
        )
        glossary_term_add(viewer=viewer_for(secretariat), data=data)


@pytest.mark.parametrize("url", GLOSSARY_PAGES)
def test_the_glossary_does_not_grow_with_its_terms(url, secretariat):
    client = client_for(secretariat)
    grow_glossary(2, secretariat)
    small = count(client, url)
    grow_glossary(15, secretariat)
    large = count(client, url)
    assert large <= BUDGET, f"{url}: {large} queries"
    assert large == small, f"{url}: {small} queries with little data, {large} with more"


def test_a_decision_page_checks_its_text_with_one_query(secretariat):
    from hub.meetings.models import Decision

    client = client_for(secretariat)
    grow_glossary(2, secretariat)
    grow(3, secretariat)
    small = count(client, f"/decisions/{Decision.objects.get(meeting__title='M3').pk}/")
    grow_glossary(15, secretariat)
    large = count(client, f"/decisions/{Decision.objects.get(meeting__title='M3').pk}/")
    assert large == small, (small, large)


def grow_attention(n: int, member, contributor) -> None:
    """n more of everything "Needs your attention" lists: meetings to come with a paper and an agenda item
    open to input (and input on it), action items due, open cycles with a report, join requests."""
    from hub.core.viewer import viewer_for
    from hub.meetings.services import outside_input_submit
    from hub.meetings.tests.helpers import paper
    from hub.members.services import join_request_submit
    from hub.members.services import join_request_token
    from hub.members.services import join_request_verify
    from hub.reporting.models import QuestionnaireVersion
    from hub.reporting.tests.helpers import focal_viewer
    from hub.reporting.tests.helpers import import_version
    from hub.reporting.tests.helpers import new_cycle
    from hub.reporting.tests.helpers import report_of
    from hub.reporting.tests.helpers import submitted

    version = QuestionnaireVersion.objects.filter(code="v1").first()
    if version is None:
        import_version("v1")
        version = QuestionnaireVersion.objects.get(code="v1")
    start = timezone.now() + datetime.timedelta(days=5)
    for i in range(n):
        meeting = meeting_schedule(
            viewer=SYSTEM,
            data=MeetingInput(title=f"Coming {n}x{i}", starts_at=start, ends_at=start + datetime.timedelta(hours=2)),
        )
        meeting_invite(viewer=SYSTEM, meeting=meeting, members=[member])
        paper(meeting, f"Paper {i}")
        agenda = agenda_item_add(
            viewer=SYSTEM, meeting=meeting, data=AgendaItemInput(title="Open", open_for_input=True)
        )
        outside_input_submit(viewer=viewer_for(contributor), item_id=agenda.pk, organisation="NGO", text="Input")
        action_item_create(
            viewer=SYSTEM,
            values={"title": f"Due {i}", "meeting": meeting, "owner_member": member, "due_on": start.date()},
        )
        cycle = new_cycle(version, name=f"Cycle {n}x{i}")
        submitted(report_of(cycle, member), focal_viewer(member))
        r = join_request_submit(
            government=f"Land {n}x{i}",
            country="",
            contact_name="C",
            contact_email=f"c{n}x{i}@example.org",
            message="",
            letter=None,
        )
        join_request_verify(token=join_request_token(r))


@pytest.mark.parametrize("persona", ["secretariat", "focal_point_a", "contributor"])
def test_the_dashboard_of_each_persona_is_bounded(persona, request, member_a, secretariat, contributor):
    from hub.commitments.services import reference_commitments_load

    reference_commitments_load()
    user = request.getfixturevalue(persona)
    client = client_for(user)
    grow_attention(2, member_a, contributor)
    small = count(client, "/dashboard/")
    grow_attention(8, member_a, contributor)
    large = count(client, "/dashboard/")
    assert large <= BUDGET, f"{persona}: {large} queries"
    assert large == small, f"{persona}: {small} queries with little data, {large} with more"


# knowledge: documents
def grow_library(n: int, member) -> None:
    """n more library documents at every level, some by a member, with their text read."""
    from hub.knowledge.services.documents_extract import document_extract
    from hub.knowledge.tests.documents_files import txt_file
    from hub.knowledge.tests.documents_files import upload

    for i in range(n):
        for level in ("public", "taskforce", "member", "secretariat"):
            d = upload(
                file=txt_file(f"Words {n}x{i}"), title=f"Doc {n}x{i} {level}", visibility=level, author_member=member
            )
            document_extract(document_id=d.pk)


@pytest.mark.parametrize("url", ["/library/", "/library/export/csv/", "/api/v1/documents"])
@pytest.mark.parametrize("persona", ["secretariat", "official_a", "anonymous"])
def test_the_library_lists_are_bounded(url, persona, request, member_a):
    user = request.getfixturevalue(persona)
    client = client_for(user)
    grow_library(2, member_a)
    small = count(client, url)
    grow_library(8, member_a)
    large = count(client, url)
    assert large <= BUDGET, f"{persona} {url}: {large} queries"
    assert large == small, f"{persona} {url}: {small} queries with little data, {large} with more"


def test_a_library_document_page_is_bounded(official_a, member_a):
    from hub.knowledge.models.documents import Document

    grow_library(1, member_a)
    document = Document.objects.filter(visibility="member").first()
    assert count(client_for(official_a), f"/library/{document.pk}/") <= BUDGET


# knowledge: practices
def grow_practices(n: int) -> None:
    """n more members, each with a published, a submitted and a draft good practice, tagged."""
    from hub.core.viewer import focal_point_of
    from hub.knowledge.tests.test_practices_helpers import draft
    from hub.knowledge.tests.test_practices_helpers import published
    from hub.knowledge.tests.test_practices_helpers import submitted

    for i in range(n):
        member = make_member(f"Practiceland{n}x{i}", region="Europe")
        official = focal_point_of(member.pk)
        extra = {"commitments": [6, 7], "capabilities": ["mnr-2016/12", "mnr-2016/13"]}
        published(official, member, f"Published {i}", visibility="public", **extra)
        submitted(official, member, f"Submitted {i}", **extra)
        draft(official, member, f"Draft {i}", **extra)


@pytest.mark.parametrize(
    "url",
    [
        "/good-practices/",
        "/good-practices/?commitment=7&language=en",
        "/good-practices/export.csv",
        "/api/v1/good-practices",
        "/dashboard/",
    ],
)
def test_good_practice_lists_do_not_grow_with_the_practices(url, secretariat):
    from hub.commitments.services import reference_commitments_load

    reference_commitments_load()
    client = client_for(secretariat)
    grow_practices(2)
    small = count(client, url)
    grow_practices(8)
    large = count(client, url)
    assert large <= BUDGET, f"{url}: {large} queries"
    assert large == small, f"{url}: {small} queries with little data, {large} with more"


def test_a_good_practice_page_does_not_grow_with_its_tags(secretariat):
    from hub.commitments.services import reference_commitments_load
    from hub.knowledge.models import GoodPractice

    reference_commitments_load()
    client = client_for(secretariat)
    grow_practices(1)
    first = GoodPractice.objects.get(title="Published 0")
    small = count(client, f"/good-practices/{first.pk}/")
    assert small <= BUDGET, small


# knowledge: consultations
def grow_consultations(n: int, secretariat, contributor, official) -> int:
    """n more open consultations (for groups and members), each with input from the contributor and a
    member official, one of them answered; and n more input on commitments. Returns the last one's id."""
    from hub.commitments.models import Commitment
    from hub.core.viewer import viewer_for
    from hub.knowledge.services.consultations import ConsultationData
    from hub.knowledge.services.consultations import consultation_create
    from hub.knowledge.services.consultations import consultation_open
    from hub.knowledge.services.consultations import input_respond
    from hub.knowledge.services.consultations import input_submit
    from hub.knowledge.services.consultations import input_submit_on_commitment

    sec = viewer_for(secretariat)
    deadline = timezone.now() + datetime.timedelta(days=10)
    last = 0
    for i in range(n):
        data = ConsultationData(title=f"C{n}x{i}", question="Q", deadline=deadline, for_members=True)
        c = consultation_open(viewer=sec, consultation=consultation_create(viewer=sec, data=data))
        given = input_submit(viewer=viewer_for(contributor), consultation=c, organisation="NGO", text="Input")
        input_submit(viewer=viewer_for(official), consultation=c, text="Member input")
        input_respond(viewer=sec, record=given, response="Reasons")
        input_submit_on_commitment(
            viewer=viewer_for(contributor), commitment=Commitment.objects.get(number=1), organisation="NGO", text="I"
        )
        last = c.pk
    return last


@pytest.mark.parametrize("persona", ["secretariat", "official_a", "contributor"])
def test_consultation_pages_and_lists_do_not_grow_with_the_data(persona, request, secretariat, contributor, official_a):
    from hub.commitments.services import reference_commitments_load

    reference_commitments_load()
    client = client_for(request.getfixturevalue(persona))
    pages = [
        "/consultations/",
        "/consultations/commitments/",
        "/dashboard/",
        "/api/v1/consultations",
        "/api/v1/consultations/input",
    ]
    first = grow_consultations(2, secretariat, contributor, official_a)
    for warm in (
        f"/consultations/{first}/",
        "/dashboard/",
    ):  # ids of record types and the like are read once, then cached
        client.get(warm)
    small = [count(client, u) for u in [*pages, f"/consultations/{first}/", f"/api/v1/consultations/{first}/input"]]
    last = grow_consultations(8, secretariat, contributor, official_a)
    large = [count(client, u) for u in [*pages, f"/consultations/{last}/", f"/api/v1/consultations/{last}/input"]]
    assert max(large) <= BUDGET, f"{persona}: {large}"
    assert large == small, f"{persona}: {small} queries with little data, {large} with more"


# --- knowledge: search ---
SEARCHES = ["/search/?q=land", "/search/?q=item+m", "/api/v1/search?q=land", "/api/v1/search?q=a&type=action_item"]


@pytest.mark.parametrize("url", SEARCHES)
@pytest.mark.parametrize("persona", ["secretariat", "official_a", "anonymous"])
def test_a_search_is_bounded_and_does_not_grow_with_the_index(url, persona, request, secretariat):
    from hub.core import registry

    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    client = client_for(user)
    grow(3, secretariat)
    registry.search_rebuild()
    small = count(client, url)
    grow(15, secretariat)
    registry.search_rebuild()
    large = count(client, url)
    assert large <= BUDGET, f"{persona} {url}: {large} queries"
    assert large == small, f"{persona} {url}: {small} queries with little data, {large} with more"


# legal: checklist
def grow_checklist(code: str, provisions: int, mapped: int) -> None:
    """A version with the first `provisions` rows of the reference table, the first `mapped` of them
    the same as the current version's (the others new), loaded and published (it becomes current)."""
    from hub.core.viewer import SYSTEM as system
    from hub.legal.selectors.checklist import checklist_version_get
    from hub.legal.services.checklist import checklist_version_load
    from hub.legal.services.checklist import checklist_version_publish
    from hub.legal.services.checklist import reference_checklist_load
    from hub.legal.tests.test_checklist_helpers import csv_file
    from hub.legal.tests.test_checklist_helpers import next_rows

    reference_checklist_load()
    rows = [r for r in next_rows() if r["relation"] == "same"][:provisions]
    for row in rows[mapped:]:
        row.update(maps_to="", relation="")
    checklist_version_load(viewer=system, code=code, source="Test", name="c.csv", content=csv_file(rows))
    checklist_version_publish(viewer=system, version_id=checklist_version_get(viewer=system, code=code).pk)


@pytest.mark.parametrize(
    "url",
    [
        "/legal/checklist/",
        "/legal/checklist/{code}/",
        "/legal/checklist/{code}/O1/",
        "/legal/checklist/2026-1/O1/",
        "/api/v1/legal/checklists",
        "/api/v1/legal/checklists/{code}",
        "/api/v1/legal/checklists/{code}/provisions/O1",
    ],
)
def test_checklist_pages_do_not_grow_with_versions_provisions_or_mappings(url, secretariat):
    client = client_for(secretariat)
    grow_checklist("2027-1", 5, 5)
    small = count(client, url.format(code="2027-1"))
    grow_checklist("2028-1", 30, 5)
    grow_checklist("2029-1", 30, 30)
    large = count(client, url.format(code="2029-1"))
    assert large <= BUDGET, f"{url}: {large} queries"
    assert large == small, f"{url}: {small} queries with little data, {large} with more"


# --- legal frameworks: comparison, matrix, safe havens, gaps, coverage ----------------------------
def grow_legal(n: int, secretariat) -> list[str]:
    """n more members, each with a legal profile (every other one published) and a coding of every
    provision (bulk-created, with their history). Returns the new members' short names."""
    import itertools

    from simple_history.utils import bulk_create_with_history

    from hub.legal.models import Coding
    from hub.legal.models import LegalProfile
    from hub.legal.models import Provision
    from hub.legal.services.checklist import reference_checklist_load
    from hub.legal.services.profiles import profile_open

    if not Provision.objects.exists():
        reference_checklist_load()
    provisions = list(Provision.objects.filter(version__code="2026-1"))
    statuses = itertools.cycle(["met", "not_met", "not_assessed", "met", "not_applicable"])
    slugs, codings = [], []
    start = LegalProfile.objects.count()
    for i in range(n):
        member = make_member(f"Lex{start + i}", region="Europe")
        profile = profile_open(viewer=SYSTEM, member_id=member.pk)
        if i % 2 == 0:
            LegalProfile.objects.filter(pk=profile.pk).update(visibility="public", published_at=timezone.now())
        slugs.append(member.slug)
        for p in provisions:
            codings.append(
                Coding(
                    profile=profile,
                    provision=p,
                    status=next(statuses),
                    pinpoint="s. 1",
                    review="verified",
                    verified_on=timezone.localdate(),
                )
            )
    bulk_create_with_history(codings, Coding)
    return slugs


def legal_urls(slugs: list[str]) -> list[str]:
    pair = f"members={slugs[0]}&members={slugs[2]}"
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    return [
        f"/legal/compare/?{pair}",
        f"/legal/compare/?{pair}&as_of={yesterday}",
        f"/legal/compare/export.csv?{pair}",
        "/legal/matrix/",
        "/legal/matrix/?region=Europe&status=met",
        "/legal/matrix/export.xlsx",
        "/legal/safe-havens/",
        f"/legal/safe-havens/?as_of={yesterday}",
        f"/legal/gaps/{slugs[0]}/",
        "/legal/coverage/?provision=O8&version=2026-1",
        f"/api/v1/legal/comparison?{pair}",
        "/api/v1/legal/matrix",
        "/api/v1/legal/safe-havens",
        f"/api/v1/legal/profiles/{slugs[0]}/gaps",
        "/api/v1/legal/coverage?provision=O8&version=2026-1",
    ]


@pytest.mark.parametrize("persona", ["secretariat", "anonymous"])
def test_the_legal_views_across_members_do_not_grow_with_the_profiles(persona, request, secretariat):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    client = client_for(user)
    slugs = grow_legal(3, secretariat)
    for url in legal_urls(slugs):  # ids of record types and the like are read once, then cached
        client.get(url)
    small = [count(client, u) for u in legal_urls(slugs)]
    grow_legal(27, secretariat)
    large = [count(client, u) for u in legal_urls(slugs)]
    assert max(large) <= BUDGET, f"{persona}: {large}"
    assert large == small, f"{persona}: {small} queries with little data, {large} with more"


# --- legal: profiles ---
LEGAL_PAGES = ["/legal/", "/legal/profiles/land0/", "/api/v1/legal/profiles", "/api/v1/legal/profiles/land0"]


def grow_legal_profiles(n: int, secretariat) -> None:
    """n more members with a legal profile (a statute, a ratified treaty with a reservation, a coding of
    each provision up to n); the first member's profile (land0) gets n more statutes and codings."""
    import datetime as dt

    from hub.core.viewer import viewer_for
    from hub.legal.models import LegalProfile
    from hub.legal.models import Provision
    from hub.legal.services.checklist import reference_checklist_load
    from hub.legal.services.codings import CodingInput
    from hub.legal.services.codings import coding_record
    from hub.legal.services.profiles import ReservationInput
    from hub.legal.services.profiles import StatuteInput
    from hub.legal.services.profiles import TreatyStatusInput
    from hub.legal.services.profiles import profile_open
    from hub.legal.services.profiles import reservation_add
    from hub.legal.services.profiles import statute_add
    from hub.legal.services.profiles import treaty_status_set

    sec = viewer_for(secretariat)
    if not Provision.objects.exists():
        reference_checklist_load()
    provisions = list(Provision.objects.filter(version__code="2026-1").order_by("position"))
    start = LegalProfile.objects.count()
    for i in range(start, start + n):
        member = make_member(f"Land{i}", region="Europe")
        profile = profile_open(viewer=sec, member_id=member.pk)
        statute = statute_add(
            viewer=sec, profile_id=profile.pk, data=StatuteInput(title_original="Act", citation="Act 1", source="s")
        )
        treaty_status_set(
            viewer=sec,
            profile_id=profile.pk,
            data=TreatyStatusInput(treaty="opsc", status="signed", source="s", signed_on=dt.date(2004, 1, 1)),
        )
        reservation_add(
            viewer=sec,
            profile_id=profile.pk,
            data=ReservationInput(treaty="opsc", article="Art. 1", text="t", source="s", provisions=["O1", "J1"]),
        )
        for provision in provisions[: min(n, 35)]:
            data = CodingInput(status="met", statute_id=statute.pk, pinpoint="s. 1", verified=i % 2 == 0)
            coding_record(viewer=sec, profile_id=profile.pk, provision_id=provision.pk, data=data)
    first = LegalProfile.objects.get(member__slug="land0")
    for j in range(n):
        statute_add(
            viewer=sec,
            profile_id=first.pk,
            data=StatuteInput(title_original=f"Act {start}x{j}", citation=f"Act {start}x{j}", source="s"),
        )
    for provision in provisions[: min(3 * n, 35)]:
        data = CodingInput(status="partial" if provision.is_graded else "met", pinpoint="s. 2")
        coding_record(viewer=sec, profile_id=first.pk, provision_id=provision.pk, data=data)


@pytest.mark.parametrize("url", LEGAL_PAGES)
@pytest.mark.parametrize("persona", ["secretariat", "official_a"])
def test_legal_profiles_do_not_grow_with_profiles_and_codings(url, persona, request, secretariat):
    client = client_for(request.getfixturevalue(persona))
    grow_legal_profiles(2, secretariat)
    small = count(client, url)
    grow_legal_profiles(8, secretariat)
    large = count(client, url)
    assert large <= BUDGET, f"{persona} {url}: {large} queries"
    assert large == small, f"{persona} {url}: {small} queries with little data, {large} with more"


# legal: codings
def grow_legal_codings(n: int, member, secretariat, official) -> None:
    """n more changes of member's O5 coding (its history grows), and n more provisions coded, each
    contested by the member's official (every other request rejected)."""
    from hub.core.viewer import viewer_for
    from hub.legal.models import Coding
    from hub.legal.models import Provision
    from hub.legal.services.checklist import reference_checklist_load
    from hub.legal.services.codings import CodingInput
    from hub.legal.services.codings import coding_record
    from hub.legal.services.corrections import correction_reject
    from hub.legal.services.corrections import correction_request
    from hub.legal.services.profiles import profile_open

    reference_checklist_load()
    sec = viewer_for(secretariat)
    profile = profile_open(viewer=sec, member_id=member.pk)
    provisions = list(Provision.objects.filter(version__code="2026-1").order_by("position"))
    done = Coding.objects.filter(profile=profile).exclude(provision__code="O5").count()
    o5 = next(p for p in provisions if p.code == "O5")
    for i in range(n):
        status = "met" if i % 2 else "not_met"
        data = CodingInput(status=status, pinpoint=f"s. {i}", verified=True, reason=f"Change {n}x{i}")
        coding_record(viewer=sec, profile_id=profile.pk, provision_id=o5.pk, data=data)
        target = [p for p in provisions if p.code != "O5"][done + i]
        coding = coding_record(
            viewer=sec, profile_id=profile.pk, provision_id=target.pk, data=CodingInput(status="not_met", pinpoint="s")
        )
        request = correction_request(
            viewer=viewer_for(official), coding_id=coding.pk, proposed_status="met", citation="s. 2", reason="Why"
        )
        if i % 2:
            correction_reject(viewer=sec, correction_id=request.pk, note="No")


@pytest.mark.parametrize("persona", ["secretariat", "official_a"])
def test_legal_coding_pages_and_lists_do_not_grow_with_the_data(persona, request, member_a, secretariat, official_a):
    client = client_for(request.getfixturevalue(persona))
    pages = [
        "/legal/profiles/alphaland/2026-1/O5/",
        "/legal/profiles/alphaland/2026-1/O5/?as_of=2026-01-01",
        "/legal/corrections/",
        "/dashboard/",
        "/api/v1/legal/profiles/alphaland/codings",
        "/api/v1/legal/profiles/alphaland/codings/2026-1/O5",
        "/api/v1/legal/corrections",
    ]
    grow_legal_codings(2, member_a, secretariat, official_a)
    for warm in pages:  # ids of record types and the like are read once, then cached
        client.get(warm)
    small = [count(client, u) for u in pages]
    grow_legal_codings(8, member_a, secretariat, official_a)
    large = [count(client, u) for u in pages]
    assert max(large) <= BUDGET, f"{persona}: {large}"
    assert large == small, f"{persona}: {small} queries with little data, {large} with more"


# --- assessments: self-assessment ---
def grow_assessments(n: int, the_cycle, focal_a, member_a) -> None:
    """n more members, each with a submitted self-assessment, an exchange with member A (accepted)
    and a good practice-free gap on every capability."""
    from conftest import as_viewer
    from hub.assessments.models import Capability
    from hub.assessments.services.exchange import exchange_accept
    from hub.assessments.services.exchange import exchange_propose
    from hub.assessments.tests.assessment_world import members_with_focal_points
    from hub.assessments.tests.assessment_world import submitted

    start = Member.objects.count()
    capabilities = list(Capability.objects.filter(framework=the_cycle.framework).order_by("number"))
    for i, (member, focal) in enumerate(members_with_focal_points(n, prefix=f"Peer{start}")):
        submitted(member, the_cycle, focal, {c.number: 1 + (c.number + i) % 4 for c in capabilities}, target=4)
        exchange = exchange_propose(
            viewer=as_viewer(focal),
            member_id=member.pk,
            counterpart_id=member_a.pk,
            capability_id=capabilities[i % len(capabilities)].pk,
            kind="offer",
        )
        exchange_accept(viewer=as_viewer(focal_a), exchange_id=exchange.pk)


def assessment_urls(pk: int, cycle_pk: int) -> list[str]:
    return [
        "/assessments/",
        f"/assessments/cycles/{cycle_pk}/",
        f"/assessments/{pk}/",
        f"/assessments/{pk}/gaps/",
        f"/assessments/{pk}/access-log/",
        "/assessments/exchanges/",
        f"/assessments/aggregates/?cycle={cycle_pk}",
        "/assessments/frameworks/",
        "/assessments/frameworks/mnr-2016/",
        "/assessments/phases/",
        "/api/v1/assessments/cycles",
        "/api/v1/assessments/assessments",
        f"/api/v1/assessments/assessments/{pk}",
        f"/api/v1/assessments/assessments/{pk}/gaps",
        "/api/v1/assessments/exchanges",
        f"/api/v1/assessments/aggregates?cycle_id={cycle_pk}",
        "/api/v1/assessments/frameworks",
    ]


def test_the_self_assessment_pages_do_not_grow_with_members_answers_or_exchanges(member_a, focal_point_a, secretariat):
    from hub.assessments.tests.assessment_world import cycle
    from hub.assessments.tests.assessment_world import framework
    from hub.assessments.tests.assessment_world import submitted

    framework()
    the_cycle = cycle(secretariat)
    own = submitted(member_a, the_cycle, focal_point_a, 1, target=4)
    for user in (focal_point_a, secretariat):
        client = client_for(user)
        grow_assessments(2, the_cycle, focal_point_a, member_a)
        urls = assessment_urls(own.pk, the_cycle.pk)
        for url in urls:  # ids of record types and the like are read once, then cached
            client.get(url)
        small = [count(client, u) for u in urls]
        grow_assessments(6, the_cycle, focal_point_a, member_a)
        for url in urls:  # the aggregate's new member sets are remembered once
            client.get(url)
        large = [count(client, u) for u in urls]
        assert max(large) <= BUDGET, f"{user.email}: {dict(zip(urls, large, strict=True))}"
        assert large == small, f"{user.email}: {dict(zip(urls, small, strict=True))} then {large}"
