"""Two things gunicorn has no setting for, applied by deploy/gunicorn.conf.py.

* No ``Server: gunicorn`` header: what runs the site is nobody's business.
* Requests gunicorn refuses itself, before Django sees them (a request line over
  ``limit_request_line``, headers too large), get the Swedish error page instead of its
  bare English "URI Too Long".

Both replace a module attribute of gunicorn's at start; nothing else of it changes.
"""

from __future__ import annotations

import textwrap

# gunicorn's own refusals and the page each one gets.
_PAGE_FOR = {400: 400, 403: 403, 414: 414, 431: 400}


def hide_server_header():
    from gunicorn.http import wsgi

    if getattr(wsgi.Response, "_kommunwebb_no_server", False):
        return
    default_headers = wsgi.Response.default_headers

    def without_server(self):
        return [line for line in default_headers(self) if not line.startswith("Server:")]

    wsgi.Response.default_headers = without_server
    wsgi.Response._kommunwebb_no_server = True


def swedish_error_pages():
    from gunicorn import util

    if getattr(util.write_error, "_kommunwebb", False):
        return
    write_error = util.write_error

    def write_swedish_error(sock, status_int, reason, mesg):
        page = _PAGE_FOR.get(status_int)
        body = _render(page) if page else None
        if body is None:
            return write_error(sock, status_int, reason, mesg)
        data = body.encode("utf-8")
        head = textwrap.dedent(f"""\
            HTTP/1.1 {status_int} {reason}\r
            Connection: close\r
            Content-Type: text/html; charset=utf-8\r
            Cache-Control: no-store\r
            Content-Length: {len(data)}\r
            \r
            """).encode("latin-1")
        util.write_nonblock(sock, head + data)

    write_swedish_error._kommunwebb = True
    util.write_error = write_swedish_error


def _render(status: int) -> str | None:
    try:
        from kommunwebb.security.errors import render_error

        return render_error(status)
    except Exception:  # noqa: BLE001 - Django not loaded yet: gunicorn's own page
        return None
