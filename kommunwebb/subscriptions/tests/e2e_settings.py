"""Settings for the end-to-end test's worker and "web" processes: the embedded profile
(dev) with a file outbox, one file per message handed to the transport."""

import os

from kommunwebb.settings.dev import *  # noqa: F403

EMAIL_BACKEND = "kommunwebb.forms.outbox.FileOutboxBackend"
CITYFORMS_OUTBOX_DIR = os.environ["KOMMUNWEBB_OUTBOX_DIR"]
OUTBOX_LEASE_SECONDS = 5
WAGTAILADMIN_BASE_URL = "http://127.0.0.1"
# The pages render without collected static files.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
