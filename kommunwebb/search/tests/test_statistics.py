"""What residents look for, counted per day for the editors (issue 14 part 8): top
searches, searches with few hits, suggestions taken; nothing about the visitor."""

import json

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from kommunwebb.events.factories import EventIndexPageFactory, EventPageFactory
from kommunwebb.news.factories import NewsArticlePageFactory
from kommunwebb.search.models import SearchQueryDay, SuggestionChoice, SynonymGroup

from .conftest import publish

pytestmark = pytest.mark.django_db


def get(client, **params):
    return client.get(reverse("search"), params)


def suggest(client, text):
    return [
        item["title"]
        for item in client.get(reverse("search_autocomplete"), {"q": text}).json()["results"]
    ]


def test_every_search_is_counted_with_its_hits_and_nothing_else(client, article):
    get(client, q="Luft", HTTP_USER_AGENT="Secret/1.0", REMOTE_ADDR="192.0.2.7")
    get(client, q="luft!")
    get(client, q="zzzqqq")
    rows = dict(SearchQueryDay.objects.values_list("query", "count"))
    assert rows == {"luft": 2, "zzzqqq": 1}
    assert SearchQueryDay.objects.get(query="luft").hits == 1
    assert SearchQueryDay.objects.get(query="zzzqqq").hits == 0
    assert {field.name for field in SearchQueryDay._meta.get_fields()} == {
        "id",
        "query",
        "day",
        "count",
        "hits",
    }


def test_a_taken_suggestion_is_counted_per_day(client, article):
    url = reverse("search_suggestion_taken")
    body = json.dumps({"q": "Renar", "page": article.pk})
    response = client.post(url, body, content_type="text/plain", REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 204
    assert "Set-Cookie" not in response
    client.post(url, body, content_type="text/plain")
    row = SuggestionChoice.objects.get()
    assert (row.query, row.page_id, row.count, row.day) == (
        "renar",
        article.pk,
        2,
        timezone.localdate(),
    )


@pytest.mark.parametrize(
    "body",
    ["", "{", "[]", '{"q": "luft"}', '{"q": "", "page": 1}', '{"q": "x", "page": "abc"}'],
)
def test_bad_suggestion_reports_are_a_400(client, article, body):
    response = client.post(reverse("search_suggestion_taken"), body, content_type="text/plain")
    assert response.status_code == 400
    assert not SuggestionChoice.objects.exists()


def test_a_suggestion_of_an_unpublished_page_is_not_counted(client, news):
    draft = NewsArticlePageFactory(parent=news, live=False)
    body = json.dumps({"q": "nyhet", "page": draft.pk})
    response = client.post(reverse("search_suggestion_taken"), body, content_type="text/plain")
    assert response.status_code == 400
    assert client.get(reverse("search_suggestion_taken")).status_code == 405


def test_suggestions_match_word_starts_anywhere_and_compound_parts(client, home):
    calendar = EventIndexPageFactory(parent=home)
    publish(EventPageFactory(parent=calendar, title="Julmarknad på Rådhustorget"))
    assert suggest(client, "jul") == ["Julmarknad på Rådhustorget"]
    assert suggest(client, "rådh") == ["Julmarknad på Rådhustorget"]
    assert suggest(client, "marknad") == ["Julmarknad på Rådhustorget"]
    assert suggest(client, "torg jul") == ["Julmarknad på Rådhustorget"]
    assert suggest(client, "kyrka") == []


def test_suggestions_follow_synonyms_and_promotions(client, home, news):
    from kommunwebb.core.factories import StandardPageFactory

    support = publish(StandardPageFactory(parent=home, title="Stöd vid akuta händelser"))
    library = publish(StandardPageFactory(parent=home, title="Stadsbiblioteket"))
    SynonymGroup.objects.create(terms="bibliotek, library")
    SearchPromotion.objects.create(query=Query.get("social"), page=support, sort_order=0)
    assert suggest(client, "soci") == [support.title]
    assert suggest(client, "libr") == [library.title]


@pytest.fixture
def editor(django_user_model, home):
    user = django_user_model.objects.create_user("redaktor", password="x" * 16)
    user.groups.add(Group.objects.get(name="Webbredaktör"))
    return user


def test_editors_see_top_searches_few_hits_and_suggestions_taken(client, editor, article):
    today = timezone.localdate()
    SearchQueryDay.objects.create(query="luft", day=today, count=9, hits=4)
    SearchQueryDay.objects.create(query="sophämtning", day=today, count=3, hits=0)
    SearchQueryDay.objects.create(query="bygglov", day=today, count=2, hits=1)
    SuggestionChoice.objects.create(query="ren", page=article, day=today, count=5)
    client.force_login(editor)

    html = client.get(reverse("search_top_queries")).content.decode()
    assert "Vanligaste sökningar" in html
    assert html.index("luft") < html.index("sophämtning") < html.index("bygglov")

    few = client.get(reverse("search_few_hits"))
    assert [row["query"] for row in few.context["object_list"]] == ["sophämtning", "bygglov"]

    taken = client.get(reverse("search_suggestions_taken"))
    assert [(r["query"], r["page__title"], r["total"]) for r in taken.context["object_list"]] == [
        ("ren", article.title, 5)
    ]


def test_the_statistics_are_purged_with_the_analytics_raw_data(article):
    from django.core.management import call_command

    old_day = timezone.localdate() - timezone.timedelta(days=400)
    SearchQueryDay.objects.create(query="gammal", day=old_day, count=1)
    SuggestionChoice.objects.create(query="gam", page=article, day=old_day, count=1)
    new = SearchQueryDay.objects.create(query="ny", day=timezone.localdate(), count=1)
    call_command("purge_expired", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert list(SearchQueryDay.objects.all()) == [new]
    assert not SuggestionChoice.objects.exists()


def test_searches_varnish_answered_are_counted_from_its_log(article):
    """A search Varnish answers from its cache never reaches the app: the VCL logs one "kws"
    record (the address, and the hits and zero-hit flag the app sent with the page) that
    `ingest_pageviews --varnishlog` hands to the search statistics, counted once each,
    under the query the app read (the last q); nothing about the visitor is in it."""
    import io
    import sys

    from django.core.management import call_command

    from kommunwebb.search.models import ZeroResultQuery

    def records(count, text, start=40000):
        return "".join(f"{start + n:>10} VCL_Log        c {text}\n" for n in range(count))

    data = (
        records(3, "kws\t/sok/?q=Luft&utm_source=x\t1 0")
        + records(2, "kws\t/en/sok/?q=a&q=zzz+qqq%21\t0 1")
        + records(1, "kws\t/sok/?q=zzz+qqq&typ=evenemang\t0 0")  # a filter emptied it
        + records(1, "kws\t/sok/?q=broken\tnot numbers")
        + records(2, "kwx\t/sok/?q=luft\t1 0")  # nobody registered this tag
        + records(1, "kw\t/sok/?q=luft\t\tMozilla/5.0")  # a page view, not a search
    )
    out, old = io.StringIO(), sys.stdin
    sys.stdin = io.StringIO(data)
    try:
        call_command("ingest_pageviews", "--varnishlog", stdout=out)
    finally:
        sys.stdin = old
    assert "counted 6 kws records" in out.getvalue()
    rows = {
        query: (count, hits)
        for query, count, hits in SearchQueryDay.objects.values_list("query", "count", "hits")
    }
    assert rows == {"luft": (3, 1), "zzz qqq": (3, 0)}
    assert dict(ZeroResultQuery.objects.values_list("query", "count")) == {"zzz qqq": 2}
