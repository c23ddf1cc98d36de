"""A resident's task in real headless Chromium, on a desktop and on a 390 px phone: from the home
page, filter the calendar to free events for children this weekend. The filter is a plain GET
form, so the result has an address to share; axe finds nothing; nothing scrolls sideways."""

from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
WEEKEND_DAYS = ("Lördag", "Söndag", "I dag", "I morgon")


@pytest.mark.parametrize(("width", "height"), [(1366, 900), (390, 844)], ids=["desktop", "phone"])
def test_free_events_for_children_this_weekend(chromium, demo_server, width, height):
    context = chromium.new_context(
        viewport={"width": width, "height": height},
        locale="sv-SE",
        timezone_id="Europe/Stockholm",
    )
    page = context.new_page()
    page.goto(demo_server + "/")
    page.get_by_role("link", name="Hela kalendern").click()
    page.wait_for_url("**/evenemang/")

    # Beside the results on a desktop; on a phone the results come first, the filter opens.
    disclosure = page.locator("details.calendar-filter")
    if width < 1024:
        assert disclosure.get_attribute("open") is None
        page.locator(".calendar-filter__summary").click()
    assert disclosure.get_attribute("open") is not None
    form = page.get_by_role("form", name="Filtrera kalendern")
    form.get_by_label("I helgen").check()
    form.get_by_label("Barn", exact=True).check()
    form.get_by_label("Bara gratis evenemang").check()
    form.get_by_role("button", name="Visa evenemang").click()
    page.wait_for_url("**/evenemang/?*")

    # Only what was chosen is in the address: it can be shared as it is.
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"period": ["i-helgen"], "malgrupp": ["barn"], "gratis": ["on"]}

    rows = page.locator(".calendar .event-row")
    assert rows.count() >= 2
    for index in range(rows.count()):
        assert rows.nth(index).locator(".badge--free").count() == 1
    headings = page.locator(".calendar__heading").all_inner_texts()
    assert headings and all(h.startswith(WEEKEND_DAYS) for h in headings), headings
    assert page.locator("#results-heading").inner_text().endswith("som passar")
    # The choices stay chosen on the result page, and the filter says how many.
    # (On a phone the filter is closed again, results first: ask the input itself.)
    assert page.locator("input[name=period][value=i-helgen]").is_checked()
    assert page.locator(".calendar-filter__summary .badge").inner_text() == "3 val"

    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the calendar scrolls sideways by {overflow}px at {width} px"

    # The same address, opened again (shared), shows the same events.
    shared = context.new_page()
    shared.goto(page.url)
    assert shared.locator(".calendar .event-row").count() == rows.count()
    context.close()


def test_a_bad_filter_is_explained_in_swedish(browser_page, demo_server):
    response = browser_page.goto(demo_server + "/evenemang/?fran=18-12-2026")
    assert response.status == 400
    summary = browser_page.get_by_role("alert")
    assert "Skriv datumet som år-månad-dag" in summary.inner_text()
    results = Axe().run(browser_page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()


def test_event_page_and_home_page_rows(browser_page, demo_server):
    browser_page.goto(demo_server + "/evenemang/julmarknad-pa-radhustorget/")
    assert browser_page.get_by_role("heading", name="Öppettider").count() == 1
    when = browser_page.locator(".facts__item", has_text="När").locator("dd").inner_text()
    assert "december" in when and "kl." not in when
    results = Axe().run(browser_page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()
    browser_page.goto(demo_server + "/")
    titles = browser_page.locator(
        "section[aria-labelledby=events-heading] .event-row__title"
    ).all_inner_texts()
    assert len(titles) == len(set(titles)), titles
