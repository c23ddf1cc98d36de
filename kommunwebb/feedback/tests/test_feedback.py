"""'Var sidan till hjälp?' (issue 11, part 7): the question on every page without a CSRF
token or cookie, the answer and comment without JavaScript and with it, masking, the
same-origin check, the rate limit, retention, and what editors see."""

import csv
import io
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from kommunwebb.core.factories import StandardPageFactory
from kommunwebb.feedback.masking import mask_personal_data
from kommunwebb.feedback.models import PageFeedback
from kommunwebb.retention.registry import get_kind

pytestmark = pytest.mark.django_db
ORIGIN = {"HTTP_ORIGIN": "http://testserver"}


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # the rate limit counts in the cache
    yield
    cache.clear()


@pytest.fixture
def page(home):
    page = StandardPageFactory(parent=home, title="Bygglov")
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific


def answer(client, page, value="nej", **headers):
    return client.post(
        reverse("feedback:answer"), {"page": page.pk, "answer": value}, **{**ORIGIN, **headers}
    )


# --- The question -------------------------------------------------------------------------


def test_every_page_asks_without_csrf_token_or_cookie(client, page, home):
    for url in (page.url, home.url):
        response = client.get(url)
        html = BeautifulSoup(response.content, "html.parser")
        form = html.select_one("[data-page-feedback] form")
        assert form["action"] == "/sidrespons/"
        assert form["method"] == "post"
        assert html.select_one("[data-page-feedback] legend").get_text() == "Var sidan till hjälp?"
        assert [b.get_text() for b in form.select("button")] == ["Ja", "Nej"]
        assert form.select_one('input[name="csrfmiddlewaretoken"]') is None
        assert not response.cookies
        assert "no-store" not in response.get("Cache-Control", "")


def test_pages_outside_the_tree_do_not_ask(client, page):
    html = BeautifulSoup(client.get("/sok/").content, "html.parser")
    assert html.select_one("[data-page-feedback]") is None


# --- Answering without JavaScript ---------------------------------------------------------


def test_an_answer_then_a_comment_without_javascript(client, page):
    response = answer(client, page, "nej")
    assert response.status_code == 303
    assert not response.cookies
    (stored,) = PageFeedback.objects.all()
    assert (stored.page_id, stored.helpful, stored.comment) == (page.pk, False, "")

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "no-store" in thanks["Cache-Control"]
    html = BeautifulSoup(thanks.content, "html.parser")
    form = html.select_one("form[data-feedback-comment]")
    hint = html.select_one("#feedback-comment-hint").get_text()
    assert "Skriv inte namn, personnummer, telefonnummer eller e-postadress" in hint
    assert html.select_one("textarea")["maxlength"] == "1000"
    token = form.select_one('input[name="t"]')["value"]

    done = client.post(
        reverse("feedback:comment"),
        {"t": token, "comment": "Ring mig på 070-123 45 67 eller skriv till anna@exempel.se."},
        **ORIGIN,
    )
    assert done.status_code == 303
    stored.refresh_from_db()
    assert stored.comment == (
        "Ring mig på [telefonnummer borttaget] eller skriv till [e-postadress borttagen]."
    )
    assert stored.commented_at is not None
    last = client.get(done["Location"]).content.decode()
    assert "Vi läser alla svar" in last
    assert page.url in last

    # The same token again changes nothing: one comment per answer.
    client.post(reverse("feedback:comment"), {"t": token, "comment": "Ändrat"}, **ORIGIN)
    stored.refresh_from_db()
    assert stored.comment.startswith("Ring mig")


