"""Static copies of what residents need when the site itself is down (issue 13, part 8).

After every invalidation of the page cache (every publish, alert change, crisis mode on or
off) the crisis page, the home page (with the crisis overview while crisis mode is on), the
list of current alerts and each current alert's page are rendered as an anonymous visitor
sees them and written under ``KOMMUNWEBB_FALLBACK_DIR`` (``var/fallback/``), each file by a
temporary file and a rename, so a reader never sees half a page.

Who serves them:
- the embedded profile: ``FallbackMiddleware`` below answers these addresses from the files
  when the page cannot be rendered (the database unreachable or unreadable), and, once that
  has happened, straight from the files for a few seconds (``DatabaseBreaker``);
- the production profile: Varnish, when neither the app nor a cached copy answers
  (deploy/varnish/default.vcl.in, vcl_backend_error, and the fallback file server beside it).
"""

import logging
import os
import re
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.db import DatabaseError
from django.http import HttpResponse
from django.urls import reverse, set_urlconf
from django.utils import timezone, translation

from kommunwebb.pagecache.varnish import public_host

from .models import Alert

logger = logging.getLogger(__name__)

# Addresses kept as files, and nothing else (no "..", no query).
_SAFE_PATH = re.compile(r"^/(?:[a-z0-9-]+/)*$")
HEADER = "X-KW-Fallback"


def directory() -> Path | None:
    """Where the copies live; None switches them off (the test settings)."""
    configured = getattr(settings, "KOMMUNWEBB_FALLBACK_DIR", None)
    return Path(configured) if configured else None


def fallback_paths() -> list[str]:
    """The crisis page, the home page, the current alerts and each one's own page."""
    alerts = Alert.objects.active(timezone.now()).order_by("pk")
    return [
        reverse("crisis_page"),
        "/",
        reverse("alert_list"),
        *(alert.get_absolute_url() for alert in alerts),
    ]


def file_for(root: Path, path: str) -> Path | None:
    """``/kris/`` -> ``root/kris/index.html``; None for an address not kept as a file."""
    if not _SAFE_PATH.match(path):
        return None
    return (
        root.joinpath(*path.strip("/").split("/"), "index.html")
        if path != "/"
        else (root / "index.html")
    )


def _render(handler: WSGIHandler, path: str) -> bytes | None:
    """The page as an anonymous visitor gets it, through every middleware; None unless 200.
    ``get_response`` rather than the handler itself: no request_finished signal, which
    would close the caller's database connection."""
    host = public_host() or "localhost"
    name, _, port = host.partition(":")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": name,
        "SERVER_PORT": port or "80",
        "HTTP_HOST": host,
        "HTTP_USER_AGENT": "Kommunwebb-fallback/1.0 (bot)",
        "wsgi.url_scheme": urlsplit(getattr(settings, "WAGTAILADMIN_BASE_URL", "")).scheme
        or "http",
        "wsgi.input": open(os.devnull, "rb"),  # noqa: SIM115 - closed with the request
        "wsgi.errors": open(os.devnull, "w"),  # noqa: SIM115
        "SERVER_PROTOCOL": "HTTP/1.1",
    }
    try:
        # Inside an editor's request (a publish): the visitor's render must not leave its
        # language or URLconf behind in this thread.
        with translation.override(translation.get_language()):
            response = handler.get_response(WSGIRequest(environ))
        set_urlconf(None)
    finally:
        environ["wsgi.input"].close()
        environ["wsgi.errors"].close()
    # Not response.close(): it sends request_finished too.
    if response.status_code != 200 or response.streaming:
        return None
    return response.content


def write_atomically(target: Path, content: bytes):
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.chmod(temporary, 0o644)  # read by Varnish's own user (production profile)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _static_files_collected() -> bool:
    """False while a manifest storage (the embedded and production profiles') has no
    manifest: pages cannot be rendered until collectstatic has run."""
    from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage

    if not isinstance(staticfiles_storage, ManifestFilesMixin):
        return True
    # Read when the process started; collectstatic may have run since (`make run`).
    # load_manifest() answers (paths, manifest hash).
    return bool(staticfiles_storage.hashed_files or staticfiles_storage.load_manifest()[0])


