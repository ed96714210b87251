"""A member's progress report as PDF (hub.core.pdf) and as XLSX."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _

from hub.core.models import Visibility
from hub.core.pdf import render_pdf
from hub.core.web import _cell  # the same formula guard as every export
from hub.reporting.selectors import EXPORT_HEADERS, ReportPage


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
        sheet.append([_cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
