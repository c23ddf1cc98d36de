"""The VMA import, against a local server answering with recorded Sveriges Radio JSON and
CAP 1.2 XML (tests/fixtures), and hostile answers. Never the outside network."""

import contextlib
import json
import threading
import time
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup

from kommunwebb.alerts import vma
from kommunwebb.alerts.models import Alert, AlertLevel, VmaSource

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
AT = datetime(2026, 11, 30, 9, 20, tzinfo=ZoneInfo("Europe/Stockholm"))


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.routes: dict[str, tuple[bytes, str]] = {}
        self.requests: list[tuple[str, str]] = []  # (path, If-None-Match)

    def url(self, path):
        host, port = self.server_address[:2]
        return f"http://{host}:{port}{path}"

    def serve(self, path, fixture=None, body=None, content_type="application/json"):
        self.routes[path] = (
            body if body is not None else (FIXTURES / fixture).read_bytes(),
            content_type,
        )
        return self.url(path)


class Handler(BaseHTTPRequestHandler):
    server: Server

    def log_message(self, *args):
        pass

    def do_GET(self):
        etag_asked = self.headers.get("If-None-Match", "")
        self.server.requests.append((self.path, etag_asked))
        if self.path == "/langsam":
            time.sleep(2)
        if self.path == "/fel":
            self.send_response(503)
            self.end_headers()
            return
        body, content_type = self.server.routes.get(self.path, (b"", "text/plain"))
        etag = f'"{hash(body) & 0xFFFFFFFF:x}"'
        if etag_asked == etag:
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        # The importer stops reading a too large answer.
        with contextlib.suppress(BrokenPipeError):
            self.wfile.write(body)


@pytest.fixture
def server():
    server = Server()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def uppsala(settings):
    settings.KOMMUNWEBB_VMA = {
        "MUNICIPALITY_CODE": "0380",
        "COUNTY_CODE": "03",
        "SOURCES": [],
        "TIMEOUT": 0.5,
        "MAX_BYTES": 200_000,
    }


@pytest.fixture
def at_the_time_of_the_fixture():
    """The clock at the fixture's VMA (it expires 21.15 the same day): without it the tests
    that show or poll it failed once that evening had passed."""
    with time_machine.travel(AT, tick=True):
        yield


@pytest.mark.usefixtures("at_the_time_of_the_fixture")
def test_a_vma_for_the_municipality_becomes_the_top_alert(server, client, home):
    url = server.serve("/api/v2/alerts", "sr_vma.json")
    assert vma.poll_source(url, AT) == 1  # Borås's is not ours
    alert = Alert.objects.get()
    assert alert.live and alert.level == AlertLevel.VMA
    assert alert.sender == "Sveriges Radio"
    assert alert.title == "Viktigt meddelande till allmänheten (VMA)"
    assert "Boländerna" in alert.message and "heavy smoke" in alert.message_en
    assert alert.external_url == "https://sverigesradio.se/artikel/vma-vad-ar-det"
    assert alert.expire_at == datetime(2026, 11, 30, 21, 15, tzinfo=ZoneInfo("Europe/Stockholm"))

    page = BeautifulSoup(client.get(home.url).content, "html.parser")
    top = page.select_one("[data-alerts] .alert")
    assert "alert--vma" in top["class"]
    assert "Sveriges Radio" in top.select_one(".alert__meta").get_text()
    detail = client.get(alert.get_absolute_url()).content.decode()
    assert "In English" in detail and "sverigesradio.se/artikel" in detail


def test_a_county_message_in_cap_xml_is_kept(server):
    url = server.serve("/cap.xml", "cap_county.xml", content_type="application/xml")
    assert vma.poll_source(url, AT) == 1
    assert Alert.objects.get().title == "Gasutsläpp vid Fyrisån"


def test_update_replaces_and_cancel_takes_down(server, client, home):
    vma.poll_source(server.serve("/a", "sr_vma.json"), AT)
    alert = Alert.objects.get()
    vma.poll_source(server.serve("/b", "sr_vma_update.json"), AT)
    alert.refresh_from_db()
    assert Alert.objects.count() == 1
    assert alert.message.startswith("Uppdatering: Branden")
    assert len(alert.updates()) == 2
    vma.poll_source(server.serve("/c", "sr_vma_cancel.json"), AT)
    alert.refresh_from_db()
    assert not alert.live
    assert "Boländerna" not in client.get(home.url).content.decode()


