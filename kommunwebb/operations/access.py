"""gunicorn's access line, written for a fraction of what gunicorn's own formatting costs.

Both profiles log one line per request: time, request line without the query, status,
size and duration (``ACCESS_FORMAT``; no client address, no user agent). gunicorn builds
that line from a dictionary of every request and response header (its "atoms"), escapes
each value, and logs it through ``Logger.info``, which looks up its caller's frame; the
record is then scrubbed (logs.py) and written to the console and the day file. Under a
spike on the embedded profile that was about 90 µs of CPU per request, a quarter of what a
page-cache hit costs in Python (docs/performance.md, *The access line*).

``AccessLog.access`` writes the same line from the five values it holds: the time as
gunicorn prints it (formatted once a second), method and path with gunicorn's escaping
of quotes and the request's control characters escaped as well (a percent-encoded
newline in a path cannot start a forged line), and the record handed straight to the
handlers, already scrubbed, so each handler's ``ScrubFilter`` has nothing left to do.
Any other ``access_log_format`` is gunicorn's to format, as before.
"""

from __future__ import annotations

import logging
import time

from gunicorn.glogging import Logger

from .logs import scrub

ACCESS_FORMAT = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'


def _escaped(value: str) -> str:
    value = value.replace('"', '\\"')
    if value.isprintable():
        return value
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in value)


class AccessLog(Logger):
    _stamp_second = -1
    _stamp = ""

    def now(self) -> str:
        """``[01/Dec/2026:07:20:07 +0100]``, as gunicorn writes it, formatted once a second."""
        second = int(time.time())
        if second != self._stamp_second:
            self._stamp = time.strftime("[%d/%b/%Y:%H:%M:%S %z]", time.localtime(second))
            self._stamp_second = second
        return self._stamp

    def access(self, resp, req, environ, request_time):
        if self.cfg.access_log_format != ACCESS_FORMAT:
            return super().access(resp, req, environ, request_time)
        log = self.access_log
        if not self.access_log_enabled or not log.isEnabledFor(logging.INFO):
            return
        status = resp.status
        if isinstance(status, str):
            status = status.split(None, 1)[0]
        # The request line is the visitor's to choose; the rest of the line is ours.
        request = scrub(
            f"{_escaped(environ.get('REQUEST_METHOD') or '-')} "
            f"{_escaped(environ.get('PATH_INFO') or '-')}"
        )
        sent = getattr(resp, "sent", None)
        milliseconds = request_time.seconds * 1000 + request_time.microseconds // 1000
        line = f'{self.now()} "{request}" {status} {sent} {milliseconds}ms'
        record = log.makeRecord(log.name, logging.INFO, __file__, 0, line, None, None)
        # Scrubbed here, once: the handlers' ScrubFilter lets it through as it is.
        record.kw_scrubbed = True
        log.handle(record)
        return None
