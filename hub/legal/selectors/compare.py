"""Legal frameworks: side-by-side comparison of two to five members, provision by provision.

Built on `coding_grid`; the page, the API, the exports and the PDF all read `comparison_build`, so the
API returns the same comparison as the page.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from hub.core.errors import Problem
from hub.core.errors import ValidationFailed
from hub.core.viewer import Viewer
from hub.legal.models import ChecklistVersion
from hub.legal.models import LegalProfile
from hub.legal.models import Provision
from hub.legal.selectors.codings import Cell
from hub.legal.selectors.codings import Grid
from hub.legal.selectors.codings import coding_grid
from hub.legal.selectors.codings import current_version
from hub.legal.selectors.codings import profiles_visible

MIN_MEMBERS = 2
MAX_MEMBERS = 5


@dataclass(frozen=True)
class ComparisonRow:
    provision: Provision
    cells: list[Cell]

    @property
    def differs(self) -> bool:
        """The members' codings of this provision are not all the same."""
        return len({c.status for c in self.cells}) > 1


@dataclass(frozen=True)
class Comparison:
    grid: Grid
    profiles: list[LegalProfile]
    rows: list[ComparisonRow]

    @property
    def version(self) -> ChecklistVersion:
        return self.grid.version

    @property
    def as_of(self) -> datetime.date | None:
        return self.grid.as_of

    @property
    def differences(self) -> int:
        return sum(1 for r in self.rows if r.differs)


def _refuse(message: str) -> ValidationFailed:
    return ValidationFailed(message, problems=[Problem(message, field="members")])


def comparison_build(
    *,
    viewer: Viewer,
    member_slugs: Sequence[str],
    version: ChecklistVersion | None = None,
    as_of: datetime.date | None = None,
) -> Comparison:
    """The comparison of the members named by their short names, in the order given. Fewer than two or
    more than five, or a name the viewer may not see (a hidden profile is not told apart from an
    unknown one), is refused naming the field `members`."""
    slugs = list(dict.fromkeys(s.strip() for s in member_slugs if s and s.strip()))
    if len(slugs) < MIN_MEMBERS or len(slugs) > MAX_MEMBERS:
        raise _refuse(_("Choose two to five members to compare."))
    found = {p.member.slug: p for p in profiles_visible(viewer=viewer).filter(member__slug__in=slugs)}
    missing = [s for s in slugs if s not in found]
    if missing:
        raise _refuse(_("No legal profile found for: %(names)s.") % {"names": ", ".join(missing)})
    version = version or current_version()
    if version is None:
        raise _refuse(_("No model checklist is published yet."))
    profiles = [found[s] for s in slugs]
    grid = coding_grid(viewer=viewer, version=version, profiles=profiles, as_of=as_of)
    rows = [ComparisonRow(provision=p, cells=[grid.cell(pr, p) for pr in profiles]) for p in grid.provisions]
    return Comparison(grid=grid, profiles=profiles, rows=rows)
