import pytest
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from kommunwebb.news.factories import NewsArticlePageFactory
from kommunwebb.search.models import SynonymGroup, ZeroResultQuery

from .conftest import publish

pytestmark = pytest.mark.django_db


def get(client, **params):
    return client.get(reverse("search"), params)


def test_finds_published_pages(client, article):
    response = get(client, q="luft")
    assert response.status_code == 200
    assert article.title in response.content.decode()
    # The same for every visitor: Varnish may keep it (test_speed.py, docs/search.md).
    assert response["Cache-Control"].startswith("public")


def test_inflected_query_finds_the_article_and_marks_the_words(client, article):
    html = get(client, q="kvävedioxiden").content.decode()
    assert article.title in html
    assert "<mark>kvävedioxid</mark>" in html


def test_drafts_are_not_found(client, news):
    page = NewsArticlePageFactory(parent=news, title="Hemlig plan", live=False)
    page.save_revision()
    assert "Hemlig plan" not in get(client, q="hemlig").content.decode()


def test_empty_query_shows_the_form(client, home):
    response = get(client)
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


def test_nothing_found_gives_help(client, home):
    html = get(client, q="zzzzqqq").content.decode()
    assert "Inga träffar" in html
    assert "Tips när du inte hittar" in html


def test_no_page_with_every_word_shows_pages_with_most_of_them(client, article, event):
    response = get(client, q="evenemanget luft")
    assert response.context["relaxed"] is True
    # The article says "luft", the event (and its calendar) "evenemang".
    assert {article.pk, event.pk} <= {hit["page"].pk for hit in response.context["hits"]}
    assert "Ingen sida innehåller alla orden" in response.content.decode()
    # With every word found somewhere together, only those pages.
    response = get(client, q="luft innerstaden")
    assert response.context["relaxed"] is False
    assert [hit["page"].pk for hit in response.context["hits"]] == [article.pk]


def test_filter_by_content_type(client, article, event):
    response = get(client, q="innerstaden", typ="nyheter")
    assert [hit["page"].pk for hit in response.context["hits"]] == [article.pk]
    assert get(client, q="innerstaden", typ="evenemang").context["hits"] == []
    assert [h["page"].pk for h in get(client, q="julmarknad", typ="evenemang").context["hits"]] == [
        event.pk
    ]
    assert get(client, q="julmarknad", typ="sidor").context["hits"] == []


def test_unknown_filter_values_are_ignored(client, article):
    response = get(client, q="luft", typ="<script>", amne="finns-inte")
    assert response.status_code == 200
    assert [hit["page"].pk for hit in response.context["hits"]] == [article.pk]


def test_filter_by_topic(client, article, school_article, topic_page):
    response = get(client, q="innerstaden skolor", amne=topic_page.topic.slug)
    assert response.context["topic"] == topic_page.topic
    assert response.context["hits"] == []
    response = get(client, q="skolor", amne="utbildning")
    assert [hit["page"].pk for hit in response.context["hits"]] == [school_article.pk]
    response = get(client, q="luften", amne="miljo")
    assert {hit["page"].pk for hit in response.context["hits"]} == {article.pk, topic_page.pk}
    assert "Miljö" in [tag.name for tag in response.context["topics"]]


def test_pagination(client, news):
    for n in range(23):
        publish(NewsArticlePageFactory(parent=news, title=f"Skola {n}", lead="Om skolan."))
    first = get(client, q="skola")
    assert first.context["page_obj"].paginator.count == 23
    assert len(first.context["hits"]) == 10
    third = get(client, q="skola", sida="3")
    assert len(third.context["hits"]) == 3
    for bad in ("-1", "abc", "999", "1e3", ""):
        response = get(client, q="skola", sida=bad)
        assert response.status_code == 200
        assert response.context["page_obj"].number == 1


