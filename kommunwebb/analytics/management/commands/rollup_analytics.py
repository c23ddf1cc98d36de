from django.core.management.base import BaseCommand
from django.utils import timezone

from kommunwebb.analytics import rollup


class Command(BaseCommand):
    help = (
        "Roll raw statistics up into the daily aggregates the dashboard reads (every day "
        "not yet final, today included). With --purge also delete raw events older than "
        "ANALYTICS_RAW_RETENTION_DAYS and aggregates older than "
        "ANALYTICS_AGGREGATE_RETENTION_MONTHS (manage.py purge_expired does the same)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--purge", action="store_true")

    def handle(self, *args, **options):
        days = rollup.rollup()
        self.stdout.write(f"Rolled up {len(days)} day(s).")
        if options["purge"]:
            now = timezone.now()
            raw = sum(rollup.purge_raw(now - rollup.raw_retention()))
            aggregates = sum(rollup.purge_aggregates(now - rollup.aggregate_retention()))
            self.stdout.write(f"Deleted {raw} raw rows and {aggregates} aggregate rows.")
