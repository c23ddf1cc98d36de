"""The words of the e-mail: a mailing's text (once per alert or article) and the part each
subscriber's copy adds (the links to change the choices and to unsubscribe), in Swedish."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from . import tokens


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def manage_url(subscriber) -> str:
    return absolute(reverse("subscriptions:manage", args=[tokens.make(subscriber, tokens.MANAGE)]))


def unsubscribe_url(subscriber) -> str:
    return absolute(
        reverse("subscriptions:unsubscribe", args=[tokens.make(subscriber, tokens.MANAGE)])
    )


def confirm_url(subscriber) -> str:
    return absolute(
        reverse("subscriptions:confirm", args=[tokens.make(subscriber, tokens.CONFIRM)])
    )


def render(template: str, context: dict) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(template, context).strip() + "\n"


def alert_mailing(alert) -> tuple[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        subject = f"{alert.get_level_display()}: {alert.title}"
    body = render(
        "subscriptions/mail/alert.txt",
        {"alert": alert, "url": absolute(alert.get_absolute_url())},
    )
    return subject, body


def news_mailing(page) -> tuple[str, str]:
    return page.title, render(
        "subscriptions/mail/news.txt", {"page": page, "url": page.get_full_url()}
    )


def footer(subscriber) -> str:
    return render(
        "subscriptions/mail/footer.txt",
        {"manage_url": manage_url(subscriber), "unsubscribe_url": unsubscribe_url(subscriber)},
    )