def test_with_javascript_the_answers_are_json(client, page):
    response = answer(client, page, "ja", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    body = response.json()
    assert body["comment_url"] == reverse("feedback:comment")
    done = client.post(
        reverse("feedback:comment"),
        {"t": body["token"], "comment": "Bra sida!"},
        HTTP_ACCEPT="application/json",
        **ORIGIN,
    )
    assert done.json() == {"done": True}
    stored = PageFeedback.objects.get()
    assert (stored.helpful, stored.comment) == (True, "Bra sida!")


def test_a_comment_over_1000_characters_is_refused_and_kept_for_editing(client, page):
    token = answer(client, page, HTTP_ACCEPT="application/json").json()["token"]
    response = client.post(
        reverse("feedback:comment"), {"t": token, "comment": "x" * 1001}, **ORIGIN
    )
    assert response.status_code == 422
    html = BeautifulSoup(response.content, "html.parser")
    assert "högst 1000 tecken" in html.select_one("#feedback-comment-error").get_text()
    assert html.select_one("textarea").get_text() == "x" * 1001
    assert html.select_one("title").get_text().startswith("Fel:")
    assert PageFeedback.objects.get().comment == ""


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"answer": "kanske"}, 400),
        ({"answer": ""}, 400),
        ({"page": "abc"}, 400),
        ({"page": "99999999"}, 400),
        ({"page": "1"}, 400),  # the root of the tree is no page of the site
        ({"page": "١٢"}, 400),  # digits, but not ASCII ones
    ],
)
def test_bad_answers_are_refused_in_swedish(client, page, data, status):
    response = client.post(
        reverse("feedback:answer"), {"page": page.pk, "answer": "ja", **data}, **ORIGIN
    )
    assert response.status_code == status
    assert "Vi förstod inte svaret" in response.content.decode()
    assert not PageFeedback.objects.exists()


def test_unpublished_and_private_pages_cannot_be_answered(client, page, home):
    page.unpublish()
    assert answer(client, page).status_code == 400
    assert not PageFeedback.objects.exists()


def test_a_forged_or_expired_token_is_refused(client, page):
    response = client.post(reverse("feedback:comment"), {"t": "forged", "comment": "Hej"}, **ORIGIN)
    assert response.status_code == 400
    assert "gått för lång tid" in response.content.decode()
    assert client.get(reverse("feedback:thanks"), {"t": "forged"}).status_code == 400


def test_posts_from_another_site_are_refused(client, page):
    response = answer(client, page, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert "inte skickades från den här webbplatsen" in response.content.decode()
    no_origin = client.post(reverse("feedback:answer"), {"page": page.pk, "answer": "ja"})
    assert no_origin.status_code == 403
    assert not PageFeedback.objects.exists()


def test_only_post_is_accepted(client):
    assert client.get(reverse("feedback:answer")).status_code == 405
    assert client.get(reverse("feedback:comment")).status_code == 405


def test_answers_are_rate_limited(client, page, settings):
    settings.FEEDBACK_RATE_LIMIT_PER_MINUTE = 3
    statuses = [answer(client, page).status_code for _ in range(4)]
    assert statuses == [303, 303, 303, 429]
    limited = answer(client, page)
    assert limited["Retry-After"] == "60"
    assert PageFeedback.objects.count() == 3


def test_an_oversized_body_is_refused(client, page):
    response = client.post(reverse("feedback:comment"), {"t": "x", "comment": "å" * 9000}, **ORIGIN)
    assert response.status_code == 400
    assert not PageFeedback.objects.exists()


# --- Masking --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Mejla anna.berg+x@sundhamn.se tack", "Mejla [e-postadress borttagen] tack"),
        ("skriv till anna (at) exempel.se", "skriv till [e-postadress borttagen]"),
        ("Ring +46 70 123 45 67!", "Ring [telefonnummer borttaget]!"),
        ("tel 08-123 456 78.", "tel [telefonnummer borttaget]."),
        ("mitt nr 0701234567", "mitt nr [telefonnummer borttaget]"),
        ("Jag är 850101-1234.", "Jag är [personnummer borttaget]."),
        ("Född 19850101-1234", "Född [personnummer borttaget]"),
        (
            "Öppet 08:00–16:00 den 3 maj 2026, 1 000 kronor",
            "Öppet 08:00–16:00 den 3 maj 2026, 1 000 kronor",
        ),
        ("Sidan 12 av 30", "Sidan 12 av 30"),
    ],
)
def test_personal_data_is_masked(text, masked):
    assert mask_personal_data(text) == masked


# --- Retention ------------------------------------------------------------------------------


