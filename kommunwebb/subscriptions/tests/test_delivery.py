"""Who gets what, once: levels and topics, idempotency, batches, the provider's rate limit,
retention and the rights tools. (The task backend of the tests runs tasks at once; the
end-to-end test runs them on a real worker.)"""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kommunwebb.alerts.models import AlertLevel
from kommunwebb.gdpr.sources import get_source
from kommunwebb.news.factories import NewsArticlePageFactory, NewsIndexPageFactory
from kommunwebb.outbox.models import OutboxState
from kommunwebb.retention import registry
from kommunwebb.subscriptions import tasks
from kommunwebb.subscriptions.models import Mailing, Message, Subscriber
from kommunwebb.taxonomy.factories import topics

from .conftest import published_alert

pytestmark = pytest.mark.django_db


def confirmed(email, alert_level="", topic_list=()):
    now = timezone.now()
    subscriber = Subscriber.objects.create(
        email=email, alert_level=alert_level, confirmed_at=now, renewed_at=now
    )
    subscriber.topics.set(topic_list)
    return subscriber


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


@pytest.mark.parametrize(
    ("level", "reached"),
    [
        (AlertLevel.INFORMATION, ["all@x.se"]),
        (AlertLevel.IMPORTANT, ["all@x.se", "important@x.se"]),
        (AlertLevel.CRISIS, ["all@x.se", "crisis@x.se", "important@x.se"]),
        (AlertLevel.VMA, ["all@x.se", "crisis@x.se", "important@x.se"]),
    ],
)
def test_an_alert_reaches_those_who_chose_its_level_or_lower(home, level, reached):
    confirmed("all@x.se", "information")
    confirmed("important@x.se", "viktigt")
    confirmed("crisis@x.se", "kris")
    confirmed("news-only@x.se", "", topics("Miljö"))
    Subscriber.objects.create(email="unconfirmed@x.se", alert_level="information")
    published_alert(level=level)
    assert recipients() == reached


def test_publishing_again_sends_nobody_the_same_alert_twice(home):
    confirmed("anna@x.se", "information")
    alert = published_alert(level=AlertLevel.INFORMATION)
    alert.update_note = "Vattnet är tillbaka."
    alert.save_revision().publish()
    assert recipients() == ["anna@x.se"]
    assert Message.objects.get().state == OutboxState.DELIVERED


def test_a_raised_level_reaches_those_it_now_concerns(home):
    confirmed("all@x.se", "information")
    confirmed("crisis@x.se", "kris")
    alert = published_alert(level=AlertLevel.INFORMATION)
    alert.level = AlertLevel.CRISIS
    alert.save_revision().publish()
    assert recipients() == ["all@x.se", "crisis@x.se"]


def test_news_reaches_the_subscribers_of_its_topics(home):
    environment, school, roads = topics("Miljö", "Skola", "Vägar")
    confirmed("env@x.se", "", [environment])
    confirmed("both@x.se", "", [environment, school])
    confirmed("roads@x.se", "kris", [roads])
    index = NewsIndexPageFactory(parent=home)
    article = NewsArticlePageFactory(parent=index, title="Ny återvinningscentral", live=False)
    article.topics.set([environment, school])
    article.save_revision().publish()
    assert recipients() == ["both@x.se", "env@x.se"]
    assert mail.outbox[0].subject == "Ny återvinningscentral"
    assert article.get_full_url() in mail.outbox[0].body


def test_an_alert_that_is_no_longer_visible_is_not_sent(home):
    confirmed("anna@x.se", "information")
    alert = published_alert(level=AlertLevel.INFORMATION)
    mail.outbox.clear()
    Message.objects.all().delete()
    alert.unpublish()
    assert tasks.fan_out_alert.call(alert.pk) == 0
    assert mail.outbox == []


