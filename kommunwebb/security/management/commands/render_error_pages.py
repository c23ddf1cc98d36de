from pathlib import Path

from django.core.management.base import BaseCommand

from kommunwebb.security.errors import PAGES, render_error


class Command(BaseCommand):
    help = (
        "Write the Swedish error pages as files (414.html, 503.html, …) for the HTTP cache "
        "in front (deploy/varnish/), which answers with them when the app cannot."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)

    def handle(self, *args, directory: Path, **options):
        directory.mkdir(parents=True, exist_ok=True)
        for status in PAGES:
            path = directory / f"{status}.html"
            path.write_text(render_error(status), encoding="utf-8")
            path.chmod(0o644)
        self.stdout.write(f"{len(PAGES)} error pages in {directory}")
