"""Alerts in the admin have Wagtail's editorial model: a draft is not on the site, publishing
puts it there, the history lists each published version, versions can be compared and
previewed, and publishing can be scheduled."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kommunwebb.alerts.factories import AlertFactory
from kommunwebb.alerts.models import Alert

pytestmark = pytest.mark.django_db

URL = "wagtailsnippets_alerts_alert:{}"
PUBLISH = {"action-publish": "action-publish"}


def form(**fields):
    return {
        "title": "Vattenläcka på Storgatan",
        "message": "Vattnet är avstängt till klockan 15.",
        "level": "viktigt",
        "link_page": "",
        "page": "",
        "go_live_at": "",
        "expire_at": "",
        **fields,
    }


def test_a_draft_is_not_shown_until_it_is_published(admin_client, client, home):
    admin_client.post(reverse(URL.format("add")), form())
    alert = Alert.objects.get()
    assert not alert.live
    assert "Vattenläcka" not in client.get(home.url).content.decode()

    admin_client.post(reverse(URL.format("edit"), args=[alert.pk]), form(**PUBLISH))
    alert.refresh_from_db()
    assert alert.live
    assert "Vattenläcka" in client.get(home.url).content.decode()


def test_an_update_saved_as_a_draft_leaves_the_published_text(admin_client, client, home):
    admin_client.post(reverse(URL.format("add")), form(**PUBLISH))
    alert = Alert.objects.get()
    admin_client.post(
        reverse(URL.format("edit"), args=[alert.pk]), form(message="Vattnet är tillbaka.")
    )
    html = client.get(home.url).content.decode()
    assert "avstängt till klockan 15" in html and "tillbaka" not in html
    admin_client.post(
        reverse(URL.format("edit"), args=[alert.pk]),
        form(message="Vattnet är tillbaka.", **PUBLISH),
    )
    assert "tillbaka" in client.get(home.url).content.decode()
    assert alert.revisions.count() == 3


def test_history_compare_and_preview(admin_client):
    alert = AlertFactory(title="Halka", live=False)
    first = alert.save_revision()
    first.publish()
    alert.refresh_from_db()
    alert.message = "Sandkistor finns vid alla skolor."
    second = alert.save_revision()
    second.publish()

    history = admin_client.get(reverse(URL.format("history"), args=[alert.pk]))
    assert history.status_code == 200
    compare = admin_client.get(
        reverse(URL.format("revisions_compare"), args=[alert.pk, first.pk, second.pk])
    )
    assert compare.status_code == 200
    assert "Sandkistor finns vid alla skolor." in compare.content.decode()
    preview_url = reverse(URL.format("preview_on_edit"), args=[alert.pk])
    admin_client.post(preview_url, form(title="Förhandsvisad rubrik"))
    preview = admin_client.get(preview_url)
    assert "Förhandsvisad rubrik" in preview.content.decode()
    assert "alert--viktigt" in preview.content.decode()


def test_publishing_can_be_scheduled(admin_client, client, home):
    go_live = timezone.localtime() + timedelta(hours=2)
    admin_client.post(
        reverse(URL.format("add")),
        form(go_live_at=f"{go_live:%Y-%m-%d %H:%M}", **PUBLISH),
    )
    alert = Alert.objects.get()
    assert not alert.live
    assert alert.scheduled_revision.approved_go_live_at == go_live.replace(second=0, microsecond=0)
    assert "Vattenläcka" not in client.get(home.url).content.decode()


def test_an_expiry_before_the_go_live_time_is_refused(admin_client):
    now = timezone.localtime()
    response = admin_client.post(
        reverse(URL.format("add")),
        form(
            go_live_at=f"{now + timedelta(days=2):%Y-%m-%d %H:%M}",
            expire_at=f"{now + timedelta(days=1):%Y-%m-%d %H:%M}",
            **PUBLISH,
        ),
    )
    assert response.status_code == 200
    assert not Alert.objects.exists()
