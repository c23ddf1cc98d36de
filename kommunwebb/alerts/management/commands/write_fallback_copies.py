from django.core.management.base import BaseCommand

from kommunwebb.alerts.fallback import directory, write_fallback_files


class Command(BaseCommand):
    help = (
        "Write the static copies of the crisis page, the home page and the current alerts "
        "now (they are rewritten after every publish anyway): for a fresh installation."
    )

    def handle(self, *args, **options):
        if directory() is None:
            self.stdout.write("KOMMUNWEBB_FALLBACK_DIR is not set: nothing written")
            return
        written = write_fallback_files()
        self.stdout.write(f"Wrote {len(written)} copies to {directory()}: {' '.join(written)}")
