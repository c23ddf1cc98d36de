"""The header search box in real Chromium against the demo site: suggestions as an
accessible combobox (keyboard and axe), and the results page for an inflected word."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
ARTICLE = "Färre sundhamnsbor utsätts för höga halter av kvävedioxid"


@pytest.fixture(scope="module")
def indexed(demo_server, demo_manage):
    # `make run` indexes the demo in its task worker; the test server runs no worker.
    demo_manage("update_index")
    return demo_server


def test_header_search_box_suggests_pages_by_keyboard(browser_page, indexed):
    page = browser_page
    page.goto(indexed + "/nyheter/")
    box = page.locator("#search-header")
    expect(box).to_have_attribute("role", "combobox")
    expect(box).to_have_attribute("aria-expanded", "false")
    listbox_id = box.get_attribute("aria-controls")
    listbox = page.locator(f"#{listbox_id}")
    expect(listbox).to_have_attribute("role", "listbox")

    box.click()
    box.press_sequentially("kvävedio", delay=30)
    expect(box).to_have_attribute("aria-expanded", "true")
    options = listbox.locator("[role=option]")
    expect(options.first).to_contain_text(ARTICLE)
    expect(page.locator("[role=status]").filter(has_text="förslag")).to_have_count(1)

    box.press("ArrowDown")
    first_id = options.first.get_attribute("id")
    expect(box).to_have_attribute("aria-activedescendant", first_id)
    expect(options.first).to_have_attribute("aria-selected", "true")
    expect(box).to_be_focused()  # focus stays in the box, as the pattern requires

    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()

    box.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(listbox).to_be_hidden()

    box.press("ArrowDown")  # opens again on the first suggestion
    expect(box).to_have_attribute("aria-expanded", "true")
    with page.expect_navigation():
        box.press("Enter")
    expect(page.locator("h1")).to_have_text(ARTICLE)


def test_typing_a_word_and_enter_searches(browser_page, indexed):
    page = browser_page
    page.goto(indexed + "/nyheter/")
    box = page.locator("#search-header")
    box.fill("kvävedioxiden")
    with page.expect_navigation():
        box.press("Enter")
    assert re.search(r"/sok/\?q=kv", page.url)
    result = page.locator(".search-result", has_text=ARTICLE)
    expect(result).to_have_count(1)
    expect(result.locator("mark").first).to_be_visible()
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()


def test_suggestion_can_be_chosen_with_the_mouse(browser_page, indexed):
    page = browser_page
    page.goto(indexed + "/")
    box = page.locator("#search-hero")  # the home page's large search box
    box.click()
    box.press_sequentially("julm", delay=30)
    option = page.locator("[role=option]").first
    expect(option).to_be_visible()
    with page.expect_navigation():
        option.click()
    expect(page.locator("h1")).to_contain_text("Julmarknad")


def test_search_page_filters_and_no_hits_help(browser_page, indexed):
    page = browser_page
    page.goto(indexed + "/sok/?q=evenemangen")
    chips = page.locator(".search-filters .chip")
    expect(chips.first).to_have_attribute("aria-current", "page")
    page.locator(".search-filters .chip", has_text="Evenemang").click()
    expect(page.locator(".search-filters .chip", has_text="Evenemang")).to_have_attribute(
        "aria-current", "page"
    )
    page.goto(indexed + "/sok/?q=xylofonorkester")
    expect(page.locator(".search-help")).to_be_visible()
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()
