"""The reporting pages, driven with the test client: a full cycle through the forms people use."""

from __future__ import annotations

import datetime
import io
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from conftest import client_for
from conftest import discouraged_term
from hub.commitments.services import reference_commitments_load
from hub.core.concurrency import version_of
from hub.reporting.models import Evidence
from hub.reporting.models import ProgressReport
from hub.reporting.models import ReportingCycle
from hub.reporting.models import ReviewComment
from hub.reporting.models import ShowcaseItem
from hub.reporting.services import questionnaire_import
from hub.reporting.tests.helpers import load_terminology

# The discouraged term the terminology check must flag, taken from reference/terminology.csv.
DISCOURAGED = discouraged_term()

STARTER = "reference/questionnaire-starter.csv"


@pytest.fixture
def version(db: Any) -> Any:
    from hub.core.viewer import SYSTEM

    reference_commitments_load()
    with open(STARTER, "rb") as fh:
        questionnaire_import(viewer=SYSTEM, code="v1", title="Version 1", name="q.csv", content=fh.read())
    from hub.reporting.models import QuestionnaireVersion

    return QuestionnaireVersion.objects.get(code="v1")


YES = {"confirmed": "yes"}


def number_of(key: str) -> int:
    return int(key.split("-")[0].removeprefix("c"))


def section_post(report: ProgressReport, number: int, **overrides: Any) -> dict[str, Any]:
    """What one commitment's section posts: its answers filled in, with the versions the page showed."""
    data: dict[str, Any] = {"then": "save"}
    for answer in report.answers.select_related("question").filter(question__commitment__number=number):
        key = f"c{number}-{answer.question.key}"
        data[f"{key}-version"] = version_of(answer)
        data[f"{key}-status"] = "limited"
        data[f"{key}-narrative"] = f"Narrative for {answer.question.key}."
        data[f"{key}-actions_taken"] = ""
        data[f"{key}-planned_actions"] = ""
        data[f"{key}-lead_institution"] = "Ministry of Justice"
    data.update(overrides)
    return data


