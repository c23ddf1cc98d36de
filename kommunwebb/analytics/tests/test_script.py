"""stats.js stays small and self-contained; its tag appears only with statistics consent."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string

from .conftest import CONSENTED, DECLINED

STATS_JS = Path(__file__).resolve().parents[2] / "static" / "js" / "stats.js"


def minified_size(source: str) -> int:
    """A deliberately simple minification: comments and indentation gone, lines joined.
    A real minifier only does better."""
    source = re.sub(r"/\*.*?\*/", "", source, flags=re.DOTALL)
    source = re.sub(r"^\s*//.*$", "", source, flags=re.MULTILINE)
    lines = [line.strip() for line in source.splitlines() if line.strip()]
    return len("\n".join(lines).encode())


def test_stats_js_is_under_4_kb_minified():
    assert minified_size(STATS_JS.read_text()) < 4096


def test_stats_js_has_no_dependencies_and_talks_only_to_this_site():
    source = STATS_JS.read_text()
    assert "import " not in source and "require(" not in source
    assert not re.search(r"https?://", source)
    assert "document.cookie" not in source and "localStorage" not in source
    for needed in ("sendBeacon", "PerformanceObserver", "largest-contentful-paint",
                   "layout-shift", "first-input", "visibilitychange", "pagehide"):  # fmt: skip
        assert needed in source


def test_script_tag_points_at_the_beacon_endpoint():
    html = render_to_string("analytics/script.html")
    assert 'data-endpoint="/statistik/beacon"' in html and "js/stats.js" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("cookie", "included"), [(None, False), (DECLINED, False), (CONSENTED, True)]
)
def test_pages_include_the_script_only_with_statistics_consent(client, article, cookie, included):
    if cookie:
        client.cookies["kw_consent"] = cookie
    html = client.get("/luftkvalitet/").content.decode()
    soup = BeautifulSoup(html, "html.parser")
    # Before a choice the banner may hold the tag inert in a <template>, for consent.js to
    # start after "Godkänn statistik"; a <template>'s scripts never run by themselves.
    active = [
        tag
        for tag in soup.find_all("script", src=re.compile(r"js/stats\.js"))
        if tag.find_parent("template") is None
    ]
    assert bool(active) is included
