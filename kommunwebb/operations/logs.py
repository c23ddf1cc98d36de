"""Logs without IP addresses or user agents, one file per day, purged by the retention engine.

This module imports nothing from Django at load time so that gunicorn's configuration
(``deploy/gunicorn.conf.py``) can use it before Django is set up.

* :class:`ScrubFilter` rewrites every record that passes a handler: IPv4 and IPv6
  addresses become ``[ip]`` and user-agent strings ``[user-agent]``, in the message, its
  arguments and any traceback. The formats already leave addresses out (gunicorn's access
  line has no ``%(h)s``/``%(a)s``); this is the defense in depth for messages that quote a
  request (gunicorn's "Invalid request from ip=…", a traceback quoting ``REMOTE_ADDR``).
* :class:`DailyFileHandler` writes to ``<dir>/<name>-YYYY-MM-DD.log`` (local date) and
  starts a new file when the date changes. Nothing is renamed, so several processes
  (gunicorn workers, the task worker) can append to the same day's file safely, which
  ``TimedRotatingFileHandler`` cannot do.
* :func:`purge_log_files` deletes the day files not written since the cutoff; it is
  registered as the kind ``logs.application``.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

IP_PLACEHOLDER = "[ip]"
USER_AGENT_PLACEHOLDER = "[user-agent]"

_IPV4 = re.compile(
    r"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?![\w])"
)
# An IPv4-mapped IPv6 address (::ffff:192.0.2.1) is one address, replaced as one.
_IPV4_MAPPED = re.compile(r"(?i)(?<![\w:])::ffff:" + _IPV4.pattern.removeprefix(r"(?<![\w.])"))
_H = r"[0-9A-Fa-f]{1,4}"
# Full form (eight groups), or any compressed form containing "::"; clock times such as
# 12:30:45 have neither, so they survive.
_IPV6 = re.compile(
    rf"(?<![\w:])(?:(?:{_H}:){{7}}{_H}|(?:{_H}(?::{_H}){{0,6}})?::(?:{_H}(?::{_H}){{0,6}})?)"
    r"(?:%[\w.]+)?(?!\w)(?!:[0-9A-Fa-f])"
)
# A header or environ key followed by its value: HTTP_USER_AGENT': '…', User-Agent: …
_UA_FIELD = re.compile(
    r"""(?i)((?:http_)?user[-_]agent['"]?\s*[:=]\s*)(?:'[^'\n]*'|"[^"\n]*"|[^\n]*)"""
)
# A bare user-agent string: product/version followed by comments and more products.
_UA_PRODUCTS = (
    r"Mozilla|Opera|AppleWebKit|Chrome|HeadlessChrome|Safari|Firefox|Gecko|Edg|OPR|"
    r"Version|Mobile|curl|Wget|python-requests|python-urllib|Python-urllib|aiohttp|httpx|"
    r"Go-http-client|okhttp|Dalvik|Java|Apache-HttpClient|libwww-perl|PostmanRuntime|"
    r"Googlebot|bingbot|Bingbot|YandexBot|DuckDuckBot|Baiduspider|facebookexternalhit|"
    r"Twitterbot|Slackbot|WhatsApp|axios|node-fetch|undici|Playwright"
)
_UA_STRING = re.compile(
    rf"(?<![\w/])(?:{_UA_PRODUCTS})/[^\s\"']+(?:\s+(?:\([^)\n]*\)|[\w.+-]+/[^\s\"']+|like Gecko))*"
)


def scrub(text: str) -> str:
    """Replace IP addresses and user-agent strings in ``text``."""
    if not text:
        return text
    # Each expression runs only when the text has what any match of it needs (a field
    # name with "agent", a slash, three dots, "::" or seven colons): most lines have
    # none of it, and the five expressions cost 25 µs over an access line.
    if "agent" in text.lower():
        text = _UA_FIELD.sub(lambda m: m.group(1) + USER_AGENT_PLACEHOLDER, text)
    if "/" in text:
        text = _UA_STRING.sub(USER_AGENT_PLACEHOLDER, text)
    if text.count(".") >= 3:
        if "::" in text:
            text = _IPV4_MAPPED.sub(IP_PLACEHOLDER, text)
        text = _IPV4.sub(IP_PLACEHOLDER, text)
    if "::" in text or text.count(":") >= 7:
        text = _IPV6.sub(IP_PLACEHOLDER, text)
    return text


class ScrubFilter(logging.Filter):
    """Attach to every handler: strips IP addresses and user agents from each record."""

    def filter(self, record: logging.LogRecord) -> bool:
        # Every handler has this filter and each record reaches several (gunicorn's access
        # line goes to stdout and the day file): scrubbed once, the record stays so, and
        # five regular expressions per line per handler were a sixth of a page-cache hit.
        if getattr(record, "kw_scrubbed", False):
            return True
        record.kw_scrubbed = True
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep the template, drop the arguments
            message = str(record.msg)
        record.msg = scrub(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
            # The formatter would otherwise render exc_info again, unscrubbed, if it
            # ever cleared exc_text; exc_text alone is enough to print the traceback.
            record.exc_info = None
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        # django.request attaches the request; no formatter of ours prints it, but a
        # handler added later (e.g. AdminEmailHandler) would.
        if hasattr(record, "request"):
            record.request = None
        return True


def scrub_every_handler() -> int:
    """Give every handler of every configured logger a :class:`ScrubFilter`.

    ``LOGGING`` puts the filter on our own handlers, but Django attaches its default ones
    (the ``django`` logger's console handler under DEBUG, ``mail_admins``) before reading
    ``LOGGING``; this covers them too. Idempotent; returns how many handlers it added to.
    """
    loggers = [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]
    added = 0
    for logger in loggers:
        for handler in getattr(logger, "handlers", []):
            if not any(isinstance(f, ScrubFilter) for f in handler.filters):
                handler.addFilter(ScrubFilter())
                added += 1
    return added


DAY_FILE = re.compile(r"^(?P<name>.+)-(?P<date>\d{4}-\d{2}-\d{2})\.log$")


class DailyFileHandler(logging.StreamHandler):
    """Append to ``<directory>/<name>-YYYY-MM-DD.log``, a new file each local day."""

    def __init__(self, directory: str | os.PathLike, name: str = "kommunwebb", encoding="utf-8"):
        super().__init__(stream=None)
        self.directory = Path(directory)
        self.basename = name
        self.encoding = encoding
        self._date: str | None = None
        self.stream = None

    def path_for(self, date: str) -> Path:
        return self.directory / f"{self.basename}-{date}.log"

    def _open_for_today(self) -> None:
        today = time.strftime("%Y-%m-%d")
        if today == self._date and self.stream is not None:
            return
        if self.stream is not None:
            self.stream.close()
        self.directory.mkdir(parents=True, exist_ok=True)
        self.stream = open(self.path_for(today), "a", encoding=self.encoding)  # noqa: SIM115
        self._date = today

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.acquire()
            try:
                self._open_for_today()
            finally:
                self.release()
            super().emit(record)
        except Exception:
            self.handleError(record)

    def close(self) -> None:
        self.acquire()
        try:
            if self.stream is not None:
                self.stream.close()
                self.stream = None
        finally:
            self.release()
        super().close()


def default_log_dir() -> Path | None:
    """Where the embedded profile writes its log files, or None when logs go to stdout only.

    ``KOMMUNWEBB_LOG_DIR`` wins; otherwise the embedded profile (``kommunwebb.settings.dev``,
    the default settings) logs to ``$KOMMUNWEBB_VAR_DIR/log`` (``var/log``).
    """
    if os.environ.get("KOMMUNWEBB_LOG_DIR"):
        return Path(os.environ["KOMMUNWEBB_LOG_DIR"])
    settings_module = os.environ.get("DJANGO_SETTINGS_MODULE", "kommunwebb.settings.dev")
    if settings_module != "kommunwebb.settings.dev":
        return None
    var_dir = os.environ.get("KOMMUNWEBB_VAR_DIR") or Path(__file__).resolve().parents[2] / "var"
    return Path(var_dir) / "log"


def gunicorn_logconfig(log_dir: Path | None, access_format: str | None = None) -> dict:
    """A ``logconfig_dict`` for gunicorn: stdout/stderr as before, plus day files, scrubbed."""
    handlers = {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "access",
            "stream": "ext://sys.stdout",
            "filters": ["scrub"],
        },
        "error_console": {
            "class": "logging.StreamHandler",
            "formatter": "generic",
            "stream": "ext://sys.stderr",
            "filters": ["scrub"],
        },
    }
    access, error = ["console"], ["error_console"]
    if log_dir is not None:
        handlers["access_file"] = {
            "()": "kommunwebb.operations.logs.DailyFileHandler",
            "directory": str(log_dir),
            "name": "access",
            "formatter": "access",
            "filters": ["scrub"],
        }
        handlers["error_file"] = {
            "()": "kommunwebb.operations.logs.DailyFileHandler",
            "directory": str(log_dir),
            "name": "server",
            "formatter": "generic",
            "filters": ["scrub"],
        }
        access.append("access_file")
        error.append("error_file")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"scrub": {"()": "kommunwebb.operations.logs.ScrubFilter"}},
        "formatters": {
            "generic": {
                "format": "%(asctime)s [%(process)d] [%(levelname)s] %(message)s",
                "datefmt": "[%Y-%m-%d %H:%M:%S %z]",
            },
            # gunicorn formats the access line itself (access_log_format); add the date.
            "access": {"format": "%(message)s"},
        },
        "handlers": handlers,
        "root": {"level": "INFO", "handlers": ["error_console"]},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": error, "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": access, "propagate": False},
        },
    }