def test_polling_again_changes_nothing_and_asks_with_the_etag(server):
    url = server.serve("/api/v2/alerts", "sr_vma.json")
    vma.poll_source(url, AT)
    assert vma.poll_source(url, AT + timedelta(minutes=1)) == 0
    assert server.requests[-1][1] == VmaSource.objects.get(url=url).etag != ""
    assert Alert.objects.count() == 1


def test_an_exercise_is_shown_to_editors_only(server, client, home):
    vma.poll_source(server.serve("/ovning", "cap_exercise.xml", content_type="text/xml"), AT)
    alert = Alert.objects.get()
    assert not alert.live
    assert alert.title.startswith("[Exercise]")
    assert "Övning" not in client.get(home.url).content.decode()


def test_an_expired_message_is_not_shown(server):
    vma.poll_source(server.serve("/a", "sr_vma.json"), AT + timedelta(hours=13))
    assert not Alert.objects.filter(live=True).exists()


@pytest.mark.parametrize(
    "fixture, body, reason",
    [
        ("billion_laughs.xml", None, "SourceError: not CAP XML: DTDForbidden"),
        ("xxe.xml", None, "SourceError: not CAP XML: DTDForbidden"),
        (None, b'{"alerts": [' * 10_000, "SourceError: not JSON"),
        (None, b"<alert><unclosed>", "SourceError: not CAP XML: ParseError"),
        (None, b"\x00\xff\xfe garbage", "SourceError: not CAP XML: ParseError"),
        (None, json.dumps({"alerts": "nej"}).encode(), "SourceError: JSON without messages"),
        (None, b"[" * 60_000 + b"]" * 60_000, "SourceError: not JSON"),
        (None, b"x" * 300_000, "SourceError: too large"),
    ],
    ids=[
        "billion-laughs",
        "xxe",
        "unfinished-json",
        "broken-xml",
        "binary",
        "wrong-shape",
        "deep",
        "huge",
    ],
)
def test_hostile_answers_are_refused_without_failing(server, fixture, body, reason):
    url = server.serve("/ond", fixture, body=body, content_type="application/octet-stream")
    assert vma.poll_source(url, AT) == 0
    source = VmaSource.objects.get(url=url)
    assert source.failures == 1
    assert source.last_error.startswith(reason)
    assert not Alert.objects.exists()


def test_malformed_messages_are_skipped_and_good_ones_kept(server):
    good = json.loads((FIXTURES / "sr_vma.json").read_text())["alerts"][0]
    bad = [
        {"info": []},
        {"identifier": "X", "info": 5},
        "text",
        {"identifier": "Y", "sent": "igår", "info": [{"area": "x"}]},
    ]
    url = server.serve("/blandat", body=json.dumps({"alerts": [*bad, good]}).encode())
    assert vma.poll_source(url, AT) == 1
    assert Alert.objects.get().external_id == good["identifier"]


def test_timeouts_and_errors_back_off(server):
    slow = server.url("/langsam")
    assert vma.poll_source(slow, AT) == 0
    source = VmaSource.objects.get(url=slow)
    assert source.next_attempt_at == AT + timedelta(minutes=1)
    failing = server.url("/fel")
    for minute in range(3):
        vma.poll_source(failing, AT + timedelta(hours=minute * 2))
    source = VmaSource.objects.get(url=failing)
    assert source.failures == 3
    assert source.next_attempt_at == AT + timedelta(hours=4, minutes=4)
    asked = len(server.requests)
    vma.poll_source(failing, AT + timedelta(hours=4, minutes=3))  # still waiting
    assert len(server.requests) == asked


@pytest.mark.usefixtures("at_the_time_of_the_fixture")
def test_the_job_polls_every_configured_source(server, settings):
    settings.KOMMUNWEBB_VMA = {
        **settings.KOMMUNWEBB_VMA,
        "SOURCES": [server.serve("/a", "sr_vma.json")],
    }
    from kommunwebb.operations.schedule import get_job

    assert get_job("alerts.vma").every == timedelta(minutes=1)
    vma.poll()
    assert Alert.objects.filter(live=True).count() == 1
