"""Scheduled publishing on the task worker (``operations/publishing.py``): a task queued for
the moment a schedule falls due, a sweep every minute as a safety net, Wagtail's own
``publish_scheduled`` doing the work, and the page cache following.

The last test runs the embedded profile as ``make run`` does: gunicorn and a real
``manage.py db_worker`` process on the demo site, and a page and an alert scheduled a few
seconds ahead go live and are taken down on time, on cached pages too.
"""

import json
import time
import urllib.error
import urllib.request
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kommunwebb.alerts.factories import AlertFactory
from kommunwebb.alerts.models import Alert
from kommunwebb.core.factories import StandardPageFactory
from kommunwebb.operations import publishing, schedule

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def worker():
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", stdout=StringIO()
    )


def queued_moments():
    return sorted(
        DBTaskResult.objects.filter(
            status="READY", task_path=publishing.publish_at_moment.module_path
        ).values_list("run_after", flat=True)
    )


def test_the_sweep_is_a_recurring_job_every_minute():
    job = schedule.get_job(publishing.SWEEP_JOB)
    assert job.every == timedelta(minutes=1)
    assert job.func is publishing.publish_due


@pytest.mark.django_db
@override_settings(TASKS=DB_TASKS)
def test_scheduling_queues_a_run_for_the_moment(home, django_capture_on_commit_callbacks):
    go_live = timezone.now() + timedelta(hours=1)
    expiry = timezone.now() + timedelta(hours=3)
    page = StandardPageFactory(parent=home, live=False)
    page.go_live_at = go_live
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert queued_moments() == [go_live]

    alert = AlertFactory(live=False, expire_at=expiry)
    with django_capture_on_commit_callbacks(execute=True):
        alert.save_revision().publish()  # published now, taken down in three hours
        alert.save_revision().publish()  # again: one run for one moment
    assert queued_moments() == [go_live, expiry]


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS)
def test_the_worker_publishes_and_takes_down_what_is_due(home):
    now = timezone.now()
    page = StandardPageFactory(parent=home, live=False, title="Ny sida")
    page.go_live_at = now + timedelta(hours=1)
    page.save_revision().publish()
    alert = AlertFactory(live=False, expire_at=now + timedelta(hours=2))
    alert.save_revision().publish()
    assert queued_moments() == [now + timedelta(hours=1), now + timedelta(hours=2)]

    with time_machine.travel(now + timedelta(hours=1, seconds=1), tick=False):
        worker()
    page.refresh_from_db()
    alert.refresh_from_db()
    assert page.live and page.first_published_at == now + timedelta(hours=1, seconds=1)
    assert alert.live

    with time_machine.travel(now + timedelta(hours=2, seconds=1), tick=False):
        worker()
    alert.refresh_from_db()
    assert not alert.live and alert.expired
    assert queued_moments() == []


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS)
def test_the_sweep_catches_a_schedule_no_signal_announced(home, isolated_jobs):
    schedule.register_job(publishing.SWEEP_JOB, publishing.publish_due, every=timedelta(minutes=1))
    alert = AlertFactory(title="Ändrad i skalet")
    # Changed behind Wagtail's back: no task was queued for this expiry.
    Alert.objects.filter(pk=alert.pk).update(expire_at=timezone.now() - timedelta(seconds=1))
    assert queued_moments() == []
    schedule.ensure_scheduled()
    worker()
    alert.refresh_from_db()
    assert not alert.live and alert.expired
    done = DBTaskResult.objects.get(
        status="SUCCESSFUL", task_path=schedule.run_recurring.module_path
    )
    assert done.return_value == {"published": 0, "unpublished": 1}
    assert len(schedule.queued_runs(publishing.SWEEP_JOB)) == 1


