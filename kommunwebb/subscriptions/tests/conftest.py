import re

import pytest
from django.core import mail
from django.core.cache import cache

from kommunwebb.alerts.factories import AlertFactory

ORIGIN = "http://testserver"


@pytest.fixture(autouse=True)
def clean_cache():
    cache.clear()  # the rate limits count in the cache
    yield
    cache.clear()


def published_alert(**fields):
    alert = AlertFactory(live=False, **fields)
    alert.save_revision().publish()
    alert.refresh_from_db()
    return alert


def links(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def subscribe(client, email="anna@example.se", alert_level="viktigt", topics=(), **extra):
    data = {"email": email, "alert_level": alert_level, "topics": [t.pk for t in topics]}
    return client.post("/prenumerera/", data, **{"HTTP_ORIGIN": ORIGIN, **extra})


def confirm(client, email="anna@example.se"):
    """Follow the link of the last confirmation mail to ``email`` and press the button."""
    message = [m for m in mail.outbox if m.to == [email]][-1]
    (url,) = links(message)
    return client.post(path_of(url), HTTP_ORIGIN=ORIGIN)


@pytest.fixture
def subscribed(client, db):
    """Subscribe and confirm ``email`` with the choices; the mail outbox emptied after."""

    def make(email="anna@example.se", alert_level="viktigt", topics=()):
        assert subscribe(client, email, alert_level, topics).status_code == 303
        assert confirm(client, email).status_code == 200
        cache.clear()
        mail.outbox.clear()

    return make
