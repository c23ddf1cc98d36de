"""'Var sidan till hjälp?' in real headless Chromium on the demo site: answering with and
without JavaScript, the comment, no cookie, and axe on every state."""

import json

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
SECTION = "[data-page-feedback]"
PAGE = "/trygghet-och-sakerhet/trygghet/stod-vid-akuta-handelser/"


def stored(demo_manage, page_slug: str) -> list[dict]:
    code = (
        "import json; from kommunwebb.feedback.models import PageFeedback as F; "
        f"rows = F.objects.filter(page__slug={page_slug!r}).order_by('-pk')[:1]; "
        "print(json.dumps([{'helpful': r.helpful, 'comment': r.comment} for r in rows]))"
    )
    return json.loads(demo_manage("shell", "-c", code).strip().splitlines()[-1])


def axe(page, selector="main"):
    results = Axe().run(page, options=WCAG_21_AA, context={"include": [[selector]]})
    assert results.violations_count == 0, results.generate_report()


def axe_at(chromium, url, selector="main"):
    """axe on the page at ``url`` as it is served: axe is a script, which a page without
    JavaScript cannot run (Playwright's evaluate then waits for ever)."""
    context = chromium.new_context(locale="sv-SE")
    page = context.new_page()
    page.goto(url)
    axe(page, selector)
    context.close()


def test_answering_in_place_with_javascript(chromium, demo_server, demo_manage):
    context = chromium.new_context(locale="sv-SE")
    page = context.new_page()
    page.goto(demo_server + PAGE + "#main")
    section = page.locator(SECTION)
    assert section.get_by_text("Var sidan till hjälp?").is_visible()
    axe(page, SECTION)
    section.get_by_role("button", name="Nej").click()
    status = section.locator("[data-feedback-status]")
    status.get_by_text("Tack för ditt svar!").wait_for()
    assert page.url.endswith(PAGE + "#main")  # still on the page
    comment = section.get_by_label("Vill du berätta mer? (frivilligt)")
    comment.fill("Numret till jouren syns inte, ring mig på 070-123 45 67.")
    axe(page, SECTION)
    section.get_by_role("button", name="Skicka kommentar").click()
    status.get_by_text("Vi läser alla svar").wait_for()
    assert stored(demo_manage, "stod-vid-akuta-handelser") == [
        {
            "helpful": False,
            "comment": "Numret till jouren syns inte, ring mig på [telefonnummer borttaget].",
        }
    ]
    assert context.cookies() == []
    context.close()


def test_answering_without_javascript(chromium, demo_server, demo_manage):
    context = chromium.new_context(locale="sv-SE", java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_server + "/om-webbplatsen/")
    page.locator(SECTION).get_by_role("button", name="Ja").click()
    page.wait_for_url("**/sidrespons/tack/**")
    assert page.locator("h1").inner_text() == "Tack för ditt svar"
    axe_at(chromium, page.url)
    page.get_by_label("Vill du berätta mer? (frivilligt)").fill("Tydlig sida.")
    page.get_by_role("button", name="Skicka kommentar").click()
    page.get_by_text("Vi läser alla svar").wait_for()
    axe_at(chromium, page.url)
    assert stored(demo_manage, "om-webbplatsen") == [{"helpful": True, "comment": "Tydlig sida."}]
    page.get_by_role("link", name="Tillbaka till ”Om webbplatsen”").click()
    page.wait_for_url("**/om-webbplatsen/")
    assert context.cookies() == []
    context.close()
