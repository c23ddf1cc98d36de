"""A local web server for the link check's tests: every answer a linked site can give, on
127.0.0.1, with a TLS twin whose certificate nobody trusts. No outside network."""

import shutil
import socket
import ssl
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kommunwebb.conftest import need


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, host: str = "127.0.0.1"):
        super().__init__((host, 0), Handler)
        self.lock = threading.Lock()
        self.active = 0
        self.most_at_once = 0
        self.requests: list[tuple[str, str]] = []  # (path, user agent)
        self.delay = 0.0

    @property
    def base(self) -> str:
        scheme = "https" if isinstance(self.socket, ssl.SSLSocket) else "http"
        host, port = self.server_address[:2]
        return f"{scheme}://{host}:{port}"


class Handler(BaseHTTPRequestHandler):
    server: Server

    def log_message(self, *args):
        pass  # tests must not print

    def answer(self, status: int, headers: dict | None = None, body: bytes = b"ok"):
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        server = self.server
        with server.lock:
            server.active += 1
            server.most_at_once = max(server.most_at_once, server.active)
            server.requests.append((self.path, self.headers.get("User-Agent", "")))
        try:
            if server.delay:
                time.sleep(server.delay)
            self.route()
        finally:
            with server.lock:
                server.active -= 1

    def route(self):
        path = self.path.split("?")[0]
        routes = {
            "/ok": (200, {}),
            "/flyttad": (301, {"Location": "/mellan"}),
            "/mellan": (308, {"Location": "/ok"}),
            "/tillfalligt": (302, {"Location": "/ok"}),
            "/saknas": (404, {}),
            "/borta": (410, {}),
            "/inloggning": (403, {}),
            "/serverfel": (503, {}),
            "/vanta": (429, {"Retry-After": "7200"}),
            "/slinga": (301, {"Location": "/slinga"}),
        }
        if path == "/langsam":
            time.sleep(3)
            return self.answer(200)
        status, headers = routes.get(path, (404, {}))
        self.answer(status, headers)


def _serve(server):
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return thread


@pytest.fixture
def web():
    server = Server()
    _serve(server)
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def self_signed(tmp_path_factory):
    need(shutil.which("openssl") is not None, "openssl is not installed")
    directory = tmp_path_factory.mktemp("tls")
    key, cert = directory / "key.pem", directory / "cert.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture
def tls_web(self_signed):
    cert, key = self_signed
    server = Server()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    _serve(server)
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def refused() -> str:
    """An address where nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


@pytest.fixture
def linkcheck_settings(settings):
    settings.LINKCHECK_ALLOW_INTERNAL_ADDRESSES = True  # the test server is on loopback
    settings.LINKCHECK_TIMEOUT = (1.0, 1.0)
    settings.LINKCHECK_HOST_PAUSE_SECONDS = 0
    settings.WAGTAIL_SITE_NAME = "Sundhamns kommun"
    # The site's own host: the test server on 127.0.0.1 is another site.
    settings.WAGTAILADMIN_BASE_URL = "https://www.sundhamn.example"
    return settings
