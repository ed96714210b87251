"""Dates read in one style per language (taskforce/formats): "2 June 2022", "2 juin 2022",
"2 de junio de 2022", times on the 24-hour clock; forms read ISO dates only."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.template import Context
from django.template import Template
from django.utils import timezone
from django.utils import translation

DAY = datetime.date(2022, 6, 2)
MOMENT = datetime.datetime(2022, 6, 2, 14, 5, tzinfo=datetime.UTC)
EVENING = datetime.datetime(2023, 1, 1, 21, 30, tzinfo=datetime.UTC)


def render(source: str, **context: object) -> str:
    return Template("{% load hub %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "date", "moment", "new_year"),
    [
        ("en", "2 June 2022", "2 June 2022, 14:05", "1 January 2023, 21:30"),
        ("fr", "2 juin 2022", "2 juin 2022, 14:05", "1 janvier 2023, 21:30"),
        ("es", "2 de junio de 2022", "2 de junio de 2022, 14:05", "1 de enero de 2023, 21:30"),
    ],
)
def test_a_date_and_a_moment_read_in_the_languages_one_style(language, date, moment, new_year):
    with translation.override(language), timezone.override("UTC"):
        assert render("{{ d }}", d=DAY) == date
        assert render("{{ d|date }}", d=DAY) == date
        assert render('{{ d|date:"SHORT_DATE_FORMAT" }}', d=DAY) == date
        assert render("{{ m }}", m=MOMENT) == moment
        assert render('{{ m|date:"DATETIME_FORMAT" }}', m=MOMENT) == moment
        assert render('{{ m|date:"SHORT_DATETIME_FORMAT" }}', m=MOMENT) == moment
        assert render("{{ m|time }}", m=EVENING) == "21:30"  # the 24-hour clock
        assert render('{{ m|date:"DATETIME_FORMAT" }}', m=EVENING) == new_year


@pytest.mark.parametrize(
    ("language", "month"),
    [("en", "June 2022"), ("fr", "juin 2022"), ("es", "junio de 2022")],
)
def test_a_month_reads_in_the_languages_style(language, month):
    with translation.override(language):
        assert render('{{ d|date:"YEAR_MONTH_FORMAT" }}', d=DAY) == month


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "2 June 2022, 16:05 CEST"),
        ("fr", "2 juin 2022, 16:05 CEST"),
        ("es", "2 de junio de 2022, 16:05 CEST"),
    ],
)
def test_a_moment_with_its_zone(language, expected):
    with translation.override(language):
        assert render('{{ m|datetime_zone:"Europe/Paris" }}', m=MOMENT) == expected


def test_a_moment_without_a_zone_is_shown_in_the_active_one():
    with translation.override("en"), timezone.override("UTC"):
        assert render("{{ m|datetime_zone }}", m=MOMENT) == "2 June 2022, 14:05 UTC"
        assert render('{{ m|datetime_zone:"Not/AZone" }}', m=MOMENT) == "2 June 2022, 14:05 UTC"
        assert render("{{ m|datetime_zone }}", m=None) == ""


class DateForm(forms.Form):
    day = forms.DateField()


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_forms_read_iso_dates_only(language):
    """01/12/2026 is 1 December in France and 12 January in the United States: refused in every language."""
    with translation.override(language):
        form = DateForm({"day": "2026-12-01"})
        assert form.is_valid()
        assert form.cleaned_data["day"] == datetime.date(2026, 12, 1)
        assert not DateForm({"day": "01/12/2026"}).is_valid()
        assert not DateForm({"day": "12/01/2026"}).is_valid()
