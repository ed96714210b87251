"""A member's progress report as PDF (hub.core.pdf) and as XLSX; evidence files as downloads."""

from __future__ import annotations

import io
from typing import Any

from django.http import FileResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hub.core import uploads
from hub.core.models import Visibility
from hub.core.pdf import render_pdf
from hub.core.tabular import export_cell
from hub.reporting.models import Evidence
from hub.reporting.selectors import EXPORT_HEADERS
from hub.reporting.selectors import ReportPage

EXTENSIONS = {uploads.PDF: "pdf", uploads.DOCX: "docx", uploads.XLSX: "xlsx", uploads.PNG: "png", uploads.JPEG: "jpg"}


def evidence_response(evidence: Evidence) -> FileResponse:
    """The file as an attachment, named after its title with the extension of its checked type."""
    name = f"{slugify(evidence.title) or 'evidence'}.{EXTENSIONS.get(evidence.content_type, 'bin')}"
    response = FileResponse(
        evidence.file.open("rb"), content_type=evidence.content_type, as_attachment=True, filename=name
    )
    response["X-Content-Type-Options"] = "nosniff"
    if evidence.visibility != Visibility.PUBLIC:
        response["Cache-Control"] = "private, no-store"
    return response


def report_pdf(page: ReportPage) -> bytes:
    report = page.report
    return render_pdf(
        "reporting/pdf/report.html",
        {"page": page, "report": report},
        reference=f"{report.cycle.name} · {report.member.name}",
        visibility=str(Visibility.MEMBER.label),
        synthetic=report.is_synthetic,
    )


def report_xlsx(rows: list[list[Any]], *, synthetic: bool) -> bytes:
    """The answers as a workbook; a synthetic report says so in its first row."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # noqa: S101 - a new workbook always has a sheet
    sheet.title = _("Report")[:31]
    if synthetic:
        sheet.append(
            [_("Synthetic demo data: invented records about fictional members, not facts about any real country.")]
        )
    sheet.append([str(_("Visibility:")) + " " + str(Visibility.MEMBER.label)])
    sheet.append(EXPORT_HEADERS)
    for row in rows:
        sheet.append([export_cell(v, fmt="xlsx") for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