def test_comments_are_blanked_after_six_months_and_answers_kept_with_the_statistics(page, settings):
    settings.ANALYTICS_AGGREGATE_RETENTION_MONTHS = 25
    now = timezone.now()
    old = PageFeedback.objects.create(
        page=page,
        helpful=False,
        comment="Gammal",
        commented_at=now - timedelta(days=200),
        created_at=now - timedelta(days=200),
    )
    new = PageFeedback.objects.create(
        page=page, helpful=True, comment="Ny", commented_at=now - timedelta(days=10)
    )
    ancient = PageFeedback.objects.create(
        page=page, helpful=True, created_at=now - timedelta(days=800)
    )
    comments = get_kind("feedback.comments")
    assert comments.period == timedelta(days=183)
    assert sum(comments.purge_function(now - comments.period, 100)) == 1
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.comment, old.commented_at, old.helpful) == ("", None, False)
    assert new.comment == "Ny"

    answers = get_kind("feedback.answers")
    assert timedelta(days=755) < answers.period < timedelta(days=765)  # 25 months
    assert sum(answers.purge_function(now - answers.period, 100)) == 1
    assert not PageFeedback.objects.filter(pk=ancient.pk).exists()
    assert PageFeedback.objects.count() == 2


# --- What editors see -----------------------------------------------------------------------


@pytest.fixture
def answers(page, home):
    other = StandardPageFactory(parent=home, title="Avfall")
    other.save_revision().publish()
    for helpful, comment in [(False, "Saknar öppettider"), (False, ""), (True, "")]:
        PageFeedback.objects.create(
            page=page,
            helpful=helpful,
            comment=comment,
            commented_at=timezone.now() if comment else None,
        )
    PageFeedback.objects.create(page=other, helpful=False)
    PageFeedback.objects.create(
        page=other, helpful=True, created_at=timezone.now() - timedelta(days=60)
    )
    return page, other


def test_the_report_lists_pages_with_most_no_first(admin_client, answers):
    response = admin_client.get(reverse("feedback_admin:pages"))
    assert response.status_code == 200
    rows = response.context["object_list"]
    assert [(r["page__title"], r["no"], r["yes"]) for r in rows] == [
        ("Bygglov", 2, 1),
        ("Avfall", 1, 0),
    ]
    assert rows[0]["yes_share"] == "33 %"
    ninety = admin_client.get(reverse("feedback_admin:pages"), {"period": "90"})
    assert [(r["page__title"], r["yes"]) for r in ninety.context["object_list"]][1] == ("Avfall", 1)


def test_the_reports_export_csv(admin_client, answers):
    response = admin_client.get(reverse("feedback_admin:pages"), {"export": "csv"})
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0] == ["Sida", "Sökväg i sidträdet", "Nej", "Ja", "Andel ja", "Kommentarer"]
    assert rows[1][0] == "Bygglov" and rows[1][2:] == ["2", "1", "33 %", "1"]
    response = admin_client.get(reverse("feedback_admin:comments"), {"export": "csv"})
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0] == ["Datum", "Sida", "Svar", "Kommentar"]
    assert rows[1][1:] == ["Bygglov", "Nej", "Saknar öppettider"]


def test_the_page_statistics_show_its_feedback(admin_client, answers):
    page, _other = answers
    html = admin_client.get(reverse("analytics_admin:page", args=[page.pk])).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    section = soup.select_one('[aria-labelledby="kw-feedback"]')
    text = section.get_text(" ", strip=True)
    assert "Var sidan till hjälp?" in text
    assert "Ja 1" in text and "Nej 2" in text and "Andel ja 33 %" in text
    assert "Saknar öppettider" in text


def test_only_those_with_the_permission_see_feedback(client, answers, django_user_model):
    page, _other = answers
    user = django_user_model.objects.create_user("statistiker", password="x" * 12)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_statistics"),
    )
    client.force_login(user)
    assert client.get(reverse("feedback_admin:pages")).status_code == 302
    stats = client.get(reverse("analytics_admin:page", args=[page.pk])).content.decode()
    assert "Saknar öppettider" not in stats
    user.user_permissions.add(Permission.objects.get(codename="view_feedback"))
    user = django_user_model.objects.get(pk=user.pk)
    client.force_login(user)
    assert client.get(reverse("feedback_admin:pages")).status_code == 200


def test_the_question_never_stops_the_page_cache(client, page, pagecache):
    first = client.get(page.url)
    second = client.get(page.url)
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert b"Var sidan till hj" in second.content
    # Answering changes nothing a cached page shows.
    answer(client, page)
    assert client.get(page.url)["X-Page-Cache"] == "hit"