def save_all(client: Any, report: ProgressReport, **overrides: str) -> None:
    """Every section saved one after the other, as a person would (each 302 back to its section)."""
    for number in range(1, 10):
        mine = {k: v for k, v in overrides.items() if k.startswith(f"c{number}-")}
        response = client.post(
            f"/reporting/reports/{report.pk}/sections/{number}/", section_post(report, number, **mine)
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        assert response["Location"].endswith(f"#section-{number}")


def test_a_full_cycle_through_the_pages(
    version: Any, secretariat: Any, official_a: Any, focal_point_a: Any, official_b: Any, member_a: Any
) -> None:
    load_terminology()
    sec, off, focal, other = (client_for(u) for u in (secretariat, official_a, focal_point_a, official_b))
    today = timezone.localdate()

    # The secretariat creates a demo cycle with the questionnaire, then opens it.
    response = sec.post(
        "/reporting/",
        {
            "name": "Cycle via pages",
            "kind": "progress",
            "period_start": "2025-07-01",
            "period_end": "2026-06-30",
            "opens_on": today.isoformat(),
            "closes_on": (today + datetime.timedelta(days=20)).isoformat(),
            "version": version.pk,
            "is_synthetic": "on",
        },
    )
    assert response.status_code == 302
    cycle = ReportingCycle.objects.get(name="Cycle via pages")
    assert "Open the cycle?" in sec.post(f"/reporting/cycles/{cycle.pk}/open/").content.decode()
    assert sec.post(f"/reporting/cycles/{cycle.pk}/open/", YES).status_code == 302
    report = ProgressReport.objects.get(cycle=cycle, member=member_a)
    url = f"/reporting/reports/{report.pk}/"

    # Member B never sees A's report; an official of A does.
    assert other.get(url).status_code == 404
    assert off.get(url).status_code == 200

    # A status outside the scale: the page comes back with the error and everything typed in that section.
    section1 = f"{url}sections/1/"
    bad = section_post(report, 1, **{"c1-c1-legal-status": "excellent", "c1-c1-legal-narrative": "Kept text"})
    response = off.post(section1, bad)
    assert response.status_code == 422
    body = response.content.decode()
    assert "Kept text" in body and "Select a valid choice" in body
    assert not report.answers.exclude(status="").exists()

    # A discouraged term is pointed out, not blocked; a quoted statute title is ignored.
    save_all(
        off,
        report,
        **{
            "c1-c1-legal-narrative": f'The "{DISCOURAGED.title()} Act" was amended; {DISCOURAGED} cases rose.',
            "c9-c9-equity-status": "",
            "c9-c9-equity-narrative": "",
            "c1-c1-legal-indicator-laws-amended": "2",
            "c2-c2-resources-status": "",
        },
    )
    page = off.get(url).content.decode()
    assert "child sexual abuse material (CSAM)" in page
    assert page.count(f'"{DISCOURAGED}": prefer') == 1
    assert "7 of 9 questions answered" in page

    # "Check your answers" lists what is missing, by commitment, with a link back to its section.
    check = focal.get(f"{url}check/").content.decode()
    assert "1 required item is missing" in check and f'href="{url}#section-2"' in check
    assert other.get(f"{url}check/").status_code == 404

    # The official cannot submit; the focal point confirms, and a refusal returns to "check your answers".
    assert off.post(f"{url}submit/").status_code == 403
    asked = focal.post(f"{url}submit/")
    assert asked.status_code == 200 and "Submit the report to the secretariat?" in asked.content.decode()
    report.refresh_from_db()
    assert report.status == "draft"
    response = focal.post(f"{url}submit/", YES, follow=True)
    assert response.redirect_chain[-1][0] == f"{url}check/"
    assert "2. " in response.content.decode() and "choose a status." in response.content.decode()
    report.refresh_from_db()
    assert report.status == "draft"

    # Fixed and submitted.
    save_all(off, report)
    assert focal.post(f"{url}submit/", YES).status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted" and not report.is_late
    changed = section_post(report, 1, **{"c1-c1-legal-narrative": "Changed later"})
    response = off.post(section1, changed, follow=True)
    assert response.redirect_chain[-1][0] == url and "A submitted report cannot be edited." in response.content.decode()
    assert not report.answers.filter(narrative="Changed later").exists()

    # The secretariat returns it with a comment on one answer; the member sees it.
    comment = {"review-comment-c3-leadership": "Name the coordinating body."}
    asked = sec.post(f"{url}return/", comment).content.decode()
    assert "Return the report to the member?" in asked and "Name the coordinating body." in asked  # carried on
    response = sec.post(f"{url}return/", {**comment, **YES})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "returned"
    assert ReviewComment.objects.filter(answer__report=report).count() == 1
    assert "Name the coordinating body." in off.get(url).content.decode()

    # Evidence beside the answer: a text file pretending to be a PDF is refused and nothing is saved,
    # but the text typed in the section comes back; a real PDF is attached with the text in one save.
    def attach(content: bytes, narrative: str) -> Any:
        upload = SimpleUploadedFile("law.pdf", content, content_type="application/pdf")
        data = section_post(report, 1, **{"c1-c1-legal-narrative": narrative, "then": "attach"})
        data |= {"c1-evidence-title": "The law", "c1-evidence-file": upload, "c1-evidence-visibility": "public"}
        return off.post(section1, data)

    response = attach(b"just text", "Typed before attaching")
    body = response.content.decode()
    assert response.status_code == 422 and "Send a PDF, DOCX, XLSX, PNG or JPEG file." in body
    assert "Typed before attaching" in body and not report.answers.filter(narrative="Typed before attaching").exists()
    response = attach(b"%PDF-1.4\n%%EOF\n", "Typed before attaching")
    assert response.status_code == 302
    evidence = Evidence.objects.get(answer__report=report)
    assert len(evidence.sha256) == 64
    assert report.answers.filter(narrative="Typed before attaching").exists()
    page = off.get(url).content.decode()
    assert f"<code>{evidence.sha256}</code>" in page and "<details" in page  # the checksum, tucked away
    assert other.get(f"/reporting/evidence/{evidence.pk}/").status_code == 404

    # Resubmitted and accepted.
    save_all(off, report, **{"c3-c3-leadership-narrative": "The national coordinating body was named."})
    assert focal.post(f"{url}submit/", YES).status_code == 302
    assert "Accept the report?" in sec.post(f"{url}accept/").content.decode()
    assert sec.post(f"{url}accept/", YES).status_code == 302
    report.refresh_from_db()
    assert report.status == "accepted"

    # Two items showcased; public only after the focal point signs off.
    for key, title in [("c1-legal", "Law amended"), ("c3-leadership", "Coordinating body named")]:
        response = off.post(
            f"{url}showcase/", {"showcase-question": key, "showcase-title": title, "showcase-summary": f"{title}."}
        )
        assert response.status_code == 302
    public = client_for(None)
    assert "Law amended" not in public.get("/commitments/1/").content.decode()
    for item in ShowcaseItem.objects.filter(answer__report=report):
        assert off.post(f"/reporting/showcase/{item.pk}/sign-off/").status_code == 403
        assert focal.post(f"/reporting/showcase/{item.pk}/sign-off/").status_code == 200  # asks first
        assert focal.post(f"/reporting/showcase/{item.pk}/sign-off/", YES).status_code == 302
    page = public.get("/commitments/1/").content.decode()
    assert "Law amended" in page and "Synthetic demo data" in page
    assert "Coordinating body named" in public.get("/commitments/3/").content.decode()
    # The evidence marked public is shared with the showcase; the narrative of other answers is not.
    assert public.get(f"/reporting/evidence/{evidence.pk}/").status_code == 200
    assert "Narrative for c2-resources." not in page

    # The report as PDF and XLSX, for the member and the secretariat only.
    response = off.get(f"{url}report.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    response = sec.get(f"{url}report.xlsx")
    assert response.status_code == 200 and response.content.startswith(b"PK")
    assert other.get(f"{url}report.pdf").status_code == 404

    # The cycle dashboard: 1 member answered, so the distribution is suppressed.
    page = sec.get(f"/reporting/cycles/{cycle.pk}/").content.decode()
    assert "Not enough responses to protect confidentiality." in page
    assert re.search(r"<li>1 accepted</li>", page)
    # Member B's export of the cycle holds none of A's answers.
    assert "Narrative for" not in other.get(f"/reporting/cycles/{cycle.pk}/export.csv").content.decode()
    assert "Narrative for" in sec.get(f"/reporting/cycles/{cycle.pk}/export.csv").content.decode()


def test_pages_render_with_the_demo_data(db: Any) -> None:
    """Every reporting page answers 200 with the three demo cycles, for the secretariat and a focal point."""
    from django.core.management import call_command

    from hub.accounts.models import User

    call_command("seed_demo", stdout=io.StringIO())
    assert ReportingCycle.objects.filter(is_synthetic=True).count() == 3
    sec = client_for(User.objects.get(email="secretariat@demo.taskforce.invalid"))
    focal = client_for(User.objects.get(email="focal.demoland@demo.taskforce.invalid"))
    urls = ["/commitments/", "/commitments/1/", "/reporting/", "/reporting/questionnaires/"]
    urls += [f"/reporting/cycles/{c.pk}/" for c in ReportingCycle.objects.all()]
    urls += [f"/reporting/questionnaires/{v}/" for v in ReportingCycle.objects.values_list("version", flat=True)]
    for report in ProgressReport.objects.filter(member__name="Demoland"):
        urls.append(f"/reporting/reports/{report.pk}/")
    for url in urls:
        for client in (sec, focal):
            assert client.get(url).status_code == 200, url
    page = sec.get(f"/reporting/cycles/{ReportingCycle.objects.get(name__contains='2025').pk}/").content.decode()
    assert "Not enough responses" not in page  # ten members answered
    assert client_for(None).get("/commitments/1/").status_code == 200


def test_a_section_saved_with_htmx_answers_the_section_alone(
    version: Any, official_a: Any, official_b: Any, member_a: Any
) -> None:
    from hub.reporting.tests.helpers import new_cycle

    cycle = new_cycle(version)
    report = ProgressReport.objects.get(cycle=cycle, member=member_a)
    off = client_for(official_a)
    url = f"/reporting/reports/{report.pk}/sections/2/"
    htmx = {"HTTP_HX_REQUEST": "true"}
    response = off.post(url, section_post(report, 2), **htmx)
    body = response.content.decode()
    assert response.status_code == 200 and body.startswith('<section class="hub-commitment-section" id="section-2"')
    assert "Answers saved." in body and 'id="report-progress" hx-swap-oob="true"' in body
    assert "1 of 9 questions answered" in body
    # An error comes back in the section (200, so htmx swaps it in) with what was typed.
    bad = section_post(report, 2, **{"c2-c2-resources-status": "excellent", "c2-c2-resources-narrative": "Kept"})
    response = off.post(url, bad, **htmx)
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert "Kept" in response.content.decode() and "<html" not in response.content.decode()
    # "Save and attach" without any evidence says what to give; nothing of member B's is reachable.
    response = off.post(url, section_post(report, 2, then="attach"))
    assert (
        response.status_code == 422 and "Give the evidence a title, and a file or a link." in response.content.decode()
    )
    assert client_for(official_b).post(url, section_post(report, 2)).status_code == 404
    assert off.post(f"/reporting/reports/{report.pk}/sections/12/", {}).status_code == 404


def test_every_cycle_step_asks_first_and_impossible_steps_are_refused(version: Any, secretariat: Any) -> None:
    from hub.reporting.tests.helpers import new_cycle

    cycle = new_cycle(version)
    sec = client_for(secretariat)
    base = f"/reporting/cycles/{cycle.pk}"
    page = sec.get(f"{base}/").content.decode()
    assert f"{base}/close/" in page and f"{base}/publish/" not in page  # only possible steps are offered
    for step, question in [
        ("close", "Close the cycle?"),
        ("lock", "Lock the cycle?"),
        ("publish", "Publish the cycle?"),
    ]:
        asked = sec.post(f"{base}/{step}/")
        assert asked.status_code == 200 and question in asked.content.decode()
        assert sec.post(f"{base}/{step}/", YES).status_code == 302
    cycle.refresh_from_db()
    assert cycle.status == "published"
    refused = sec.post(f"{base}/open/", YES, follow=True)
    assert refused.redirect_chain[-1][0] == f"{base}/"
    assert "This step is not possible in the cycle" in refused.content.decode()