def with_log_files(config: dict, log_dir: Path, name: str = "kommunwebb") -> dict:
    """``config`` (a Django ``LOGGING`` dict) plus a scrubbed day-file handler on the root."""
    import copy

    config = copy.deepcopy(config)
    config.setdefault("filters", {})["scrub"] = {"()": "kommunwebb.operations.logs.ScrubFilter"}
    config["handlers"]["file"] = {
        "()": "kommunwebb.operations.logs.DailyFileHandler",
        "directory": str(log_dir),
        "name": name,
        "formatter": next(iter(config.get("formatters", {})), None),
        "filters": ["scrub"],
    }
    root = config.setdefault("root", {"handlers": []})
    if "file" not in root["handlers"]:
        root["handlers"] = [*root["handlers"], "file"]
    return config


def log_files(directory: Path) -> list[Path]:
    """The day files in ``directory`` (``<name>-YYYY-MM-DD.log``), oldest name first."""
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.is_file() and DAY_FILE.match(p.name))


def expired_log_files(directory: Path, cutoff: datetime) -> list[Path]:
    """Day files whose last line was written before ``cutoff`` (their modification time)."""
    limit = cutoff.timestamp()
    return [p for p in log_files(directory) if p.stat().st_mtime < limit]


def purge_log_files(directory: Path, cutoff: datetime, batch_size: int) -> Iterator[int]:
    """Delete expired day files, ``batch_size`` at a time; yield the number deleted."""
    files = expired_log_files(directory, cutoff)
    for start in range(0, len(files), batch_size):
        deleted = 0
        for path in files[start : start + batch_size]:
            try:
                path.unlink()
                deleted += 1
            except FileNotFoundError:  # another purge got there first
                pass
        yield deleted
