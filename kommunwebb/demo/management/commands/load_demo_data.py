"""``manage.py load_demo_data``: the demo municipality Sundhamn, once.

Does nothing if the database already has a home page, so it is safe to run on every start.
"""

import re
import time
from contextlib import contextmanager
from io import StringIO

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models.signals import post_save
from modelsearch import index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update

from kommunwebb.demo.images import DEFAULT_SIZE
from kommunwebb.demo.loader import DemoLoader
from kommunwebb.home.models import HomePage


def image_size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{2,4})x(\d{2,4})", text)
    if not match:
        raise ValueError(text)
    return int(match.group(1)), int(match.group(2))


@contextmanager
def indexing_once_at_the_end():
    """Every save would queue a search-index and a reference-index job for the task worker:
    over a thousand for the demo, which the worker then spends minutes on while the site
    starts. The command indexes everything once afterwards instead."""
    models = [
        model for model in index.get_indexed_models() if getattr(model, "search_auto_update", True)
    ]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)


class Command(BaseCommand):
    help = "Create the demo site for the fictional municipality Sundhamn, unless there is content."

    def add_arguments(self, parser):
        parser.add_argument(
            "--image-size",
            type=image_size,
            default=DEFAULT_SIZE,
            metavar="WIDTHxHEIGHT",
            help="Size of the generated illustrations (default 1600x900; tests use less).",
        )

    def handle(self, *args, image_size, **options):
        started = time.monotonic()
        with transaction.atomic():
            if HomePage.objects.exists():
                self.stdout.write("The demo is already loaded (there is a home page): no changes.")
                return
            try:
                with indexing_once_at_the_end():
                    summary = DemoLoader(image_size=image_size).load()
            except Exception as error:
                raise CommandError(
                    f"Could not load the demo, nothing was saved: {error}"
                ) from error
        call_command("update_index", stdout=StringIO())
        call_command("rebuild_references_index", stdout=StringIO())
        self.stdout.write(
            self.style.SUCCESS(
                "Loaded the Sundhamn demo: {pages} pages ({articles} news articles, {events} "
                "events), {contacts} contact cards and {images} images in {seconds:.1f} s.".format(
                    **summary, seconds=time.monotonic() - started
                )
            )
        )
