"""Page owners and review dates as an editor meets them, on the demo site with its real
task worker: the weekly reminder in the outbox, the report, the dashboard panel and
"Markera som granskad"."""

import time
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from kommunwebb.conftest import DEMO_ENV
from kommunwebb.demo import content
from kommunwebb.forms.outbox import read_outbox

pytestmark = pytest.mark.browser

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PASSWORD = "granskning-losenord-1"


def outbox() -> Path:
    return Path(DEMO_ENV["KOMMUNWEBB_VAR_DIR"]) / "outbox"


def reminders():
    directory = outbox()
    if not directory.exists():
        return []
    return [m for m in read_outbox(directory) if "att granska på" in str(m["Subject"])]


def test_the_weekly_reminder_goes_out_through_the_real_worker(demo_server, demo_manage):
    # The demo's "Om webbplatsen" is overdue and "Kontakta kommunen" due within the month;
    # both belong to Kommunikationsavdelningen, whose mailbox is the web team's.
    demo_manage(
        "shell",
        "-c",
        "from kommunwebb.operations.schedule import run_recurring;"
        "run_recurring.enqueue('review.weekly_digest')",
    )
    deadline = time.monotonic() + 60
    while not reminders():
        assert time.monotonic() < deadline, "no reminder reached the outbox"
        time.sleep(0.3)
    (message,) = reminders()
    assert message["To"] == content.WEB_EMAIL
    assert message["Subject"] == "2 sidor att granska på Sundhamns kommun"
    body = message.get_content()
    assert "Skulle redan ha granskats:" in body
    assert "– Om webbplatsen, granska senast" in body
    assert "Ska granskas inom 30 dagar:" in body
    assert "– Kontakta kommunen, granska senast" in body
    assert "/admin/granskning/" in body
    # The outbox row the worker sent, and the week marked as done: a second run sends nothing.
    state = demo_manage(
        "shell",
        "-c",
        "from kommunwebb.outbox.models import Email;"
        "sent = Email.objects.filter(purpose='review.digest');"
        "print(list(sent.values_list('state', flat=True)))",
    )
    assert state.strip() == "['delivered']"
    demo_manage(
        "shell",
        "-c",
        "from kommunwebb.review.digest import weekly_digest; print(weekly_digest())",
    )
    time.sleep(1)
    assert len(reminders()) == 1


@pytest.fixture(scope="module")
def editor(demo_server, demo_manage):
    demo_manage(
        "shell",
        "-c",
        "from django.contrib.auth.models import User;"
        "u, _ = User.objects.get_or_create(username='granskare', "
        "defaults={'first_name': 'Greta', 'last_name': 'Granskare'});"
        "u.is_superuser = u.is_staff = True;"
        f"u.set_password('{PASSWORD}');"
        "u.save()",
    )
    return "granskare"


@pytest.fixture
def admin_page(chromium, demo_server, editor, admin_login):
    context = chromium.new_context(locale="sv-SE", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    admin_login(page, editor, PASSWORD)
    yield page
    context.close()


def test_an_editor_finds_the_overdue_page_and_marks_it_reviewed(admin_page, demo_server):
    page = admin_page
    panel = page.locator("#pages-to-review-section")
    assert "1 sida skulle redan ha granskats" in panel.inner_text()

    page.goto(demo_server + "/admin/granskning/")
    assert page.locator("h1").inner_text().strip() == "Sidor att granska"
    rows = page.locator("main table tbody tr")
    # text_content: the words as written; the badge is shown in capitals by CSS.
    first = rows.first.text_content()
    assert "Om webbplatsen" in first and "Försenad" in first
    assert "Kommunikationsavdelningen" in first
    results = Axe().run(page, options=WCAG_21_AA, context={"include": [["main"]]})
    assert results.violations_count == 0, results.generate_report()

    # The page's edit view warns and links to its owner and review date.
    rows.first.get_by_role("link", name="Om webbplatsen").click()
    page.wait_for_url("**/edit/")
    assert page.get_by_text("Sidan skulle ha granskats senast").is_visible()
    edit_url = page.url
    page_id = edit_url.rstrip("/").split("/")[-2]
    page.goto(f"{demo_server}/admin/granskning/sida/{page_id}/")
    assert page.locator("h1").inner_text().strip().startswith("Sidansvar och granskning")
    results = Axe().run(page, options=WCAG_21_AA, context={"include": [["main"]]})
    assert results.violations_count == 0, results.generate_report()
    page.get_by_role("button", name="Markera som granskad").click()
    page.wait_for_url(edit_url)
    assert page.get_by_text("är markerad som granskad").is_visible()

    page.goto(demo_server + "/admin/granskning/")
    assert "Om webbplatsen" not in page.locator("main").inner_text()


def test_visitors_see_the_responsible_unit(browser_page, demo_server):
    browser_page.goto(demo_server + "/om-webbplatsen/")
    line = browser_page.locator(".page-updated").inner_text()
    assert "Senast uppdaterad" in line
    assert "Ansvarig: Kommunikationsavdelningen" in line
