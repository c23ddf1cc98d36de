"""Page owners and review dates (issue 11, part 5): defaults on publishing, the page's own
form, the public line, the report with its filters and CSV, the dashboard panel and the
weekly reminder through the outbox."""

import csv
import io
from datetime import date, timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page
from wagtail.test.utils import WagtailTestUtils

from kommunwebb.core.factories import StandardPageFactory
from kommunwebb.outbox.models import Email
from kommunwebb.review import digest, ownership
from kommunwebb.review.models import DigestWeek, PageReview, ResponsibleUnit

pytestmark = pytest.mark.django_db


def publish(page):
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific


@pytest.fixture
def unit():
    return ResponsibleUnit.objects.create(
        name="Miljöförvaltningen", email="miljoforvaltningen@sundhamn.example"
    )


def due(page, days: int, unit=None, person=None):
    """Give ``page`` a review date ``days`` from today (negative: overdue)."""
    review = ownership.ensure_review(page)
    review.review_by = timezone.localdate() + timedelta(days=days)
    review.unit = unit
    review.person = person
    review.save()
    return review


# --- The rules --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "later"),
    [
        (date(2026, 3, 15), date(2027, 3, 15)),
        (date(2028, 2, 29), date(2029, 2, 28)),  # a leap day has no twin
        (date(2026, 12, 31), date(2027, 12, 31)),
    ],
)
def test_twelve_calendar_months(day, later):
    assert ownership.next_review(day) == later


def test_months_after_clamps_to_the_end_of_a_shorter_month():
    assert ownership.months_after(date(2026, 1, 31), 1) == date(2026, 2, 28)


def test_publishing_gives_a_page_a_review_date_and_the_unit_of_its_section(home, unit):
    section = publish(StandardPageFactory(parent=home, title="Miljö och natur"))
    PageReview.objects.filter(page=section).update(unit=unit)
    with time_machine.travel("2026-03-10 09:00 +01:00"):
        page = publish(StandardPageFactory(parent=section, title="Luftkvalitet"))
    review = PageReview.objects.get(page=page)
    assert review.review_by == date(2027, 3, 10)
    assert review.unit == unit
    assert review.person is None
    # Publishing again does not move the date: only a review does.
    with time_machine.travel("2026-06-01 09:00 +02:00"):
        publish(page)
    assert PageReview.objects.get(page=page).review_by == date(2027, 3, 10)


def test_marking_reviewed_moves_the_date_twelve_months_from_the_review(home, admin_user):
    page = publish(StandardPageFactory(parent=home))
    review = due(page, -3)
    with time_machine.travel("2026-09-01 10:00 +02:00"):
        ownership.mark_reviewed(review, admin_user)
    review.refresh_from_db()
    assert review.review_by == date(2027, 9, 1)
    assert review.reviewed_by == admin_user


# --- On the public page -------------------------------------------------------------------


def test_the_public_page_shows_when_it_was_updated_and_who_answers_for_it(client, home, unit):
    page = publish(StandardPageFactory(parent=home, title="Luftkvalitet"))
    PageReview.objects.filter(page=page).update(unit=unit)
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    line = html.select_one(".page-updated").get_text(" ", strip=True)
    assert line.startswith("Senast uppdaterad")
    assert "Ansvarig: Miljöförvaltningen" in line
    assert html.select_one(".page-updated time")["datetime"]


def test_the_person_is_never_shown_to_visitors(client, home, unit, admin_user):
    admin_user.first_name, admin_user.last_name = "Anna", "Berg"
    admin_user.save()
    page = publish(StandardPageFactory(parent=home))
    due(page, 100, unit=unit, person=admin_user)
    assert "Anna" not in client.get(page.url).content.decode()


# --- The page's own form ------------------------------------------------------------------


