from datetime import date, datetime, time

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from kommunwebb.contacts.factories import (
    ContactCardFactory,
    OpeningHoursExceptionFactory,
    OpeningHoursRuleFactory,
)
from kommunwebb.contacts.hours import STOCKHOLM, Interval
from kommunwebb.contacts.models import (
    ContactCard,
    Days,
    OpeningHoursException,
    OpeningHoursRule,
    PhoneNumber,
)

pytestmark = pytest.mark.django_db

OFFICE_HOURS = (Interval(time(8), time(16)),)


def sthlm(*args):
    return datetime(*args, tzinfo=STOCKHOLM)


def messages(error: ValidationError) -> dict[str, list[str]]:
    return {field: [str(m) for m in errors] for field, errors in error.message_dict.items()}


def test_the_factory_makes_an_office():
    card = ContactCardFactory()
    schedule = card.schedule()
    assert [schedule.weekly[day] for day in range(7)] == [OFFICE_HOURS] * 5 + [()] * 2
    assert schedule.holiday_intervals == ()
    assert card.phone_numbers.get().tel_href == "tel:+4640341000"
    assert card.has_opening_hours
    assert not ContactCardFactory(hours=[]).has_opening_hours


def test_a_row_for_one_day_overrides_a_row_for_several():
    card = ContactCardFactory(
        hours=[
            (Days.EVERY_DAY, time(10), time(14)),
            (Days.WEEKDAYS, time(8), time(16)),
            (Days.FRIDAY, time(8), time(12)),
            (Days.WEDNESDAY, time(8), time(12)),
            (Days.WEDNESDAY, time(13), time(18)),
            (Days.SUNDAY, None, None),
        ]
    )
    weekly = card.schedule().weekly
    assert weekly[0] == OFFICE_HOURS
    assert weekly[2] == (Interval(time(8), time(12)), Interval(time(13), time(18)))
    assert weekly[4] == (Interval(time(8), time(12)),)
    assert weekly[5] == (Interval(time(10), time(14)),)
    assert weekly[6] == ()
    # No holiday row: holidays keep the weekday hours.
    assert card.schedule().holiday_intervals is None


def test_exceptions_for_one_date_combine_and_keep_their_notes():
    card = ContactCardFactory()
    day = date(2026, 12, 23)
    OpeningHoursExceptionFactory(
        card=card, date=day, closed=False, opens=time(8), closes=time(10), note="Kort dag"
    )
    OpeningHoursExceptionFactory(
        card=card, date=day, closed=False, opens=time(13), closes=time(15), note=""
    )
    OpeningHoursExceptionFactory(card=card, date=date(2026, 12, 22), note="Personaldag")
    schedule = card.schedule()
    assert schedule.intervals_on(day) == (Interval(time(8), time(10)), Interval(time(13), time(15)))
    assert schedule.special_day(day).note == "Kort dag"
    status = card.opening_status(sthlm(2026, 12, 22, 9))
    assert not status.is_open
    assert status.note == "Personaldag"
    assert status.opens_at == sthlm(2026, 12, 23, 8)


def test_opening_status_defaults_to_now():
    card = ContactCardFactory()
    with time_machine.travel(sthlm(2026, 5, 11, 9), tick=False):
        assert card.opening_status().closes_at == sthlm(2026, 5, 11, 16)
    with time_machine.travel(sthlm(2026, 5, 16, 9), tick=False):
        assert card.opening_status().opens_at == sthlm(2026, 5, 18, 8)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (
            {"closed": False},
            {
                "opens": ["Ange när det öppnar, eller kryssa i ”Stängt”."],
                "closes": ["Ange när det stänger, eller kryssa i ”Stängt”."],
            },
        ),
        (
            {"closed": False, "opens": time(8)},
            {"closes": ["Ange när det stänger, eller kryssa i ”Stängt”."]},
        ),
        (
            {"closed": True, "opens": time(8)},
            {
                "closed": [
                    "En stängd dag kan inte ha tider. Ta bort tiderna eller kryssa ur ”Stängt”."
                ]
            },
        ),
    ],
)
@pytest.mark.parametrize("model", [OpeningHoursRule, OpeningHoursException])
def test_hours_rows_explain_what_is_wrong(model, values, expected):
    card = ContactCardFactory(hours=[])
    row = (
        model(card=card, date=date(2026, 1, 2), **values)
        if model is OpeningHoursException
        else model(card=card, days=Days.MONDAY, **values)
    )
    with pytest.raises(ValidationError) as caught:
        row.full_clean()
    assert messages(caught.value) == expected


def test_a_night_rule_that_ends_before_it_starts_is_valid():
    row = OpeningHoursRuleFactory(opens=time(16), closes=time(3))
    row.full_clean()
    assert row.card.schedule().weekly[0] == (Interval(time(16), time(3)),)


