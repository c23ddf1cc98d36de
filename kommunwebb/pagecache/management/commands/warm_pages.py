import time

from django.core.management.base import BaseCommand

from kommunwebb.pagecache import varnish
from kommunwebb.pagecache.conf import setting


class Command(BaseCommand):
    help = (
        "Fetch PAGECACHE_WARM_PATHS (the crisis-support page) through Varnish in every "
        "consent variant, once or every --every seconds, so they are always in the cache."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="Paths to warm instead of the setting.")
        parser.add_argument("--every", type=float, default=0, help="Repeat every N seconds.")

    def handle(self, *args, paths, every, **options):
        if not setting("VARNISH_URL"):
            self.stderr.write("PAGECACHE_VARNISH_URL is not set; nothing to warm.")
            return
        while True:
            for path, status in varnish.warm(paths or None).items():
                if options["verbosity"] > 1 or status != 200:
                    self.stdout.write(f"{status} {path}")
            if not every:
                return
            time.sleep(every)
