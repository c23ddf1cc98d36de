"""Helpers the crash tests run in separate processes (``python -m`` with crash_settings).

``setup`` adds a form page, ``submit`` stores a submission as the web process does (and with
``--kill-after-save`` dies by SIGKILL right after the commit), ``status`` prints the
deliveries as JSON.
"""

import json
import os
import signal
import sys
import time
from pathlib import Path

from django.conf import settings

from kommunwebb.forms.outbox import FileOutboxBackend


class PausingOutboxBackend(FileOutboxBackend):
    """The file outbox, able to stop in the middle of sending.

    If ``<pause dir>/before`` exists, it waits before writing the message (the transport
    has not accepted it); with ``<pause dir>/after`` it waits after writing (accepted, but
    the worker has not recorded it). It marks ``<name>.reached`` so the test knows when to
    kill, and waits until the file is removed.
    """

    def deliver(self, directory, data):
        self._pause("before")
        path = super().deliver(directory, data)
        self._pause("after")
        return path

    def _pause(self, name):
        marker = Path(settings.CITYFORMS_PAUSE_DIR) / name
        if marker.exists():
            marker.with_suffix(".reached").touch()
            while marker.exists():
                time.sleep(0.05)


def setup():
    from wagtail.models import Locale, Page

    from kommunwebb.forms.models import FormField, FormPage

    Locale.objects.get_or_create(language_code="sv")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    page = FormPage(
        title="Kontakta oss",
        slug="kontakt",
        privacy_purpose="För att kunna svara dig.",
        privacy_legal_basis="public_task",
        privacy_recipients="Kontaktcenter",
        to_address="kontaktcenter@kommun.example",
    )
    page.form_fields = [
        FormField(sort_order=0, label="Namn", field_type="singleline"),
        FormField(sort_order=1, label="Meddelande", field_type="multiline"),
    ]
    root.add_child(instance=page)
    page.save_revision().publish()
    print(json.dumps({"page": page.pk}))


def submit(kill_after_save=False):
    from kommunwebb.forms.intake import save_submission
    from kommunwebb.forms.models import FormPage

    page = FormPage.objects.get(slug="kontakt")
    submission, _created = save_submission(page, {"namn": "Anna", "meddelande": "Hej"})
    if kill_after_save:
        # The web process dies after the commit, before it could answer the visitor.
        os.kill(os.getpid(), signal.SIGKILL)
    print(json.dumps(deliveries(submission.reference)))


def deliveries(reference=None):
    from kommunwebb.forms.models import Delivery

    rows = Delivery.objects.all()
    if reference:
        rows = rows.filter(reference=reference)
    return [
        {
            "id": d.pk,
            "reference": d.reference,
            "key": str(d.idempotency_key),
            "state": d.state,
            "attempts": d.attempts,
        }
        for d in rows.order_by("pk")
    ]


if __name__ == "__main__":
    import django

    django.setup()
    command = sys.argv[1]
    if command == "setup":
        setup()
    elif command == "submit":
        submit(kill_after_save="--kill-after-save" in sys.argv)
    elif command == "status":
        print(json.dumps(deliveries()))
    else:
        raise SystemExit(f"unknown command {command}")