def test_more_matches_than_are_counted_say_so_and_fill_the_pages_they_may(
    client, news, monkeypatch
):
    """Above ``MAX_COUNTED`` matches the page says "Fler än …" and offers as many pages
    as the cap fills; the results shown are the first ones of the whole ranking."""
    from kommunwebb.search import query

    for n in range(23):
        lead = "Om skolan i kommunen."
        publish(NewsArticlePageFactory(parent=news, title=f"Skola {n}", lead=lead))
    everything = [hit["page"].pk for hit in get(client, q="skola kommunen").context["hits"]]
    monkeypatch.setattr(query, "MAX_COUNTED", 15)
    first = get(client, q="skola kommunen")
    html = first.content.decode()
    assert "Fler än 15 träffar på ”skola kommunen”, sida 1 av 2" in html
    assert first.context["page_obj"].paginator.count == 15
    assert [hit["page"].pk for hit in first.context["hits"]] == everything
    second = get(client, q="skola kommunen", sida="2")
    assert len(second.context["hits"]) == 5
    # Past the pages the cap fills: the first page.
    assert get(client, q="skola kommunen", sida="3").context["page_obj"].number == 1


def test_synonyms_widen_the_search(client, news):
    page = publish(
        NewsArticlePageFactory(
            parent=news, title="Så söker du bygglov", lead="Ansökan om bygglov görs digitalt."
        )
    )
    assert get(client, q="bygganmälan").context["hits"] == []
    SynonymGroup.objects.create(terms="bygglov, bygganmälan")
    # "bygganmälningen" is not a form Snowball folds into "bygganmälan", so the group does
    # not reach it; it matches "bygganmälan" itself, and marks the synonym it found.
    assert get(client, q="bygganmälningen").context["hits"] == []
    hits = get(client, q="bygganmälan").context["hits"]
    assert [hit["page"].pk for hit in hits] == [page.pk]
    assert "<mark>bygglov</mark>" in str(hits[0]["snippet"])


def test_synonym_group_needs_two_terms(home):
    from django.core.exceptions import ValidationError

    group = SynonymGroup(terms="bygglov")
    with pytest.raises(ValidationError):
        group.full_clean()
    group = SynonymGroup(terms=" Bygglov ,\nBygganmälan ")
    group.full_clean()
    assert group.terms == "bygglov, bygganmälan"


def test_promoted_results_come_first(client, article, school_article):
    query = Query.get("Skolval")
    SearchPromotion.objects.create(query=query, page=school_article, sort_order=0)
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://www.skolverket.se/",
        external_link_text="Skolverket",
        sort_order=1,
    )
    html = get(client, q="skolval").content.decode()
    assert "Rekommenderat" in html
    assert html.index(school_article.title) < html.index("Skolverket")
    assert "Tips när du inte hittar" not in html
    # Not on later pages or when filtered.
    assert get(client, q="skolval", typ="nyheter").context["promotions"] == []


def test_unpublished_promoted_page_is_not_shown(client, school_article):
    SearchPromotion.objects.create(query=Query.get("skolval"), page=school_article)
    school_article.unpublish()
    assert get(client, q="skolval").context["promotions"] == []


def test_zero_result_queries_are_counted_without_identifiers(client, article):
    get(client, q="  Parkeringstillstånd  ", HTTP_USER_AGENT="Secret/1.0")
    get(client, q="parkeringstillstånd!")
    get(client, q="luft")  # found: not recorded
    get(client, q="luft saknas", typ="nyheter")  # filtered: not recorded
    rows = list(ZeroResultQuery.objects.values("query", "count"))
    assert rows == [{"query": "parkeringstillstånd", "count": 2}]
    field_names = {field.name for field in ZeroResultQuery._meta.get_fields()}
    assert field_names == {"id", "query", "day", "count"}


def test_zero_result_table_is_bounded_per_day(client, home, monkeypatch):
    from kommunwebb.search import stats

    monkeypatch.setattr(stats, "MAX_NEW_QUERIES_PER_DAY", 2)
    for word in ("aaa", "bbb", "ccc", "aaa"):
        get(client, q=word)
    assert dict(ZeroResultQuery.objects.values_list("query", "count")) == {"aaa": 2, "bbb": 1}


@pytest.mark.parametrize(
    "query",
    [
        '"obalanserat',
        "luft AND OR NOT",
        "kväve*",
        "(((",
        "😀 luft",
        "a\x01b",
        "' OR 1=1 --",
        "luft\tNEAR/2",
        "{title}: luft",
        "^luft",
        "\u202eluft",
    ],
)
def test_odd_queries_never_fail(client, article, query):
    response = get(client, q=query, sida="abc")
    assert response.status_code == 200


