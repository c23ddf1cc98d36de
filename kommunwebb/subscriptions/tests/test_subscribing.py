"""Subscribing with double opt-in, changing one's choices, one-click unsubscribe, and the
form's errors, all without a cookie."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from kommunwebb.alerts.models import AlertLevel
from kommunwebb.subscriptions import tokens
from kommunwebb.subscriptions.models import Subscriber
from kommunwebb.taxonomy.factories import topics

from .conftest import ORIGIN, confirm, links, path_of, published_alert, subscribe

pytestmark = pytest.mark.django_db


def test_the_form_is_swedish_and_sets_no_cookie(client, home):
    topics("Miljö", "Skola")
    response = client.get("/prenumerera/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Prenumerera på e-post" in html
    assert "Miljö" in html and "Bara kris" in html
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_nothing_is_sent_before_the_address_is_confirmed(client, home):
    response = subscribe(client)
    assert response.status_code == 303
    assert not response.cookies
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "anna@example.se" and not subscriber.is_confirmed
    (confirmation,) = mail.outbox
    assert confirmation.subject == "Bekräfta din prenumeration"
    assert "anna@example.se" not in links(confirmation)[0]  # the token does not carry it

    published_alert(level=AlertLevel.CRISIS)
    assert len(mail.outbox) == 1  # still only the confirmation

    url = path_of(links(confirmation)[0])
    assert client.get(url).status_code == 200  # a link scanner's GET confirms nothing
    assert not Subscriber.objects.get().is_confirmed
    response = confirm(client)
    assert response.status_code == 200
    assert "Du prenumererar nu" in response.content.decode()
    assert Subscriber.objects.get().is_confirmed

    published_alert(level=AlertLevel.CRISIS, title="Strömavbrott")
    assert [m.subject for m in mail.outbox[1:]] == ["Kris: Strömavbrott"]


def test_the_confirmation_link_expires(client, home, settings):
    settings.SUBSCRIPTIONS_CONFIRM_HOURS = 48
    subscribe(client)
    url = path_of(links(mail.outbox[0])[0])
    with time_machine.travel(timezone.now() + timedelta(hours=49)):
        response = client.post(url, HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 400
    assert "Länken gäller inte" in response.content.decode()
    assert not Subscriber.objects.get().is_confirmed


def test_a_forged_or_foreign_token_is_refused(client, home):
    subscribe(client)
    subscriber = Subscriber.objects.get()
    manage = tokens.make(subscriber, tokens.MANAGE)
    assert client.post(f"/prenumerera/bekrafta/{manage}/", HTTP_ORIGIN=ORIGIN).status_code == 400
    assert client.get("/prenumerera/installningar/nonsens/").status_code == 400
    assert client.post("/prenumerera/avsluta/nonsens/").status_code == 400
    assert Subscriber.objects.filter(pk=subscriber.pk, confirmed_at__isnull=True).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "", "alert_level": "kris"}, "Skriv din e-postadress."),
        ({"email": "anna@", "alert_level": "kris"}, "Skriv e-postadressen som namn@exempel.se."),
        ({"email": "anna@example.se", "alert_level": ""}, "Välj driftmeddelanden, minst ett"),
        ({"email": "anna@example.se", "alert_level": "allt"}, "Välj ett giltigt alternativ"),
    ],
)
def test_bad_input_gets_a_swedish_message_and_saves_nothing(client, home, data, message):
    response = client.post("/prenumerera/", data, HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Det finns ett problem" in html
    assert message in html
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


def test_a_post_from_another_site_is_refused(client, home):
    response = subscribe(client, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert not Subscriber.objects.exists()


def test_the_form_is_rate_limited(client, home):
    codes = [subscribe(client, f"p{n}@example.se").status_code for n in range(7)]
    assert codes[:5] == [303] * 5
    assert codes[5:] == [429, 429]
    assert Subscriber.objects.count() == 5


def test_a_known_address_learns_nothing_new_and_keeps_its_choices(client, home, subscribed):
    subscribed(alert_level="kris")
    response = subscribe(client, alert_level="information")
    assert response.status_code == 303  # the same answer as for a new address
    assert Subscriber.objects.get().alert_level == "kris"
    (message,) = mail.outbox
    assert message.subject == "Dina prenumerationer"
    assert "/prenumerera/installningar/" in links(message)[0]


def test_one_address_gets_at_most_three_mails_an_hour(client, home):
    for _ in range(5):
        subscribe(client)
    assert len(mail.outbox) == 3


def test_every_message_can_change_the_choices_and_unsubscribe_in_one_click(
    client, home, subscribed
):
    environment, school = topics("Miljö", "Skola")
    subscribed(alert_level="information", topics=[environment])
    published_alert(level=AlertLevel.INFORMATION, title="Vägarbete")
    (message,) = mail.outbox
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    manage, footer_unsubscribe = links(message)[-2:]
    assert footer_unsubscribe == unsubscribe
    assert "/prenumerera/installningar/" in manage

    response = client.post(
        path_of(manage), {"alert_level": "kris", "topics": [school.pk]}, HTTP_ORIGIN=ORIGIN
    )
    assert response.status_code == 200
    subscriber = Subscriber.objects.get()
    assert subscriber.alert_level == "kris"
    assert list(subscriber.topics.all()) == [school]

    assert client.get(path_of(unsubscribe)).status_code == 200  # a GET removes nothing
    assert Subscriber.objects.exists()
    # RFC 8058: the mail provider posts from its own servers, with no Origin of ours.
    response = client.post(
        path_of(unsubscribe),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not response.cookies
    assert not Subscriber.objects.exists()
    # The same link again: already done, not an error.
    assert client.post(path_of(unsubscribe)).status_code == 200


def test_only_the_address_and_the_choices_are_stored(client, home):
    subscribe(client, HTTP_USER_AGENT="Mozilla/5.0 (Secret)", REMOTE_ADDR="203.0.113.9")
    subscriber = Subscriber.objects.values().get()
    stored = " ".join(str(value) for value in subscriber.values())
    assert "203.0.113.9" not in stored and "Secret" not in stored
    assert set(subscriber) == {
        "id",
        "email",
        "alert_level",
        "created_at",
        "confirmed_at",
        "renewed_at",
    }
