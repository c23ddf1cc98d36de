"""Every page type in real headless Chromium against the demo site as `make run` serves it:
it renders, the keyboard reaches the main content, and axe finds no WCAG 2.1 A/AA issue."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def first_link_in_main(page, base, listing_path, selector):
    page.goto(base + listing_path)
    return page.locator(f"main {selector}").first.get_attribute("href")


def page_type_urls(page, base):
    """The demo site's URL for each page type; article and event found through listings."""
    return {
        "home": "/",
        "news_index": "/nyheter/",
        "news_article": first_link_in_main(page, base, "/nyheter/", "article h2 a, article h3 a"),
        "event_index": "/evenemang/",
        "event": first_link_in_main(page, base, "/evenemang/", "a[href^='/evenemang/']"),
        "topic": "/trygghet-och-sakerhet/trygghet/",
        "standard": "/om-webbplatsen/",
        "search": "/sok/?q=kv%C3%A4vedioxid",
        "service_area": "/barn-och-utbildning/",
        "service": "/barn-och-utbildning/ansok-om-plats-i-forskola/",
        "a_o": "/a-o/",
        "eservices": "/e-tjanster/",
        "committee": "/kommun-och-politik/kommunfullmaktige/",
    }


@pytest.fixture(scope="module")
def urls(chromium, demo_server):
    context = chromium.new_context()
    page = context.new_page()
    found = page_type_urls(page, demo_server)
    context.close()
    return found


PAGE_TYPES = [
    "home",
    "news_index",
    "news_article",
    "event_index",
    "event",
    "topic",
    "standard",
    "search",
    "service_area",
    "service",
    "a_o",
    "eservices",
    "committee",
]


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_renders_and_has_no_axe_violations(browser_page, demo_server, urls, page_type):
    response = browser_page.goto(demo_server + urls[page_type])
    assert response.status == 200
    assert browser_page.locator("h1").count() == 1
    assert browser_page.locator("html").get_attribute("lang") == "sv"
    results = Axe().run(browser_page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()


def test_not_found_page_is_swedish_and_accessible(browser_page, demo_server):
    response = browser_page.goto(demo_server + "/finns-inte-alls/")
    assert response.status == 404
    assert "Sidan finns inte" in browser_page.locator("h1").inner_text()
    results = Axe().run(browser_page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("page_type", ["home", "news_article", "topic"])
def test_skip_link_reaches_main_content_by_keyboard(browser_page, demo_server, urls, page_type):
    browser_page.goto(demo_server + urls[page_type])
    browser_page.keyboard.press("Tab")
    focused = browser_page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    assert browser_page.locator(":focus").is_visible()
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("document.activeElement.id") == "main"
    # The next Tab continues inside the main content, not back in the header.
    browser_page.keyboard.press("Tab")
    assert browser_page.evaluate("document.getElementById('main').contains(document.activeElement)")


def test_search_box_in_header_works(browser_page, demo_server):
    browser_page.goto(demo_server + "/")
    # A combobox once the search suggestions' script has run (kommunwebb/search).
    box = browser_page.get_by_role("combobox").first
    box.fill("kvävedioxid")
    box.press("Enter")
    browser_page.wait_for_url("**/sok/**")
    assert browser_page.locator("main").inner_text().count("kvävedioxid") >= 1


def test_no_horizontal_scroll_at_320_px(chromium, demo_server, urls):
    context = chromium.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    for page_type in PAGE_TYPES:
        page.goto(demo_server + urls[page_type])
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{page_type} scrolls sideways by {overflow}px at 320 px"
    context.close()