def test_an_editor_marks_a_page_as_reviewed(admin_client, home, unit):
    page = publish(StandardPageFactory(parent=home, title="Bygglov"))
    due(page, -10)
    url = reverse("review:page", args=[page.pk])
    response = admin_client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sidansvar och granskning" in html
    assert "skulle ha granskats senast" in html
    stored = PageReview.objects.get(page=page).review_by
    response = admin_client.post(
        url, {"unit": unit.pk, "person": "", "review_by": stored.isoformat(), "reviewed": "1"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    review = PageReview.objects.get(page=page)
    assert review.unit == unit
    assert review.review_by == ownership.next_review(timezone.localdate())
    assert review.reviewed_at is not None


def test_a_date_the_editor_chose_is_kept_when_marking_reviewed(admin_client, home):
    page = publish(StandardPageFactory(parent=home))
    due(page, -1)
    chosen = timezone.localdate() + timedelta(days=90)
    admin_client.post(
        reverse("review:page", args=[page.pk]),
        {"unit": "", "person": "", "review_by": chosen.isoformat(), "reviewed": "1"},
    )
    assert PageReview.objects.get(page=page).review_by == chosen


def test_a_bad_date_is_refused_in_swedish_and_nothing_is_saved(admin_client, home, unit):
    page = publish(StandardPageFactory(parent=home))
    before = due(page, 20).review_by
    response = admin_client.post(
        reverse("review:page", args=[page.pk]),
        {"unit": unit.pk, "person": "", "review_by": "31 juni", "reviewed": "1"},
    )
    assert response.status_code == 400
    assert "Fyll i ett giltigt datum" in response.content.decode()
    review = PageReview.objects.get(page=page)
    assert (review.review_by, review.unit_id, review.reviewed_at) == (before, None, None)


def test_only_those_who_may_edit_the_page_may_change_its_owner(client, home, django_user_model):
    page = publish(StandardPageFactory(parent=home))
    reader = django_user_model.objects.create_user("lasare", password="x" * 12)
    reader.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(reader)
    response = client.post(reverse("review:page", args=[page.pk]), {"review_by": "2030-01-01"})
    # Wagtail's answer to a refused admin view: back to the dashboard, with a message.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert PageReview.objects.get(page=page).review_by != date(2030, 1, 1)


def test_the_edit_view_shows_the_review_date_and_warns_when_overdue(admin_client, home, unit):
    page = publish(StandardPageFactory(parent=home))
    review = due(page, -5, unit=unit)
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert f"Granska senast {review.review_by.isoformat()} · Miljöförvaltningen" in html
    assert reverse("review:page", args=[page.pk]) in html
    assert "Sidan skulle ha granskats senast" in html


# --- The report ---------------------------------------------------------------------------


@pytest.fixture
def due_pages(home, unit, admin_user):
    overdue = publish(StandardPageFactory(parent=home, title="Bygglov"))
    soon = publish(StandardPageFactory(parent=home, title="Avfall och återvinning"))
    later = publish(StandardPageFactory(parent=home, title="Stadsbiblioteket"))
    due(overdue, -3, unit=unit)
    due(soon, 20, person=admin_user)
    due(later, 31, unit=unit)
    return overdue, soon, later


def titles(response):
    return [page.title for page in response.context["object_list"]]


def test_the_report_lists_overdue_and_soon_due_pages(admin_client, due_pages):
    response = admin_client.get(reverse("review:report"))
    assert response.status_code == 200
    assert titles(response) == ["Bygglov", "Avfall och återvinning"]
    html = response.content.decode()
    assert "Sidor att granska" in html
    assert "Försenad" in html and "Inom 30 dagar" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"state": "forsenad"}, ["Bygglov"]),
        ({"state": "snart"}, ["Avfall och återvinning"]),
        ({"unit": "UNIT"}, ["Bygglov"]),
        ({"person": "PERSON"}, ["Avfall och återvinning"]),
    ],
)
def test_the_report_filters(admin_client, due_pages, unit, admin_user, query, expected):
    query = {
        key: {"UNIT": unit.pk, "PERSON": admin_user.pk}.get(value, value)
        for key, value in query.items()
    }
    assert titles(admin_client.get(reverse("review:report"), query)) == expected


def test_the_report_exports_csv(admin_client, due_pages):
    response = admin_client.get(reverse("review:report"), {"export": "csv"})
    assert response.status_code == 200
    assert "sidor-att-granska-" in response["Content-Disposition"]
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0] == [
        "Sida",
        "Adress",
        "Läge",
        "Granska senast",
        "Sidansvarig enhet",
        "Sidansvarig person",
        "Senast publicerad",
    ]
    assert rows[1][0] == "Bygglov"
    assert rows[1][2] == "Försenad"
    assert rows[1][4] == "Miljöförvaltningen"
    assert rows[2][5] == "admin"
    assert len(rows) == 3


def test_an_editor_sees_only_the_pages_they_may_edit(client, home, django_user_model):
    mine = publish(StandardPageFactory(parent=home, title="Förskola"))
    child = publish(StandardPageFactory(parent=mine, title="Ansök om plats"))
    other = publish(StandardPageFactory(parent=home, title="Bygglov"))
    for page in (child, other):
        due(page, -1)
    group = Group.objects.create(name="Redaktör förskola")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(group=group, page=mine, permission_type="change")
    editor = django_user_model.objects.create_user("redaktor", password="x" * 12)
    editor.groups.add(group)
    client.force_login(editor)
    assert titles(client.get(reverse("review:report"))) == ["Ansök om plats"]


def test_the_dashboard_panel_counts_what_is_due(admin_client, due_pages):
    html = BeautifulSoup(admin_client.get(reverse("wagtailadmin_home")).content, "html.parser")
    panel = html.select_one("#pages-to-review-section")
    assert panel is not None
    text = panel.get_text(" ", strip=True)
    assert "1 sida skulle redan ha granskats" in text
    assert "1 ska granskas inom 30 dagar" in text
    assert "Avfall och återvinning" in text  # the admin's own page


# --- The weekly reminder ------------------------------------------------------------------


