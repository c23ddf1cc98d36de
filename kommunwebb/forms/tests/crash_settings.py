"""Settings for the worker and "web" processes the crash tests start and kill: the embedded
profile (dev) with a file outbox that can be paused, and short leases and back-off."""

import os

from kommunwebb.settings.dev import *  # noqa: F403

EMAIL_BACKEND = "kommunwebb.forms.tests.crashkit.PausingOutboxBackend"
CITYFORMS_OUTBOX_DIR = os.environ["KOMMUNWEBB_OUTBOX_DIR"]
CITYFORMS_PAUSE_DIR = os.environ["KOMMUNWEBB_PAUSE_DIR"]
CITYFORMS_LEASE_SECONDS = 2
CITYFORMS_RETRY_BASE_SECONDS = 1
