import sys
import time

from django.core.management.base import BaseCommand, CommandError

from kommunwebb.core import dates
from kommunwebb.retention import engine, registry
from kommunwebb.retention.purging import DEFAULT_BATCH_SIZE


def _when(moment) -> str:
    return dates.numeric_datetime(moment, seconds=True)


def _days(period) -> str:
    days = period.total_seconds() / 86400
    return f"{days:g} days"


class Command(BaseCommand):
    help = (
        "Delete every kind of personal data older than its retention period, in batches, "
        "and record the counts per kind in the purge audit log."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show what would be deleted; delete nothing and write no audit row.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=DEFAULT_BATCH_SIZE,
            help=f"Rows deleted per short transaction (default {DEFAULT_BATCH_SIZE}).",
        )
        parser.add_argument(
            "--kind",
            action="append",
            dest="kinds",
            metavar="KIND",
            help="Purge only this kind (repeatable). Default: every registered kind.",
        )

    def handle(self, *args, dry_run, batch_size, kinds, verbosity, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        self.verbosity = verbosity
        self._last_shown = 0.0
        self._live = sys.stdout.isatty() and self.stdout._out is sys.stdout
        started = time.monotonic()
        try:
            results = engine.purge_expired(
                kinds=kinds, batch_size=batch_size, dry_run=dry_run, progress=self._progress
            )
        except KeyError as exc:
            known = ", ".join(k.kind for k in registry.kinds())
            raise CommandError(f"Unknown kind: {exc.args[0]}. Registered: {known}") from None
        total = 0
        failed = []
        for result in results:
            kind = registry.get_kind(result.kind)
            if self._live:
                self.stdout.write("\r\033[K", ending="")
            if result.error:
                failed.append(result.kind)
                line = self.style.ERROR(
                    f"{result.kind}: FAILED ({result.error}) after deleting {result.count}"
                )
            elif dry_run:
                count = "unknown number of" if result.count is None else result.count
                line = f"{result.kind}: would delete {count} older than {_when(result.cutoff)}"
            else:
                line = (
                    f"{result.kind}: deleted {result.count} in {result.batches} batches "
                    f"(older than {_when(result.cutoff)}, kept {_days(kind.period)})"
                )
            total += result.count or 0
            self.stdout.write(line)
        elapsed = time.monotonic() - started
        verb = "would delete" if dry_run else "deleted"
        self.stdout.write(f"Total: {verb} {total} in {elapsed:.1f} s.")
        if failed:
            raise CommandError(f"Purging failed for: {', '.join(failed)}")

    def _progress(self, result):
        """One line per batch with -v2; otherwise at most one update a second."""
        if result.dry_run or self.verbosity < 1:
            return
        now = time.monotonic()
        if self.verbosity < 2 and now - self._last_shown < 1:
            return
        self._last_shown = now
        text = f"{result.kind}: {result.count} deleted, batch {result.batches}…"
        if self._live:
            self.stdout.write(f"\r\033[K{text}", ending="")
            self.stdout.flush()
        else:
            self.stdout.write(text)