@pytest.mark.django_db
def test_publishing_by_the_worker_invalidates_the_page_cache(client, pagecache, home, commit):
    alert = AlertFactory(title="Snart halt", live=False)
    alert.go_live_at = timezone.now() + timedelta(minutes=5)
    with commit():
        alert.save_revision().publish()
    client.get(home.url)
    assert client.get(home.url)["X-Page-Cache"] == "hit"
    with time_machine.travel(alert.go_live_at + timedelta(seconds=1), tick=False):
        with commit():
            assert publishing.publish_due() == {"published": 1, "unpublished": 0}
        response = client.get(home.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Snart halt" in response.content.decode()


# --- The embedded profile, with a real worker ---------------------------------------------

SCHEDULE = """
import json
from datetime import timedelta
from django.utils import timezone
from kommunwebb.alerts.models import Alert
from kommunwebb.news.models import NewsArticlePage, NewsIndexPage

go_live = timezone.now() + timedelta(seconds=LEAD)
expire = go_live + timedelta(seconds=LENGTH)
index = NewsIndexPage.objects.get()
page = NewsArticlePage(
    title="Tidsstyrd nyhet", slug="tidsstyrd-nyhet", lead="Publiceras av schemaläggningen.",
    live=False, go_live_at=go_live, expire_at=expire,
)
index.add_child(instance=page)
page.save_revision().publish()
alert = Alert(
    title="Tidsstyrt meddelande", message="Visas en stund.", live=False,
    go_live_at=go_live, expire_at=expire,
)
alert.save()
alert.save_revision().publish()
print(json.dumps({"go_live": go_live.timestamp(), "expire": expire.timestamp(),
                  "url": page.url, "listing": index.url}))
"""


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
            return response.status, response.headers.get("X-Page-Cache", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, "", b""


def wait_until(condition, limit):
    while not condition():
        assert time.time() < limit, "not in time"
        time.sleep(0.25)
    return time.time()


def test_the_embedded_profile_publishes_and_takes_down_on_time(demo_server, demo_manage):
    lead, length = 20, 15
    script = SCHEDULE.replace("LEAD", str(lead)).replace("LENGTH", str(length))
    times = json.loads(demo_manage("shell", "-c", script))
    article, listing, home = (
        demo_server + times["url"],
        demo_server + times["listing"],
        demo_server + "/",
    )

    # Before the moment: not there, and the listing and home page are cached copies.
    assert time.time() < times["go_live"], "the machine was too slow to schedule ahead"
    assert fetch(article)[0] == 404
    for url in (listing, home):
        fetch(url)
        status, cache, html = fetch(url)
        assert cache == "hit"
        assert b"Tidsstyrd" not in html

    def shown(url, text):
        return lambda: text in fetch(url)[2]

    went_live = wait_until(lambda: fetch(article)[0] == 200, times["go_live"] + 60)
    assert went_live >= times["go_live"]
    wait_until(shown(listing, b"Tidsstyrd nyhet"), times["go_live"] + 60)
    wait_until(shown(home, b"Tidsstyrt meddelande"), times["go_live"] + 60)

    taken_down = wait_until(lambda: fetch(article)[0] == 404, times["expire"] + 60)
    assert taken_down >= times["expire"]
    wait_until(lambda: b"Tidsstyrd nyhet" not in fetch(listing)[2], times["expire"] + 60)
    wait_until(lambda: b"Tidsstyrt meddelande" not in fetch(home)[2], times["expire"] + 60)
    # Taken down by the worker (only Wagtail's scheduled unpublishing marks it expired),
    # not just hidden by its expiry time.
    check = (
        "from kommunwebb.news.models import NewsArticlePage as P\n"
        "from kommunwebb.alerts.models import Alert as A\n"
        "p = P.objects.get(slug='tidsstyrd-nyhet')\n"
        "a = A.objects.get(title='Tidsstyrt meddelande')\n"
        "print(p.live, p.expired, a.live, a.expired)\n"
    )
    wait_until(
        lambda: demo_manage("shell", "-c", check).split() == ["False", "True", "False", "True"],
        times["expire"] + 60,
    )
