"""What the end-to-end test does as the web process (``python -m`` with e2e_settings):
a resident's posts through Django's test client, an editor's publish, and the state of the
subscribers as JSON. Every sending is left to the real task worker."""

import json
import sys

import django


def post(path, *pairs):
    from django.test import Client

    data = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        data.setdefault(key, []).append(value)
    response = Client(HTTP_HOST="127.0.0.1").post(path, data, HTTP_ORIGIN="http://127.0.0.1")
    print(response.status_code)


def one_click(path):
    from django.test import Client

    response = Client(HTTP_HOST="127.0.0.1").post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    print(response.status_code)


def alert(*pairs):
    """Publish an alert per ``level:title`` (the same title again publishes it again)."""
    from kommunwebb.alerts.models import Alert

    for pair in pairs:
        level, _, title = pair.partition(":")
        existing = Alert.objects.filter(title=title).first()
        item = existing or Alert(title=title, message="Mer information kommer.", live=False)
        item.level = level
        if existing is None:
            item.save()
        item.save_revision().publish()


def status():
    from kommunwebb.subscriptions.models import Message, Subscriber

    print(
        json.dumps(
            {
                "subscribers": list(
                    Subscriber.objects.values_list("email", "confirmed_at").order_by("email")
                ),
                "messages": list(Message.objects.values_list("state", flat=True)),
            },
            default=str,
        )
    )


if __name__ == "__main__":
    django.setup()
    command, *args = sys.argv[1:]
    {"post": post, "one-click": one_click, "alert": alert, "status": status}[command](*args)
