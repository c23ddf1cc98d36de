"""An e-mail backend that writes each message to its own file: a local outbox.

For the demo and the tests: ``DJANGO_EMAIL_BACKEND=kommunwebb.forms.outbox.FileOutboxBackend``
with ``KOMMUNWEBB_OUTBOX_DIR`` (default ``var/outbox``). Every message sent becomes one
``.eml`` file, written under a temporary name and renamed into place, so a reader never sees
half a message and a crash leaves either the whole message or none. It does not deduplicate:
it records exactly what the site sent, which is what the crash tests count.

Like a mail server, it keeps what it gets: the outbox holds personal data, and the retention
engine purges it with the other form data (``cityforms.outbox``).
"""

import os
import secrets
import time
from email import message_from_bytes, policy
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend


def outbox_dir() -> Path:
    configured = getattr(settings, "CITYFORMS_OUTBOX_DIR", "")
    return Path(configured) if configured else Path(settings.VAR_DIR) / "outbox"


class FileOutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        directory = outbox_dir()
        directory.mkdir(parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            self.deliver(directory, message.message().as_bytes(linesep="\n"))
            sent += 1
        return sent

    def deliver(self, directory: Path, data: bytes) -> Path:
        name = f"{time.time_ns()}-{secrets.token_hex(4)}.eml"
        temporary = directory / f".{name}.tmp"
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        final = directory / name
        os.replace(temporary, final)
        return final


def read_outbox(directory: Path) -> list:
    """The messages in an outbox, oldest first, parsed."""
    return [
        message_from_bytes(path.read_bytes(), policy=policy.default)
        for path in sorted(directory.glob("*.eml"))
    ]
