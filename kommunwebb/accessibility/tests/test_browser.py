"""The demo's accessibility statement in real Chromium: DIGG's parts, reachable from every
page's footer, and no axe violations."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def test_the_statement_from_the_footer(browser_page, demo_server):
    page = browser_page
    page.goto(demo_server + "/nyheter/")
    page.locator("footer").get_by_role("link", name="Tillgänglighetsredogörelse").click()
    page.wait_for_url("**/tillganglighetsredogorelse/")
    headings = page.locator("main h2").all_inner_texts()
    assert "Hur tillgänglig är webbplatsen?" in headings
    assert "Innehåll som inte är tillgängligt" in headings
    assert (
        page.get_by_role("link", name="Anmäl bristande tillgänglighet till DIGG").get_attribute(
            "href"
        )
        == "https://www.digg.se/tdosanmalan"
    )
    page.get_by_role("link", name="Rapportera en brist i tillgängligheten").click()
    page.wait_for_url("**/synpunkter/")
    page.go_back()
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()