def write_fallback_files() -> list[str]:
    """Render and write every copy; remove the copies of alerts no longer current.
    Returns the addresses written. Nothing happens when the directory is not configured."""
    root = directory()
    if root is None:
        return []
    if not _static_files_collected():
        # Every page would fail on its first {% static %} (a traceback per page in the log):
        # the installation has not run collectstatic yet, which `make run` does next.
        logger.warning("fallback: no copies written before the static files are collected")
        return []
    handler = WSGIHandler()
    written, kept = [], set()
    for path in fallback_paths():
        target = file_for(root, path)
        content = _render(handler, path) if target is not None else None
        if content is None:
            logger.warning("fallback: %s did not render; the previous copy stays", path)
            if target is not None:
                kept.add(target)
            continue
        write_atomically(target, content)
        kept.add(target)
        written.append(path)
    # An alert taken down must not come back when the site is down.
    alerts_dir = root / reverse("alert_list").strip("/")
    for stale in alerts_dir.glob("*/index.html"):
        if stale not in kept:
            stale.unlink(missing_ok=True)
    return written


def read_fallback(path: str) -> bytes | None:
    root = directory()
    target = file_for(root, path) if root is not None else None
    try:
        return target.read_bytes() if target is not None else None
    except OSError:
        return None


def fallback_response(path: str) -> HttpResponse | None:
    content = read_fallback(path)
    if content is None:
        return None
    response = HttpResponse(content, content_type="text/html; charset=utf-8")
    # A copy of the last publish, for as long as the site is down: never kept by anyone.
    response[HEADER] = "1"
    response["Cache-Control"] = "no-store"
    return response


def note_database_failure(sender, request=None, **kwargs):
    """``got_request_exception``: Django sends it for an exception anywhere in the stack
    (a view, a middleware) before turning it into an error page; remember whether it was
    the database, for FallbackMiddleware."""
    import sys

    if request is not None and isinstance(sys.exc_info()[1], DatabaseError):
        request._fallback_database_failed = True


class DatabaseBreaker:
    """A circuit breaker in front of the database for the addresses that have copies.

    Without it, every request for the crisis page with the database down first tries the
    database, fails (an exception, a traceback in the log) and only then gets its copy:
    some 40 requests a second on the embedded profile. Once a copy has had to be served,
    the breaker is open: for ``KOMMUNWEBB_FALLBACK_BREAKER_SECONDS`` those addresses are
    answered from their copies without trying. After that, one request at a time probes
    the database by rendering as usual; its success closes the breaker, its failure opens
    it again. Only a copy served trips it, so an error on any other page (or in a form's
    POST) changes nothing, and other pages keep trying the database and answering the
    Swedish 503. Per process (and
    shared by its threads): each gunicorn worker finds out for itself, at the cost of one
    failed request."""

    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self._open_until = None
        self._probe = threading.Lock()

    @property
    def is_open(self) -> bool:
        return self._open_until is not None

    def trip(self):
        seconds = getattr(settings, "KOMMUNWEBB_FALLBACK_BREAKER_SECONDS", 5)
        self._open_until = self.clock() + seconds

    def close(self):
        self._open_until = None

    def try_probe(self) -> bool:
        """Whether this request, for an address with a copy while the breaker is open, may
        try the database as the one probe (then ``done_probing`` must follow)."""
        open_until = self._open_until
        if open_until is None or self.clock() < open_until:
            return False
        return self._probe.acquire(blocking=False)

    def done_probing(self):
        self._probe.release()


breaker = DatabaseBreaker()


class FallbackMiddleware:
    """The embedded profile's last line: when the crisis page, the home page or an alert's
    page cannot be rendered because the database is unreachable (or its file unreadable),
    answer with the copy written at the last publish instead of an error page; then, for a
    few seconds, answer those addresses from their copies at once (``DatabaseBreaker``).
    Placed just outside the page cache: while the database answers, a cached copy still
    wins, and a failure inside the cache's own lookup is caught too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        probing = False
        if breaker.is_open:
            fallback = fallback_response(request.path_info)
            # An address without a copy tries the database like any other page.
            if fallback is not None:
                probing = breaker.try_probe()
                if not probing:
                    return fallback
        try:
            response = self.get_response(request)
            if response.status_code >= 500 and getattr(request, "_fallback_database_failed", False):
                fallback = fallback_response(request.path_info)
                if fallback is not None:
                    if not breaker.is_open or probing:
                        logger.warning(
                            "fallback: the database failed; %s and the other copies are "
                            "served from the files",
                            request.path_info,
                        )
                    breaker.trip()
                    return fallback
            elif probing and response.status_code < 500:
                logger.warning("fallback: the database answers again")
                breaker.close()
            return response
        finally:
            if probing:
                breaker.done_probing()
