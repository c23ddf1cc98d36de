"""Publishing an alert or a news article queues its mailing on the task worker (Wagtail's
``published`` and ``page_published`` signals). The task is queued in the publish's own
transaction: a publish that is rolled back mails nobody, a committed one is never forgotten.
The fan-out itself decides who is reached; the editor's request only writes one task row."""

from wagtail.signals import page_published, published

from kommunwebb.alerts.models import Alert
from kommunwebb.news.models import NewsArticlePage


def alert_published(sender, instance, **kwargs):
    from . import tasks

    tasks.fan_out_alert.enqueue(instance.pk)


def news_published(sender, instance, **kwargs):
    from . import tasks

    tasks.fan_out_news.enqueue(instance.pk)


def connect():
    published.connect(alert_published, sender=Alert, dispatch_uid="subscriptions.alert")
    page_published.connect(
        news_published, sender=NewsArticlePage, dispatch_uid="subscriptions.news"
    )