class TestDigest(WagtailTestUtils):
    def test_one_email_per_owner_with_their_pages(self, home, unit, admin_user):
        admin_user.email = "Anna.Berg@sundhamn.example"
        admin_user.save()
        overdue = publish(StandardPageFactory(parent=home, title="Bygglov"))
        soon = publish(StandardPageFactory(parent=home, title="Avfall"))
        own = publish(StandardPageFactory(parent=home, title="Förskola"))
        nobody = publish(StandardPageFactory(parent=home, title="Ingen ansvarig"))
        later = publish(StandardPageFactory(parent=home, title="Senare"))
        due(overdue, -3, unit=unit)
        due(soon, 10, unit=unit)
        due(own, 5, unit=unit, person=admin_user)  # the person, not the unit, is reminded
        due(nobody, -1)
        due(later, 40, unit=unit)

        assert digest.weekly_digest() == 2
        by_address = {message.to[0]: message for message in mail.outbox}
        assert set(by_address) == {"anna.berg@sundhamn.example", unit.email}
        to_unit = by_address[unit.email]
        assert to_unit.subject.startswith("2 sidor att granska på ")
        body = to_unit.body
        assert "Skulle redan ha granskats:" in body and "Ska granskas inom 30 dagar:" in body
        assert body.index("Bygglov") < body.index("Ska granskas") < body.index("Avfall")
        assert "Förskola" not in body and "Senare" not in body
        assert reverse("review:page", args=[overdue.pk]) in body
        assert "Förskola" in by_address["anna.berg@sundhamn.example"].body
        assert Email.objects.filter(purpose="review.digest").count() == 2

    def test_a_week_is_sent_once(self, home, unit):
        review = due(publish(StandardPageFactory(parent=home)), 0, unit=unit)
        review.review_by = date(2026, 4, 1)
        review.save()
        with time_machine.travel("2026-05-04 07:00 +02:00"):  # a Monday
            assert digest.weekly_digest() == 1
        with time_machine.travel("2026-05-07 07:00 +02:00"):  # Thursday: same week
            assert digest.weekly_digest() == 0
        with time_machine.travel("2026-05-11 07:00 +02:00"):  # the next Monday
            assert digest.weekly_digest() == 1
        assert len(mail.outbox) == 2
        assert list(DigestWeek.objects.values_list("week", flat=True).order_by("week")) == [
            date(2026, 5, 4),
            date(2026, 5, 11),
        ]

    def test_unpublished_pages_are_not_reminded(self, home, unit):
        page = publish(StandardPageFactory(parent=home))
        due(page, -1, unit=unit)
        page.unpublish()
        assert digest.weekly_digest() == 0
        assert mail.outbox == []

    def test_the_job_is_registered_on_the_worker(self):
        from kommunwebb.operations import schedule

        job = schedule.get_job("review.weekly_digest")
        assert job.func == "kommunwebb.review.digest.weekly_digest"
        assert job.every == timedelta(days=1)


def test_articles_and_events_name_their_unit_too(client, home, unit):
    from kommunwebb.events.factories import EventIndexPageFactory, EventPageFactory
    from kommunwebb.news.factories import NewsArticlePageFactory, NewsIndexPageFactory

    article = publish(NewsArticlePageFactory(parent=NewsIndexPageFactory(parent=home)))
    event = publish(EventPageFactory(parent=EventIndexPageFactory(parent=home)))
    for page in (article, event):
        PageReview.objects.filter(page=page).update(unit=unit)
    article_line = BeautifulSoup(client.get(article.url).content, "html.parser").select_one(
        ".page-updated"
    )
    # The article's own dates are above: only who answers for it here.
    assert article_line.get_text(" ", strip=True) == "Ansvarig: Miljöförvaltningen"
    event_line = BeautifulSoup(client.get(event.url).content, "html.parser").select_one(
        ".page-updated"
    )
    assert event_line.get_text(" ", strip=True).startswith("Senast uppdaterad")
    assert "Ansvarig: Miljöförvaltningen" in event_line.get_text()


def test_a_new_responsible_unit_is_shown_at_once_with_the_page_cache_on(
    client, pagecache, commit, home, unit
):
    """The units' names are read once per content generation (review_tags): saving a page's
    review row starts a new one, so the next render names the new unit."""
    with commit():
        page = publish(StandardPageFactory(parent=home, title="Luftkvalitet"))
        PageReview.objects.filter(page=page).update(unit=unit)
    assert "Ansvarig: Miljöförvaltningen" in client.get(page.url + "?a=1").content.decode()
    other = ResponsibleUnit.objects.create(name="Tekniska förvaltningen", email="t@s.example")
    with commit():
        review = PageReview.objects.get(page=page)
        review.unit = other
        review.save()
    html = client.get(page.url + "?a=2").content.decode()
    assert "Ansvarig: Tekniska förvaltningen" in html
    assert "Miljöförvaltningen" not in html
