"""Legal frameworks as PDF (hub.core.pdf: tagged, titled, page numbers, the visibility on every page,
the synthetic banner where it applies): a member's legal profile and a comparison of members."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hub.core.models import Visibility
from hub.core.pdf import render_pdf
from hub.legal.selectors.compare import Comparison
from hub.legal.selectors.io import ProfilePdf
from hub.legal.selectors.io import difference_words


def profile_pdf(page: ProfilePdf) -> bytes:
    profile = page.profile
    return render_pdf(
        "legal/io/profile_pdf.html",
        {"page": page, "profile": profile, "member": profile.member},
        reference=_("Legal profile of %(member)s") % {"member": profile.member.name},
        visibility=str(profile.get_visibility_display()),
        synthetic=page.has_synthetic,
    )


def comparison_pdf(comparison: Comparison) -> bytes:
    public = all(p.visibility == Visibility.PUBLIC for p in comparison.profiles)
    level = Visibility.PUBLIC if public else Visibility.TASKFORCE
    rows = [(row, difference_words(row.cells)) for row in comparison.rows]
    names = ", ".join(p.member.name for p in comparison.profiles)
    return render_pdf(
        "legal/io/compare_pdf.html",
        {"comparison": comparison, "rows": rows, "names": names},
        reference=_("Comparison of legal frameworks: %(members)s") % {"members": names},
        visibility=str(level.label),
        synthetic=comparison.grid.has_synthetic,
    )


def pdf_response(body: bytes, *, name: str) -> HttpResponse:
    """A PDF as an attachment, never sniffed, kept out of shared caches."""
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{slugify(name) or "legal"}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
