"""MNR self-assessment as PDF (hub.core.pdf: tagged, titled, page numbers, the visibility on every page,
the synthetic banner where it applies): a member's own assessment, for its national action planning."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hub.assessments.models import Assessment
from hub.core.pdf import render_pdf


def assessment_pdf(assessment: Assessment, *, groups: list[Any], labels: dict[int, str]) -> bytes:
    return render_pdf(
        "assessments/assessments/pdf.html",
        {"assessment": assessment, "groups": groups, "labels": labels},
        reference=_("Self-assessment of %(member)s: %(cycle)s")
        % {"member": assessment.member.name, "cycle": assessment.cycle.title},
        visibility=_("Confidential: the member's officials and the secretariat only"),
        synthetic=assessment.is_synthetic,
    )


def pdf_response(body: bytes, *, name: str) -> HttpResponse:
    """A PDF as an attachment, never sniffed, kept out of shared caches."""
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{slugify(name) or "self-assessment"}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
