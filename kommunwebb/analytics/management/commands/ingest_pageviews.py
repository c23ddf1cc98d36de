"""Count the page views an HTTP cache answered itself (contract C3), in batches.

Under a crisis spike Varnish answers tens of thousands of page views a second. Reading them
one line at a time in Python would cost more CPU than Varnish spends answering them, on the
same cores. So the input is read in large blocks, identical lines are counted together by
``collections.Counter`` (in C), and the Python work (path to page, user agent to device
class, referrer to host) runs once per distinct line of a block, not once per view: a few
hundred distinct lines in a block of thousands of views. docs/performance.md, "Counting
the views Varnish answers", has the CPU per counted view before and after.
"""

import contextlib
import fcntl
import os
import re
import select
import stat
import sys
import time
from collections import Counter
from urllib.parse import unquote

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kommunwebb.analytics import pages
from kommunwebb.analytics.recording import flush, record_pageview
from kommunwebb.pagecache.varnish import log_records

# One record of `varnishlog -g raw -i VCL_Log` (services.hit_log_command): the transaction
# id, the tag, c(lient), then what the VCL logged: "kw", the path with its query, the
# referrer and the user agent, separated by tabs. Other "kw…" tags are what apps
# registered with pagecache.varnish.register_log_record (the search app's "kws").
# A line is counted without its transaction id first (all else is alike under a spike: a
# few distinct lines per block), and only each distinct one is matched: 0.3 µs a line
# instead of 1.4 for matching every line.
VARNISHLOG_RECORD = re.compile(rb"VCL_Log\s+c\s+(kw[a-z]*)\t(.*)")
TRANSACTION_ID = b" 0123456789"
BLOCK = 1 << 16
# A pipe's input is handed over at most this often, everything that arrived in between at
# once: the work per hand-over (the clock, the site's hosts, a page lookup per distinct
# line) then runs a few times a second, not once per 4 kB write of `varnishlog`.
HAND_OVER_SECONDS = 0.5
BATCH = 1 << 22


def blocks(stream):
    """What arrives on ``stream``, cut at a line's end: from a pipe, everything that came
    within HAND_OVER_SECONDS (at most 4 MB) at a time; otherwise 64 kB at a time."""
    binary = getattr(stream, "buffer", None)
    if binary is None:  # a text stream (tests)
        text = stream.read()
        if text:
            yield text.encode("utf-8", "surrogateescape")
        return
    try:
        fd = binary.fileno()
    except (AttributeError, OSError, ValueError):
        fd = None
    if fd is None or not stat.S_ISFIFO(os.fstat(fd).st_mode):
        yield from _cut(iter(lambda: binary.read1(BLOCK), b""))
        return
    with contextlib.suppress(AttributeError, OSError):
        # Room for a hand-over's worth of records while this process counts the last one.
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, 1 << 20)
    yield from _cut(_batches(fd))


def _batches(fd):
    chunks, size, started = [], 0, 0.0
    while True:
        if chunks:
            wait = started + HAND_OVER_SECONDS - time.monotonic()
            if size >= BATCH or wait <= 0 or not select.select([fd], [], [], wait)[0]:
                yield b"".join(chunks)
                chunks, size = [], 0
                continue
        data = os.read(fd, BATCH)
        if not data:
            if chunks:
                yield b"".join(chunks)
            return
        if not chunks:
            started = time.monotonic()
        chunks.append(data)
        size += len(data)


def varnishlog_records(block: bytes) -> Counter:
    """(tag, record) -> how often, of a block of `varnishlog -g raw` lines."""
    lines = Counter(line.lstrip(TRANSACTION_ID) for line in block.split(b"\n"))
    records = Counter()
    for line, times in lines.items():
        if match := VARNISHLOG_RECORD.fullmatch(line):
            records[match.groups()] += times
    return records


def _cut(pieces):
    rest = b""
    for data in pieces:
        data = rest + data
        cut = data.rfind(b"\n") + 1
        if cut:
            rest = data[cut:]
            yield data[:cut]
        else:
            rest = data
    if rest:
        yield rest


class Command(BaseCommand):
    help = (
        "Count page views served by the HTTP cache (contract C3). Reads lines of "
        "'path<TAB>referrer<TAB>user agent[<TAB>status]' from standard input (e.g. "
        "varnishncsa -F '%U\\t%{Referer}i\\t%{User-agent}i\\t%s'), or with --varnishlog the "
        "production profile's Varnish records (varnishlog -g raw -i VCL_Log). The user "
        "agent becomes a device class and is dropped; no client address is read."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hostname",
            help="the Wagtail site the paths belong to (default: the default site)",
        )
        parser.add_argument(
            "--varnishlog",
            action="store_true",
            help="the input is `varnishlog -g raw -i VCL_Log` with the VCL's kw records",
        )

    def handle(self, *args, **options):
        site = None
        if options["hostname"]:
            from wagtail.models import Site

            site = Site.objects.filter(hostname=options["hostname"]).first()
            if site is None:
                raise CommandError(f"No site with the host name {options['hostname']!r}.")
        self.site, self.counted, self.ignored = site, 0, 0
        self.others, counted_others = log_records(), Counter()
        for block in blocks(sys.stdin):
            if options["varnishlog"]:
                lines = self.hand_over(varnishlog_records(block), counted_others)
            else:
                lines = Counter(block.splitlines())
            lines.pop(b"", None)
            self.count(lines, split=2 if options["varnishlog"] else -1)
        flush()
        for _count, flush_other in self.others.values():
            if flush_other is not None:
                flush_other()
        others = "".join(
            f"; counted {n} {tag} records" for tag, n in sorted(counted_others.items())
        )
        self.stdout.write(
            f"Counted {self.counted} page views; ignored {self.ignored} lines{others}."
        )

    def hand_over(self, records: Counter, counted: Counter) -> Counter:
        """The page views ("kw") of a block, to count here; the records of each other tag an
        app registered go to it, a block at a time (``pagecache.varnish.log_records``)."""
        views, others = Counter(), {}
        for (tag, line), times in records.items():
            if tag == b"kw":
                views[line] += times
            else:
                others.setdefault(tag.decode(), Counter())[line] += times
        for tag, lines in others.items():
            handled = self.others[tag][0](lines) if tag in self.others else 0
            counted[tag] += handled
            self.ignored += lines.total() - handled
        return views

    def count(self, lines: Counter, split: int):
        """Count each distinct line as often as it came. ``split=2``: the last field (the
        user agent, from the VCL) is whatever follows the second tab."""
        now, hosts = timezone.now(), pages.own_hosts()
        for line, views in lines.items():
            fields = line.decode("utf-8", "replace").rstrip("\r").split("\t", split)
            if len(fields) < 3 or (len(fields) > 3 and fields[3].strip() not in ("", "200")):
                self.ignored += views
                continue
            path, referrer, user_agent = (
                "" if value.strip() == "-" else value.strip() for value in fields[:3]
            )
            path = unquote(path.split("?", 1)[0])
            if record_pageview(
                path, referrer, user_agent, now, site=self.site, own_hosts=hosts, views=views
            ):
                self.counted += views
            else:
                self.ignored += views
