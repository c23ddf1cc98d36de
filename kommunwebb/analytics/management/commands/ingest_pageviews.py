import sys
from urllib.parse import unquote

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kommunwebb.analytics import pages
from kommunwebb.analytics.recording import flush, record_pageview


class Command(BaseCommand):
    help = (
        "Count page views served by the HTTP cache (contract C3). Reads lines of "
        "'path<TAB>referrer<TAB>user agent' from standard input, e.g. from varnishncsa "
        "-F '%U\\t%{Referer}i\\t%{User-agent}i' limited to GET requests answered 200. The user "
        "agent becomes a device class and is dropped; no client address is read."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hostname",
            help="the Wagtail site the paths belong to (default: the default site)",
        )

    def handle(self, *args, **options):
        site = None
        if options["hostname"]:
            from wagtail.models import Site

            site = Site.objects.filter(hostname=options["hostname"]).first()
            if site is None:
                raise CommandError(f"No site with the host name {options['hostname']!r}.")
        hosts = pages.own_hosts()
        counted = ignored = 0
        for line in sys.stdin:
            fields = line.rstrip("\r\n").split("\t")
            if len(fields) < 3 or (len(fields) > 3 and fields[3].strip() not in ("", "200")):
                ignored += 1
                continue
            path, referrer, user_agent = (
                "" if value.strip() == "-" else value.strip() for value in fields[:3]
            )
            if record_pageview(
                unquote(path), referrer, user_agent, timezone.now(), site=site, own_hosts=hosts
            ):
                counted += 1
            else:
                ignored += 1
        flush()
        self.stdout.write(f"Counted {counted} page views; ignored {ignored} lines.")