def test_too_long_query_is_a_clear_400(client, home):
    response = get(client, q="a" * 1_000)
    assert response.status_code == 400
    assert "för lång" in response.content.decode()
    assert not ZeroResultQuery.objects.exists()
    # An address past 4 kB is refused before the view (security.middleware): Swedish 414.
    response = get(client, q="a" * 10_000)
    assert response.status_code == 414
    assert "Adressen är för lång" in response.content.decode()


def test_nul_character_is_a_clear_400(client, home):
    # Refused before the view, like a NUL anywhere in an address (security.middleware).
    response = get(client, q="luft\x00")
    assert response.status_code == 400
    assert "kunde inte tas emot" in response.content.decode()


def test_post_is_not_allowed(client, home):
    assert client.post(reverse("search"), {"q": "luft"}).status_code == 405


def test_autocomplete(client, article, event):
    response = client.get(reverse("search_autocomplete"), {"q": "renar"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]
    assert "Set-Cookie" not in response
    data = response.json()
    assert data["results"] == [
        {"title": article.title, "url": article.url, "type": "Nyhet", "id": article.pk},
    ]
    julmarknad = client.get(reverse("search_autocomplete"), {"q": "Julm"}).json()
    assert [item["title"] for item in julmarknad["results"]] == [event.title]


@pytest.mark.parametrize("query", ["", "a", '"', "😀😀", "x" * 2000, "((( OR"])
def test_autocomplete_odd_input(client, article, query):
    response = client.get(reverse("search_autocomplete"), {"q": query})
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)


@pytest.mark.parametrize(
    ("label", "model"),
    [
        ("Nyhet", "news.NewsArticlePage"),
        ("Nyheter", "news.NewsIndexPage"),
        ("Evenemang", "events.EventPage"),
        ("Kalender", "events.EventIndexPage"),
        ("Ämne", "topics.TopicPage"),
        ("Information", "core.StandardPage"),
        ("Startsida", "home.HomePage"),
        ("Formulärsida", "cityforms.FormPage"),  # no label of its own: its name in the admin
    ],
)
def test_results_say_what_kind_of_page_they_are(label, model):
    from django.apps import apps

    from kommunwebb.core.templatetags.site_tags import page_type_label

    assert page_type_label(apps.get_model(model)()) == label


def test_the_filter_chips_link_as_the_querystring_tag_would(rf):
    """``views.filter_chips`` builds the chip links once in the view: each the link
    ``{% querystring %}`` gives for the same parameters (order, repeated keys, escaping)."""
    from types import SimpleNamespace

    from django.template import Context, Template

    from kommunwebb.search.query import KINDS
    from kommunwebb.search.views import filter_chips

    topics = [
        SimpleNamespace(pk=1, name="Miljö", slug="miljo"),
        SimpleNamespace(pk=2, name="Skola & fritid", slug="skola-fritid"),
    ]
    for params in [
        {"q": "skolor"},
        {"typ": "nyheter", "q": "skolor & förskolor", "sida": "3"},
        {"amne": "miljo", "q": "luft", "x": ["1", "2"]},
    ]:
        request = rf.get("/sok/", params)
        kind, topic = request.GET.get("typ", ""), None
        if request.GET.get("amne"):
            topic = topics[0]
        kinds, chips = filter_chips(request, kind, topics, topic)

        def expected(key, value, request=request):
            context = Context({"key": key, "value": value})
            context.request = request
            rendered = Template("{% querystring " + key + "=value sida=None %}").render(context)
            return rendered.replace("&amp;", "&")

        assert [link for _, link, _ in kinds] == [
            expected("typ", None),
            *(expected("typ", item.slug) for item in KINDS),
        ]
        assert [link for _, link, _ in chips] == [
            expected("amne", None),
            *(expected("amne", t.slug) for t in topics),
        ]
        assert [current for *_, current in kinds] == [not kind] + [k.slug == kind for k in KINDS]
        assert [current for *_, current in chips] == [topic is None, topic is not None, False]
