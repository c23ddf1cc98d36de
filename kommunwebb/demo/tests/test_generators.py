"""The demo's dates, illustrations and PDF, without a database."""

import io
from datetime import date, datetime, timedelta

import pytest
from PIL import Image

from kommunwebb.demo import content, dates, images, pdf
from kommunwebb.demo.loader import DemoLoader


@pytest.mark.parametrize(
    ("today", "year"),
    [
        (date(2026, 1, 1), 2026),
        (date(2026, 11, 30), 2026),
        (date(2026, 12, 1), 2027),
        (date(2026, 12, 31), 2027),
    ],
)
def test_coming_december(today, year):
    assert dates.coming_december(today) == year


def test_first_monday_of_december_is_in_the_first_week():
    for year in range(2024, 2040):
        monday = dates.first_monday_of_december(year)
        assert monday.weekday() == 0
        assert monday.month == 12 and 1 <= monday.day <= 7


def test_swedish_date():
    assert dates.swedish_date(date(2026, 11, 26)) == "26 november 2026"


@pytest.mark.parametrize("days", range(0, 366, 7))
def test_december_programme_is_always_ahead_and_in_december(days):
    now = datetime(2026, 1, 3, 12, tzinfo=dates.STOCKHOLM) + timedelta(days=days)
    loader = DemoLoader(now=now)
    week = loader._occurrences("hallbar-jul")
    assert len(week) == 7
    assert all(o.start > now and o.start.month == 12 and o.end > o.start for o in week)
    market = loader._occurrences("julmarknad")[0]
    assert market.start > week[-1].start and market.end.month == 12
    for key in ("vinterkonsert", "stadsvandring"):
        occurrences = loader._occurrences(key)
        assert occurrences, key
        assert all(o.start > now + timedelta(days=13) for o in occurrences)


@pytest.mark.parametrize("scene", sorted(images.SCENES))
def test_every_scene_renders_a_jpeg_of_the_asked_size(scene):
    data = images.render_jpeg(scene, 1, (160, 90))
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG" and image.size == (160, 90)
    # Not a blank canvas: an illustration has many colours.
    assert len(image.getcolors(160 * 90)) > 50


def test_pictures_in_the_content_use_known_scenes_and_differ():
    pictures = [a.picture for a in content.ARTICLES] + [e.picture for e in content.EVENTS]
    assert all(p.scene in images.SCENES for p in pictures)
    assert len({(p.scene, p.seed) for p in pictures}) == len(pictures)
    assert all(p.alt.startswith("Illustration: ") and len(p.alt) <= 250 for p in pictures)


def test_same_scene_and_seed_draw_the_same_picture():
    assert images.render_jpeg("quay", 3, (64, 36)) == images.render_jpeg("quay", 3, (64, 36))


def test_report_text_survives_winansi_encoding():
    # Å, ä, ö, µ, ³ and the en dash all exist in WinAnsi; nothing may turn into "?".
    for text in pdf.SUMMARY + pdf.BACKGROUND + pdf.METHOD + [pdf.FIGURE_1_TEXT[0]]:
        assert "?" not in text.encode("cp1252", errors="replace").decode("cp1252")


def test_wrap_keeps_lines_inside_the_width():
    text = " ".join(pdf.SUMMARY)
    lines = pdf.wrap(text, 11, 400)
    assert " ".join(lines) == " ".join(text.split())
    assert all(pdf.text_width(line, 11) <= 400 for line in lines)


def test_report_is_deterministic_with_metadata():
    data = pdf.air_quality_report(2026)
    assert data == pdf.air_quality_report(2026)
    assert b"/Lang (sv-SE)" in data
    assert b"/Title <FEFF" in data
    assert b"/Count 4" in data