def test_the_provider_rate_limit_holds_back_what_exceeds_it(home, settings):
    settings.OUTBOX_PROVIDER_PER_MINUTE = {"default": 100, "gmail.com": 2}
    for n in range(5):
        confirmed(f"p{n}@gmail.com", "information")
    confirmed("q@googlemail.com", "information")  # the same provider
    confirmed("r@example.se", "information")
    published_alert(level=AlertLevel.INFORMATION)
    assert recipients().count("r@example.se") == 1
    delivered = Message.objects.filter(state=OutboxState.DELIVERED)
    assert delivered.filter(provider="gmail.com").count() == 2
    assert Message.objects.filter(provider="gmail.com", state=OutboxState.PENDING).count() == 4
    assert len(mail.outbox) == 3


def test_fan_out_costs_the_same_number_of_queries_for_ten_or_a_thousand(home, settings):
    """Thousands of subscribers must not mean thousands of queries: the messages are
    inserted in bulk and queued one task per batch. (Sending is measured by bench/.)"""
    settings.SUBSCRIPTIONS_BATCH_SIZE = 500
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    alert = published_alert(level=AlertLevel.CRISIS)

    def queries_for(count, offset):
        Subscriber.objects.bulk_create(
            Subscriber(email=f"s{offset + n}@x.se", alert_level="kris", confirmed_at=timezone.now())
            for n in range(count)
        )
        Message.objects.all().delete()
        with CaptureQueriesContext(connection) as captured:
            created = tasks.fan_out_alert.call(alert.pk)
        return created, len(captured)

    small, few = queries_for(10, 0)
    large, many = queries_for(990, 10)
    assert (small, large) == (10, 1000)
    # Bulk inserts (SQLite takes ~200 rows per statement), no query per subscriber.
    assert many <= few + large // 100


def test_unconfirmed_requests_are_purged_after_the_link_expires(home, settings):
    settings.SUBSCRIPTIONS_CONFIRM_HOURS = 48
    old = Subscriber.objects.create(
        email="old@x.se", created_at=timezone.now() - timedelta(hours=49)
    )
    Subscriber.objects.create(email="new@x.se")
    confirmed("kept@x.se", "kris")
    kind = registry.get_kind("subscriptions.unconfirmed")
    assert kind.period == timedelta(hours=48)
    deleted = sum(kind.purge_function(timezone.now() - kind.period, 100))
    assert deleted == 1
    assert not Subscriber.objects.filter(pk=old.pk).exists()
    assert sorted(Subscriber.objects.values_list("email", flat=True)) == ["kept@x.se", "new@x.se"]
    assert {"subscriptions.subscribers", "subscriptions.messages"} <= {
        k.kind for k in registry.kinds()
    }


def test_the_rights_tools_find_export_and_erase_a_subscriber(home):
    subscriber = confirmed("Anna@X.se", "kris", topics("Miljö"))
    published_alert(level=AlertLevel.CRISIS, title="Brand")
    source = get_source("subscriptions.subscribers")
    (found,) = source.find("anna@x.se")
    assert found["email"] == "Anna@X.se"
    assert found["topics"] == ["Miljö"]
    assert found["messages"][0]["subject"] == "Kris: Brand"
    assert source.find("nobody@x.se") == [] and source.find("not an address") == []
    assert source.erase([found]) == 1
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()
    assert not Message.objects.exists()
    assert Mailing.objects.count() == 1  # the mailing holds no personal data


def test_sending_a_batch_costs_the_same_number_of_queries_for_five_or_fifty(home, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    alert = published_alert(level=AlertLevel.CRISIS)

    def queries_for(count, offset):
        for n in range(count):
            confirmed(f"b{offset + n}@x.se", "kris")
        Message.objects.all().delete()
        tasks.fan_out_alert.call(alert.pk)
        ids = list(Message.objects.values_list("pk", flat=True))
        mail.outbox.clear()
        with CaptureQueriesContext(connection) as captured:
            assert tasks.deliver(ids) == f"delivered {len(ids)}, failed 0"
        assert len(mail.outbox) == len(ids)
        return len(captured)

    assert queries_for(5, 0) == queries_for(45, 5)
    assert set(Message.objects.values_list("state", flat=True)) == {OutboxState.DELIVERED}
