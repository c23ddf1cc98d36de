"""Requests with a bad Host header, logged once per window at WARNING, without a traceback.

Any scanner on the internet sends them; Django logs each one at ERROR with a traceback, and
``django.request`` adds a "Bad Request" line, so a scan flooded the logs (and buried real
errors). The first one in a window is logged as a warning with how many followed it; the
others are only counted. Imported by the settings' LOGGING: nothing from Django here.
"""

from __future__ import annotations

import logging
import threading
import time

DEFAULT_WINDOW = 300.0  # seconds


class BadHostFilter(logging.Filter):
    """For the logger ``django.security.DisallowedHost``."""

    def __init__(self, window: float = DEFAULT_WINDOW):
        super().__init__()
        self.window = float(window)
        self._lock = threading.Lock()
        self.reset()

    def reset(self):
        self._last = -self.window
        self._suppressed = 0

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if request is not None:
            # django.request's "Bad Request" line for the same request is dropped.
            request._kommunwebb_bad_host = True
        now = time.monotonic()
        with self._lock:
            if now - self._last < self.window:
                self._suppressed += 1
                return False
            self._last, suppressed, self._suppressed = now, self._suppressed, 0
        message = record.getMessage()
        if suppressed:
            message += f" ({suppressed} more since the last such line)"
        record.msg, record.args = message, ()
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info = record.exc_text = record.stack_info = None
        return True


class NotBadHostFilter(logging.Filter):
    """For ``django.request``: the requests BadHostFilter has seen are not logged again."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        return not getattr(request, "_kommunwebb_bad_host", False)
