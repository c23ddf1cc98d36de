import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from kommunwebb.search.models import SynonymGroup, ZeroResultQuery

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model, home):
    user = django_user_model.objects.create_user("redaktor", password="x" * 16)
    user.groups.add(Group.objects.get(name="Webbredaktör"))
    return user


def test_editors_see_the_zero_result_report(client, editor):
    today = timezone.localdate()
    ZeroResultQuery.objects.create(query="parkeringstillstånd", day=today, count=3)
    ZeroResultQuery.objects.create(
        query="parkeringstillstånd", day=today - timezone.timedelta(days=1), count=2
    )
    ZeroResultQuery.objects.create(query="hundrastgård", day=today, count=1)
    client.force_login(editor)
    response = client.get(reverse("search_zero_results"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sökningar utan träffar" in html
    assert html.index("parkeringstillstånd") < html.index("hundrastgård")
    rows = list(response.context["object_list"])
    assert rows[0]["total"] == 5


def test_the_reports_show_the_day_counted_not_a_time_ago(client, editor):
    # Counts are per day: "4 timmar sedan" would claim a moment nobody recorded.
    today = timezone.localdate()
    ZeroResultQuery.objects.create(query="parkeringstillstånd", day=today, count=3)
    client.force_login(editor)
    for name in ("search_zero_results", "search_top_queries", "search_few_hits"):
        if name != "search_zero_results":
            from kommunwebb.search.models import SearchQueryDay

            SearchQueryDay.objects.get_or_create(
                query="parkeringstillstånd", day=today, defaults={"count": 3, "hits": 0}
            )
        html = client.get(reverse(name)).content.decode()
        assert today.isoformat() in html, name
        assert "sedan" not in html, name


def test_report_can_be_exported(client, editor):
    ZeroResultQuery.objects.create(query="snöröjning", day=timezone.localdate(), count=4)
    client.force_login(editor)
    response = client.get(reverse("search_zero_results"), {"export": "csv"})
    assert response.status_code == 200
    assert (
        "snöröjning" in b"".join(response.streaming_content).decode()
        if hasattr(response, "streaming_content")
        else "snöröjning" in response.content.decode()
    )


def test_users_without_permission_cannot_see_the_report(client, django_user_model, home):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("annan", password="x" * 16)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(reverse("search_zero_results"))
    assert response.status_code in (302, 403)


def test_editors_manage_synonyms_in_the_admin(client, editor):
    client.force_login(editor)
    add_url = reverse("wagtailsnippets_kommunwebb_search_synonymgroup:add")
    response = client.post(add_url, {"terms": "Bygglov, bygganmälan"})
    assert response.status_code == 302
    assert SynonymGroup.objects.get().terms == "bygglov, bygganmälan"
    response = client.post(add_url, {"terms": "ensam"})
    assert response.status_code == 200
    assert SynonymGroup.objects.count() == 1


def test_search_menu_for_editors(client, editor):
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    # The menu is rendered from JSON; non-ASCII letters are escaped there.
    assert "S\\u00f6kfunktionen" in html or "Sökfunktionen" in html
    assert reverse("wagtailsearchpromotions:index") in html
    assert reverse("search_zero_results") in html


def test_retention_purges_old_days(home):
    from kommunwebb.retention.registry import get_kind

    today = timezone.localdate()
    old = ZeroResultQuery.objects.create(query="gammal", day=today - timezone.timedelta(days=400))
    new = ZeroResultQuery.objects.create(query="ny", day=today)
    kind = get_kind("search.zero_results")
    cutoff = timezone.now() - kind.period
    assert kind.count_function(cutoff) == 1
    result = kind.purge_function(cutoff, 100)
    total = result if isinstance(result, int) else sum(result)
    assert total == 1
    assert list(ZeroResultQuery.objects.all()) == [new]
    assert not ZeroResultQuery.objects.filter(pk=old.pk).exists()


def test_retention_follows_the_analytics_raw_period(settings, home):
    from datetime import timedelta

    from kommunwebb.retention.registry import get_kind

    settings.RETENTION_PERIODS = {"analytics.raw_events": 12}
    assert get_kind("search.zero_results").period == timedelta(days=12)


def test_admin_searches_use_the_swedish_backend(client, django_user_model, home):
    from wagtail_factories import ImageFactory

    from kommunwebb.news.factories import NewsArticlePageFactory, NewsIndexPageFactory

    admin = django_user_model.objects.create_superuser("admin", password="x" * 16)
    client.force_login(admin)
    news = NewsIndexPageFactory(parent=home)
    NewsArticlePageFactory(parent=news, title="Skolorna öppnar", lead="Om skolor.")
    ImageFactory(title="Skolgården i vinterljus")
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "skola"})
    assert response.status_code == 200
    assert "Skolorna öppnar" in response.content.decode()
    for query in ['"skol', "skol*", "NOT", "((("]:
        assert client.get(reverse("wagtailadmin_pages:search"), {"q": query}).status_code == 200
    response = client.get(reverse("wagtailimages:index"), {"q": "skolgår"})
    assert response.status_code == 200
    assert "Skolgården i vinterljus" in response.content.decode()
