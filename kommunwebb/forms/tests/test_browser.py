"""The demo's forms in headless Chromium against the site as `make run` serves it (gunicorn
and the task worker): with JavaScript on and off, bad input gives an error summary, good
input a receipt, and the e-mail arrives in the outbox. A visitor's address is kept nowhere.
"""

import http.client
import os
import re
import time
import urllib.parse
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from kommunwebb.conftest import DEMO_ENV
from kommunwebb.forms.outbox import read_outbox

pytestmark = pytest.mark.browser

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
REFERENCE = re.compile(r"KW-\d{4}-[0-9A-HJKMNP-TV-Z]{5}")
# Just over the forms' minimum fill time (3 s in the embedded profile's settings).
HUMAN_PAUSE_MS = 3300


def var_dir() -> Path:
    return Path(DEMO_ENV["KOMMUNWEBB_VAR_DIR"])


def wait_for_email(reference: str, timeout: float = 90):
    """The message about ``reference`` in the demo server's outbox, once the worker sent it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        directory = var_dir() / "outbox"
        if directory.is_dir():
            found = [m for m in read_outbox(directory) if reference in m["Subject"]]
            if found:
                return found
        time.sleep(0.3)
    log = (var_dir() / "worker.log").read_text()[-2000:]
    raise AssertionError(f"no e-mail about {reference} within {timeout} s; worker: {log}")


def assert_accessible(page, javascript=True):
    if not javascript:
        return  # axe is a script: the JavaScript-on run checks the same server-made HTML
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()


def submit(page):
    page.wait_for_timeout(HUMAN_PAUSE_MS)
    with page.expect_response(lambda r: r.request.method == "POST") as response:
        page.get_by_role("button", name="Skicka").click()
    page.wait_for_load_state()
    return response.value


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript-on", "javascript-off"])
def test_contact_form_from_error_summary_to_receipt_and_email(chromium, demo_server, javascript):
    context = chromium.new_context(
        locale="sv-SE", timezone_id="Europe/Stockholm", java_script_enabled=javascript
    )
    page = context.new_page()
    page.goto(demo_server + "/kontakt/")
    assert page.locator("h1").inner_text() == "Kontakta kommunen"
    notice = page.locator("aside .privacy-notice")
    assert "Hur länge vi sparar dem" in notice.inner_text()
    assert_accessible(page, javascript)

    # Bad input: no question, an e-mail address without a domain, nothing chosen.
    page.get_by_label("Ditt namn").fill("Anna Andersson")
    page.get_by_label("E-postadress").fill("anna.andersson")
    response = submit(page)
    assert response.status == 422
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert page.title().startswith("Fel:")
    # Focused on load, so a screen reader starts there (autofocus, or the script).
    assert page.locator(".error-summary:focus").count() == 1
    links = summary.locator("a")
    assert links.count() == 3
    assert "Skriv e-postadressen i ”E-postadress” som namn@exempel.se." in summary.inner_text()
    for index in range(links.count()):
        target = links.nth(index).get_attribute("href")
        assert page.locator(target).count() == 1
    email = page.get_by_label("E-postadress")
    assert email.get_attribute("aria-invalid") == "true"
    assert "id_e_postadress_error" in email.get_attribute("aria-describedby")
    assert email.input_value() == "anna.andersson"  # kept for correcting
    if javascript:
        links.filter(has_text="E-postadress").click()
        assert page.evaluate("document.activeElement.id") == "id_e_postadress"
    assert_accessible(page, javascript)

    # Corrected.
    email.fill("anna.andersson@example.se")
    page.get_by_label("Vad gäller frågan?").select_option("Trafik och gator")
    page.get_by_label("Din fråga").fill("När plogas Hamngatan efter snöfall?")
    response = submit(page)
    assert response.status == 303
    assert "/kontakt/kvitto/" in page.url
    reference = page.locator("[data-reference]").inner_text()
    assert REFERENCE.fullmatch(reference)
    assert "Tack!" in page.locator("h1").inner_text()
    assert_accessible(page, javascript)
    context.close()

    (message,) = wait_for_email(reference)
    assert message["To"] == "kontaktcenter@sundhamn.example"
    assert message["Reply-To"] == "anna.andersson@example.se"
    assert "När plogas Hamngatan efter snöfall?" in message.get_content()


def test_feedback_form_keeps_no_trace_of_the_visitors_address(demo_server):
    """Sent from 127.0.0.78 (a loopback address of its own): afterwards no file of the
    installation – database, its journal, logs, outbox – contains that address."""
    address = ".".join(["127", "0", "0", str(78)])
    started = time.time()
    host, port = urllib.parse.urlsplit(demo_server).netloc.split(":")

    def request(method, path, body=None, headers=None):
        connection = http.client.HTTPConnection(
            host, int(port), timeout=30, source_address=(address, 0)
        )
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read().decode()
        connection.close()
        return response, data

    response, html = request("GET", "/synpunkter/")
    assert response.status == 200
    cookie = "; ".join(
        header.split(";", 1)[0]
        for header in response.msg.get_all("Set-Cookie")
        if header.startswith("csrftoken=")
    )
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))
    time.sleep(HUMAN_PAUSE_MS / 1000)
    body = urllib.parse.urlencode(
        {
            **fields,
            "din_synpunkt": "Kontrasten på knapparna i kalendern är för svag.",
            "synpunkten_galler_tillgangligheten": "on",
            "e_postadress": "bo@example.se",
        }
    )
    response, _ = request(
        "POST",
        "/synpunkter/",
        body,
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie,
            "Referer": demo_server + "/synpunkter/",
            "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) KommunwebbTest/78.0",
        },
    )
    assert response.status == 303, _
    response, receipt = request("GET", response.getheader("Location"))
    reference = REFERENCE.search(receipt).group(0)
    request("GET", "/finns-inte/")  # a 404 is logged too
    wait_for_email(reference)

    needles = [address.encode(), b"KommunwebbTest/78.0"]
    offenders = []
    for directory, _dirs, files in os.walk(var_dir()):
        for name in files:
            path = Path(directory) / name
            data = path.read_bytes()
            offenders += [f"{path}: {needle!r}" for needle in needles if needle in data]
    # Nothing under the project itself was written during the test either.
    root = Path(__file__).resolve().parents[3]
    for directory, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in {".venv", ".git", "node_modules"}]
        for name in files:
            path = Path(directory) / name
            if path.stat().st_mtime >= started:
                data = path.read_bytes()
                offenders += [f"{path}: {needle!r}" for needle in needles if needle in data]
    assert offenders == []
