"""The production profile's edge (deploy/varnish/default.vcl.in) in front of a backend that
echoes what it was sent: the keyed client hash instead of an address, X-Forwarded-Proto only
from the TLS terminator and the scheme in the cache key, PURGE with a secret and an ACL, the
Swedish 414 and 503 pages, and no user agent or referrer on disk.

Clients on 127.0.0.2 and 127.0.0.3 stand for two visitors (all of 127.0.0.0/8 is this
machine). Skips locally without Varnish; in CI (which installs it) a skip fails."""

import http.client
import json
import os
import subprocess
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from kommunwebb.conftest import need
from kommunwebb.testing import services

PURGE_SECRET = "edge-purge-secret-1234"  # noqa: S105 - the test's own
TERMINATOR = "127.0.0.5"
USER_AGENT = "Mozilla/5.0 (X11; Kommunwebb-edge-test-7f3a) Gecko/20100101 Firefox/140.0"
REFERRER = "https://example.se/hemlig-sida-7f3a?namn=anna"


class Echo(BaseHTTPRequestHandler):
    """Answers every request with the headers it got, as JSON, cacheable for a minute."""

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        body = json.dumps({k.lower(): v for k, v in self.headers.items()}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Cache-Control", "public, max-age=60, s-maxage=60")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_HEAD = _answer

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def edge():
    need(services.varnish_available(), "Varnish is not installed (apt-get install varnish)")
    root = Path(tempfile.mkdtemp(prefix="kommunwebb-edge-test-"))
    services.reachable_dir(root)
    backend = ThreadingHTTPServer(("127.0.0.1", services.free_port()), Echo)
    thread = threading.Thread(target=backend.serve_forever, daemon=True)
    thread.start()
    errors = root / "errors"
    errors.mkdir()
    for status, text in ((414, "Adressen är för lång"), (503, "tillfälligt otillgänglig")):
        (errors / f"{status}.html").write_text(f"<h1>{text}</h1>")
    port = services.free_port()
    services.start_varnish(
        root / "varnish",
        port,
        backend.server_address[1],
        storage="malloc,32m",
        purge_secret=PURGE_SECRET,
        client_secret="edge-client-secret-1234",
        error_pages=errors,
        tls_terminators=[TERMINATOR],
    )
    state = {"root": root, "port": port, "backend": backend}
    try:
        yield state
    finally:
        services.stop_varnish(root / "varnish")
        if state["backend"] is not None:
            backend.shutdown()
        import shutil

        shutil.rmtree(root, ignore_errors=True)


def request(edge, path, *, method="GET", source="127.0.0.2", headers=None, body=None):
    connection = http.client.HTTPConnection(
        "127.0.0.1", edge["port"], timeout=20, source_address=(source, 0)
    )
    try:
        connection.request(
            method, path, body=body, headers={"Host": "kommun.example", **(headers or {})}
        )
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        connection.close()


def sent(edge, path, **kwargs) -> dict:
    status, _, body = request(edge, path, **kwargs)
    assert status == 200, body
    return json.loads(body)


def test_the_app_gets_a_keyed_hash_of_each_visitor_never_the_address(edge):
    anna = sent(edge, "/samtycke/", method="POST", source="127.0.0.2", body=b"x=1")
    anna_again = sent(edge, "/sok/?q=simhall", source="127.0.0.2")
    bertil = sent(edge, "/samtycke/", method="POST", source="127.0.0.3", body=b"x=1")
    assert len(anna["x-kw-client"]) == 64
    assert anna["x-kw-client"] == anna_again["x-kw-client"]
    assert anna["x-kw-client"] != bertil["x-kw-client"]
    for headers in (anna, bertil):
        assert "x-forwarded-for" not in headers
        assert "127.0.0.2" not in json.dumps(headers) and "127.0.0.3" not in json.dumps(headers)


def test_a_search_reaches_the_app_with_the_visitors_key_only_when_not_cached(edge):
    """Varnish keeps the search page like a page, so a repeated search never reaches the
    app; one it has no copy of does, with the visitor's keyed hash (the app's per-visitor
    search limit counts what reaches it), in every language."""
    status, headers, body = request(edge, "/sok/?q=badhus&utm_source=x", source="127.0.0.2")
    assert (status, headers["X-Cache"]) == (200, "miss")
    anna = json.loads(body)
    anna_posting = sent(edge, "/samtycke/", method="POST", source="127.0.0.2", body=b"x=1")
    bertil = sent(edge, "/en/sok/?q=badhus", source="127.0.0.3")
    assert anna["x-kw-client"] == anna_posting["x-kw-client"]
    assert bertil["x-kw-client"] != anna["x-kw-client"] and len(bertil["x-kw-client"]) == 64
    # Varnish's own markers stay at the edge (the consent state is for the app).
    assert {name for name in anna if name.startswith("x-kw-")} == {"x-kw-client", "x-kw-consent"}
    status, headers, body = request(edge, "/sok/?utm_medium=y&q=badhus", source="127.0.0.3")
    assert (status, headers["X-Cache"]) == (200, "hit")
    assert json.loads(body) == anna  # Varnish answered; the app saw nothing of Bertil
    # An editor's search and the search box's suggestions still go to the app every time.
    editor = {"Cookie": "sessionid=abc"}
    assert request(edge, "/sok/?q=badhus", headers=editor)[1]["X-Cache"] == "miss"
    for _ in range(2):
        assert request(edge, "/sok/forslag/?q=ba")[1]["X-Cache"] == "miss"


def test_a_client_cannot_choose_its_own_key(edge):
    forged = sent(edge, "/samtycke/", method="POST", body=b"x=1", headers={"X-KW-Client": "f" * 64})
    assert forged["x-kw-client"] != "f" * 64


def test_https_is_believed_only_from_the_tls_terminator_and_keys_the_cache(edge):
    claimed = sent(edge, "/sida-a/", headers={"X-Forwarded-Proto": "https"})
    assert "x-forwarded-proto" not in claimed
    terminated = sent(edge, "/sida-a/", source=TERMINATOR, headers={"X-Forwarded-Proto": "https"})
    assert terminated["x-forwarded-proto"] == "https"
    # Two copies, one per scheme: the plain one never answers an https request or back.
    assert terminated != claimed
    assert sent(edge, "/sida-a/") == claimed


def test_purge_needs_the_secret_and_a_purger_address(edge):
    purge = {"X-Xkey-Purge": "kw-all"}
    assert request(edge, "/", method="PURGE", source="127.0.0.1", headers=purge)[0] == 403
    with_secret = {**purge, "X-KW-Purge-Secret": PURGE_SECRET}
    assert request(edge, "/", method="PURGE", source="127.0.0.2", headers=with_secret)[0] == 403
    assert request(edge, "/", method="PURGE", source="127.0.0.1", headers=with_secret)[0] == 200


def test_long_addresses_get_the_swedish_414_page(edge):
    status, headers, body = request(edge, "/sok/?q=" + "a" * 5000)
    assert status == 414
    assert "Adressen är för lång" in body
    assert headers["Content-Type"].startswith("text/html")


def test_no_user_agent_or_referrer_is_written_to_any_file(edge):
    for _ in range(3):
        request(edge, "/sida-b/", headers={"User-Agent": USER_AGENT, "Referer": REFERRER})
    subprocess.run(["sync"], check=False)
    name = services.varnish_name(edge["root"] / "varnish")
    mounts = Path("/proc/mounts").read_text().split("\n")
    assert any(line.split()[1:3] == ["/dev/shm", "tmpfs"] for line in mounts if line.strip())
    assert str(name).startswith("/dev/shm/")
    for directory, _dirs, files in os.walk(edge["root"]):
        for file in files:
            data = (Path(directory) / file).read_bytes()
            assert b"7f3a" not in data, file


def test_with_the_backend_down_an_uncached_page_is_the_swedish_503(edge):
    """Last: it stops the backend."""
    edge["backend"].shutdown()
    edge["backend"].server_close()
    edge["backend"] = None
    status, headers, body = request(edge, "/aldrig-hamtad/")
    assert status == 503
    assert "tillfälligt otillgänglig" in body
    assert headers["Retry-After"] == "30"
    # What was cached before is still served.
    assert request(edge, "/sida-b/")[0] == 200
