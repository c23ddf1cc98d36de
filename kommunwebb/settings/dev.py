"""Local settings for `make run`: production-like, with a secret generated under var/."""

import secrets

from .base import *

DEBUG = os.environ.get("KOMMUNWEBB_DEBUG", "") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]


def _local_secret_key() -> str:
    """Generate the key once and keep it beside the database, never in the repository."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or _local_secret_key()
# Form e-mail goes to the console, or with
# DJANGO_EMAIL_BACKEND=kommunwebb.forms.outbox.FileOutboxBackend to one file per message
# in KOMMUNWEBB_OUTBOX_DIR (default var/outbox/), as the browser tests use it.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
CITYFORMS_OUTBOX_DIR = os.environ.get("KOMMUNWEBB_OUTBOX_DIR", "")

# The embedded profile keeps its logs in var/log/, one file per day (see base.py).
if LOG_DIR is None:
    from kommunwebb.operations.logs import with_log_files

    LOG_DIR = VAR_DIR / "log"
    LOGGING = with_log_files(LOGGING, LOG_DIR)
