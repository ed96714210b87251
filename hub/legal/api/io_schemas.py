"""Legal frameworks API: the schemas of imports, exports and PDFs. `LegalImportOut` reads the import's
report (hub.legal.services.io.LegalImportReport)."""

from __future__ import annotations

from typing import Literal

from ninja import Field
from ninja import Schema

from hub.core.limits import FILTER_MAX_LENGTH


class LegalImportOut(Schema):
    kind: str = Field(..., description="codings or statutes")
    dry_run: bool = Field(..., description="True: the file was checked and nothing was written")
    rows: int = Field(..., description="Rows read (the header not counted)")
    created: int
    updated: int
    unchanged: int = Field(..., description="Rows that say what is stored: nothing written for them")
    profiles_opened: int = Field(..., description="Members whose legal profile the import opened")


class ExportQuery(Schema):
    format: Literal["csv", "xlsx"] = Field("csv", description="csv or xlsx", max_length=4)
    member: str = Field("", max_length=FILTER_MAX_LENGTH, description="One member's short name")
    as_of: str = Field("", max_length=10, description="YYYY-MM-DD: the codings as they were at the end of that day")


class ProfilePdfQuery(Schema):
    as_of: str = Field("", max_length=10, description="YYYY-MM-DD: the profile as it was at the end of that day")


class ComparisonPdfQuery(Schema):
    members: list[str] = Field(
        ..., max_length=10, description="Two to five members' short names, in the order to show them"
    )
    as_of: str = Field("", max_length=10, description="YYYY-MM-DD: the comparison as it was at the end of that day")
