"""The subscription form in real headless Chromium on the demo site: axe 0 on the form, its
errors and the answer, no cookie, and no sideways scroll on a 390 px phone."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def axe(page):
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()


def test_subscribing_in_the_browser(chromium, demo_server):
    context = chromium.new_context(locale="sv-SE", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(demo_server + "/prenumerera/")
    assert page.locator("h1").inner_text() == "Prenumerera på e-post"
    axe(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.get_by_label("Din e-postadress").fill("inte-en-adress")
    page.get_by_role("button", name="Prenumerera").click()
    page.get_by_text("Det finns ett problem").wait_for()
    assert page.get_by_text("Skriv e-postadressen som namn@exempel.se.").first.is_visible()
    axe(page)

    page.get_by_label("Din e-postadress").fill("webbtest@example.se")
    page.get_by_label("Bara kris").check()
    page.get_by_role("button", name="Prenumerera").click()
    page.wait_for_url("**/prenumerera/skickat/")
    assert page.locator("h1").inner_text() == "Titta i din e-post"
    axe(page)
    assert context.cookies() == []
    context.close()
