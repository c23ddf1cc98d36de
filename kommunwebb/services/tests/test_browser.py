"""A resident's tasks in real headless Chromium against the demo site as `make run` serves
it, on a desktop (1366 px) and a phone (390 px): find how to apply for preschool from the home
page with the menu and the keyboard alone, start an e-service, and the new page types with no
axe violation and no sideways scrolling."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
SCREENS = {
    "desktop": {"viewport": {"width": 1366, "height": 900}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
}
PRESCHOOL = "/barn-och-utbildning/ansok-om-plats-i-forskola/"
NEW_PAGE_TYPES = {
    "service area": "/barn-och-utbildning/",
    "service": PRESCHOOL,
    "A–Ö": "/a-o/",
    "E-tjänster": "/e-tjanster/",
    "political body": "/kommun-och-politik/kommunfullmaktige/",
}
ETJANSTER = "https://e-tjanster.sundhamn.example/"


@pytest.fixture(params=list(SCREENS))
def screen(request, chromium):
    context = chromium.new_context(
        locale="sv-SE", timezone_id="Europe/Stockholm", **SCREENS[request.param]
    )
    page = context.new_page()
    page.screen_name = request.param
    yield page
    context.close()


def focused_text(page) -> str:
    return page.evaluate("document.activeElement.textContent.trim().replace(/\\s+/g, ' ')")


def tab_to(page, text: str, limit: int = 60):
    """Press Tab until the focused element's text is ``text``; fail if it never is."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused_text(page) == text:
            return
    pytest.fail(f"Tab never reached {text!r}")


def sideways_overflow(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_find_how_to_apply_for_preschool_with_the_menu_and_keyboard_alone(screen, demo_server):
    page = screen
    page.goto(demo_server + "/")
    if page.screen_name == "phone":
        # On a phone the areas fold behind one button, which says whether it is open.
        toggle = page.get_by_role("button", name="Meny")
        assert toggle.get_attribute("aria-expanded") == "false"
        assert not page.locator("summary", has_text="Barn och utbildning").is_visible()
        tab_to(page, "Meny")
        page.keyboard.press("Enter")
        assert toggle.get_attribute("aria-expanded") == "true"
    else:
        assert not page.get_by_role("button", name="Meny").is_visible()
    tab_to(page, "Barn och utbildning")
    page.keyboard.press("Enter")
    panel = page.locator("details[open]")
    assert panel.count() == 1 and "Barn och utbildning" in panel.locator("summary").inner_text()
    tab_to(page, "Ansök om plats i förskola", limit=12)
    assert page.locator(":focus").is_visible()
    page.keyboard.press("Enter")
    page.wait_for_url("**" + PRESCHOOL)
    assert page.locator("h1").inner_text() == "Ansök om plats i förskola"
    assert page.get_by_role("heading", name="Så ansöker du").is_visible()
    assert sideways_overflow(page) <= 0


def test_escape_a_click_outside_and_leaving_the_menu_close_it(screen, demo_server):
    page = screen
    page.goto(demo_server + "/")
    if page.screen_name == "phone":
        page.get_by_role("button", name="Meny").click()
    summary = page.locator("summary", has_text="Omsorg och stöd")
    summary.click()
    assert page.locator("details[open]").count() == 1
    # Opening another area closes the first.
    page.locator("summary", has_text="Kultur och fritid").click()
    assert page.locator("details[open] summary").inner_text().strip() == "Kultur och fritid"
    page.keyboard.press("Escape")
    assert page.locator("details[open]").count() == 0
    assert focused_text(page) == "Kultur och fritid"
    summary.click()
    assert page.locator("details[open]").count() == 1
    page.locator(".site-footer__bottom p").click()  # far from the menu
    assert page.locator("details[open]").count() == 0
    summary.click()
    page.focus(".skip-link")  # focus leaves the menu
    assert page.locator("details[open]").count() == 0
    if page.screen_name == "phone":
        toggle = page.get_by_role("button", name="Meny")
        toggle.focus()
        page.keyboard.press("Escape")  # no panel open: Escape folds the whole menu
        assert toggle.get_attribute("aria-expanded") == "false"
        assert not page.locator("summary", has_text="Omsorg och stöd").is_visible()


def test_start_an_eservice(screen, demo_server):
    page = screen
    # The e-service runs on another site; here it answers from the test.
    page.route(
        ETJANSTER + "**",
        lambda route: route.fulfill(
            content_type="text/html; charset=utf-8",
            body="<!doctype html><html lang=sv><title>E-tjänst</title><h1>Förskola</h1></html>",
        ),
    )
    page.goto(demo_server + PRESCHOOL)
    start = page.get_by_role("link", name=re.compile("^Starta e-tjänsten"))
    # Leaving the site is said in words, not only shown with an icon.
    name = start.evaluate("link => link.textContent.replace(/\\s+/g, ' ').trim()")
    assert "(till en annan webbplats)" in name
    assert start.locator("svg.external-mark").count() == 1
    assert page.get_by_text("Du loggar in med e-legitimation, till exempel BankID.").is_visible()
    start.click()
    page.wait_for_url(ETJANSTER + "forskola/ansokan/")
    assert page.locator("h1").inner_text() == "Förskola"


def test_an_eservice_on_the_site_starts_from_the_eservices_page(screen, demo_server):
    page = screen
    page.goto(demo_server + "/e-tjanster/")
    link = page.get_by_role("link", name="Felanmälan: gator, belysning och parker")
    assert link.locator("svg.external-mark").count() == 0
    link.click()
    page.wait_for_url(demo_server + "/felanmalan/")
    assert "Felanmälan" in page.locator("h1").inner_text()


@pytest.mark.parametrize("page_type", list(NEW_PAGE_TYPES))
def test_new_page_types_have_no_axe_violations_and_no_sideways_scroll(
    screen, demo_server, page_type
):
    page = screen
    response = page.goto(demo_server + NEW_PAGE_TYPES[page_type])
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert (
        page.get_by_role("navigation", name="Brödsmulor")
        .get_by_role("link", name="Startsida")
        .is_visible()
    )
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()
    assert sideways_overflow(page) <= 0, f"{page_type} scrolls sideways"


def test_the_open_menu_has_no_axe_violations_and_no_sideways_scroll(screen, demo_server):
    page = screen
    page.goto(demo_server + "/")
    if page.screen_name == "phone":
        page.get_by_role("button", name="Meny").click()
    page.locator("summary", has_text="Trafik och stadsplanering").click()
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()
    assert sideways_overflow(page) <= 0


def test_the_menu_works_without_javascript(chromium, demo_server):
    context = chromium.new_context(java_script_enabled=False, locale="sv-SE", **SCREENS["phone"])
    page = context.new_page()
    page.goto(demo_server + "/")
    # No button to press: the list is simply there, and each area opens as a <details>.
    assert not page.get_by_role("button", name="Meny").is_visible()
    page.locator("summary", has_text="Barn och utbildning").click()
    page.get_by_role("link", name="Ansök om plats i förskola").first.click()
    page.wait_for_url("**" + PRESCHOOL)
    context.close()