def test_phone_numbers_are_checked_and_linked():
    card = ContactCardFactory(phone=None)
    phone = PhoneNumber(card=card, label="Jour", number="ring oss")
    with pytest.raises(ValidationError) as caught:
        phone.full_clean()
    assert "Skriv ett telefonnummer" in messages(caught.value)["number"][0]
    # A number saved before validation existed is shown without a link rather than a bad one.
    assert phone.tel_href == ""
    phone.number = "0771-11 22 33"
    phone.full_clean()
    assert phone.tel_href == "tel:+46771112233"
    assert str(phone) == "Jour: 0771-11 22 33"


def test_rows_describe_themselves():
    card = ContactCardFactory(hours=[(Days.WEEKEND, time(10), time(14))])
    assert str(card.opening_hours.get()) == "Lördag–söndag 10.00–14.00"
    exception = OpeningHoursExceptionFactory(card=card, date=date(2026, 6, 5))
    assert str(exception) == "2026-06-05 Stängt"
    assert str(card) == card.name


# --- template ------------------------------------------------------------------------------


def render(card, **context):
    return BeautifulSoup(
        render_to_string("contacts/contact_card.html", {"card": card, **context}), "html.parser"
    )


def test_the_card_renders_its_status_phones_and_hours():
    card = ContactCardFactory(name="Stödcentrum", email="stod@example.se")
    with time_machine.travel(sthlm(2026, 12, 23, 17), tick=False):
        soup = render(card)
    article = soup.select_one("article.contact-card")
    assert article.select_one("h3").get_text(strip=True) == "Stödcentrum"
    status = article.select_one("p.opening-status")
    assert status["class"] == ["opening-status", "opening-status--closed"]
    assert status.get_text(strip=True) == "Stängt – öppnar måndag kl. 8.00"
    assert article.select_one('a[href="tel:+4640341000"]').get_text() == "040-34 10 00"
    assert article.select_one('a[href="mailto:stod@example.se"]')
    rows = [
        [cell.get_text(" ", strip=True) for cell in tr.select("th, td")]
        for tr in article.select("details table.opening-hours tr")
    ]
    assert rows[:3] == [
        ["Måndag–fredag", "08.00–16.00"],
        ["Lördag–söndag", "Stängt"],
        ["Helgdagar", "Stängt"],
    ]
    assert ["Torsdag 24 december (julafton)", "Stängt"] in rows


def test_the_card_is_open_and_takes_a_heading_level():
    card = ContactCardFactory()
    with time_machine.travel(sthlm(2026, 5, 11, 9), tick=False):
        soup = render(card, heading_level=2)
    assert soup.select_one("h2.contact-card__name")
    assert "opening-status--open" in soup.select_one("p.opening-status")["class"]
    status = soup.select_one("p.opening-status").get_text(strip=True)
    assert status == "Öppet nu – stänger kl. 16.00"


def test_a_card_without_hours_has_no_status_or_table(django_assert_max_num_queries):
    card = ContactCardFactory(hours=[])
    with django_assert_max_num_queries(3):
        soup = render(card)
    assert soup.select_one(".opening-status") is None
    assert soup.select_one("table") is None


# --- admin ---------------------------------------------------------------------------------


def card_post_data(rules, exceptions=()):
    return nested_form_data(
        {
            "name": "Familjecentralen",
            "description": "Stöd för föräldrar med barn 0–6 år.",
            "email": "",
            "address": "",
            "phone_numbers": inline_formset([{"label": "Växel", "number": "040-34 10 00"}]),
            "opening_hours": inline_formset(rules),
            "opening_hours_exceptions": inline_formset(list(exceptions)),
        }
    )


def test_editors_can_list_search_and_add_cards(admin_client):
    ContactCardFactory(name="Stödcentrum")
    listing = reverse("wagtailsnippets_contacts_contactcard:list")
    response = admin_client.get(listing, {"q": "stöd"})
    assert response.status_code == 200
    assert "Stödcentrum" in response.content.decode()

    add = reverse("wagtailsnippets_contacts_contactcard:add")
    assert admin_client.get(add).status_code == 200
    rules = [
        {"days": "mon-fri", "opens": "08:00", "closes": "16:00", "closed": ""},
        {"days": "holidays", "opens": "", "closes": "", "closed": "on"},
    ]
    response = admin_client.post(add, card_post_data(rules))
    assert response.status_code == 302
    card = ContactCard.objects.get(name="Familjecentralen")
    assert card.schedule().holiday_intervals == ()
    assert card.phone_numbers.get().number == "040-34 10 00"


def test_the_admin_refuses_rows_that_contradict_each_other(admin_client):
    add = reverse("wagtailsnippets_contacts_contactcard:add")
    rules = [
        {"days": "sat-sun", "opens": "10:00", "closes": "14:00", "closed": ""},
        {"days": "sat-sun", "opens": "", "closes": "", "closed": "on"},
    ]
    response = admin_client.post(add, card_post_data(rules))
    assert response.status_code == 200
    assert "Samma dagar kan inte både vara stängda" in response.content.decode()
    assert not ContactCard.objects.exists()
