"""Count the page views an HTTP cache answered itself (contract C3), in batches.

Under a crisis spike Varnish answers tens of thousands of page views a second. Reading them
one line at a time in Python would cost more CPU than Varnish spends answering them, on the
same cores. So the input is read in large blocks, identical lines are counted together by
``collections.Counter`` (in C), and the Python work (path to page, user agent to device
class, referrer to host) runs once per distinct line of a block, not once per view: a few
hundred distinct lines in a block of thousands of views. docs/performance.md, "Counting
the views Varnish answers", has the CPU per counted view before and after.
"""

import re
import sys
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
VARNISHLOG_RECORD = re.compile(rb"^\s*\d+\s+VCL_Log\s+c\s+(kw[a-z]*)\t([^\n]*)$", re.M)
BLOCK = 1 << 16


def blocks(stream):
    """Whatever is waiting on ``stream``, at most 64 kB at a time, cut at a line's end."""
    binary = getattr(stream, "buffer", None)
    if binary is None:  # a text stream (tests)
        text = stream.read()
        if text:
            yield text.encode("utf-8", "surrogateescape")
        return
    rest = b""
    while True:
        data = binary.read1(BLOCK)
        if not data:
            if rest:
                yield rest
            return
        data = rest + data
        cut = data.rfind(b"\n") + 1
        if cut:
            rest = data[cut:]
            yield data[:cut]
        else:
            rest = data


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
                lines = self.hand_over(Counter(VARNISHLOG_RECORD.findall(block)), counted_others)
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
