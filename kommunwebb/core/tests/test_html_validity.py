"""One page of every type, as the demo server sends it, through the Nu HTML checker (the W3C's
validator, vnu.jar): no errors. `make audit` does the same and adds Lighthouse; this check is
cheap enough for every run. Marked `browser`: it needs the demo server the browser tests use."""

import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from kommunwebb.conftest import need
from kommunwebb.testing.audit import PAGES, VNU_JAR, vnu_errors

pytestmark = pytest.mark.browser


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - loopback
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_every_page_type_is_valid_html(demo_server, tmp_path):
    need(VNU_JAR.exists(), f"{VNU_JAR} is missing (make tools)")
    need(shutil.which("java") is not None, "Java is not installed (the Nu checker needs it)")
    files = {}
    for index, (label, path) in enumerate(PAGES):
        status, html = fetch(demo_server + path)
        assert status in (200, 400, 404), f"{label} ({path}) answered {status}"
        file = tmp_path / f"page-{index:02d}.html"
        file.write_text(html)
        files[str(file)] = f"{label} ({path})"
    found = vnu_errors([Path(file) for file in files])
    problems = [f"{files[file]}: {error}" for file, errors in found.items() for error in errors]
    assert problems == []


def test_the_checker_finds_an_error(tmp_path):
    """The check above can fail: a page the checker must reject."""
    need(VNU_JAR.exists(), f"{VNU_JAR} is missing (make tools)")
    need(shutil.which("java") is not None, "Java is not installed (the Nu checker needs it)")
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html lang="sv"><head><title>x</title></head>'
        '<body><input type="date" value="18-12-2026"><p><div></p></body></html>'
    )
    assert vnu_errors([page])[str(page)]
