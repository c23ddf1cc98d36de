"""The one Swedish style for dates and times (core/dates.py), and a guard that templates and
code use it instead of formats of their own."""

import re
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from kommunwebb.core import dates

STOCKHOLM = ZoneInfo("Europe/Stockholm")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def swedish():
    with translation.override("sv"):
        yield


def at(*args):
    return datetime(*args, tzinfo=STOCKHOLM)


@pytest.mark.parametrize(
    ("moment", "running", "fixed"),
    [
        (time(9, 0), "9.00", "09.00"),
        (time(13, 45), "13.45", "13.45"),
        (time(0, 30), "00.30", "00.30"),
        (time(1, 5), "01.05", "01.05"),  # night hours keep a clarifying zero
        (time(6, 0), "6.00", "06.00"),
    ],
)
def test_clock_uses_a_full_stop(moment, running, fixed):
    assert dates.clock(moment) == running
    assert dates.clock(moment, fixed=True) == fixed


def test_aware_datetimes_are_shown_in_stockholm_time():
    # 08.00 UTC in December is 9.00 in Sweden.
    assert dates.clock(datetime(2026, 12, 18, 8, tzinfo=ZoneInfo("UTC"))) == "9.00"
    assert dates.long_date(datetime(2026, 12, 31, 23, 30, tzinfo=ZoneInfo("UTC"))) == (
        "1 januari 2027"
    )


def test_closing_at_midnight_is_the_end_of_the_day():
    assert dates.closing_clock(time(0)) == "24.00"
    assert dates.time_range(time(20), time(0)) == "20.00–24.00"


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (date(2026, 12, 18), date(2026, 12, 18), "18 december 2026"),
        (date(2026, 12, 18), date(2026, 12, 20), "18–20 december 2026"),
        (date(2026, 11, 30), date(2026, 12, 2), "30 november – 2 december 2026"),
        (date(2026, 12, 30), date(2027, 1, 2), "30 december 2026 – 2 januari 2027"),
    ],
)
def test_date_range_says_each_part_once(first, last, expected):
    assert dates.date_range(first, last) == expected


def test_date_range_without_year():
    assert dates.date_range(date(2026, 12, 18), date(2026, 12, 20), year=False) == "18–20 december"


def test_a_range_cannot_run_backwards():
    with pytest.raises(ValueError):
        dates.date_range(date(2026, 12, 20), date(2026, 12, 18))
    with pytest.raises(ValueError):
        dates.datetime_range(at(2026, 12, 20, 10), at(2026, 12, 20, 9))


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (at(2026, 12, 18, 9), at(2026, 12, 18, 12), "18 december 2026 kl. 9.00–12.00"),
        (at(2026, 12, 18, 20), at(2026, 12, 19, 0), "18 december 2026 kl. 20.00–24.00"),
        (
            at(2026, 12, 18, 22),
            at(2026, 12, 19, 2),
            "18 december kl. 22.00 – 19 december 2026 kl. 02.00",
        ),
        (
            at(2026, 12, 31, 22),
            at(2027, 1, 1, 1),
            "31 december 2026 kl. 22.00 – 1 januari 2027 kl. 01.00",
        ),
    ],
)
def test_datetime_range(start, end, expected):
    assert dates.datetime_range(start, end) == expected


def test_words_and_numbers():
    moment = at(2026, 12, 18, 9, 5, 30)
    assert dates.long_date(moment) == "18 december 2026"
    assert dates.long_date(moment, year=False) == "18 december"
    assert dates.weekday_date(moment) == "fredag 18 december 2026"
    assert dates.date_and_time(moment) == "18 december 2026 kl. 9.05"
    assert dates.numeric_date(moment) == "2026-12-18"
    assert dates.numeric_datetime(moment) == "2026-12-18 09.05"
    assert dates.numeric_datetime(moment, seconds=True) == "2026-12-18 09.05.30"


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)))
def test_never_a_colon_in_a_time(moment):
    for text in (
        dates.clock(moment),
        dates.clock(moment, fixed=True),
        dates.date_and_time(moment),
        dates.datetime_range(moment, moment + timedelta(hours=3)),
    ):
        assert ":" not in text
        assert re.search(r"\d\.\d\d", text)


def test_template_library_renders_the_same_style():
    template = Template(
        "{% load dates %}{{ moment|long_date }}|{{ moment|clock:'fixed' }}|"
        "{% date_range first last %}|{{ missing|long_date }}|{{ moment|date_attr }}"
    )
    text = template.render(
        Context(
            {"moment": at(2026, 12, 18, 9), "first": date(2026, 12, 18), "last": date(2026, 12, 20)}
        )
    )
    assert text == "18 december 2026|09.00|18–20 december 2026||2026-12-18"


# --- The guard: nothing else formats dates for people ----------------------------------------

TEMPLATE_DIRS = [ROOT / "templates", *ROOT.glob("*/templates")]
# Django's own filters let each template choose a format: "H:i" here, "H.i" there.
AD_HOC_FILTER = re.compile(r"\|\s*(date|time|naturalday|naturaltime)\b")
# Python that formats a date or time for people by hand.
AD_HOC_CODE = re.compile(r"date_format\(|time_format\(|strftime\(|:%[HYdmMbB]")
# Machine formats, not for people to read.
CODE_ALLOWED = {
    "gdpr/views.py": "the export's file name, 20261218-0905",
    "operations/logs.py": "log file names and log lines, by day",
    "operations/access.py": "the access line's time, as gunicorn writes it",
    "analytics/models.py": "a month in ISO 8601 in debugging representations",
    "forms/builder.py": "the value of a datetime-local input, which the browser parses",
    "settings/base.py": "the formats the admin's date pickers read and write",
    "security/wellknown.py": "the Expires field of security.txt (RFC 9116, ISO 8601 in UTC)",
}


def _templates():
    for directory in TEMPLATE_DIRS:
        yield from directory.rglob("*.html")
        yield from directory.rglob("*.txt")


def test_templates_use_the_date_library():
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in _templates()
        for match in AD_HOC_FILTER.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_guard_finds_an_ad_hoc_filter():
    assert AD_HOC_FILTER.search('{{ page.first_published_at|date:"j F Y" }}')
    assert AD_HOC_FILTER.search("{{ value | time:'H:i' }}")
    assert not AD_HOC_FILTER.search("{{ value|date_attr }}")
    assert not AD_HOC_FILTER.search("{{ value|datetime_attr }}")


def test_code_uses_the_date_module():
    offenders = []
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if "/tests/" in relative or "/migrations/" in relative or relative in CODE_ALLOWED:
            continue
        if relative == "core/dates.py":
            continue
        for match in AD_HOC_CODE.finditer(path.read_text(encoding="utf-8")):
            offenders.append(f"{relative}: {match.group(0)}")
    assert offenders == []


def test_english_names_months_and_weekdays_with_a_capital():
    with translation.override("en"):
        assert dates.long_date(date(2026, 11, 30)) == "30 November 2026"
        assert dates.weekday_name(date(2026, 12, 18)) == "Friday"
    with translation.override("sv"):
        assert dates.long_date(date(2026, 11, 30)) == "30 november 2026"
        assert dates.weekday_name(date(2026, 12, 18)) == "fredag"
    with translation.override("fi"):
        assert dates.month_name(11) == "marraskuu"
