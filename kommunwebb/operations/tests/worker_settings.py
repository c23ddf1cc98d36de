"""The production settings of the scaling tests' stack, with e-mail written to files
(``KOMMUNWEBB_OUTBOX_DIR``) so two task workers' sends can be counted."""

import os

from kommunwebb.settings.production import *  # noqa: F403

EMAIL_BACKEND = "kommunwebb.forms.outbox.FileOutboxBackend"
CITYFORMS_OUTBOX_DIR = os.environ["KOMMUNWEBB_OUTBOX_DIR"]
