"""The demo's pages in English, Finnish and Arabic in headless Chromium: lang, dir, the
language list, a mirrored layout without sideways scrolling, axe, and Lyssna with and
without a voice for the page's language (speechSynthesis stubbed in the page)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import totp

pytestmark = pytest.mark.browser

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

SUPPORT = {
    "en": "/en/trygghet-och-sakerhet/trygghet/support-after-a-serious-event/",
    "fi": "/fi/trygghet-och-sakerhet/trygghet/tukea-vakavan-tapahtuman-jalkeen/",
    "ar": "/ar/trygghet-och-sakerhet/trygghet/support-ar/",
}
PAGES = [
    ("en", "ltr", SUPPORT["en"]),
    ("fi", "ltr", SUPPORT["fi"]),
    ("ar", "rtl", SUPPORT["ar"]),
    ("en", "ltr", "/en/contact-us/"),
    ("fi", "ltr", "/fi/ota-yhteytta/"),
    ("ar", "rtl", "/ar/contact-ar/"),
    ("en", "ltr", "/en/about-the-website/"),
    ("fi", "ltr", "/fi/tietoa-verkkosivustosta/"),
    ("ar", "rtl", "/ar/about-ar/"),
    ("ar", "rtl", "/ar/"),
    ("fi", "ltr", "/fi/"),
    ("sv", "ltr", "/andra-sprak/"),
    ("sv", "ltr", "/lattlast/"),
    ("sv", "ltr", "/lattlast/luften-i-sundhamn-blir-renare/"),
]


@pytest.mark.parametrize(("code", "direction", "path"), PAGES)
def test_page_has_its_language_and_direction_and_no_axe_violations(
    browser_page, demo_server, code, direction, path
):
    response = browser_page.goto(demo_server + path)
    assert response.status == 200
    html = browser_page.locator("html")
    assert html.get_attribute("lang") == code
    assert html.get_attribute("dir") == direction
    assert browser_page.locator("h1").count() == 1
    results = Axe().run(browser_page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()


def test_language_list_names_each_language_in_itself(browser_page, demo_server):
    browser_page.goto(demo_server + "/kontakta-oss/")
    links = browser_page.locator(".language-list a")
    found = [
        (links.nth(i).get_attribute("lang"), links.nth(i).inner_text())
        for i in range(links.count())
    ]
    assert found == [("sv", "Svenska"), ("en", "English"), ("fi", "Suomi"), ("ar", "العربية")]
    hreflangs = browser_page.locator('head link[rel="alternate"][hreflang]')
    assert {hreflangs.nth(i).get_attribute("hreflang") for i in range(hreflangs.count())} == {
        "sv",
        "en",
        "fi",
        "ar",
        "x-default",
    }
    links.nth(3).click()
    browser_page.wait_for_url("**/ar/contact-ar/")
    assert browser_page.locator("html").get_attribute("dir") == "rtl"


@pytest.mark.parametrize("width", [1366, 390])
def test_arabic_layout_is_mirrored_without_sideways_scroll(chromium, demo_server, width):
    context = chromium.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(demo_server + SUPPORT["ar"])
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    # The heading starts at the right: its right edge is where the text column ends.
    # The heading's text starts at the right edge of its column (its line box, not the
    # block, which is as wide as the column either way).
    left, right = page.locator("main h1").evaluate(
        "e => { const r = document.createRange(); r.selectNodeContents(e);"
        " const b = r.getBoundingClientRect(); return [b.left, b.right]; }"
    )
    column = page.locator("main .page-header").bounding_box()
    assert abs(right - (column["x"] + column["width"])) < 3
    if width > 1000:
        assert left > column["x"] + 100  # a short heading, so the left side stays empty
    if width > 1000:
        # The municipality's name on the right, search and the page's tools on the left.
        brand = page.locator(".brand").bounding_box()
        search = page.locator(".site-header form").first.bounding_box()
        assert brand["x"] > search["x"]
        languages = page.locator(".language-list").bounding_box()
        tools = page.locator(".language-bar__tools").bounding_box()
        assert languages["x"] > tools["x"]
    # Phone numbers stay left to right inside the Arabic text.
    phone = page.locator('footer a[href^="tel:"]').first
    assert phone.evaluate("e => getComputedStyle(e).direction") == "ltr"
    context.close()


# A stand-in for the browser's speech synthesis that records what the page asks of it.
SPEECH_STUB = """
(() => {
  const voices = %s;
  const calls = [];
  window.__speech = calls;
  const synth = {
    speaking: false,
    getVoices: () => voices,
    speak: (u) => { calls.push(["speak", u.text, u.lang]); },
    pause: () => { calls.push(["pause"]); },
    resume: () => { calls.push(["resume"]); },
    cancel: () => { calls.push(["cancel"]); },
    addEventListener: () => {},
  };
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  // The real utterance accepts only the browser's own voice objects.
  window.SpeechSynthesisUtterance = class {
    constructor(text) { this.text = text; this.lang = ""; this.voice = null; }
  };
})();
"""


def listen_page(chromium, voices: str):
    context = chromium.new_context()
    context.add_init_script(SPEECH_STUB % voices)
    return context, context.new_page()


def test_listen_reads_the_main_content_with_pause_and_stop(chromium, demo_server):
    context, page = listen_page(chromium, '[{"lang": "ar-SA", "name": "Test"}]')
    page.goto(demo_server + SUPPORT["ar"])
    play = page.locator("[data-listen-play]")
    assert play.is_visible()
    assert play.inner_text() == "استمع"
    play.focus()
    page.keyboard.press("Enter")
    spoken = page.evaluate("window.__speech.filter(c => c[0] === 'speak')")
    texts = [call[1] for call in spoken]
    assert texts[0] == page.locator("main h1").inner_text()
    assert all(call[2] == "ar-SA" for call in spoken)
    # Main content only: not the header, the language bar or the feedback question.
    joined = " ".join(texts)
    assert "هل كانت الصفحة مفيدة" not in joined
    assert "Svenska" not in joined
    pause = page.locator("[data-listen-pause]")
    assert page.evaluate("document.activeElement.hasAttribute('data-listen-pause')")
    pause.click()
    assert pause.inner_text() == "متابعة"
    assert pause.get_attribute("aria-pressed") == "true"
    assert page.locator("[data-listen-status]").inner_text() == "القراءة متوقفة مؤقتاً."
    pause.click()
    page.keyboard.press("Escape")
    calls = [call[0] for call in page.evaluate("window.__speech")]
    assert calls[-3:] == ["pause", "resume", "cancel"]
    assert play.is_visible()
    assert page.locator("[data-listen-stop]").is_hidden()
    assert page.locator("[data-listen-status]").inner_text() == "توقفت القراءة."
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()
    context.close()


@pytest.mark.parametrize("voices", ['[{"lang": "en-US", "name": "English"}]', "[]"])
def test_listen_is_not_offered_without_a_voice_for_the_language(chromium, demo_server, voices):
    context, page = listen_page(chromium, voices)
    page.goto(demo_server + SUPPORT["ar"])
    page.wait_for_load_state("load")
    assert page.locator("[data-listen]").is_hidden()
    assert page.locator("[data-listen-play]").is_hidden()
    context.close()


def test_listen_is_not_offered_without_speech_synthesis(chromium, demo_server):
    context = chromium.new_context()
    context.add_init_script('Object.defineProperty(window, "speechSynthesis", {value: undefined});')
    page = context.new_page()
    page.goto(demo_server + SUPPORT["fi"])
    page.wait_for_load_state("load")
    assert page.locator("[data-listen]").is_hidden()
    context.close()


PASSWORD = "oversattare-losen-12"
TOTP_KEY = "3132333435363738393031323334353637383930"


@pytest.fixture(scope="module")
def cookies_page_id(demo_server, demo_manage):
    return (
        demo_manage(
            "shell",
            "-c",
            "from django.contrib.auth.models import User; from wagtail.models import Page;"
            "u, _ = User.objects.get_or_create(username='oversattare');"
            "u.is_superuser = u.is_staff = True;"
            f"u.set_password('{PASSWORD}'); u.save();"
            # Superusers log in with a second factor (kommunwebb/security/twofactor.py).
            "from django_otp.plugins.otp_totp.models import TOTPDevice;"
            "TOTPDevice.objects.get_or_create("
            f"user=u, name='app', key='{TOTP_KEY}', confirmed=True);"
            "print(Page.objects.get(slug='om-webbkakor', locale__language_code='sv').pk)",
        )
        .strip()
        .splitlines()[-1]
    )


def test_an_editor_translates_a_page_side_by_side(chromium, demo_server, cookies_page_id):
    """wagtail-localize's own editor on Wagtail 8: "Översätt" on a Swedish page opens the
    translation beside the Swedish text."""
    context = chromium.new_context(locale="sv-SE")
    page = context.new_page()
    page.goto(demo_server + "/admin/login/")
    page.fill("#id_username", "oversattare")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/tvastegs/verifiera/**")
    page.fill("#id_code", f"{totp(bytes.fromhex(TOTP_KEY)):06d}")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    page.goto(f"{demo_server}/admin/localize/submit/page/{cookies_page_id}/")
    page.locator('[name="locales"]').first.wait_for(state="attached")
    page.get_by_label("Suomi").check()
    page.locator("input[type=submit]").click()
    page.wait_for_url("**/admin/pages/*/edit/")
    editor = page.locator(".js-translation-editor")
    editor.wait_for()
    # The Swedish source, string by string, beside the place for the Finnish.
    page.get_by_text("Vad är en webbkaka?").first.wait_for()
    assert page.locator("html").get_attribute("lang") == "sv"
    context.close()
