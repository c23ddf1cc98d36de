"""The consent banner in real headless Chromium against the demo site as `make run` serves
it: nothing before a choice, declining, accepting, the form without JavaScript, the keyboard,
the settings layer from the footer, and axe."""

import json

import pytest
from axe_playwright_python.sync_playwright import Axe

from kommunwebb.consent import registry

pytestmark = pytest.mark.browser

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
BANNER = "[data-consent-banner]"


@pytest.fixture
def context(chromium):
    context = chromium.new_context(locale="sv-SE", timezone_id="Europe/Stockholm")
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.posts = []
    page.on("request", lambda r: page.posts.append(r.url) if r.method == "POST" else None)
    return page


def cookie_names(context):
    return {cookie["name"] for cookie in context.cookies()}


def consent_value(context):
    return next(c["value"] for c in context.cookies() if c["name"] == "kw_consent")


def records_for(demo_manage, consent_id):
    code = (
        "import json; from kommunwebb.consent.models import ConsentRecord as R; "
        f"print(json.dumps(list(R.objects.filter(consent_id={consent_id!r})"
        ".order_by('id').values('policy_version', 'choices'))))"
    )
    return json.loads(demo_manage("shell", "-c", code).strip().splitlines()[-1])


def test_nothing_is_stored_or_sent_before_a_choice(page, context, demo_server):
    for path in ("/", "/nyheter/", "/om-webbplatsen/"):
        page.goto(demo_server + path)
        assert page.locator(BANNER).is_visible()
    page.wait_for_timeout(300)
    assert context.cookies() == []
    assert page.posts == []  # no beacon
    assert page.evaluate("document.cookie") == ""


def test_declining_stores_only_the_choice(page, context, demo_server):
    page.goto(demo_server + "/nyheter/")
    page.get_by_role("button", name="Endast nödvändiga").click()
    done = page.locator("[data-consent-done]")
    done.wait_for(state="visible")
    assert page.evaluate("document.activeElement.hasAttribute('data-consent-done')")
    assert "bara de kakor som behövs" in done.inner_text()
    assert page.url == demo_server + "/nyheter/"  # no reload
    assert cookie_names(context) == {"kw_consent"}
    assert consent_value(context).startswith("n.1.")
    page.reload()
    assert page.locator(BANNER).count() == 0
    page.wait_for_timeout(300)
    assert cookie_names(context) == {"kw_consent"}
    assert [url for url in page.posts if "/samtycke/" not in url] == []


def test_accepting_stores_the_choice(page, context, demo_server, demo_manage):
    page.goto(demo_server + "/")
    page.get_by_role("button", name="Godkänn statistik").click()
    page.locator("[data-consent-done]").wait_for(state="visible")
    value = consent_value(context)
    assert value.startswith("s.1.")
    cookie = next(c for c in context.cookies() if c["name"] == "kw_consent")
    assert cookie["sameSite"] == "Lax" and cookie["path"] == "/"
    assert records_for(demo_manage, value.split(".")[2]) == [
        {"policy_version": 1, "choices": {"necessary": True, "statistics": True}}
    ]
    for path in ("/", "/nyheter/", "/evenemang/"):
        page.goto(demo_server + path)
        assert page.locator(BANNER).count() == 0
    page.wait_for_timeout(500)
    # Whatever the statistics script sets must be in the registry too.
    assert cookie_names(context) <= registry.names()


def test_without_javascript_the_form_records_the_choice(chromium, demo_server, demo_manage):
    context = chromium.new_context(java_script_enabled=False, locale="sv-SE")
    page = context.new_page()
    page.goto(demo_server + "/trygghet-och-sakerhet/trygghet/")
    page.get_by_role("button", name="Godkänn statistik").click()
    page.wait_for_load_state()
    # Back on the same page, which no longer asks.
    assert page.url == demo_server + "/trygghet-och-sakerhet/trygghet/"
    assert page.locator(BANNER).count() == 0
    value = consent_value(context)
    assert value.startswith("s.1.")
    assert records_for(demo_manage, value.split(".")[2])[0]["choices"]["statistics"] is True

    # The settings layer without JavaScript too: withdraw with one button.
    page.goto(demo_server + "/samtycke/?next=/trygghet-och-sakerhet/trygghet/")
    page.get_by_role("button", name="Endast nödvändiga").click()
    page.wait_for_load_state()
    assert "Ditt val är sparat." in page.locator("main").inner_text()
    assert consent_value(context).startswith("n.1.")
    assert [r["choices"]["statistics"] for r in records_for(demo_manage, value.split(".")[2])] == [
        True,
        False,
    ]
    context.close()


def test_the_banner_works_with_the_keyboard_alone(page, demo_server):
    page.goto(demo_server + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Godkänn statistik":
            break
    else:
        pytest.fail("Tab never reached the banner's first choice")
    assert page.evaluate(f"document.querySelector('{BANNER}').contains(document.activeElement)")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Endast nödvändiga"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Inställningar"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    page.locator("[data-consent-done]").wait_for(state="visible")
    assert page.evaluate("document.activeElement.hasAttribute('data-consent-done')")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Dölj meddelandet"
    assert page.locator(":focus").is_visible()
    page.keyboard.press("Enter")
    assert page.locator(BANNER).is_hidden()
    assert page.evaluate("document.activeElement.id") == "main"


def test_the_two_choices_look_the_same(page, demo_server):
    page.goto(demo_server + "/")
    style = """el => { const s = getComputedStyle(el), r = el.getBoundingClientRect();
        return [s.backgroundColor, s.color, s.fontSize, s.fontWeight, s.borderTopWidth,
                s.borderTopColor, s.paddingTop, Math.round(r.width), Math.round(r.height)]; }"""
    accept = page.get_by_role("button", name="Godkänn statistik").evaluate(style)
    decline = page.get_by_role("button", name="Endast nödvändiga").evaluate(style)
    assert accept == decline


def test_settings_from_the_footer_withdraw_with_one_button(page, context, demo_server):
    page.goto(demo_server + "/")
    page.get_by_role("button", name="Godkänn statistik").click()
    page.locator("[data-consent-done]").wait_for(state="visible")
    # Pretend the statistics script has set its visitor id.
    context.add_cookies([{"name": "kw_vid", "value": "x" * 22, "url": demo_server}])
    page.goto(demo_server + "/nyheter/")
    page.locator("footer").get_by_role("link", name="Cookieinställningar").click()
    page.wait_for_url("**/samtycke/**")
    assert "du har godkänt statistik" in page.locator("main").inner_text()
    assert page.get_by_role("checkbox", name="Statistik").is_checked()
    page.get_by_role("button", name="Endast nödvändiga").click()
    page.wait_for_url("**sparat=1**")
    assert consent_value(context).startswith("n.1.")
    assert "kw_vid" not in cookie_names(context)
    page.get_by_role("link", name="Tillbaka till sidan du kom från").click()
    page.wait_for_url(demo_server + "/nyheter/")


@pytest.mark.parametrize("path", ["/", "/samtycke/", "/om-webbkakor/"])
def test_no_axe_violations(page, demo_server, path):
    page.goto(demo_server + path)
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()


def test_no_axe_violations_after_choosing(page, demo_server):
    page.goto(demo_server + "/")
    page.get_by_role("button", name="Endast nödvändiga").click()
    page.locator("[data-consent-done]").wait_for(state="visible")
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()


def test_no_horizontal_scroll_at_320_px(chromium, demo_server):
    context = chromium.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    for path in ("/", "/samtycke/", "/om-webbkakor/"):
        page.goto(demo_server + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320 px"
    context.close()
